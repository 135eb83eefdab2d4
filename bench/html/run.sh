#!/usr/bin/env bash
# HTML extraction throughput per core: tamis (charset decoding + gumbo-based main-text
# extraction) side by side with html2text (Debian's html2text 1.3.2a) on the same pages: the
# debian-handbook HTML in four languages (en-US, fr-FR, ja-JP, ru-RU).
# Usage: bench/html/run.sh [REPEAT]   (results go to stdout; copy them into BENCHMARKS.md)
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
repeat="${1:-3}"
build="$repo/build-bench"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if ! command -v html2text >/dev/null; then
  # The reference tool is needed by this benchmark only, so it is not in scripts/setup.sh.
  sudo_cmd=""
  if [[ $(id -u) -ne 0 ]]; then sudo_cmd="sudo"; fi
  $sudo_cmd apt-get install -y html2text >/dev/null
fi

cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Release -DTAMIS_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" --target tamis_readers -j2 >/dev/null
libs=()
for lib in readers io pipeline; do
  if [[ -f "$build/$lib/libtamis_$lib.a" ]]; then libs+=("$build/$lib/libtamis_$lib.a"); fi
done
# shellcheck disable=SC2046
g++ -std=c++20 -O2 -DNDEBUG -I"$repo" "$repo/bench/html/html_bench.cc" "${libs[@]}" \
  $(pkg-config --libs gumbo icu-uc icu-i18n libzstd zlib simdjson tbb) -lpthread \
  -o "$work/html_bench"

src=/usr/share/doc/debian-handbook/html
pages=()
for lang in en-US fr-FR ja-JP ru-RU; do
  for f in "$src/$lang"/*.html; do pages+=("$f"); done
done
bytes=$(cat "${pages[@]}" | wc -c)
echo "== $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "== ${#pages[@]} pages, $bytes bytes, repeated $repeat times, one thread"
"$work/html_bench" --repeat "$repeat" --concat "${pages[@]}"

# html2text, one process per page (how it is used on a crawl) and on all pages concatenated
# (its parse and render speed without process start-up).
start=$(date +%s.%N)
for ((r = 0; r < repeat; r++)); do
  for f in "${pages[@]}"; do html2text -utf8 -nobs "$f" >/dev/null; done
done
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" -v n="${#pages[@]}" -v r="$repeat" -v b="$bytes" 'BEGIN {
  t = e - s; printf "html2text per page:   %.0f pages/s, %.1f MB/s\n", n * r / t, b * r / 1e6 / t }'
cat "${pages[@]}" > "$work/all.html"
start=$(date +%s.%N)
for ((r = 0; r < repeat; r++)); do html2text -utf8 -nobs "$work/all.html" >/dev/null; done
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" -v r="$repeat" -v b="$bytes" 'BEGIN {
  t = e - s; printf "html2text, one concatenated document: %.1f MB/s\n", b * r / 1e6 / t }'
