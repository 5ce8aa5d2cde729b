#!/usr/bin/env bash
# Runs one fuzzer, then minimizes what it found into Fuzz/corpus/<target>/.
# Fuzz/regressions/<target>/ (inputs that once crashed) are replayed at the start of every run.
#
#   Fuzz/run.sh request-body            # 600 s
#   Fuzz/run.sh request-target 60       # 60 s
#   MERGE=0 Fuzz/run.sh request-body 30 # do not touch Fuzz/corpus (working copy only)
#
# The run works on a copy (Fuzz/.build/work/<target>) of the committed corpus plus the seeds
# of make_seeds.py, at nice 19, with -max_len=4096. Crash inputs go to
# Fuzz/.build/artifacts/<target>/, logs to Fuzz/.build/logs/. Afterwards the committed corpus,
# the seeds and the working copy are merged with -merge=1 into a fresh directory that replaces
# Fuzz/corpus/<target>/ (unless MERGE=0). Extra arguments after the duration go to libFuzzer.
set -euo pipefail

FUZZ_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BUILD="$FUZZ_DIR/.build"
target="${1:?usage: run.sh request-body|request-target [seconds] [libFuzzer flags...]}"
seconds="${2:-600}"
shift $(( $# >= 2 ? 2 : 1 ))
NICE="${NICE-nice -n 19}"
# Swift's own crash backtracer (swift-backtrace) fights with ASan and can hang after a
# crash; libFuzzer's deadly-signal handler already prints a stack trace.
export SWIFT_BACKTRACE="${SWIFT_BACKTRACE:-enable=no}"

case "$target" in
    request-body) dict="$FUZZ_DIR/dictionaries/json.dict" ;;
    request-target) dict="$FUZZ_DIR/dictionaries/request-target.dict" ;;
    *) echo "unknown target: $target" >&2; exit 2 ;;
esac
binary="$BUILD/$target"
[ -x "$binary" ] || "$FUZZ_DIR/build.sh" "$target"

corpus="$FUZZ_DIR/corpus/$target"
seeds="$BUILD/seeds/$target"
work="$BUILD/work/$target"
artifacts="$BUILD/artifacts/$target/"
logs="$BUILD/logs"
mkdir -p "$corpus" "$work" "$artifacts" "$logs"
python3 "$FUZZ_DIR/make_seeds.py" "$BUILD/seeds" >/dev/null
cp -n "$corpus"/* "$seeds"/* "$work"/ 2>/dev/null || true

# Inputs that once crashed a fuzzer are replayed at start-up (read-only, never merged away).
regressions=""
[ -d "$FUZZ_DIR/regressions/$target" ] && regressions="$FUZZ_DIR/regressions/$target"

stamp="$(date +%Y%m%d-%H%M%S)"
log="$logs/$target-$stamp.log"
echo "fuzzing $target for $seconds s; log: $log" >&2
status=0
$NICE "$binary" -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
    -dict="$dict" -artifact_prefix="$artifacts" -print_final_stats=1 "$@" "$work" $regressions >"$log" 2>&1 || status=$?
grep -E '^#[0-9]+[[:space:]]+(INITED|DONE)|^stat::|ERROR|fuzz invariant|Fatal error|SUMMARY|Test unit written' "$log" >&2 || true

if [ "${MERGE:-1}" = 1 ]; then
    merged="$BUILD/merged-$target-$stamp"
    mkdir -p "$merged"
    $NICE "$binary" -merge=1 -max_len=4096 -timeout=10 "$merged" "$corpus" "$seeds" "$work" \
        >"$logs/$target-$stamp.merge.log" 2>&1
    rm -rf "$corpus"
    mv "$merged" "$corpus"
    files=$(find "$corpus" -type f | wc -l)
    bytes=$(find "$corpus" -type f -printf '%s\n' | awk '{s+=$1} END {print s+0}')
    echo "minimized corpus: $corpus: $files files, $bytes bytes" >&2
fi
exit "$status"
