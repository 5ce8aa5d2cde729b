#!/usr/bin/env bash
# The benchmark suite: the Swift service against the C baseline (bench/baseline, a measuring
# stick running the same Redis commands and Lua scripts), measured side by side in one run.
#
#   bench/run.sh                 # full: 16/64/256 connections, 3 rounds of 10 s (about 25 min)
#   QUICK=1 bench/run.sh         # fast check: 64 connections, 1 round of 3 s
#
# Settings (environment): DURATION (10s), ROUNDS (3), CONNECTIONS ("16 64 256"), SEED (10000
# jobs), PROCESSING (2000 of them moved to processing, the PATCH targets), SCENARIOS
# ("get list list_status create patch mix"), SERVICE_ENV (extra VAR=value settings for the
# service, e.g. "ACCESS_LOG=off"), REDIS_BENCHMARK (1; 0 skips redis-benchmark), RESULTS_NAME
# (latest: the report goes to bench/results/$RESULTS_NAME.md and .json).
#
# One redis-server of its own (no persistence), the service and the baseline on free loopback
# ports against it. Seeds SEED jobs through the service, then for every scenario, connection
# count and round runs wrk (-t1) against the service and the baseline alternately, the order
# swapped every round (A B, B A, ...). Jobs a run creates are deleted after it, so every run
# sees the seeded data set. Per run it reads the service's and the baseline's CPU time
# (utime + stime in /proc/PID/stat) before and after, and their peak RSS (VmHWM). Writes
# bench/results/latest.md and bench/results/latest.json (see bench/RESULTS.md).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
source "$ROOT/bench/lib.sh"

if [ "${QUICK:-0}" = 1 ]; then
  DURATION=${DURATION:-3s}; ROUNDS=${ROUNDS:-1}; CONNECTIONS=${CONNECTIONS:-64}
fi
DURATION=${DURATION:-10s}
ROUNDS=${ROUNDS:-3}
CONNECTIONS=${CONNECTIONS:-16 64 256}
SEED=${SEED:-10000}
PROCESSING=${PROCESSING:-2000}
SCENARIOS=${SCENARIOS:-get list list_status create patch mix}
SERVICE_ENV=${SERVICE_ENV:-}
REDIS_BENCHMARK=${REDIS_BENCHMARK:-1}
RESULTS="$ROOT/bench/results"
RESULTS_NAME=${RESULTS_NAME:-latest}
seconds=${DURATION%s}
[[ "$seconds" =~ ^[0-9]+$ ]] || { echo "DURATION must be whole seconds, e.g. 10s" >&2; exit 2; }
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

log "dependencies and builds"
"$ROOT/scripts/install-dependencies.sh" wrk libcjson-dev
(cd "$ROOT" && swift build -c release --product import-service 2>&1 | tail -1 >&2)
"$ROOT/bench/baseline/build.sh"

redis_port=$(free_port)
start_redis "$redis_port"
redis_pid=$(cat "$WORK/redis-$redis_port.pid")
pids=()
cleanup() {
  [ ${#pids[@]} -gt 0 ] && kill "${pids[@]}" 2>/dev/null || true
  redis-cli -p "$redis_port" SHUTDOWN NOSAVE >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

service_port=$(free_port)
# shellcheck disable=SC2086
service_pid=$(start_service "$service_port" "$redis_port" $SERVICE_ENV)
pids+=("$service_pid")
curl -sf "http://127.0.0.1:$service_port/health" >/dev/null || { echo "the service did not start" >&2; cat "$WORK"/service-*.log >&2; exit 1; }

# The baseline must run exactly the service's scripts: take them from the running service and
# compare them with the committed copies the baseline loads.
log "checking bench/baseline/scripts against the scripts the service sends"
capture_service_scripts "$redis_port" "$service_port" "$WORK/service-scripts"
for name in create list update prune; do
  if ! cmp -s "$WORK/service-scripts/$name.lua" "$ROOT/bench/baseline/scripts/$name.lua"; then
    diff -u "$ROOT/bench/baseline/scripts/$name.lua" "$WORK/service-scripts/$name.lua" >&2 || true
    echo "bench/baseline/scripts/$name.lua differs from the script the service runs (above)." >&2
    echo "Update the copies with: bench/baseline/sync-scripts.sh" >&2
    exit 1
  fi
done
redis-cli -p "$redis_port" FLUSHALL >/dev/null

baseline_port=$(free_port)
baseline_pid=$(start_baseline "$baseline_port" "$redis_port")
pids+=("$baseline_pid")
curl -sf "http://127.0.0.1:$baseline_port/health" >/dev/null || { echo "the baseline did not start" >&2; cat "$WORK"/baseline-*.log >&2; exit 1; }

log "seeding $SEED jobs, $PROCESSING of them processing"
seed "$service_port" "$redis_port" "$SEED"
redis-cli -p "$redis_port" ZRANGE import:jobs:created 0 -1 > "$WORK/ids.txt"
head -n "$PROCESSING" "$WORK/ids.txt" > "$WORK/to-process.txt"
IDS_FILE="$WORK/to-process.txt" timeout 300 wrk -t1 -c16 -d300s -s "$ROOT/bench/scripts/start-processing.lua" \
  "http://127.0.0.1:$service_port" >/dev/null 2>&1 &
wrk_pid=$!
wait_for_count "$redis_port" import:jobs:status:processing "$PROCESSING" 120 ||
  log "only $(redis-cli -p "$redis_port" ZCARD import:jobs:status:processing) jobs reached processing in 120 s"
kill "$wrk_pid" 2>/dev/null; wait "$wrk_pid" 2>/dev/null || true
redis-cli -p "$redis_port" ZRANGE import:jobs:status:processing 0 -1 > "$WORK/processing-ids.txt"
watermark=$(redis-cli -p "$redis_port" ZREVRANGE import:jobs:created 0 0 WITHSCORES | tail -1)
jobs_seeded=$(redis-cli -p "$redis_port" ZCARD import:jobs:created)
log "jobs: $jobs_seeded, processing: $(wc -l < "$WORK/processing-ids.txt")"

script_of() { case $1 in get) echo get.lua;; list|list_status) echo list.lua;; create) echo create.lua;; patch) echo patch.lua;; mix) echo mix.lua;; esac; }
query_of() { case $1 in list_status) echo "limit=20&status=pending";; *) echo "limit=20";; esac; }
ids_of() { case $1 in patch) echo "$WORK/processing-ids.txt";; *) echo "$WORK/ids.txt";; esac; }
creates() { [ "$1" = create ] || [ "$1" = mix ]; }

