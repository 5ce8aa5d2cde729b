#!/usr/bin/env bash
# WORKERS=1 against WORKERS=2 (GET by id and the mix, wrk -t1 -c64), alternating rounds in one
# run. On a 2-core machine wrk and Redis share the cores with the service, so expect little.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
source "$ROOT/bench/lib.sh"
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-5s}
"$ROOT/scripts/install-dependencies.sh" wrk
(cd "$ROOT" && swift build -c release --product import-service >/dev/null)
redis_port=$(free_port); start_redis "$redis_port"
port1=$(free_port); port2=$(free_port)
pids=("$(start_service "$port1" "$redis_port" WORKERS=1)" "$(start_service "$port2" "$redis_port" WORKERS=2)")
cleanup() { kill "${pids[@]}" 2>/dev/null || true; redis-cli -p "$redis_port" SHUTDOWN NOSAVE >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap 'cleanup; exit 130' INT TERM
trap cleanup EXIT
seed "$port1" "$redis_port" 1000
redis-cli -p "$redis_port" ZRANGE import:jobs:created 0 999 > "$WORK/ids.txt"
for scenario in get mix; do
  for round in $(seq "$ROUNDS"); do
    for workers in 1 2; do
      port_var="port$workers"
      IDS_FILE="$WORK/ids.txt" wrk_run -t1 -c64 -d"$DURATION" -s "$ROOT/bench/scripts/$scenario.lua" \
        "http://127.0.0.1:${!port_var}" | sed "s/^/$scenario $workers /" >> "$WORK/results.txt"
    done
  done
done
{
  echo "| scenario | WORKERS | req/s (median) | p99 ms | non-2xx |"
  echo "|---|---|---|---|---|"
  for scenario in get mix; do
    for workers in 1 2; do
      rps=$(awk -v s=$scenario -v w=$workers '$1 == s && $2 == w { print $3 }' "$WORK/results.txt" | median)
      p99=$(awk -v s=$scenario -v w=$workers '$1 == s && $2 == w { print $5 }' "$WORK/results.txt" | median)
      non2xx=$(awk -v s=$scenario -v w=$workers '$1 == s && $2 == w { n += $7 } END { print n + 0 }' "$WORK/results.txt")
      echo "| $scenario | $workers | $rps | $p99 | $non2xx |"
    done
  done
} | tee "$ROOT/bench/results/workers.md"
