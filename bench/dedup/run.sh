#!/usr/bin/env bash
# MinHash dedup throughput and peak memory, side by side with a reference MinHash of the same
# parameters in plain Python 3 (bench/dedup/reference_minhash.py; datatrove is not installable
# here), and exact dedup beside `sort -u`, same corpus, same run:
#  - signatures alone: the library path (bench/dedup/dedup_bench.cc: normalise, MinHash 14 x 8
#    over word 5-grams, band keys, with tbb::parallel_for), 1 and 2 threads;
#  - the whole dedup, JSON in / JSON out: `tamis dedup corpus.jsonl -o OUT --threads N`
#    (phase 0 signatures, buckets, cluster, merge, phase 1 filter), N = 1 and 2;
#  - exact dedup: `tamis dedup --method exact` and `sort -u` on the same texts.
# Corpus: bench/dedup/make_corpus.py (20,000 documents, ~62 MB of debian-handbook text in 26
# languages, 9,300 originals and 10,700 planted near-duplicates).
# Usage: bench/dedup/run.sh [DOCUMENTS]   (results on stdout; copy them to BENCHMARKS.md)
# TAMIS_BENCH_BUILD names a Release build directory to reuse (default build-bench-dedup).
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
documents="${1:-20000}"
build="${TAMIS_BENCH_BUILD:-$repo/build-bench-dedup}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Release -DTAMIS_BUILD_TESTS=OFF >/dev/null
# Build warnings of a -O3 build are not this benchmark's business; errors are shown.
cmake --build "$build" --target dedup_bench tamis_dedup tamis -j2 >"$work/build.log" 2>&1 || {
  cat "$work/build.log"
  exit 1
}
python3 "$repo/bench/dedup/make_corpus.py" --documents "$documents" "$work/corpus.jsonl" \
  "$work/docs.txt"
docs=$(wc -l <"$work/docs.txt")
bytes=$(wc -c <"$work/docs.txt")
reference_docs=500

echo "== $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "== $docs documents, $bytes bytes of text"
echo "== load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== sched_autogroup_enabled=$(cat /proc/sys/kernel/sched_autogroup_enabled 2>/dev/null || echo ?)"

# measure NAME THREADS DOCS COMMAND...: wall-clock and CPU-time rates and peak memory. On a
# machine shared with other sessions only the CPU-time figures compare.
measure() {
  local name="$1" threads="$2" n="$3"
  shift 3
  /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" "$@" >"$work/stdout.txt"
  python3 - "$name" "$threads" "$n" "$work/time.txt" <<'PY'
import sys
name, t, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
wall, user, system, rss = open(sys.argv[4]).read().split()[-4:]
wall, cpu, rss = float(wall), float(user) + float(system), int(rss) / 1024
print(f"| {name} | {t} | {n:,} | {wall:.2f} | {n/wall:,.0f} | {cpu:.2f} | {n/cpu:,.0f} | "
      f"{rss:,.0f} |")
PY
}

echo "| tool | threads | documents | wall s | docs/s | CPU s | docs per CPU-s | peak MB |"
echo "|---|---|---|---|---|---|---|---|"
measure "Python 3 MinHash 14x8 (reference_minhash.py)" 1 "$reference_docs" \
  python3 "$repo/bench/dedup/reference_minhash.py" "$work/docs.txt" "$reference_docs"
for threads in 1 2; do
  measure "tamis signatures (dedup_bench)" "$threads" "$docs" \
    "$build/bench/dedup_bench" --threads "$threads" "$work/docs.txt"
done
for threads in 1 2; do
  rm -rf "$work/out"
  measure "tamis dedup, whole MinHash dedup, JSON in/out" "$threads" "$docs" \
    "$build/cli/tamis" dedup "$work/corpus.jsonl" -o "$work/out/kept" \
    --rejects "$work/out/rejects" --threads "$threads" --quiet
done
echo "== clusters: $(tr -d ' \n' <"$work"/out/kept/.tamis/work/*/clusters.json)"
echo "== side files: $(du -sb "$work"/out/kept/.tamis/work/00-minhash_dedup | cut -f1) bytes"
rm -rf "$work/out"
measure "tamis dedup --method exact" 1 "$docs" \
  "$build/cli/tamis" dedup "$work/corpus.jsonl" -o "$work/out/kept" --method exact \
  --threads 1 --quiet
measure '`sort -u` of the texts' 1 "$docs" sort -u -o "$work/sorted.txt" "$work/docs.txt"
echo "== load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
