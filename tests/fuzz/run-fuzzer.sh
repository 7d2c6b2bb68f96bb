#!/usr/bin/env bash
# Runs one libFuzzer target for ctest: run-fuzzer.sh FUZZER WORKDIR ARGS...
# New corpus entries go to WORKDIR/corpus (seed folders among ARGS are only
# read), findings to WORKDIR/artifacts/; fails on any finding.
set -euo pipefail
fuzzer=$1 work=$2
shift 2
mkdir -p "$work/corpus" "$work/artifacts"
exec "$fuzzer" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
  -artifact_prefix="$work/artifacts/" "$work/corpus" "$@"
