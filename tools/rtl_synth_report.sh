#!/usr/bin/env bash
# Synthesizes nmc's RTL modules with Debian's yosys (generic gates, `synth`)
# at small parameters and prints cells and flip-flops per module (flattened;
# nmc_mesh: one node, with the modules it instantiates)
# (docs/rtl.md, "Synthesis report").
#   tools/rtl_synth_report.sh [MODULE...]   default: the tile and the router
# Parameters per module are below; override one with, e.g.,
#   NMC_SYNTH_nmc_xbar_tile="-set ROWS 8 -set COLS 8"
set -euo pipefail
RTL="$(cd "$(dirname "${BASH_SOURCE[0]}")/../rtl" && pwd)"
YOSYS="${YOSYS:-yosys}"
command -v "$YOSYS" >/dev/null ||
  { echo "rtl_synth_report: yosys not found (apt-get install yosys)" >&2; exit 1; }

declare -A PARAMS=(
  [nmc_xbar_tile]="-set ROWS 4 -set COLS 4 -set DIGIT_W 5 -set IN_W 4 -set ACC_W 24 -set CYC_W 8 -set FS_W 12"
  [nmc_router]="-set KEY_W 16 -set ENTRIES 8"
  [nmc_aer_fifo]="-set WIDTH 16 -set DEPTH 4"
  [nmc_lif]="-set N 4"
  [nmc_mesh]="-set MESH_W 1 -set MESH_H 1 -set ROWS 4 -set COLS 4 -set ACC_W 24 -set CYC_W 8 -set FS_W 12 -set PE 4 -set LANES 2 -set ENTRIES 4 -set NROUTE 4 -set NSTAGE 2 -set NIN 4 -set PEERS 1 -set LINK_REGS 1"
)
modules=("$@")
((${#modules[@]})) || modules=(nmc_xbar_tile nmc_router)

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
printf '%-14s %8s %11s  %s\n' module cells flip-flops parameters
for m in "${modules[@]}"; do
  [[ -f "$RTL/$m.sv" ]] || { echo "rtl_synth_report: no module $m in $RTL" >&2; exit 1; }
  var="NMC_SYNTH_$m"
  params="${!var:-${PARAMS[$m]:-}}"
  chparam=""
  [[ -n "$params" ]] && chparam="chparam $params $m;"
  if ! "$YOSYS" -q -l "$tmp/$m.log" \
      -p "read_verilog -sv $RTL/nmc_*.sv; $chparam synth -flatten -top $m; tee -q -o $tmp/$m.stat stat" \
      >/dev/null 2>&1; then
    echo "rtl_synth_report: yosys failed on $m (log follows)" >&2
    tail -20 "$tmp/$m.log" >&2
    exit 1
  fi
  # Gate-level cells; flip-flops are the $_DFF*/$_SDFF*/$_DLATCH* cells.
  cells=$(awk '/Number of cells:/ {n = $4} END {print n}' "$tmp/$m.stat")
  ffs=$(awk '$1 ~ /^\$_(S?DFF|ALDFF|DFFSR|DLATCH)/ {n += $2} END {print n + 0}' "$tmp/$m.stat")
  printf '%-14s %8s %11s  %s\n' "$m" "$cells" "$ffs" "${params:--}"
done
