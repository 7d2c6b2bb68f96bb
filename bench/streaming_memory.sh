#!/usr/bin/env bash
# Peak memory of `nmc run` writing spikes to CSV, for a short and a 100x
# longer run of the CUBA network: streaming sinks keep it flat.
# usage: bench/streaming_memory.sh [BUILD_DIR]   (prints one line per run)
set -euo pipefail
BUILD=${1:-$(dirname "$0")/../build}
NMC=$BUILD/bin/nmc
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
"$NMC" gen cuba -o "$TMP/cuba.nir" --dt 1e-4 --method exact > /dev/null
for steps in 10000 1000000; do
  /usr/bin/time -f "%M" -o "$TMP/rss" "$NMC" run "$TMP/cuba.nir" \
    --steps $steps --dt 1e-4 --method exact --init-v lif=uniform:-60:-50 \
    --output-csv "$TMP/out" > "$TMP/summary.txt"
  spikes=$(($(wc -l < "$TMP/out_lif_spikes.csv") - 1))
  csv=$(du -m "$TMP/out_lif_spikes.csv" | cut -f1)
  printf "steps %8d  spikes %9d  csv %5d MB  peak RSS %6.1f MB\n" \
    $steps $spikes $csv "$(awk '{print $1 / 1024}' "$TMP/rss")"
done
