#!/usr/bin/env bash
# PII scrubbing and word-list scoring, documents/s and MB/s on one core, tamis side by side
# with the same PII patterns applied one by one by Python's `re` (with the same checks) and by
# GNU `grep -P` (matching only: no checks, no replacement), on the same documents in the same
# run. Documents: make_data.py (short web-like documents of real handbook prose in 20
# languages, a third with planted PII). tamis runs all six kinds with validation.
# Usage: bench/scrub/run.sh [DOCUMENTS] [REPEAT]   (results on stdout)
# TAMIS_BENCH_BUILD names a Release build directory to reuse (default build-bench-scrub).
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
count="${1:-100000}"
repeat="${2:-3}"
build="${TAMIS_BENCH_BUILD:-$repo/build-bench-scrub}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Release -DTAMIS_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" --target scrub_bench tamis_filters -j2 >/dev/null

python3 "$repo/bench/scrub/make_data.py" "$work/docs.txt" "$count"
"$build/bench/scrub_bench" --patterns >"$work/patterns.tsv"
echo "# $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "# $count documents, $(($(wc -c <"$work/docs.txt") / 1000)) KB, best of $repeat"
"$build/bench/scrub_bench" "$work/docs.txt" "$repeat"
python3 "$repo/bench/scrub/reference_re.py" "$work/patterns.tsv" "$work/docs.txt" "$repeat"
# grep -P: every pattern over the whole file, one after the other (matching only).
start=$(date +%s.%N)
while IFS=$'\t' read -r _ regex; do
  LC_ALL=C.UTF-8 grep -P -o -- "$regex" "$work/docs.txt" >/dev/null || true
done <"$work/patterns.tsv"
end=$(date +%s.%N)
python3 -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); n=int(sys.argv[3]); b=int(sys.argv[4]); print(f'grep -P    pii  {n/s:12.0f} docs/s  {b/s/1e6:8.1f} MB/s  (matching only; $(grep -V | head -1))')" \
  "$start" "$end" "$count" "$(wc -c <"$work/docs.txt")"
