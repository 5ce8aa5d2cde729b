#!/usr/bin/env bash
# Copies the Lua scripts the service runs (create, list, update, prune) into
# bench/baseline/scripts, byte for byte, as the running release build sends them to Redis.
# Run it after changing Sources/ImportService/JobScripts.swift; bench/run.sh refuses to
# measure while the copies differ.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d)
source "$ROOT/bench/lib.sh"
(cd "$ROOT" && swift build -c release --product import-service 2>&1 | tail -1 >&2)
redis_port=$(free_port); start_redis "$redis_port"
port=$(free_port); pid=$(start_service "$port" "$redis_port")
trap 'kill "$pid" 2>/dev/null || true; redis-cli -p "$redis_port" SHUTDOWN NOSAVE >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT
capture_service_scripts "$redis_port" "$port" "$WORK/scripts"
for name in create list update prune; do
  cmp -s "$WORK/scripts/$name.lua" "$ROOT/bench/baseline/scripts/$name.lua" && continue
  cp "$WORK/scripts/$name.lua" "$ROOT/bench/baseline/scripts/$name.lua"
  echo "updated bench/baseline/scripts/$name.lua"
done
