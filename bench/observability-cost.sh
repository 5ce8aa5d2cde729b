#!/usr/bin/env bash
# What metrics and the access log cost: GET by id with wrk against three instances of the
# release build on one Redis (bare; metrics on; metrics and access log on, stderr to a file),
# measured alternately in one run. Prints a markdown table and writes it to
# bench/results/observability-cost.md.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
source "$ROOT/bench/lib.sh"
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-5s}
CONNECTIONS=${CONNECTIONS:-64}

"$ROOT/scripts/install-dependencies.sh" wrk
(cd "$ROOT" && swift build -c release --product import-service >/dev/null)

redis_port=$(free_port); start_redis "$redis_port"
names=(bare metrics metrics+access-log)
settings=("METRICS=off ACCESS_LOG=off" "METRICS=on ACCESS_LOG=off" "METRICS=on ACCESS_LOG=on")
ports=(); pids=()
for index in 0 1 2; do
  port=$(free_port); ports+=("$port")
  # shellcheck disable=SC2086
  pids+=("$(start_service "$port" "$redis_port" ${settings[$index]})")
done
cleanup() {
  kill "${pids[@]}" 2>/dev/null || true
  redis-cli -p "$redis_port" SHUTDOWN NOSAVE >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

seed "${ports[0]}" "$redis_port" 1000
redis-cli -p "$redis_port" ZRANGE import:jobs:created 0 -1 > "$WORK/ids.txt"

for round in $(seq "$ROUNDS"); do
  for index in 0 1 2; do
    IDS_FILE="$WORK/ids.txt" wrk_run -t1 -c"$CONNECTIONS" -d"$DURATION" -s "$ROOT/bench/scripts/get.lua" \
      "http://127.0.0.1:${ports[$index]}" | sed "s/^/$index /" >> "$WORK/results.txt"
  done
done

{
  echo "GET /api/imports/{id}, wrk -t1 -c$CONNECTIONS -d$DURATION, $ROUNDS alternating rounds, medians"
  echo
  echo "| instance | req/s | p50 ms | p99 ms | non-2xx | req/s vs bare |"
  echo "|---|---|---|---|---|---|"
  bare=$(awk '$1 == 0 { print $2 }' "$WORK/results.txt" | median)
  for index in 0 1 2; do
    rps=$(awk -v i=$index '$1 == i { print $2 }' "$WORK/results.txt" | median)
    p50=$(awk -v i=$index '$1 == i { print $3 }' "$WORK/results.txt" | median)
    p99=$(awk -v i=$index '$1 == i { print $4 }' "$WORK/results.txt" | median)
    non2xx=$(awk -v i=$index '$1 == i { n += $6 } END { print n + 0 }' "$WORK/results.txt")
    echo "| ${names[$index]} | $rps | $p50 | $p99 | $non2xx | $(awk -v a="$rps" -v b="$bare" 'BEGIN { printf "%.3f", a / b }') |"
  done
} | tee "$ROOT/bench/results/observability-cost.md"
