#!/usr/bin/env bash
# Language-ID throughput: tamis's library path (bench/langid/langid_bench.cc: the langid
# stage's LanguageIdentifier over documents with tbb::parallel_for) with 1 and 2 threads, side
# by side with the single-threaded `fasttext predict` CLI, same model, same documents, same run.
# Documents: the paragraphs of The Debian Administrator's Handbook in its 26 languages
# (package debian-handbook), grouped into documents of about DOC_BYTES, one per line.
# Usage: bench/langid/run.sh [MODEL] [REPEAT]   (results on stdout; copy them to BENCHMARKS.md)
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
model="${1:-$repo/models/lid.176.ftz}"
repeat="${2:-3}"
build="$repo/build-bench-langid"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Release -DTAMIS_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" --target tamis_langid -j2 >/dev/null
# shellcheck disable=SC2046
g++ -std=c++20 -O2 -DNDEBUG -I"$repo" "$repo/bench/langid/langid_bench.cc" \
  "$build/langid/libtamis_langid.a" "$build/pipeline/libtamis_pipeline.a" \
  $(pkg-config --libs fasttext icu-uc tbb) -lpthread -o "$work/langid_bench"

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
echo "== $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "== model $(basename "$model"); $docs documents, $bytes bytes, each pass repeated $repeat times"

start=$(date +%s.%N)
fasttext predict "$model" "$work/repeated.txt" 1 >"$work/cli.txt"
end=$(date +%s.%N)
python3 - "$start" "$end" "$docs" "$bytes" "$repeat" <<'PY'
import sys
s, e, docs, b, r = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
t = e - s
print(f"fasttext predict (CLI, 1 thread): {docs} docs x {r}, {t:.2f} s, {docs*r/t:.0f} docs/s, "
      f"{b*r/1e6/t:.2f} MB/s")
PY
"$work/langid_bench" --model "$model" --threads 1 --repeat "$repeat" "$work/docs.txt"
"$work/langid_bench" --model "$model" --threads 2 --repeat "$repeat" "$work/docs.txt"
"$work/langid_bench" --model "$model" --threads 2 --repeat "$repeat" --normalize "$work/docs.txt"
