#!/usr/bin/env bash
# Sets up a Debian 12 machine for the main job only (build tools, libraries, models: not the
# test-only packages), builds tamis, and runs the example pipeline (examples/pipeline.yaml)
# over the bundled example crawl. Ends with the run's summary: what was read, what each stage
# kept and removed, and where the outputs are.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

bash scripts/setup.sh
cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release -DTAMIS_BUILD_TESTS=OFF >/dev/null
cmake --build build-release --target tamis -j"${TAMIS_JOBS:-2}"

rm -rf examples/out
./build-release/cli/tamis run examples/pipeline.yaml
echo
echo "outputs: examples/out/clean (kept documents by language), examples/out/rejects (removed"
echo "documents with the reason), examples/out/tokens/<language> (Megatron shards per language),"
echo "examples/out/mix (their temperature-sampled mixture + manifest),"
echo "examples/out/contamination/report.html (benchmark contamination), stats: tamis stats examples/out/clean"
