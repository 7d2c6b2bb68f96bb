#!/usr/bin/env bash
# The whole test suite: installs dependencies, builds, runs every test
# (GoogleTest units, lit tests, example runs) through ctest; then the same
# unit and lit tests under ASan + UBSan, the fuzz regressions and a short
# fuzz run in ./build-asan (docs/testing.md; NMC_ASAN=0 skips that part).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install-deps.sh
bash tools/build.sh
ctest --test-dir build --output-on-failure -j "${NMC_JOBS:-$(nproc)}"

if [[ ${NMC_ASAN:-1} != 0 ]]; then
  bash tools/build.sh asan
  source tools/sanitizer-env.sh
  ctest --test-dir build-asan --output-on-failure -j "${NMC_JOBS:-$(nproc)}"
fi
