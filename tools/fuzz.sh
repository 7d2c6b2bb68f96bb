#!/usr/bin/env bash
# Long fuzz runs (docs/testing.md):
#   tools/fuzz.sh TARGET [SECONDS] [libFuzzer options...]
# TARGET: nir-import | nir-run | spike-csv | nirdata. Builds the target in
# ./build-asan (clang-19, ASan + UBSan, tools/build.sh asan) and fuzzes it
# for SECONDS (default 600) from its seeds; the corpus grows in
# build-asan/fuzz/TARGET/corpus (kept between runs), findings go to
# build-asan/fuzz/TARGET/artifacts/. Exits non-zero on a finding.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: tools/fuzz.sh TARGET [SECONDS] [libFuzzer options...]}
seconds=${2:-600}
shift $(($# >= 2 ? 2 : 1))
case "$target" in
nir-import | nir-run | spike-csv | nirdata) ;;
*)
  echo "tools/fuzz.sh: unknown target '$target' (nir-import, nir-run, spike-csv, nirdata)" >&2
  exit 2
  ;;
esac
if [[ ! -f build-asan/build.ninja ]]; then
  cmake -G Ninja -S . -B build-asan -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
    -DNMC_FUZZ=ON -DNMC_ENABLE_RTL=OFF >/dev/null
fi
cmake --build build-asan -j "${NMC_JOBS:-$(nproc)}" --target "nmc-fuzz-$target"
source tools/sanitizer-env.sh

shared=${NMC_SHARED_DIR:-../shared}
case "$target" in
nir-import | nir-run) seeds=("$shared/nir") dict=(-dict=tests/fuzz/nir.dict) ;;
nirdata) seeds=(build-asan/tests/fuzz/seeds/nirdata) dict=(-dict=tests/fuzz/nir.dict) ;;
spike-csv) seeds=(tests/fuzz/seeds/csv) dict=() ;;
esac
work=build-asan/fuzz/$target
exec tests/fuzz/run-fuzzer.sh "build-asan/bin/nmc-fuzz-$target" "$work" \
  -max_total_time="$seconds" "${dict[@]}" "$@" "${seeds[@]}"
