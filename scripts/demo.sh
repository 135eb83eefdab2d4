#!/usr/bin/env bash
# Sets up a Debian 12 machine for the main job only (build tools, libraries, models: not the
# test-only packages), builds tamis, and runs the example pipeline (examples/pipeline.yaml)
# over the bundled example crawl. Ends with the run's summary (documents and text in and out
# per stage, tokens, languages kept, top removal reasons, where every output is), then writes
# the run's HTML report with `tamis report` and says where it is.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

bash scripts/setup.sh
cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release -DTAMIS_BUILD_TESTS=OFF >/dev/null
cmake --build build-release --target tamis -j"${TAMIS_JOBS:-2}"

rm -rf examples/out
./build-release/cli/tamis run examples/pipeline.yaml
echo
./build-release/cli/tamis report examples/out/clean
echo "open it in a browser: file://$here/examples/out/clean/.tamis/report.html"
