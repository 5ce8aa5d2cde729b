#!/usr/bin/env bash
# Builds the C baseline (a measuring stick, not product) into bench/out/baseline.
# Needs libevent-dev, libhiredis-dev and libcjson-dev (bench/run.sh installs them).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$ROOT/bench/out"
gcc -O2 -g -Wall -Wextra -std=gnu11 \
  -DSCRIPTS_DIR="\"$ROOT/bench/baseline/scripts\"" \
  "$ROOT/bench/baseline/baseline.c" -o "$ROOT/bench/out/baseline" \
  $(pkg-config --cflags --libs libevent hiredis libcjson) -lm
