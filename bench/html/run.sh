#!/usr/bin/env bash
# HTML main-text extraction per core: tamis's extractor (libxml2 SAX page model + main-content
# scoring) side by side, in the same run, with the gumbo-based extractor it replaced (built
# from BASELINE below) and with reference tools:
#   1. extraction only, one thread, on the debian-handbook pages of en-US, fr-FR, ja-JP and
#      ru-RU (bench/html/html_bench.cc): tamis now, tamis at BASELINE, Debian's html2text
#      1.3.2a; and the parsers alone (bench/html/parser_bench.cc: gumbo, libxml2 tree, libxml2
#      SAX), the floor under any extractor built on them;
#   2. end to end on a WARC: `tamis extract --threads 1` of tamis now and at BASELINE on the
#      3,302-page handbook WARC of bench/io/make_corpus.py (all 26 languages), per CPU-second,
#      with `zcat | wc -l` as the floor;
#   3. quality and pages/s of tamis now, tamis at BASELINE and Mozilla Readability (node +
#      jsdom, scripts/fetch_readability.sh): word-level precision and recall
#      (bench/html/score.py) on the test set of tests/data/readers/html_pages/ and on the
#      handbook's section pages, whose main text is known (their div.section); the test set's
#      numbers are the differential test's (readers_tests "[html_readability]").
# Usage: bench/html/run.sh [REPEAT] [WORKDIR]   (results go to stdout; copy them into
# BENCHMARKS.md). WORKDIR (default /tmp/tamis-bench-html) keeps the WARC between runs.
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
repeat="${1:-3}"
work="${2:-/tmp/tamis-bench-html}"
# The last commit with the gumbo-based extractor (issue #10 replaced it).
baseline=ec266a8
build="$repo/build-bench"
baseline_src="$repo/.cache/bench-html-baseline-$baseline"
baseline_build="$repo/build-bench-baseline"
mkdir -p "$work"

sudo_cmd=""
if [[ $(id -u) -ne 0 ]]; then sudo_cmd="sudo"; fi
# Needed by this benchmark only, so not in scripts/setup.sh.
command -v html2text >/dev/null || $sudo_cmd apt-get install -y html2text >/dev/null
[[ -x /usr/bin/time ]] || $sudo_cmd apt-get install -y time >/dev/null

echo "== building tamis (now and at $baseline)" >&2
cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Release -DTAMIS_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" --target tamis -j2 >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
if [[ ! -d "$baseline_src" ]]; then
  mkdir -p "$baseline_src"
  git -C "$repo" archive "$baseline" | tar -x -C "$baseline_src"
fi
cmake -S "$baseline_src" -B "$baseline_build" -DCMAKE_BUILD_TYPE=Release -DTAMIS_BUILD_TESTS=OFF >/dev/null
cmake --build "$baseline_build" --target tamis -j2 >"$work/build-baseline.log" 2>&1 ||
  { cat "$work/build-baseline.log" >&2; exit 1; }

libs() {  # libs BUILD_DIR: the static libraries html_bench needs
  for lib in readers io pipeline; do
    if [[ -f "$1/$lib/libtamis_$lib.a" ]]; then echo "$1/$lib/libtamis_$lib.a"; fi
  done
}
deps="$(pkg-config --libs gumbo libxml-2.0 icu-uc icu-i18n libzstd zlib simdjson tbb) -lpthread"
# shellcheck disable=SC2046,SC2086
g++ -std=c++20 -O2 -DNDEBUG -I"$repo" "$repo/bench/html/html_bench.cc" $(libs "$build") $deps \
  -o "$work/html_bench"
# shellcheck disable=SC2046,SC2086
g++ -std=c++20 -O2 -DNDEBUG -I"$baseline_src" "$repo/bench/html/html_bench.cc" \
  $(libs "$baseline_build") $deps -o "$work/html_bench_baseline"
# shellcheck disable=SC2046,SC2086
g++ -std=c++20 -O2 -DNDEBUG $(pkg-config --cflags gumbo libxml-2.0) \
  "$repo/bench/html/parser_bench.cc" $deps -o "$work/parser_bench"

echo "== $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "== load before: $(cut -d' ' -f1-3 /proc/loadavg)"

