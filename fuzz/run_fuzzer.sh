#!/usr/bin/env bash
# run_fuzzer.sh FUZZER SECONDS SEED... : runs a libFuzzer target for SECONDS from a fresh
# corpus seeded with copies of the SEED files (so the repository is never written to).
set -euo pipefail
fuzzer="$1"; seconds="$2"; shift 2
corpus="$(mktemp -d)"
trap 'rm -rf "$corpus"' EXIT
for seed in "$@"; do
  [ -f "$seed" ] && cp "$seed" "$corpus/"
done
ASAN_OPTIONS=detect_leaks=0 "$fuzzer" -max_total_time="$seconds" -rss_limit_mb=4096 \
  -timeout=10 -print_final_stats=1 "$corpus"
