#!/usr/bin/env bash
# Reading and writing: `tamis run` with no stages (read -> decode -> write) on real-text
# corpora made by bench/io/make_corpus.py, side by side with `zstd -dc | wc -l` and
# `zcat | wc -l` on the same files, then peak RSS of `tamis run` at two input sizes.
#
# Usage: bench/io/run.sh [WORKDIR] [REPEAT] [SMALL_BYTES] [BIG_BYTES]
#   WORKDIR      where corpora and outputs go (default /tmp/tamis-bench-io; kept for reruns,
#                corpora are only regenerated when missing)
#   REPEAT       repetitions of every timed command (default 3), interleaved so that a load
#                change on a shared machine hits every command alike
#   SMALL_BYTES  uncompressed size of the throughput JSONL corpus (default 200 MB)
#   BIG_BYTES    uncompressed size of the large JSONL corpus for the memory check (default 2 GB;
#                BENCHMARKS.md used 4 GB)
# Results go to stdout as TSV-like lines; copy them into BENCHMARKS.md.
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="${1:-/tmp/tamis-bench-io}"
repeat="${2:-3}"
small="${3:-200000000}"
big="${4:-2000000000}"
build="$repo/build-bench"
mkdir -p "$work"

# /usr/bin/time (GNU time) gives peak RSS; it is needed by this benchmark only, so it is
# installed here rather than in scripts/setup.sh.
if [[ ! -x /usr/bin/time ]]; then
  sudo_cmd=""
  if [[ $(id -u) -ne 0 ]]; then sudo_cmd="sudo"; fi
  $sudo_cmd apt-get install -y time >/dev/null
fi

cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Release -DTAMIS_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" --target tamis -j2 >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
tamis="$build/cli/tamis"

warc="$work/handbook.warc.gz"
jsonl="$work/handbook-small.jsonl.zst"
jsonl_big="$work/handbook-big.jsonl.zst"
gen="$repo/bench/io/make_corpus.py"
[[ -f "$warc" ]] || python3 "$gen" warc --size 0 "$warc"
[[ -f "$jsonl" ]] || python3 "$gen" jsonl --size "$small" --tamis "$tamis" "$jsonl"
[[ -f "$jsonl_big" ]] || python3 "$gen" jsonl --size "$big" --tamis "$tamis" "$jsonl_big"

# A pipeline with no stages: the built-in read stage, then the writer.
pipeline() {  # pipeline INPUT OUTPUT
  printf 'input: %s\noutput: %s\nstages: []\n' "$1" "$2" > "$work/pipeline-$(basename "$2").yaml"
  echo "$work/pipeline-$(basename "$2").yaml"
}

# measure LABEL CMD... : one run under GNU time; appends "label wall user sys maxrss_kb".
measure() {
  local label="$1"
  shift
  rm -rf "$work/out"*
  /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" "$@" >/dev/null 2>"$work/stderr.txt" || {
    cat "$work/stderr.txt" >&2
    exit 1
  }
  echo "$label $(tail -1 "$work/time.txt")" >> "$work/times.txt"
}

usize() { zstd -dc "$1" | wc -c; }
lines() { zstd -dc "$1" | wc -l; }

echo "== $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "== load before: $(cut -d' ' -f1-3 /proc/loadavg)"
warc_c=$(stat -c %s "$warc")
warc_u=$(zcat "$warc" | wc -c)
jsonl_c=$(stat -c %s "$jsonl")
jsonl_u=$(usize "$jsonl")
jsonl_docs=$(lines "$jsonl")
echo "== $warc: $warc_c bytes, $warc_u uncompressed"
echo "== $jsonl: $jsonl_c bytes, $jsonl_u uncompressed, $jsonl_docs documents"

p_jsonl=$(pipeline "$jsonl" "$work/out-jsonl.jsonl.zst")
p_warc=$(pipeline "$warc" "$work/out-warc.jsonl.zst")
: > "$work/times.txt"
for ((r = 0; r < repeat; r++)); do
  measure "zstd-dc|wc-l jsonl" bash -c "zstd -dc '$jsonl' | wc -l"
  measure "tamis-t1 jsonl" "$tamis" run "$p_jsonl" --threads 1 --quiet
  measure "tamis-t2 jsonl" "$tamis" run "$p_jsonl" --threads 2 --quiet
  measure "zcat|wc-l warc" bash -c "zcat '$warc' | wc -l"
  measure "tamis-t1 warc" "$tamis" run "$p_warc" --threads 1 --quiet
  measure "tamis-t2 warc" "$tamis" run "$p_warc" --threads 2 --quiet
