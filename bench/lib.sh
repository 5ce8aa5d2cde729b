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
  until [ "$(redis-cli -p "$2" ZCARD import:jobs:created)" -ge "$3" ]; do sleep 0.2; done
  kill "$wrk_pid"; wait "$wrk_pid" 2>/dev/null || true
}

# wrk_run ARGS...: runs wrk with --latency and prints "rps p50_ms p99_ms p999_ms non2xx errors".
wrk_run() {
  wrk --latency "$@" 2>&1 | awk '
    function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
    /Requests\/sec/ { rps = $2 }
    /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) } /^ +99.900%/ { p999 = ms($2) }
    /Non-2xx/ { non2xx = $NF } /Socket errors/ { errors = $4 + $6 + $8 + $10 }
    END { printf "%s %.3f %.3f %.3f %d %d\n", rps, p50, p99, p999, non2xx, errors }'
}

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
