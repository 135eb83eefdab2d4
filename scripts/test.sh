#!/usr/bin/env bash
# Sets up a Debian 12 machine with everything the tests need (scripts/setup.sh --tests), builds
# tamis with warnings as errors, builds the libFuzzer targets with clang, and runs every test
# (ctest: unit, end-to-end, differential and short fuzzing runs). The last lines are ctest's
# summary.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
jobs="${TAMIS_JOBS:-2}"

bash scripts/setup.sh --tests

fuzz_args=()
if command -v clang++-14 >/dev/null 2>&1; then
  cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++-14 \
    -DTAMIS_FUZZ=ON -DTAMIS_BUILD_TESTS=OFF -DTAMIS_WERROR=ON >/dev/null
  cmake --build build-fuzz --target fuzzers -j"$jobs"
  fuzz_args=(-DTAMIS_FUZZ_DIR="$here/build-fuzz/fuzz")
fi

# TAMIS_DEV_CHECKS: the graph checks the stage call order (Start, Process*, Finish) in every test.
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTAMIS_WERROR=ON -DTAMIS_DEV_CHECKS=ON \
  "${fuzz_args[@]}" >/dev/null
cmake --build build -j"$jobs"
cd build
ctest --output-on-failure -j"$jobs"
