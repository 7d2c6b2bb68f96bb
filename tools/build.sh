#!/usr/bin/env bash
# Configures and builds nmc into ./build (Release, Ninja, 2 jobs).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -G Ninja -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j "${NMC_JOBS:-2}"
