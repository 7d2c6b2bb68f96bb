#!/usr/bin/env bash
# The whole test suite: installs dependencies, builds, runs every test
# (GoogleTest units, lit tests, example runs) through ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install-deps.sh
bash tools/build.sh
ctest --test-dir build --output-on-failure -j "${NMC_JOBS:-2}"
