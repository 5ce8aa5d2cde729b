#!/usr/bin/env bash
# Builds the libFuzzer targets into Fuzz/.build/ with swiftc directly (no SwiftPM, so the
# package's own .build is never touched).
#
#   Fuzz/build.sh                  # all targets, from the working tree
#   Fuzz/build.sh request-body     # one target
#   SOURCE_REV=HEAD Fuzz/build.sh  # from a git revision (read with `git archive`, the
#                                  # working tree and index are not touched)
#
# Targets:
#   request-body    Sources/ImportJobs/**/*.swift + Targets/RequestBody.swift
#   request-target  Sources/HTTPBridge/{HTTPTarget,HTTPMethod}.swift, Sources/ImportJobs/**,
#                   Sources/ImportService/{Route,ListQuery}.swift without their `import` lines
#                   (internal types of ImportService) + Targets/RequestTarget.swift
# Both also compile Targets/FuzzSupport.swift. Sources are copied to a staging directory
# first, so a file edited during the build cannot break it, and the SHA-256 of every source
# is written to Fuzz/.build/<target>.sources for the record.
#
# Environment: SWIFTC (default: swiftc on PATH), FUZZ_SANITIZERS (default: fuzzer,address),
# FUZZ_OPT (default: -O), NICE (default: "nice -n 19"; set NICE= to build at normal priority),
# SOURCE_REV (default: the working tree).
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

# Copies the package sources a target needs into $1 (working tree or SOURCE_REV).
stage_sources() {
    local staged="$1"; shift
    rm -rf "$staged"
    mkdir -p "$staged"
    if [ -n "${SOURCE_REV:-}" ]; then
        git -C "$ROOT" archive "$SOURCE_REV" "$@" | tar -x -C "$staged"
    else
        (cd "$ROOT" && tar -c "$@") | tar -x -C "$staged"
    fi
}

record_sources() {
    local staged="$1" target="$2"
    {
        echo "# sources of $target, from ${SOURCE_REV:-the working tree} at $(git -C "$ROOT" rev-parse --short HEAD)"
        (cd "$staged" && find . -name '*.swift' | LC_ALL=C sort | xargs sha256sum)
    } > "$OUT/$target.sources"
}

build_request_body() {
    local staged="$OUT/staged/request-body" sources
    stage_sources "$staged" Sources/ImportJobs
    record_sources "$staged" request-body
    mapfile -t sources < <(find "$staged/Sources/ImportJobs" -name '*.swift' | LC_ALL=C sort)
    echo "building request-body (${#sources[@]} ImportJobs files, ${SOURCE_REV:-working tree})" >&2
    $NICE "$SWIFTC" "${common_flags[@]}" -module-name FuzzRequestBody \
        "${sources[@]}" \
        "$FUZZ_DIR/Targets/FuzzSupport.swift" \
        "$FUZZ_DIR/Targets/RequestBody.swift" \
        -o "$OUT/request-body"
}

build_request_target() {
    local staged="$OUT/staged/request-target" sources file
    stage_sources "$staged" Sources/ImportJobs Sources/HTTPBridge/HTTPTarget.swift \
        Sources/HTTPBridge/HTTPMethod.swift Sources/ImportService/Route.swift Sources/ImportService/ListQuery.swift
    # The internal ImportService types are compiled into the fuzzer's module together with the
    # modules they import, so those imports must go.
    for file in "$staged/Sources/ImportService/Route.swift" "$staged/Sources/ImportService/ListQuery.swift"; do
        sed -i -e '/^import HTTPBridge$/d' -e '/^import ImportJobs$/d' "$file"
    done
    record_sources "$staged" request-target
    mapfile -t sources < <(find "$staged/Sources" -name '*.swift' | LC_ALL=C sort)
    echo "building request-target (${#sources[@]} files, ${SOURCE_REV:-working tree})" >&2
    $NICE "$SWIFTC" "${common_flags[@]}" -module-name FuzzRequestTarget \
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
