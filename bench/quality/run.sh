#!/usr/bin/env bash
# Quality filter throughput per core, side by side with a same-machine Python reference of
# the same four heuristic filters (bench/quality/reference_filters.py), same documents, same
# run. Documents: debian-handbook prose and boilerplate built from its page furniture in 26
# languages (scripts/make_quality_corpus.py), with metadata.language.
# Usage: bench/quality/run.sh [REPEAT]   (results on stdout; copy them to BENCHMARKS.md)
# TAMIS_BENCH_BUILD names a Release build directory to reuse (default build-bench-quality).
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
repeat="${1:-2}"
build="${TAMIS_BENCH_BUILD:-$repo/build-bench-quality}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Release -DTAMIS_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" --target quality_bench tamis_filters -j2 >/dev/null

python3 "$repo/scripts/make_quality_corpus.py" "$work" >/dev/null
docs="$work/bench.jsonl"
cat "$work/prose.jsonl" "$work/boilerplate.jsonl" >"$docs"
# The Latin-script part alone: the scripts ICU needs no dictionary for, closest to the
# English web text of datatrove's figure.
grep '_Latn"' "$docs" >"$work/latin.jsonl"
echo "== $(nproc) cores: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2)"
echo "-- all 26 languages"
"$build/bench/quality_bench" --repeat "$repeat" --model "$repo/models" "$docs"
python3 "$repo/bench/quality/reference_filters.py" "$docs" 1
echo "-- Latin-script documents only"
"$build/bench/quality_bench" --repeat "$repeat" --model "$repo/models" "$work/latin.jsonl"
python3 "$repo/bench/quality/reference_filters.py" "$work/latin.jsonl" 1
