#!/usr/bin/env bash
# The seed paper's LSM on the handwritten digits (examples/lsm/README.md):
# digits -> event streams -> nmc gen lsm -> nmc run (batch over samples,
# train and test) -> nmc-ridge readout -> accuracy.
#
#   examples/lsm/run.sh [--target T] [--samples N] [--seed S]
#                       [--sparsity F] [--lambda L] [--out DIR]
#                       [--json FILE] [extra nmc run flags...]
#
# Extra flags go to both `nmc run`s, e.g. the crossbar: --target xbar
# --hw rram40nm-512 --hw-set mesh.width=2 --hw-set effects.read_noise=true
#
# NMC_BIN (default: build/bin of this checkout) holds nmc and nmc-ridge.
# Everything generated (events, network, spikes) goes to --out (default: a
# new temporary folder, removed at the end unless --out is given).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bin=${NMC_BIN:-$here/../../build/bin}
target=reference samples=0 seed=1 sparsity="" lambda=1 out="" json=""
extra=()
while (($#)); do
  case $1 in
    --target) target=$2; shift 2 ;;
    --samples) samples=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --sparsity) sparsity=$2; shift 2 ;;
    --lambda) lambda=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --json) json=$2; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) extra+=("$1"); shift ;;
  esac
done
for tool in nmc nmc-ridge; do
  [[ -x $bin/$tool ]] || { echo "run.sh: error: $bin/$tool not found (build first, or set NMC_BIN)" >&2; exit 1; }
done
if [[ -z $out ]]; then
  out=$(mktemp -d)
  trap 'rm -rf "$out"' EXIT
fi
mkdir -p "$out"

start=$(date +%s.%N)
python3 "$here/digits_to_events.py" "$out/data" --samples "$samples"
gen=(gen lsm -o "$out/lsm.nir" --seed "$seed")
[[ -n $sparsity ]] && gen+=(--sparsity "$sparsity")
"$bin/nmc" "${gen[@]}"
for split in train test; do
  # The liquid counts time in steps: dt 1, 50 steps (reference §1.3).
  "$bin/nmc" run "$out/lsm.nir" --target "$target" --steps 50 --dt 1 \
    --input "$out/data/$split.csv" --output-csv "$out/$split" \
    ${extra[@]+"${extra[@]}"} > "$out/$split.run.txt"
  # The run summary's key lines; on xbar also its tiles, time, energy and
  # the agreement with the float reference of the same inputs.
  grep -E '^ *(target|wall|synaptic_events|tiles_used|adc_saturations|inference_time_mean|energy_per_inference|agreement) ' \
    "$out/$split.run.txt" |
    sed "s/^/$split: /"
done
ridge=(--train-spikes "$out/train_lif_spikes.csv" --train-labels "$out/data/train_labels.txt"
       --test-spikes "$out/test_lif_spikes.csv" --test-labels "$out/data/test_labels.txt"
       --lambda "$lambda")
[[ -n $json ]] && ridge+=(--json "$json")
"$bin/nmc-ridge" "${ridge[@]}"
awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "total_time      %.1f s\n", b - a }'