# measure TARGET SCENARIO CONNECTIONS ROUND SECONDS: one wrk run; appends a line to raw.tsv.
measure() {
  local target=$1 scenario=$2 connections=$3 round=$4 duration=$5 pid port
  if [ "$target" = service ]; then pid=$service_pid port=$service_port; else pid=$baseline_pid port=$baseline_port; fi
  local cpu_before redis_before cpu_after redis_after result
  cpu_before=$(cpu_ticks "$pid"); redis_before=$(cpu_ticks "$redis_pid")
  result=$(cd "$ROOT/bench/scripts" && IDS_FILE=$(ids_of "$scenario") LIST_QUERY=$(query_of "$scenario") \
    WRK_TIMEOUT=$((duration + 30)) wrk_bench -t1 -c"$connections" -d"${duration}s" --timeout 5s \
    -s "$(script_of "$scenario")" "http://127.0.0.1:$port") || true
  cpu_after=$(cpu_ticks "$pid"); redis_after=$(cpu_ticks "$redis_pid")
  [ -n "$result" ] || { log "wrk printed no result for $target $scenario c$connections"; result="0 1 0 0 0 0 0 0 0"; }
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$target" "$scenario" "$connections" "$round" \
    "$(echo "$result" | tr ' ' '\t')" "$((cpu_after - cpu_before))" "$((redis_after - redis_before))" \
    "$(proc_kb "$pid" VmHWM)" "$(proc_kb "$pid" VmRSS)" "$(proc_kb "$redis_pid" VmRSS)" >> "$WORK/raw.tsv"
  if [ "$target" = service ]; then
    # The service's log: keep what is not an access line, count the non-2xx statuses, start afresh.
    local service_log="$WORK/service-$service_port.log"
    grep -v '"message":"request"' "$service_log" | sed "s/^/$scenario c$connections r$round: /" >> "$WORK/service-events.txt" || true
    grep -o '"status":[0-9]*' "$service_log" | grep -v '"status":2' | sort | uniq -c |
      awk -v s="$scenario" -v c="$connections" -v r="$round" '{ sub(/"status":/, "", $2); print s "\t" c "\t" r "\t" $2 "\t" $1 }' \
      >> "$WORK/service-statuses.tsv" || true
    : > "$service_log"
  fi
  if creates "$scenario"; then forget_jobs_after "$redis_port" "$watermark"; fi
  echo "$result"
}

log "warming up both (2 s mix each, not recorded)"
for target in service baseline; do measure "$target" mix 64 0 2 >/dev/null; done
: > "$WORK/raw.tsv"; : > "$WORK/service-statuses.tsv"; : > "$WORK/service-events.txt"
rss_start_service=$(proc_kb "$service_pid" VmRSS); rss_start_baseline=$(proc_kb "$baseline_pid" VmRSS)

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
for scenario in $SCENARIOS; do
  for connections in $CONNECTIONS; do
    for round in $(seq "$ROUNDS"); do
      order="service baseline"; [ $((round % 2)) = 0 ] && order="baseline service"
      for target in $order; do
        result=$(measure "$target" "$scenario" "$connections" "$round" "$seconds")
        log "$scenario c$connections round $round $target: $(echo "$result" | awk '{ printf "%.0f req/s, p99 %.2f ms, non-2xx %d, socket errors %d", $1 / ($2 / 1e6), $5 / 1000, $8, $9 }')"
      done
    done
  done
