#!/usr/bin/env bash
# top_fraction throughput: keeping the top half of each language by a score, over documents
# that already carry `language` and `language_score` (as the langid stage leaves them), side
# by side in the same run with a python3 reference doing the same selection exactly (read all
# JSONL, sort each language's scores, keep those at or above the quantile, write JSONL).
# tamis runs the whole two-phase pipeline: phase 0 reads and counts histograms, the step
# merges them into thresholds, phase 1 reads the work folder again and filters.
# Usage: bench/top_fraction/run.sh [DOCUMENTS] [REPEAT]     (results on stdout)
# TAMIS_BENCH_BUILD names an existing build directory whose tamis to use as it is; without it
# a Release build is made in build-bench-top.
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
documents="${1:-200000}"
repeat="${2:-3}"
build="${TAMIS_BENCH_BUILD:-}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [ -z "$build" ]; then
  build="$repo/build-bench-top"
  cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Release -DTAMIS_BUILD_TESTS=OFF >/dev/null
  cmake --build "$build" --target tamis -j2 >/dev/null
fi

# Real paragraphs of the handbook example, each with a language and a seeded score.
python3 - "$repo/examples/data/paragraphs" "$work/docs.jsonl" "$documents" <<'PY'
import glob, json, random, sys
rng = random.Random(7)
docs = [json.loads(l) for f in sorted(glob.glob(sys.argv[1] + "/*.jsonl")) for l in open(f)]
langs = ["eng_Latn", "fra_Latn", "deu_Latn", "spa_Latn", "ita_Latn", "por_Latn"]
with open(sys.argv[2], "w") as out:
    for i in range(int(sys.argv[3])):
        d = docs[i % len(docs)]
        meta = {"language": langs[i % len(langs)], "language_score": round(rng.random(), 4)}
        out.write(json.dumps({"id": f"d{i}", "text": d["text"], "metadata": meta},
                             ensure_ascii=False) + "\n")
PY
cat >"$work/p.yaml" <<EOF
input: docs.jsonl
output: out
stages:
  - stage: top_fraction
    score: language_score
    by: language
    keep: 0.5
EOF
cat >"$work/reference.py" <<'PY'
import json, math, sys
docs = [json.loads(l) for l in open(sys.argv[1])]
by = {}
for d in docs:
    by.setdefault(d["metadata"]["language"], []).append(d["metadata"]["language_score"])
cut = {}
for lang, scores in by.items():
    scores.sort(reverse=True)
    cut[lang] = scores[max(0, math.ceil(0.5 * len(scores)) - 1)]
with open(sys.argv[2], "w") as out:
    for d in docs:
        if d["metadata"]["language_score"] >= cut[d["metadata"]["language"]]:
            out.write(json.dumps(d, ensure_ascii=False) + "\n")
PY

mb="$(python3 -c "import os,sys; print(os.path.getsize(sys.argv[1]) / 1e6)" "$work/docs.jsonl")"
cpu() { # command... -> user+sys seconds of its best of $repeat runs
  local best=""
  for ((r = 0; r < repeat; r++)); do
    rm -rf "$work/out" "$work/ref.jsonl"
    local t
    /usr/bin/time -o "$work/time" -f "%U %S" "$@" >/dev/null 2>&1
    t="$(awk '{print $1 + $2}' "$work/time")"
    if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN{exit !(a < b)}'; then best="$t"; fi
  done
  echo "$best"
}
printf '%-44s %10s %14s %10s\n' "what" "cpu s" "documents/s" "MB/s"
row() {
  printf '%-44s %10.2f %14.0f %10.1f\n' "$1" "$2" "$(awk -v n="$documents" -v s="$2" 'BEGIN{print n/s}')" \
    "$(awk -v m="$mb" -v s="$2" 'BEGIN{print m/s}')"
}
t="$(cpu "$build/cli/tamis" run "$work/p.yaml" --threads 1 --quiet)"
row "tamis run (2 phases + step), 1 thread" "$t"
t="$(cpu python3 "$work/reference.py" "$work/docs.jsonl" "$work/ref.jsonl")"
row "python3 reference (sort per language)" "$t"
echo "($documents documents, $mb MB of JSONL)"
