#!/usr/bin/env bash
# Configures and builds nmc (Release, Ninja, one job per CPU; NMC_JOBS=N to change).
#   tools/build.sh        ./build: GCC, the normal build
#   tools/build.sh asan   ./build-asan: clang-19 with ASan + UBSan and the
#                         libFuzzer targets (NMC_FUZZ), RTL and the
#                         benchmark programs off
#                         (docs/testing.md)
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-}" in
"")
  cmake -G Ninja -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build -j "${NMC_JOBS:-$(nproc)}"
  ;;
asan)
  cmake -G Ninja -S . -B build-asan -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
    -DNMC_FUZZ=ON -DNMC_ENABLE_RTL=OFF -DNMC_BENCH=OFF >/dev/null
  cmake --build build-asan -j "${NMC_JOBS:-$(nproc)}"
  ;;
*)
  echo "usage: tools/build.sh [asan]" >&2
  exit 2
  ;;
esac
