#!/usr/bin/env bash
# List latency at 1,000 jobs against 100,000 jobs, measured side by side in one run:
# two Redis instances and two services, seeded through the API, then wrk on the list
# endpoint alternately (A B A B ...). Prints a markdown table and writes it to
# bench/results/list-scaling.md.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
source "$ROOT/bench/lib.sh"
ROUNDS=${ROUNDS:-3}
SMALL=${SMALL:-1000}
LARGE=${LARGE:-100000}
DURATION=${DURATION:-5s}

"$ROOT/scripts/install-dependencies.sh" wrk
(cd "$ROOT" && swift build -c release --product import-service >/dev/null)

redis_small=$(free_port); redis_large=$(free_port)
start_redis "$redis_small"; start_redis "$redis_large"
port_small=$(free_port); port_large=$(free_port)
pids=("$(start_service "$port_small" "$redis_small")" "$(start_service "$port_large" "$redis_large")")
cleanup() {
  kill "${pids[@]}" 2>/dev/null || true
  redis-cli -p "$redis_small" SHUTDOWN NOSAVE >/dev/null 2>&1 || true
  redis-cli -p "$redis_large" SHUTDOWN NOSAVE >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM  # without the exit, bash would go on after the cleanup

echo "seeding $SMALL and $LARGE jobs..." >&2
seed "$port_small" "$redis_small" "$SMALL"; seed "$port_large" "$redis_large" "$LARGE"
echo "jobs: $(redis-cli -p "$redis_small" ZCARD import:jobs:created) and $(redis-cli -p "$redis_large" ZCARD import:jobs:created)" >&2

for query in "limit=20" "limit=20&status=pending&source_type=github" "limit=20&offset=500"; do
  for round in $(seq "$ROUNDS"); do
    for size in small large; do
      port_var="port_$size"
      LIST_QUERY="$query" wrk_run -t1 -c16 -d"$DURATION" -s "$ROOT/bench/scripts/list.lua" \
        "http://127.0.0.1:${!port_var}" | sed "s/^/$size /" >> "$WORK/$(echo "$query" | tr '&=' '__').txt"
    done
  done
done

{
  echo "| query | jobs | req/s (median) | p50 ms | p99 ms | non-2xx |"
  echo "|---|---|---|---|---|---|"
  for file in "$WORK"/*.txt; do
    query=$(basename "$file" .txt)
    for size in small large; do
      count=$([ $size = small ] && echo "$SMALL" || echo "$LARGE")
      rps=$(awk -v s=$size '$1 == s { print $2 }' "$file" | median)
      p50=$(awk -v s=$size '$1 == s { print $3 }' "$file" | median)
      p99=$(awk -v s=$size '$1 == s { print $4 }' "$file" | median)
      non2xx=$(awk -v s=$size '$1 == s { n += $6 } END { print n + 0 }' "$file")
      echo "| $query | $count | $rps | $p50 | $p99 | $non2xx |"
    done
    small_p50=$(awk '$1 == "small" { print $3 }' "$file" | median)
    large_p50=$(awk '$1 == "large" { print $3 }' "$file" | median)
    echo "| $query | ratio $LARGE/$SMALL p50 | | $(awk -v a="$large_p50" -v b="$small_p50" 'BEGIN { printf "%.2f", a / b }') | | |"
  done
} | tee "$ROOT/bench/results/list-scaling.md.new"
mv "$ROOT/bench/results/list-scaling.md.new" "$ROOT/bench/results/list-scaling.md"
