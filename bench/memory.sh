#!/usr/bin/env bash
# Peak memory of `nmc run` on Brunel (scales 1 and 2), per synapse, for the
# direct path (nmc run model.nir) and the image path (nmc compile, then
# nmc run image.h5). Usage: bench/memory.sh [BUILD_DIR] (default: build).
# Raw peak RSS (GNU time), nothing subtracted; the process alone (MLIR and
# LLVM shared libraries) takes about 75 MB.
set -euo pipefail
nmc="${1:-build}/bin/nmc"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
peak() { # prints the peak RSS of "$@" in kB
  /usr/bin/time -f "%M" -o "$tmp/rss" "$@" >/dev/null
  cat "$tmp/rss"
}
printf "%-6s %-14s %12s %12s %10s\n" scale path synapses "peak MB" "B/synapse"
for scale in 1 2; do
  model="$tmp/brunel$scale.nir"
  synapses=$("$nmc" gen brunel --scale "$scale" -o "$model" |
             sed -E 's/.* ([0-9]+) synapses.*/\1/')
  run=(run --steps 1000 --input poisson:20000)
  direct=$(peak "$nmc" "${run[0]}" "$model" "${run[@]:1}")
  compile=$(peak "$nmc" compile "$model" -o "$tmp/brunel$scale.h5")
  image=$(peak "$nmc" "${run[0]}" "$tmp/brunel$scale.h5" "${run[@]:1}")
  for row in "run model.nir:$direct" "compile:$compile" "run image.h5:$image"; do
    kb=${row##*:}
    printf "%-6s %-14s %12d %12.1f %10.1f\n" "$scale" "${row%%:*}" \
      "$synapses" "$(awk -v k="$kb" 'BEGIN { print k / 1024 }')" \
      "$(awk -v k="$kb" -v s="$synapses" 'BEGIN { print k * 1024 / s }')"
  done
  rm -f "$model" "$tmp/brunel$scale.h5"
done
