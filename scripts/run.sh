#!/usr/bin/env bash
# Runs import-service on HOST:PORT (default 127.0.0.1:8100): installs what is missing,
# starts a local redis-server when REDIS_URL is unset and nothing answers on
# localhost:6379, builds the release binary and runs it in the foreground.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-dependencies.sh

if [ -z "${REDIS_URL:-}" ] && ! redis-cli -h 127.0.0.1 -p 6379 PING >/dev/null 2>&1; then
  echo "no Redis on localhost:6379: starting redis-server (log: /tmp/import-service-redis.log)" >&2
  redis-server --port 6379 --bind 127.0.0.1 --daemonize yes --save "" --appendonly no \
    --logfile /tmp/import-service-redis.log
  for _ in $(seq 50); do
    redis-cli -h 127.0.0.1 -p 6379 PING >/dev/null 2>&1 && break
    sleep 0.1
  done
fi

swift build -c release --product import-service
exec .build/release/import-service
