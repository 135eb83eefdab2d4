#!/usr/bin/env bash
# Contamination-scan throughput against an index of >= 100,000 benchmark items, side by side
# with a Python reference in the same run:
#  - kernel, one core: bench/decontaminate/decontaminate_bench.cc (NgramIndex + ItemMatcher
#    over every document, parsed beforehand), 13-grams;
#  - reference, one core: python3, the lm-evaluation-harness way: a set of 13-gram tuples of
#    the items' lower-cased \w+ words, every window of every document looked up in it;
#  - end to end: `tamis decontaminate` (read JSONL, scan, tag, write, report) at --threads 1
#    and 2, wall and CPU seconds (GNU time).
# Data: bench/decontaminate/make_data.py (ITEMS items over five benchmark layouts, a corpus of
# CORPUS_MB of Debian handbook text in 26 languages with items planted in 1 document in 200).
# MB are the documents' text bytes. Usage: bench/decontaminate/run.sh [ITEMS] [CORPUS_MB]
# TAMIS_BENCH_BUILD names a build directory to reuse (default build-bench-decontaminate,
# configured Release).
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
items="${1:-100000}"
corpus_mb="${2:-30}"
build="${TAMIS_BENCH_BUILD:-$repo/build-bench-decontaminate}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Release -DTAMIS_BUILD_TESTS=OFF >/dev/null
fi
cmake --build "$build" --target decontaminate_bench tamis_filters tamis -j2 >/dev/null

python3 "$repo/bench/decontaminate/make_data.py" "$work" "$items" "$corpus_mb"
benchmarks=()
for name in mmlu arc hellaswag gsm8k humaneval; do
  benchmarks+=("$name=$work/$name.jsonl")
done
echo "planted documents: $(cat "$work/planted.txt")"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"

echo "== tamis kernel, 1 core"
"$build/bench/decontaminate_bench" "$work/corpus.jsonl" 0.5 "${benchmarks[@]}"

echo "== python3 set-of-13-gram-tuples reference, 1 core"
python3 - "$work" <<'PY'
import json, re, sys, time
work = sys.argv[1]
words = re.compile(r"\w+")
fields = {"mmlu": ["question", "choices"], "arc": ["question", "choices.text"],
          "hellaswag": ["ctx", "endings"], "gsm8k": ["question", "answer"],
          "humaneval": ["prompt", "canonical_solution"]}
def strings(v):
    if isinstance(v, str): yield v
    elif isinstance(v, list):
        for x in v: yield from strings(x)
    elif isinstance(v, dict):
        for x in v.values(): yield from strings(x)
t = time.process_time()
grams, items = {}, 0
for name, fs in fields.items():
    for line in open(f"{work}/{name}.jsonl", encoding="utf-8"):
        row = json.loads(line)
        text = []
        for f in fs:
            v = row
            for part in f.split("."):
                v = v.get(part) if isinstance(v, dict) else None
            if v is not None: text.extend(strings(v))
        w = words.findall("\n".join(text).lower())
        for i in range(len(w) - 12):
            grams.setdefault(tuple(w[i:i + 13]), set()).add(items)
        items += 1
build = time.process_time() - t
texts = [json.loads(line)["text"] for line in open(f"{work}/corpus.jsonl", encoding="utf-8")]
size = sum(len(t.encode()) for t in texts)
t = time.process_time()
hit = 0
for text in texts:
    w = words.findall(text.lower())
    found = False
    for i in range(len(w) - 12):
        if tuple(w[i:i + 13]) in grams:
            found = True
    hit += found
scan = time.process_time() - t
print(f"items={items} ngrams={len(grams)} build_s={build:.2f} documents={len(texts)} "
      f"corpus_mb={size / 1e6:.1f} scan_cpu_s={scan:.2f} mb_per_cpu_s={size / 1e6 / scan:.1f} "
      f"documents_with_any_13gram={hit}")
PY

for threads in 1 2; do
  echo "== tamis decontaminate --threads $threads (end to end)"
  rm -rf "$work/rep" "$work/out"
  args=()
  for b in "${benchmarks[@]}"; do args+=(--benchmark "$b"); done
  /usr/bin/time -f "wall_s=%e cpu_s=%U+%S peak_rss_mb=%M(KB)" \
    "$build/cli/tamis" decontaminate "${args[@]}" "$work/corpus.jsonl" --report "$work/rep" \
    -o "$work/out" --threads "$threads" --quiet
  python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print('contaminated items:', sum(b['contaminated_items'] for b in r['benchmarks']), 'documents hit:', sum(b['documents_hit'] for b in r['benchmarks']))" "$work/rep/report.json"
done
