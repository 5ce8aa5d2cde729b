#!/usr/bin/env bash
# Runs the whole test suite: installs what is missing, builds everything (the integration
# tests start the built binaries), and runs unit and integration tests. Integration tests
# start their own redis-server on free ports; nothing touches a Redis on 6379.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-dependencies.sh

swift build --build-tests
swift test --skip-build "$@"
