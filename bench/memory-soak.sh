#!/usr/bin/env bash
# Memory under load: a million mixed requests (80% get, 15% list, 5% create) against the
# release build, in 10-second wrk runs; resident memory (VmRSS) is read after the run that
# passes 100,000 requests and after the one that passes 1,000,000, and peak (VmHWM) at the
# end. Writes bench/results/memory-soak.md.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
source "$ROOT/bench/lib.sh"
TOTAL=${TOTAL:-1000000}
CONNECTIONS=${CONNECTIONS:-64}

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
rss() { awk "/^$1:/ { print \$2 }" "/proc/$pid/status"; }

done_requests=0; rss_100k=""; rows=""
while [ "$done_requests" -lt "$TOTAL" ]; do
  out=$(IDS_FILE="$WORK/ids.txt" wrk -t1 -c"$CONNECTIONS" -d10s -s "$ROOT/bench/scripts/mix.lua" "http://127.0.0.1:$port" 2>&1)
  count=$(echo "$out" | awk '/requests in/ { print $1 }')
  non2xx=$(echo "$out" | awk '/Non-2xx/ { print $NF }')
  done_requests=$((done_requests + count))
  rows+="| $done_requests | $(rss VmRSS) | ${non2xx:-0} |"$'\n'
  if [ -z "$rss_100k" ] && [ "$done_requests" -ge 100000 ]; then rss_100k=$(rss VmRSS); fi
done
rss_end=$(rss VmRSS)
{
  echo "Mixed load (80% get, 15% list, 5% create), wrk -t1 -c$CONNECTIONS, 10 s runs, release build."
  echo
  echo "| requests so far | VmRSS kB | non-2xx in run |"
  echo "|---|---|---|"
  printf '%s' "$rows"
  echo
  echo "RSS after 100k requests: $rss_100k kB; after $done_requests: $rss_end kB;" \
    "ratio $(awk -v a="$rss_end" -v b="$rss_100k" 'BEGIN { printf "%.3f", a / b }'); peak (VmHWM) $(rss VmHWM) kB."
} | tee "$ROOT/bench/results/memory-soak.md"
