# Shared helpers for the benchmark scripts: free ports, Redis and service processes, wrk parsing.

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# start_redis PORT: a throwaway redis-server with no persistence.
start_redis() {
  redis-server --port "$1" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
    --logfile "$WORK/redis-$1.log" --pidfile "$WORK/redis-$1.pid"
  for _ in $(seq 50); do redis-cli -p "$1" PING >/dev/null 2>&1 && return; sleep 0.1; done
  echo "redis on $1 did not start" >&2; exit 1
}

# start_service PORT REDIS_PORT [ENV...]: the release binary in the background; prints its pid.
start_service() {
  local port=$1 redis_port=$2; shift 2
  env "$@" PORT="$port" REDIS_URL="redis://127.0.0.1:$redis_port/0" "$ROOT/.build/release/import-service" \
    >/dev/null 2>>"$WORK/service-$port.log" &
  local pid=$!
  for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.1; done
  echo "$pid"
}

# seed PORT REDIS_PORT COUNT: creates about COUNT jobs through the API (wrk stops sending at
# COUNT but sleeps out its duration, so it is stopped once Redis holds them).
seed() {
  SEED_COUNT=$3 wrk -t1 -c32 -d600s -s "$ROOT/bench/scripts/seed.lua" "http://127.0.0.1:$1" >/dev/null 2>&1 &
  local wrk_pid=$!
  wait_for_count "$2" import:jobs:created "$3" 600 || echo "seeding stopped at $(redis-cli -p "$2" ZCARD import:jobs:created) jobs" >&2
  kill "$wrk_pid" 2>/dev/null; wait "$wrk_pid" 2>/dev/null || true
}

# wait_for_count REDIS_PORT SORTED_SET COUNT SECONDS: waits until the set holds COUNT members;
# fails after SECONDS.
wait_for_count() {
  local deadline=$((SECONDS + $4)) count
  while [ "$SECONDS" -lt "$deadline" ]; do
    count=$(redis-cli -p "$1" ZCARD "$2" 2>/dev/null) || return 1
    [ "${count:-0}" -ge "$3" ] && return 0
    sleep 0.2
  done
  return 1
}

# wrk_run ARGS...: runs wrk with --latency and prints "rps p50_ms p99_ms p999_ms non2xx errors"
# (p999 from the BENCH line of scripts that load report.lua; --latency alone has no 99.9).
wrk_run() {
  wrk --latency "$@" 2>&1 | awk '
    function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
    /Requests\/sec/ { rps = $2 }
    /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) } /^ +99.900%/ { p999 = ms($2) }
    /Non-2xx/ { non2xx = $NF } /Socket errors/ { errors = $4 + $6 + $8 + $10 }
    /^BENCH / { for (i = 2; i <= NF; i++) if ($i ~ /^p999_us=/) { sub(/^p999_us=/, "", $i); p999 = $i / 1000 } }
    END { printf "%s %.3f %.3f %.3f %d %d\n", rps, p50, p99, p999, non2xx, errors }'
}

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# --- used by bench/run.sh ---------------------------------------------------------------

# start_baseline PORT REDIS_PORT: the C baseline (bench/out/baseline) in the background; prints its pid.
start_baseline() {
  PORT="$1" REDIS_URL="redis://127.0.0.1:$2/0" "$ROOT/bench/out/baseline" >/dev/null 2>>"$WORK/baseline-$1.log" &
  local pid=$!
  for _ in $(seq 50); do curl -sf "http://127.0.0.1:$1/health" >/dev/null && break; sleep 0.1; done
  echo "$pid"
}

# wrk_bench ARGS...: runs wrk with a bench/scripts script (which loads report.lua), killed after
# WRK_TIMEOUT seconds (600), and prints "requests duration_us p50_us p90_us p99_us p999_us max_us
# non2xx socket_errors", or nothing when wrk printed no BENCH line.
wrk_bench() {
  timeout "${WRK_TIMEOUT:-600}" wrk "$@" 2>&1 | awk '/^BENCH / {
      for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
      print v["requests"], v["duration_us"], v["p50_us"], v["p90_us"], v["p99_us"], v["p999_us"], v["max_us"],
            v["non2xx"], v["connect"] + v["read"] + v["write"] + v["timeout"] }'
}

# cpu_ticks PID: utime + stime of the process, in clock ticks (fields 14 and 15 of /proc/PID/stat).
cpu_ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"; }

# proc_kb PID FIELD: a /proc/PID/status figure in kB (VmHWM = peak RSS, VmRSS = RSS now).
proc_kb() { awk -v f="$2:" '$1 == f { print $2 }' "/proc/$1/status"; }

# capture_service_scripts REDIS_PORT SERVICE_PORT OUTDIR: makes the service run its create,
# list, update and prune scripts against a Redis that does not know them yet (so it sends each
# one's source with EVAL after NOSCRIPT), records them with MONITOR and writes them to OUTDIR.
# The probe job it creates stays; flush Redis afterwards.
capture_service_scripts() {
  local redis_port=$1 port=$2 outdir=$3 monitor="$WORK/monitor.txt"
  redis-cli -p "$redis_port" SCRIPT FLUSH >/dev/null
  timeout 15 redis-cli -p "$redis_port" MONITOR > "$monitor" &
  local monitor_pid=$!
  sleep 0.3
  local id
  id=$(curl -sf -X POST "http://127.0.0.1:$port/api/imports" -H 'Content-Type: application/json' \
    -d '{"source_type":"github","source_config":{"token":"t","owner":"o","repo":"r"}}' |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["job_id"])')
  curl -sf "http://127.0.0.1:$port/api/imports?limit=1" >/dev/null
  curl -sf -X PATCH "http://127.0.0.1:$port/api/imports/$id" -H 'Content-Type: application/json' \
    -d '{"status":"processing","progress":{"total_items":2,"processed_items":1}}' >/dev/null
  # The expiry sweep runs every 5 s; wait until its EVAL has been seen.
  for _ in $(seq 70); do grep -q 'return prune(now_ms(), tonumber(ARGV\[1\]))"' "$monitor" && break; sleep 0.1; done
  sleep 0.2
  kill "$monitor_pid" 2>/dev/null || true; wait "$monitor_pid" 2>/dev/null || true
  python3 "$ROOT/bench/baseline/extract-scripts.py" "$monitor" "$outdir" >/dev/null
}

# forget_jobs_after REDIS_PORT SCORE: deletes every job created after SCORE (ms) with its index
# entries, so a create run leaves the data set as seeded.
forget_jobs_after() {
  while [ "$(redis-cli -p "$1" --eval "$ROOT/bench/redis/forget-newer.lua" , "$2" 20000)" != "0" ]; do :; done
}
