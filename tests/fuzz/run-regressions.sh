#!/usr/bin/env bash
# Replays the NIR/NIRData fuzz regressions for ctest:
#   run-regressions.sh PYTHON FIXTURES OUTDIR NIR_RUN_FUZZER NIRDATA_FUZZER
# regressions/hdf5_cases.py writes each case (a fixture with patched bytes)
# under OUTDIR/<target>/; each fuzzer then runs its cases once (-runs=0).
set -euo pipefail
python=$1 fixtures=$2 out=$3 nirRun=$4 nirData=$5
here=$(dirname "$0")
rm -rf "$out"
"$python" "$here/regressions/hdf5_cases.py" "$fixtures" "$out"
mkdir -p "$out/nir-run" "$out/nirdata"
"$nirRun" -runs=0 "$out/nir-run"
"$nirData" -runs=0 "$out/nirdata"
