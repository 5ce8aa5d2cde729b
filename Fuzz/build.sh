#!/usr/bin/env bash
# Builds the libFuzzer targets into Fuzz/.build/ with swiftc directly (no SwiftPM, so the
# package's own .build is never touched).
#
#   Fuzz/build.sh                  # all targets
#   Fuzz/build.sh request-body     # one target
#
# Targets:
#   request-body    Sources/ImportJobs/**/*.swift + Fuzz/Targets/RequestBody.swift
#   request-target  Sources/HTTPBridge/{HTTPTarget,HTTPMethod}.swift, Sources/ImportJobs/**,
#                   copies of Sources/ImportService/{Route,ListQuery}.swift without their
#                   `import` lines (internal types), + Fuzz/Targets/RequestTarget.swift
#
# Environment: SWIFTC (default: swiftc on PATH), FUZZ_SANITIZERS (default: fuzzer,address),
# FUZZ_OPT (default: -O), NICE (default: "nice -n 19"; set NICE= to build at normal priority).
set -euo pipefail

FUZZ_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$FUZZ_DIR/.." && pwd)"
OUT="$FUZZ_DIR/.build"
SWIFTC="${SWIFTC:-swiftc}"
SANITIZERS="${FUZZ_SANITIZERS:-fuzzer,address}"
OPT="${FUZZ_OPT:--O}"
NICE="${NICE-nice -n 19}"

mkdir -p "$OUT"

common_flags=(
    -sanitize="$SANITIZERS"
    -parse-as-library
    "$OPT"
    -g
    -swift-version 6
    -use-ld=lld
)

importjobs_sources() {
    find "$ROOT/Sources/ImportJobs" -name '*.swift' | LC_ALL=C sort
}

build_request_body() {
    local sources
    mapfile -t sources < <(importjobs_sources)
    echo "building request-body (${#sources[@]} ImportJobs files)" >&2
    $NICE "$SWIFTC" "${common_flags[@]}" -module-name FuzzRequestBody \
        "${sources[@]}" \
        "$FUZZ_DIR/Targets/FuzzSupport.swift" \
        "$FUZZ_DIR/Targets/RequestBody.swift" \
        -o "$OUT/request-body"
}

build_request_target() {
    local sources staged="$OUT/staged-request-target"
    rm -rf "$staged"
    mkdir -p "$staged"
    # Internal ImportService types, compiled into the fuzzer's module: drop the imports of
    # modules whose sources are compiled in alongside them.
    for file in Route.swift ListQuery.swift; do
        sed -e '/^import HTTPBridge$/d' -e '/^import ImportJobs$/d' \
            "$ROOT/Sources/ImportService/$file" > "$staged/$file"
    done
    mapfile -t sources < <(importjobs_sources)
    echo "building request-target" >&2
    $NICE "$SWIFTC" "${common_flags[@]}" -module-name FuzzRequestTarget \
        "$ROOT/Sources/HTTPBridge/HTTPTarget.swift" \
        "$ROOT/Sources/HTTPBridge/HTTPMethod.swift" \
        "$staged/Route.swift" "$staged/ListQuery.swift" \
        "${sources[@]}" \
        "$FUZZ_DIR/Targets/FuzzSupport.swift" \
        "$FUZZ_DIR/Targets/RequestTarget.swift" \
        -o "$OUT/request-target"
}

targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(request-body request-target)
for target in "${targets[@]}"; do
    case "$target" in
        request-body) build_request_body ;;
        request-target) build_request_target ;;
        *) echo "unknown target: $target (request-body, request-target)" >&2; exit 2 ;;
    esac
    echo "built $OUT/$target" >&2
done