done
# Documents the WARC run produced (responses kept), from the last run's output.
"$tamis" run "$p_warc" --threads 2 --quiet >/dev/null 2>&1
warc_docs=$(lines "$work/out-warc.jsonl.zst")
echo "== WARC run keeps $warc_docs documents"
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"

# Median wall and CPU (user+sys) seconds per command; MB/s are input MB (compressed and
# uncompressed) per wall second and per CPU second ("per core": on a shared machine the wall
# time mostly measures the CPU share other processes left). For WARC, docs are the HTML
# responses (pages) tamis keeps; the zcat row uses the same count.
echo
echo "command | input | wall s (median of $repeat) | cpu s | MB/s compressed | MB/s uncompressed | per cpu-second: MB compressed | MB uncompressed | docs | docs/s | peak RSS MB"
awk -v jc="$jsonl_c" -v ju="$jsonl_u" -v jd="$jsonl_docs" \
    -v wc="$warc_c" -v wu="$warc_u" -v wd="$warc_docs" '
  function median(list,   n, a, i, j, t) {
    n = split(list, a, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  {
    key = $1 " " $2
    if (!(key in wall)) order[++n] = key
    wall[key] = wall[key] " " $3
    cpu[key] = cpu[key] " " ($4 + $5)
    if ($6 > rss[key]) rss[key] = $6
  }
  END {
    for (i = 1; i <= n; i++) {
      k = order[i]; split(k, parts, " ")
      c = (parts[2] == "jsonl") ? jc : wc; u = (parts[2] == "jsonl") ? ju : wu
      d = (parts[2] == "jsonl") ? jd : wd
      w = median(wall[k]); t = median(cpu[k])
      printf "%s | %s | %.2f | %.2f | %.1f | %.1f | %.1f | %.1f | %.0f | %.0f | %.0f\n",
        parts[1], parts[2], w, t, c / 1e6 / w, u / 1e6 / w, c / 1e6 / t, u / 1e6 / t, d / t,
        d / w, rss[k] / 1024
    }
  }' "$work/times.txt"

# Constant memory: peak RSS of the same no-stage pipeline on the small and the big corpus.
echo
echo "== peak RSS, tamis run --threads 2, JSONL.zst -> JSONL.zst"
big_c=$(stat -c %s "$jsonl_big")
big_u=$(usize "$jsonl_big")
p_big=$(pipeline "$jsonl_big" "$work/out-big.jsonl.zst")
: > "$work/times.txt"
measure "rss small" "$tamis" run "$p_jsonl" --threads 2 --quiet
# The big run is also sampled every second (VmRSS of the tamis process), to show the
# resident set levels off instead of creeping up with the input.
rm -rf "$work/out"*
/usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" "$tamis" run "$p_big" --threads 2 --quiet \
  >/dev/null 2>"$work/stderr.txt" &
timer=$!
: > "$work/rss-samples.txt"
start=$(date +%s.%N)
while kill -0 "$timer" 2>/dev/null; do
  pid=$(pgrep -P "$timer" || true)
  if [[ -n "$pid" ]]; then
    rss=$(awk '/^VmRSS/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)
    if [[ -n "$rss" ]]; then
      echo "$(date +%s.%N) $rss" | awk -v s="$start" '{ printf "%.1f %d\n", $1 - s, $2 }' \
        >> "$work/rss-samples.txt"
    fi
  fi
  sleep 1
done
wait "$timer" || { cat "$work/stderr.txt" >&2; exit 1; }
echo "rss big $(tail -1 "$work/time.txt")" >> "$work/times.txt"
big_docs=$(lines "$work/out-big.jsonl.zst")
awk -v jc="$jsonl_c" -v ju="$jsonl_u" -v bc="$big_c" -v bu="$big_u" -v bd="$big_docs" '
  $2 == "small" { printf "input %.0f MB (%.0f MB compressed): peak RSS %.1f MB, %.1f s\n", ju / 1e6, jc / 1e6, $6 / 1024, $3 }
  $2 == "big" { printf "input %.0f MB (%.0f MB compressed, %d documents): peak RSS %.1f MB, %.1f s\n", bu / 1e6, bc / 1e6, bd, $6 / 1024, $3 }
' "$work/times.txt"
# RSS by tenth of the big run: the largest sample in each tenth, in MB.
awk '{ t[NR] = $1; r[NR] = $2 } END {
  printf "VmRSS by tenth of the big run (MB):"
  for (k = 0; k < 10; k++) {
    m = 0
    for (i = 1; i <= NR; i++) if (t[i] >= t[NR] * k / 10 && t[i] <= t[NR] * (k + 1) / 10 && r[i] > m) m = r[i]
    printf " %.0f", m / 1024
  }
  printf "\n" }' "$work/rss-samples.txt"
rm -rf "$work/out"*
