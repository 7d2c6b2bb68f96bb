#!/usr/bin/env bash
# Installs every build/test dependency of nmc from Debian 12 packages.
# Idempotent; needs root (or sudo) and Debian's package mirror.
set -euo pipefail
PACKAGES=(
  g++ cmake ninja-build python3
  llvm-19-dev libmlir-19-dev mlir-19-tools llvm-19-tools
  libhdf5-dev hdf5-tools libboost-program-options-dev libfmt-dev libgtest-dev nlohmann-json3-dev
  verilator yosys
  iverilog # the sfq Verilog export's tests (nmc-sfq-export)
  clang-19 libclang-rt-19-dev # the ASan/UBSan + libFuzzer build (build-asan)
  libeigen3-dev python3-sklearn python3-h5py
)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""
  [[ $(id -u) -ne 0 ]] && SUDO=sudo
  echo "installing: ${missing[*]}"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
fi
