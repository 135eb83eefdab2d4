#!/usr/bin/env bash
# A/B of the writer's zstd compression: on the graph's serial output thread (workers 0, the
# writer before commit 5350d68) or on a zstd worker thread (workers 1, the default now), at
# --threads 1 and 2, same corpus, runs interleaved. See bench/io/writer_ab.cc.
# Usage: bench/io/writer_ab.sh INPUT.jsonl.zst [REPEAT]   (run bench/io/run.sh first: it makes
# the corpus and builds the libraries in build-bench)
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
input="$1"
repeat="${2:-5}"
build="$repo/build-bench"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cmake --build "$build" --target writer_ab tamis_writers tamis_readers -j2 >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }

echo "== load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for ((r = 0; r < repeat; r++)); do
  for threads in 1 2; do
    for workers in 0 1; do
      rm -f "$work/out.jsonl.zst"
      /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" \
        "$build/bench/writer_ab" --threads "$threads" --workers "$workers" "$input" \
        "$work/out.jsonl.zst" > "$work/out.txt"
      # t w wall user sys rss source_cpu sink_cpu
      echo "t$threads w$workers $(cat "$work/time.txt") $(awk '{ print $9, $11 }' "$work/out.txt")" \
        >> "$work/times.txt"
    done
  done
done
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "threads workers | wall s median (all runs) | cpu s median | serial source cpu s | serial sink cpu s | peak RSS MB"
awk '
  function median(list,   n, a, i, j, t) {
    n = split(list, a, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  { k = $1 " " $2; if (!(k in w)) o[++n] = k; w[k] = w[k] " " $3; all[k] = all[k] " " $3
    c[k] = c[k] " " ($4 + $5); if ($6 > m[k]) m[k] = $6; so[k] = so[k] " " $7; si[k] = si[k] " " $8 }
  END { for (i = 1; i <= n; i++) { k = o[i]
    printf "%s | %.2f (%s) | %.2f | %.2f | %.2f | %.0f\n", k, median(w[k]), substr(all[k], 2),
      median(c[k]), median(so[k]), median(si[k]), m[k] / 1024 } }
' "$work/times.txt"
