#!/usr/bin/env bash
# The first version's load check: wrk -t1 -c64 -d10s on GET /api/imports/{id}, POST
# /api/imports and GET /api/imports, twice each, against the release build; reports req/s,
# socket errors, non-2xx and the service's RSS after each run. Writes bench/results/smoke.md.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
source "$ROOT/bench/lib.sh"
DURATION=${DURATION:-10s}

"$ROOT/scripts/install-dependencies.sh" wrk
(cd "$ROOT" && swift build -c release --product import-service >/dev/null)
redis_port=$(free_port); start_redis "$redis_port"
port=$(free_port)
pid=$(start_service "$port" "$redis_port")
cleanup() {
  kill "$pid" 2>/dev/null || true
  redis-cli -p "$redis_port" SHUTDOWN NOSAVE >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

seed "$port" "$redis_port" 1000
redis-cli -p "$redis_port" ZRANGE import:jobs:created 0 999 > "$WORK/ids.txt"
{
  echo "wrk -t1 -c64 -d$DURATION, release build, each scenario twice"
  echo
  echo "| run | scenario | req/s | p99 ms | non-2xx | socket errors | RSS after (kB) |"
  echo "|---|---|---|---|---|---|---|"
  for run in 1 2; do
    for scenario in get create list; do
      result=$(IDS_FILE="$WORK/ids.txt" wrk_run -t1 -c64 -d"$DURATION" -s "$ROOT/bench/scripts/$scenario.lua" \
        "http://127.0.0.1:$port/api/imports")
      read -r rps p50 p99 p999 non2xx errors <<< "$result"
      echo "| $run | $scenario | $rps | $p99 | $non2xx | $errors | $(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status") |"
    done
  done
} | tee "$ROOT/bench/results/smoke.md"
