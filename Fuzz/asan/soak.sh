#!/usr/bin/env bash
# ASan/LSan soak of the server: a wrk mix (create, get, list, PATCH, odd requests) against an
# AddressSanitizer build, with its Redis killed (SIGKILL) and restarted in the middle, then a
# SIGTERM so LeakSanitizer reports at exit.
#
#   swift build -c debug -Xswiftc -sanitize=address --product import-service --build-path .build-asan
#   Fuzz/asan/soak.sh                       # .build-asan/debug/import-service, 60 s
#   Fuzz/asan/soak.sh path/to/binary 120
#
# Everything runs at nice 19 on free ports with a private redis-server (no persistence).
# ASan/LSan reports go to $ASAN_LOG_DIR/import-service.<pid> (default /tmp/asan); no file
# means no report. The service's stderr, /metrics before and after, and wrk's output go to a
# work directory printed at the start. Only processes started here are signalled, by pid.
set -euo pipefail

FUZZ_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT="$(cd "$FUZZ_DIR/.." && pwd)"
BINARY="${1:-$ROOT/.build-asan/debug/import-service}"
DURATION="${2:-60}"
ASAN_LOG_DIR="${ASAN_LOG_DIR:-/tmp/asan}"
WORK="$(mktemp -d /tmp/asan-soak.XXXXXX)"
NICE="nice -n 19"
mkdir -p "$ASAN_LOG_DIR"
echo "work directory: $WORK" >&2

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

redis_pid="" service_pid="" wrk_pid=""
cleanup() {
    for pid in $wrk_pid $service_pid $redis_pid; do
        kill -KILL "$pid" 2>/dev/null || true
    done
}
trap cleanup EXIT

start_redis() {
    $NICE redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no \
        >>"$WORK/redis.log" 2>&1 &
    redis_pid=$!
    for _ in $(seq 100); do redis-cli -p "$redis_port" PING >/dev/null 2>&1 && return; sleep 0.1; done
    echo "redis-server on $redis_port did not start" >&2
    exit 1
}

redis_port=$(free_port)
port=$(free_port)
start_redis
echo "redis-server pid $redis_pid on port $redis_port" >&2

ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:log_path=$ASAN_LOG_DIR/import-service}" \
    HOST=127.0.0.1 PORT="$port" REDIS_URL="redis://127.0.0.1:$redis_port/0" \
    $NICE "$BINARY" >"$WORK/service.stdout" 2>"$WORK/service.stderr" &
service_pid=$!
for _ in $(seq 300); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.1; done
curl -sf "http://127.0.0.1:$port/health" >/dev/null || { echo "service did not start" >&2; cat "$WORK/service.stderr" >&2; exit 1; }
echo "import-service pid $service_pid on port $port" >&2

# Seed jobs; put half of them into processing so PATCH progress reports are accepted.
: >"$WORK/ids.txt"
for i in $(seq 200); do
    id=$(curl -sf -X POST "http://127.0.0.1:$port/api/imports" -H 'Content-Type: application/json' \
        -d '{"source_type":"github","source_config":{"token":"t","owner":"o","repo":"r'"$i"'"}}' \
        | python3 -c 'import json,sys; print(json.load(sys.stdin)["job_id"])')
    echo "$id" >>"$WORK/ids.txt"
    if [ $((i % 2)) = 0 ]; then
        curl -sf -o /dev/null -X PATCH "http://127.0.0.1:$port/api/imports/$id" \
            -H 'Content-Type: application/json' -d '{"status":"processing"}'
    fi
done
echo "seeded $(wc -l <"$WORK/ids.txt") jobs" >&2
curl -sf "http://127.0.0.1:$port/metrics" >"$WORK/metrics-before.txt" || true

IDS_FILE="$WORK/ids.txt" $NICE wrk -t2 -c16 -d"${DURATION}s" -s "$FUZZ_DIR/asan/mix.lua" \
    "http://127.0.0.1:$port" >"$WORK/wrk.txt" 2>&1 &
wrk_pid=$!

# Redis outage in the middle: SIGKILL at 1/3 of the run, restart 5 s later on the same port.
sleep $((DURATION / 3))
kill -KILL "$redis_pid"
wait "$redis_pid" 2>/dev/null || true
echo "redis-server killed (SIGKILL) at $(date +%T)" >&2
sleep 5
start_redis
echo "redis-server restarted, pid $redis_pid, at $(date +%T)" >&2

wait "$wrk_pid" || true
wrk_pid=""
cat "$WORK/wrk.txt" >&2
curl -sf "http://127.0.0.1:$port/metrics" >"$WORK/metrics-after.txt" || true

# SIGTERM: graceful shutdown, exit(0), LeakSanitizer runs at exit.
kill -TERM "$service_pid"
status=0
wait "$service_pid" || status=$?
service_pid=""
echo "import-service exited with status $status" >&2
kill -KILL "$redis_pid" 2>/dev/null || true
wait "$redis_pid" 2>/dev/null || true
redis_pid=""

grep -E 'import_http_requests_total' "$WORK/metrics-after.txt" >"$WORK/requests-by-status.txt" 2>/dev/null || true
echo "ASan/LSan reports of this run (none means clean):" >&2
ls -la "$ASAN_LOG_DIR"/import-service.* 2>/dev/null || echo "  none in $ASAN_LOG_DIR" >&2
echo "service stderr lines mentioning Sanitizer:" >&2
grep -c Sanitizer "$WORK/service.stderr" >&2 || true
exit "$status"
