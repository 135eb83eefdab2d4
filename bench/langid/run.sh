#!/usr/bin/env bash
# Language-ID throughput, side by side with the single-threaded `fasttext predict` CLI, same
# model, same documents, same run:
#  - end to end, JSON in / JSON out: `tamis langid docs.jsonl -o out.jsonl --threads N` (reader,
#    langid stage, JSONL writer, stats), N = 1 and 2;
#  - the library path alone (bench/langid/langid_bench.cc: the stage's LanguageIdentifier over
#    documents with tbb::parallel_for), 1 and 2 threads.
# Documents: the paragraphs of The Debian Administrator's Handbook in its 26 languages
# (package debian-handbook), grouped into documents of about DOC_BYTES, one per line.
# MB count the documents' text bytes (the CLI's input file) on every line, so the rates
# compare; the JSONL input is larger by the {"id":...,"text":...} framing.
# Usage: bench/langid/run.sh [MODEL] [REPEAT]   (results on stdout; copy them to BENCHMARKS.md)
# TAMIS_BENCH_BUILD names a Release build directory to reuse (default build-bench-langid).
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
model="${1:-$repo/models/lid.176.ftz}"
repeat="${2:-3}"
build="${TAMIS_BENCH_BUILD:-$repo/build-bench-langid}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Release -DTAMIS_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" --target langid_bench tamis_langid tamis -j2 >/dev/null

python3 - "$work/docs.txt" <<'PY'
import glob, html, re, sys
DOC_BYTES = 2000
out = open(sys.argv[1], "w", encoding="utf-8")
for locale in sorted(glob.glob("/usr/share/doc/debian-handbook/html/*/")):
    doc = ""
    for page in sorted(glob.glob(locale + "*.html")):
        text = open(page, encoding="utf-8", errors="replace").read()
        for para in re.findall(r'<div class="para">(.*?)</div>', text, re.S):
            para = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", para)).split())
            doc = (doc + " " + para).strip()
            if len(doc.encode()) >= DOC_BYTES:
                out.write(doc + "\n")
                doc = ""
PY
docs=$(wc -l <"$work/docs.txt")
bytes=$(wc -c <"$work/docs.txt")
for ((i = 1; i < repeat; i++)); do cat "$work/docs.txt"; done >"$work/repeated.txt"
cat "$work/docs.txt" >>"$work/repeated.txt"
# The same lines as JSONL documents for tamis langid.
python3 - "$work/repeated.txt" "$work/repeated.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], encoding="utf-8") as src, open(sys.argv[2], "w", encoding="utf-8") as out:
    for i, line in enumerate(src):
        out.write(json.dumps({"id": f"doc{i}", "text": line.rstrip("\n")}, ensure_ascii=False) + "\n")
PY
echo "== $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "== model $(basename "$model"); $docs documents, $bytes bytes, each pass repeated $repeat times"

echo "== load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
# The kernel schedules by autogroup (one per session) when sched_autogroup_enabled is 1: on a
# machine busy with other sessions, a 2-thread process then gets no more CPU than a 1-thread
# one, and only the CPU-time figures compare. Both are printed.
echo "== sched_autogroup_enabled=$(cat /proc/sys/kernel/sched_autogroup_enabled 2>/dev/null || echo ?)"

# measure NAME THREADS COMMAND...: runs COMMAND and prints wall-clock and CPU-time rates.
measure() {
  local name="$1" threads="$2"
  shift 2
  /usr/bin/time -f "%e %U %S" -o "$work/time.txt" "$@" >"$work/stdout.txt"
  python3 - "$name" "$threads" "$docs" "$bytes" "$repeat" "$work/time.txt" <<'PY'
import sys
name, n, docs, b, r = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
wall, user, system = map(float, open(sys.argv[6]).read().split()[-3:])
cpu = user + system
d, mb = docs * r, b * r / 1e6
print(f"| {name} | {n} | {wall:.2f} | {d/wall:,.0f} | {mb/wall:.2f} | {cpu:.2f} | "
      f"{d/cpu:,.0f} | {mb/cpu:.2f} | {100*cpu/wall:.0f}% |")
PY
}

echo "| tool | threads | wall s | docs/s | MB/s | CPU s | docs per CPU-s | MB per CPU-s | CPU use |"
echo "|---|---|---|---|---|---|---|---|---|"
measure '`fasttext predict` (CLI)' 1 fasttext predict "$model" "$work/repeated.txt" 1
cp "$work/stdout.txt" "$work/cli.txt"
for threads in 1 2; do
  out="$work/out-$threads.jsonl"
  measure "tamis langid, JSON in/out" "$threads" \
    "$build/cli/tamis" langid "$work/repeated.jsonl" -o "$out" --model "$model" \
    --threads "$threads" --quiet
  # Every document came out annotated (label agreement with the CLI is a test:
  # tests/langid/langid_command_test.cc).
  test "$(wc -l <"$out")" -eq $((docs * repeat))
done
for threads in 1 2; do
  measure "tamis library (langid_bench)" "$threads" \
    "$build/bench/langid_bench" --model "$model" --threads "$threads" --repeat "$repeat" "$work/docs.txt"
done
measure "tamis library, normalize" 2 \
  "$build/bench/langid_bench" --model "$model" --threads 2 --repeat "$repeat" --normalize "$work/docs.txt"
echo "== load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
