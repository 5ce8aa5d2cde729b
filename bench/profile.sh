#!/usr/bin/env bash
# Instructions per request, the service against the C baseline, counted by valgrind's callgrind.
# Unlike req/s on a shared machine, an instruction count is reproducible to about 1 %, so this is
# how a change to the request path is judged before the wrk suite (bench/run.sh) confirms it.
#
#   bench/profile.sh                  # get, create and list, service and baseline (mix on request)
#   SCENARIOS="get" bench/profile.sh  # one scenario
#   KEEP=1 bench/profile.sh           # keep the callgrind files (printed) for callgrind_annotate
#
# Both run under callgrind against one redis-server of their own. Per scenario and program: a
# warm-up wrk run, then the counters are zeroed (callgrind_control -z), wrk runs REQUEST_SECONDS
# (5) with 8 connections, the counters are dumped (callgrind_control -d) and divided by the
# requests wrk completed. Settings: SERVICE_ENV (extra VAR=value for the service, default
# "ACCESS_LOG=on", as bench/run.sh runs it), SEED (1000 jobs).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
source "$ROOT/bench/lib.sh"
SCENARIOS=${SCENARIOS:-get create list}
REQUEST_SECONDS=${REQUEST_SECONDS:-5}
SEED=${SEED:-1000}
SERVICE_ENV=${SERVICE_ENV:-ACCESS_LOG=on}

"$ROOT/scripts/install-dependencies.sh" wrk libcjson-dev valgrind
(cd "$ROOT" && swift build -c release --product import-service 2>&1 | tail -1 >&2)
"$ROOT/bench/baseline/build.sh"

redis_port=$(free_port)
start_redis "$redis_port"
pids=()
cleanup() {
  [ ${#pids[@]} -gt 0 ] && kill "${pids[@]}" 2>/dev/null || true
  redis-cli -p "$redis_port" SHUTDOWN NOSAVE >/dev/null 2>&1 || true
  [ "${KEEP:-0}" = 1 ] || rm -rf "$WORK"
}
trap cleanup EXIT

seed_port=$(free_port)
seed_pid=$(start_service "$seed_port" "$redis_port" ACCESS_LOG=off)
seed "$seed_port" "$redis_port" "$SEED"
kill "$seed_pid"; wait "$seed_pid" 2>/dev/null || true
redis-cli -p "$redis_port" ZRANGE import:jobs:created 0 -1 > "$WORK/ids.txt"
watermark=$(redis-cli -p "$redis_port" ZREVRANGE import:jobs:created 0 0 WITHSCORES | tail -1)

# under_callgrind NAME PORT PROGRAM [VAR=value...]: starts PROGRAM under callgrind against the
# Redis above; waits for /health; prints its pid.
under_callgrind() {
  local name=$1 port=$2 program=$3; shift 3
  env "$@" PORT="$port" REDIS_URL="redis://127.0.0.1:$redis_port/0" \
    valgrind --tool=callgrind --callgrind-out-file="$WORK/$name.%p" "$program" >/dev/null 2>>"$WORK/$name.log" &
  local pid=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
  echo "$pid"
}

script_of() { case $1 in get) echo get.lua;; create) echo create.lua;; list) echo list.lua;; mix) echo mix.lua;; esac; }

# count NAME PID PORT SCENARIO: prints instructions per request for one scenario.
count() {
  local name=$1 pid=$2 port=$3 scenario=$4 requests dump
  (cd "$ROOT/bench/scripts" && IDS_FILE="$WORK/ids.txt" timeout 60 wrk -t1 -c8 -d2s -s "$(script_of "$scenario")" "http://127.0.0.1:$port" >/dev/null 2>&1)
  callgrind_control -z "$pid" >/dev/null 2>&1
  requests=$(cd "$ROOT/bench/scripts" && IDS_FILE="$WORK/ids.txt" timeout 60 wrk -t1 -c8 -d"${REQUEST_SECONDS}s" \
    -s "$(script_of "$scenario")" "http://127.0.0.1:$port" 2>&1 | awk '/requests in/ { print $1 }')
  callgrind_control -d "$scenario" "$pid" >/dev/null 2>&1
  dump=$(ls -t "$WORK/$name.$pid".* | head -1)
  awk -v n="$requests" -v file="$dump" '/^summary:|^totals:/ { total = $2 } END { printf "%d requests, %d instructions per request  (%s)\n", n, total / n, file }' "$dump"
  if [ "$scenario" = create ] || [ "$scenario" = mix ]; then forget_jobs_after "$redis_port" "$watermark"; fi
}

service_port=$(free_port)
# shellcheck disable=SC2086
service_pid=$(under_callgrind service "$service_port" "$ROOT/.build/release/import-service" $SERVICE_ENV)
pids+=("$service_pid")
baseline_port=$(free_port)
baseline_pid=$(under_callgrind baseline "$baseline_port" "$ROOT/bench/out/baseline")
pids+=("$baseline_pid")

for scenario in $SCENARIOS; do
  echo "$scenario service:  $(count service "$service_pid" "$service_port" "$scenario")"
  echo "$scenario baseline: $(count baseline "$baseline_pid" "$baseline_port" "$scenario")"
done
