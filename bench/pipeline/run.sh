#!/usr/bin/env bash
# The whole main job at scale: examples/pipeline.yaml, unchanged but for its `input:` line,
# over a directory of many WARC files (bench/pipeline/make_crawl.py: every debian-handbook page
# in 26 languages, crawled ROUNDS times, spread over FILES files), at --threads 1 and 2.
# For each run: wall and CPU time (/usr/bin/time), peak RSS, VmRSS sampled every second (the
# constant-memory check), and each stage's documents, bytes and seconds from the run's stats.
# In the same run, the floor of reading the crawl at all: `zcat FILES | wc -c`.
# Usage: bench/pipeline/run.sh [FILES] [ROUNDS]     (a table on stdout; work in bench/work/)
# TAMIS_BENCH_BUILD names an existing build directory whose tamis to use as it is; without it
# a Release build is made in build-bench-pipeline.
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
files="${1:-20}"
rounds="${2:-5}"
build="${TAMIS_BENCH_BUILD:-}"
work="$repo/bench/work/pipeline"

if [ -z "$build" ]; then
  build="$repo/build-bench-pipeline"
  cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Release -DTAMIS_BUILD_TESTS=OFF >/dev/null
  cmake --build "$build" --target tamis -j2 >/dev/null
fi
tamis="$build/cli/tamis"

mkdir -p "$work/data"
stamp="$work/data/crawl.$files.$rounds"
if [ ! -e "$stamp" ]; then
  rm -rf "$work/data/crawl" "$work/data"/crawl.*
  python3 "$repo/bench/pipeline/make_crawl.py" "$work/data/crawl" --files "$files" \
    --rounds "$rounds" >&2
  touch "$stamp"
fi
cp "$repo/examples/data/benchmark.jsonl" "$work/data/"
# The example pipeline, reading the directory instead of the one example file.
sed 's|^input: data/crawl.warc.gz.*|input: data/crawl|' "$repo/examples/pipeline.yaml" \
  >"$work/pipeline.yaml"
grep -q '^input: data/crawl$' "$work/pipeline.yaml"

uname -m >&2
nproc >&2
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
compressed=$(du -cb "$work/data/crawl"/*.warc.gz | tail -1 | cut -f1)
start=$(date +%s.%N)
uncompressed=$(zcat "$work/data/crawl"/*.warc.gz | wc -c)
floor=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
echo "zcat | wc -c: $uncompressed bytes in $floor s" >&2

for threads in 1 2; do
  rm -rf "$work/out"
  /usr/bin/time -f "%e %U %S %M" -o "$work/time-$threads.txt" \
    "$tamis" run "$work/pipeline.yaml" --threads "$threads" --quiet 2>"$work/log-$threads.txt" &
  timer=$!
  : >"$work/rss-$threads.txt"
  # /usr/bin/time gives the peak; VmRSS sampled every second shows whether memory grows.
  while kill -0 "$timer" 2>/dev/null; do
    pid=$(pgrep -P "$timer" | head -1 || true)
    if [ -n "$pid" ]; then
      awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null >>"$work/rss-$threads.txt" || true
    fi
    sleep 1
  done
  wait "$timer"
  rm -rf "$work/stats-$threads"
  cp -r "$work/out/clean/.tamis" "$work/stats-$threads"
  python3 - "$work" "$threads" <<'PY'
import glob, json, os, sys
work, threads = sys.argv[1], sys.argv[2]
wall, user, system, peak_kb = open(f"{work}/time-{threads}.txt").read().split()[-4:]
wall, cpu = float(wall), float(user) + float(system)
rss = [int(x) for x in open(f"{work}/rss-{threads}.txt").read().split()] or [0]
stats = []
for phase in sorted(glob.glob(f"{work}/stats-{threads}/phase-*/stats-task-*.json")):
    stats.append(json.load(open(phase)))
read = stats[0]["reader"]
mb = read["input_bytes"] / 1e6
pages = stats[0]["stages"][0]["documents_out"]
print(f"threads {threads}: wall {wall:.1f} s, CPU {cpu:.1f} s; {mb:.1f} MB compressed in "
      f"({mb / wall:.2f} MB/s, {mb / cpu:.2f} MB/s per core), {pages:,} pages "
      f"({pages / wall:,.0f}/s, {pages / cpu:,.0f}/s per core); peak RSS {int(peak_kb)/1024:.0f} MB; "
      f"VmRSS by tenth: {' '.join(str(rss[len(rss)*i//10]//1024) for i in range(10))} MB")
print("| phase | stage | docs in | docs out | MB in | stage s | docs/s per core | MB/s per core |")
print("|---|---|---|---|---|---|---|---|")
for s in stats:
    for st in s["stages"]:
        sec = st.get("seconds", 0) or 1e-9
        # Stage seconds are the wall time of its Process calls summed over threads; tokenize
        # is a serial stage that encodes each batch on all threads, so it used threads× that.
        if st["stage"] == "tokenize":
            sec *= int(threads)
        print(f"| {s['phase']} | {st['stage']} | {st['documents_in']:,} | {st['documents_out']:,} | "
              f"{st.get('bytes_in', 0)/1e6:.1f} | {sec:.2f} | {st['documents_in']/sec:,.0f} | "
              f"{st.get('bytes_in', 0)/1e6/sec:.1f} |")
PY
done

# References on the text the run kept (one document per line): the two costliest stages'
# own tools, fastText's `predict` (the langid model) and SentencePiece's `spm_encode`.
find "$work/out/clean" -path '*/.tamis' -prune -o -name '*.jsonl.zst' -print | LC_ALL=C sort |
  xargs zstd -dcq | python3 -c '
import json, sys
for line in sys.stdin:
    print(json.loads(line)["text"].replace("\n", " "))' >"$work/kept.txt"
models="${TAMIS_MODELS_DIR:-$repo/models}"
kept_mb=$(($(wc -c <"$work/kept.txt") / 1000000))
for tool in "fasttext predict $models/lid.176.ftz -" \
  "spm_encode --model=$models/tamis-default.model --output_format=id"; do
  /usr/bin/time -f "%e %U %S %M" -o "$work/ref.txt" $tool <"$work/kept.txt" >/dev/null
  read -r wall user system peak <"$work/ref.txt"
  echo "reference: ${tool%% *} on the kept text ($kept_mb MB, $(wc -l <"$work/kept.txt") documents):" \
    "wall $wall s, CPU $(awk -v u="$user" -v s="$system" 'BEGIN { print u + s }') s," \
    "peak RSS $((peak / 1024)) MB"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