done
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

: > "$WORK/redis-benchmark.tsv"
if [ "$REDIS_BENCHMARK" = 1 ]; then
  log "redis-benchmark: the Redis side of the same requests"
  read -r list_sha _ < <(sha1sum "$ROOT/bench/baseline/scripts/list.lua")
  read -r update_sha _ < <(sha1sum "$ROOT/bench/baseline/scripts/update.lua")
  read -r create_sha _ < <(sha1sum "$ROOT/bench/baseline/scripts/create.lua")
  job=$(head -1 "$WORK/ids.txt"); busy=$(head -1 "$WORK/processing-ids.txt")
  bench_id=00000000-0000-4000-8000-00000000beef
  document=$(redis-cli -p "$redis_port" GET "import:job:$job" | sed "s/$job/$bench_id/")
  now_ms=$(($(date +%s%3N)))
  now_iso=$(date -u +%Y-%m-%dT%H:%M:%S.000Z)
  requests=$((seconds * 10000)); [ "$requests" -gt 100000 ] && requests=100000
  for connections in $CONNECTIONS; do
    run_rb() { # NAME COMMAND...
      local name=$1; shift
      local line
      line=$(timeout $((seconds * 3 + 30)) redis-benchmark -p "$redis_port" -c "$connections" -n "$requests" --csv "$@" 2>/dev/null | tail -1) || true
      printf '%s\t%s\t%s\n' "$name" "$connections" "$line" >> "$WORK/redis-benchmark.tsv"
    }
    run_rb "GET import:job:{id}" GET "import:job:$job"
    run_rb "EVALSHA list (limit 20)" EVALSHA "$list_sha" 0 "" "" "" 0 20
    run_rb "EVALSHA list (status=pending)" EVALSHA "$list_sha" 0 "" pending "" 0 20
    run_rb "EVALSHA update (progress)" EVALSHA "$update_sha" 1 "import:job:$busy" "$busy" "" processing "1000 500 0 50" keep "" "$now_iso" 86400
    run_rb "EVALSHA create (one key)" EVALSHA "$create_sha" 2 "import:job:$bench_id" "import:job:$bench_id" "$bench_id" "$document" 86400 "$now_ms" "" pending jira ""
    forget_jobs_after "$redis_port" "$watermark"
  done
fi

cat > "$WORK/meta.json" <<EOF
{"command": $(printf '%s' "${BENCH_COMMAND:-$(env | grep -E '^(QUICK|DURATION|ROUNDS|CONNECTIONS|SEED|PROCESSING|SCENARIOS|SERVICE_ENV|REDIS_BENCHMARK|RESULTS_NAME)=' | sort | tr '\n' ' ')bench/run.sh}" | python3 -c 'import json,sys; print(json.dumps(sys.stdin.read()))'),
 "started": "$started", "finished": "$(date -u +%Y-%m-%dT%H:%M:%SZ)",
 "duration_s": $seconds, "rounds": $ROUNDS, "connections": [$(echo $CONNECTIONS | tr ' ' ',')],
 "seed_jobs": $jobs_seeded, "processing_jobs": $(wc -l < "$WORK/processing-ids.txt"),
 "service_env": "$SERVICE_ENV", "clock_ticks_per_s": $(getconf CLK_TCK),
 "rss_kb_after_warmup": {"service": $rss_start_service, "baseline": $rss_start_baseline},
 "nproc": $(nproc), "cpu": "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')",
 "kernel": "$(uname -r)", "swift": "$(swift --version 2>&1 | grep -m1 'Swift version' | sed 's/"//g')",
 "wrk": "$(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)", "redis": "$(redis-server --version | cut -d' ' -f3)",
 "git": "$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null)$(cd "$ROOT" && git diff --quiet HEAD -- Sources 2>/dev/null || echo ' (Sources modified)')",
 "loadavg_start": "$load_start", "loadavg_end": "$load_end"}
EOF
mkdir -p "$RESULTS"
python3 "$ROOT/bench/report.py" "$WORK/raw.tsv" "$WORK/service-statuses.tsv" "$WORK/service-events.txt" \
  "$WORK/redis-benchmark.tsv" "$WORK/meta.json" \
  "$RESULTS/$RESULTS_NAME.md.new" "$RESULTS/$RESULTS_NAME.json.new"
mv "$RESULTS/$RESULTS_NAME.md.new" "$RESULTS/$RESULTS_NAME.md"
mv "$RESULTS/$RESULTS_NAME.json.new" "$RESULTS/$RESULTS_NAME.json"
cat "$RESULTS/$RESULTS_NAME.md"
if [ -s "$WORK/service-events.txt" ]; then
  echo "service log lines other than access lines during the runs (first 20 of $(wc -l < "$WORK/service-events.txt")):" >&2
  head -20 "$WORK/service-events.txt" >&2
fi