# 1. Extraction only.
src=/usr/share/doc/debian-handbook/html
pages=()
for lang in en-US fr-FR ja-JP ru-RU; do
  for f in "$src/$lang"/*.html; do pages+=("$f"); done
done
bytes=$(cat "${pages[@]}" | wc -c)
echo "== 1. ${#pages[@]} handbook pages, $bytes bytes, each extracted $repeat times, one thread"
echo "-- tamis now"
"$work/html_bench" --repeat "$repeat" --concat "${pages[@]}"
echo "-- tamis at $baseline (gumbo)"
"$work/html_bench_baseline" --repeat "$repeat" --concat "${pages[@]}"
"$work/parser_bench" --repeat "$repeat" "${pages[@]}"
# html2text per CPU-second too: GNU time counts the loop's children.
cpu_seconds() {  # cpu_seconds CMD...: user + sys seconds of CMD and its children
  /usr/bin/time -f "%U %S" -o "$work/time.txt" "$@" >/dev/null
  awk '{ print $1 + $2 }' "$work/time.txt"
}
export repeat
t=$(cpu_seconds bash -c 'for ((r = 0; r < repeat; r++)); do
  for f in "$@"; do html2text -utf8 -nobs "$f" >/dev/null; done; done' html2text "${pages[@]}")
awk -v t="$t" -v n="${#pages[@]}" -v r="$repeat" -v b="$bytes" 'BEGIN {
  printf "html2text per page:   %.0f pages/s, %.1f MB/s per CPU-second\n", n * r / t, b * r / 1e6 / t }'
cat "${pages[@]}" > "$work/all.html"
t=$(cpu_seconds bash -c 'for ((r = 0; r < repeat; r++)); do html2text -utf8 -nobs "$1" >/dev/null; done' \
  html2text "$work/all.html")
awk -v t="$t" -v r="$repeat" -v b="$bytes" 'BEGIN {
  printf "html2text, one concatenated document: %.1f MB/s per CPU-second\n", b * r / 1e6 / t }'

# 2. End to end on a WARC, per CPU-second.
warc="$work/handbook.warc.gz"
[[ -f "$warc" ]] || python3 "$repo/bench/io/make_corpus.py" warc --size 0 "$warc"
warc_u=$(zcat "$warc" | wc -c)
echo "== 2. $warc: $(stat -c %s "$warc") bytes, $warc_u uncompressed; tamis extract --threads 1"
: > "$work/times.txt"
measure() {  # measure LABEL CMD...: appends "label wall user sys"
  local label="$1"
  shift
  rm -rf "$work/out"
  /usr/bin/time -f "%e %U %S" -o "$work/time.txt" "$@" >/dev/null 2>"$work/stderr.txt" ||
    { cat "$work/stderr.txt" >&2; exit 1; }
  echo "$label $(tail -1 "$work/time.txt")" >> "$work/times.txt"
}
for ((r = 0; r < repeat; r++)); do
  measure "zcat|wc-l" bash -c "zcat '$warc' | wc -l"
  measure "tamis-now" "$build/cli/tamis" extract "$warc" -o "$work/out" --threads 1 --quiet
  measure "tamis-$baseline" "$baseline_build/cli/tamis" extract "$warc" -o "$work/out" --threads 1 --quiet
done
awk -v u="$warc_u" '{ wall[$1] += $2; cpu[$1] += $3 + $4; n[$1]++ }
  END { for (k in n) printf "%-18s wall %.2f s  cpu %.2f s  %.1f MB/s per CPU-second\n",
        k, wall[k] / n[k], cpu[k] / n[k], u / 1e6 / (cpu[k] / n[k]) }' "$work/times.txt" | sort

# 3. Quality and pages/s against the baseline and Readability.
set_dir="$repo/tests/data/readers/html_pages"
set_pages=("$set_dir"/*.html)
echo "== 3. test set: ${#set_pages[@]} pages, $(cat "${set_pages[@]}" | wc -c) bytes of HTML"
bash "$repo/scripts/fetch_readability.sh"
q="$work/quality"
rm -rf "$q"
mkdir -p "$q/set-now" "$q/set-baseline" "$q/set-readability"
"$work/html_bench" --repeat "$repeat" --out "$q/set-now" "${set_pages[@]}" | grep "extract only"
"$work/html_bench_baseline" --repeat 1 --out "$q/set-baseline" "${set_pages[@]}" >/dev/null
readability() {  # readability OUT_DIR FILE...: prints pages/s over REPEAT runs
  local out="$1"
  shift
  for ((r = 0; r < repeat; r++)); do
    node "$repo/bench/html/readability_extract.js" "$repo/.cache/readability/node_modules" "$out" "$@"
  done | awk '{ n += $2; s += $4 } END { printf "Readability (jsdom parse + extraction): %.1f pages/s\n", n / s }'
}
readability "$q/set-readability" "${set_pages[@]}"
python3 "$repo/bench/html/score.py" "$set_dir" "tamis-now=$q/set-now" \
  "tamis-$baseline=$q/set-baseline" "readability=$q/set-readability"
for lang in en-US fr-FR ja-JP ru-RU; do
  sect=("$src/$lang"/sect.*.html)
  mkdir -p "$q/$lang-now" "$q/$lang-baseline"
  "$work/html_bench" --repeat 1 --out "$q/$lang-now" "${sect[@]}" >/dev/null
  "$work/html_bench_baseline" --repeat 1 --out "$q/$lang-baseline" "${sect[@]}" >/dev/null
  labels=("tamis-now=$q/$lang-now" "tamis-$baseline=$q/$lang-baseline")
  if [[ $lang == en-US ]]; then
    mkdir -p "$q/$lang-readability"
    echo "-- handbook $lang, ${#sect[@]} section pages, Readability run once"
    repeat=1 readability "$q/$lang-readability" "${sect[@]}"
    labels+=("readability=$q/$lang-readability")
  else
    echo "-- handbook $lang, ${#sect[@]} section pages"
  fi
  python3 "$repo/bench/html/score.py" "handbook:$lang" "${labels[@]}"
done
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
