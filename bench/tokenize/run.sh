#!/usr/bin/env bash
# Tokenization throughput, side by side in one run, same model, same text:
#   spm_encode          SentencePiece's own CLI, `--output_format=id` (single-threaded);
#   tamis (library)     bench/tokenize/tokenize_bench.cc: the tokenize stage's path — batches of
#                       1024 documents encoded in parallel, written in order to Megatron shards;
#   tamis tokenize      the whole command on the same text as JSONL documents (reading, JSON
#                       decoding, tokenize stage, shard writing).
# Every row must produce the same number of tokens as spm_encode (tamis' EOS per document
# excluded); the script fails otherwise.
# Text: every paragraph scripts/extract_tokenizer_corpus.py finds in the Debian handbook's 26
# translations and the translated man pages (~57 MB, 31 languages), one per line, optionally
# concatenated REPEAT times.
# Columns: wall seconds, CPU seconds (user+sys, from /usr/bin/time), tokens per wall second,
# tokens per CPU second (= per core; robust when other processes share the machine).
# Usage: bench/tokenize/run.sh [MODEL] [REPEAT]   (results on stdout; copy them to BENCHMARKS.md)
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
model="${1:-$repo/models/tamis-default.model}"
repeat="${2:-1}"
build="$repo/build-bench-tokenize"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Release -DTAMIS_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" --target tokenize_bench tamis_tokenize tamis -j2 >/dev/null 2>&1

python3 "$repo/scripts/extract_tokenizer_corpus.py" --output "$work/one.txt" 2>/dev/null
for _ in $(seq "$repeat"); do cat "$work/one.txt"; done > "$work/corpus.txt"
python3 - "$work/corpus.txt" "$work/corpus.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], encoding="utf-8") as f, open(sys.argv[2], "w", encoding="utf-8") as out:
    for i, line in enumerate(f):
        out.write(json.dumps({"id": str(i), "text": line.rstrip("\n")}, ensure_ascii=False) + "\n")
PY
lines=$(wc -l < "$work/corpus.txt")
bytes=$(wc -c < "$work/corpus.txt")
echo "corpus: $lines documents, $bytes bytes; model $(basename "$model"); $(nproc) cores;" \
  "load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf "%-22s %7s %9s %9s %12s %14s\n" tool threads wall_s cpu_s tokens/s tokens/cpu_s

# row NAME THREADS TOKENS: prints one line from the last /usr/bin/time record.
row() {
  read -r wall user sys < "$work/time"
  python3 -c "
w, c, t = $wall, $user + $sys, $3
print('%-22s %7d %9.2f %9.2f %12.0f %14.0f' % ('$1', $2, w, c, t / w, t / c))"
}
check() {
  if [ "$1" != "$spm_tokens" ]; then
    echo "MISMATCH: $2 gave $1 tokens, spm_encode $spm_tokens" >&2
    exit 1
  fi
}

/usr/bin/time -f "%e %U %S" -o "$work/time" \
  spm_encode --model="$model" --output_format=id < "$work/corpus.txt" > "$work/spm.txt"
spm_tokens=$(wc -w < "$work/spm.txt")
row spm_encode 1 "$spm_tokens"

for threads in 1 2; do
  out=$(/usr/bin/time -f "%e %U %S" -o "$work/time" \
    "$build/bench/tokenize_bench" "$model" "$work/corpus.txt" "$threads" "$work/lib$threads")
  tokens=$(echo "$out" | sed 's/.* tokens=\([0-9]*\) .*/\1/')
  check "$tokens" "tamis (library)"
  row "tamis (library)" "$threads" "$tokens"
done

for threads in 1 2; do
  mkdir -p "$work/cli$threads"
  # "tokenize: 1 files, D documents, T tokens (uint16), S shards"; T counts one EOS per document.
  out=$(/usr/bin/time -f "%e %U %S" -o "$work/time" "$build/cli/tamis" tokenize \
    "$work/corpus.jsonl" --tokenizer "$model" -o "$work/cli$threads/train" --threads "$threads" \
    --quiet)
  out=$(echo "$out" | head -1)
  docs=$(echo "$out" | sed 's/.* \([0-9]*\) documents.*/\1/')
  total=$(echo "$out" | sed 's/.* \([0-9]*\) tokens.*/\1/')
  check "$((total - docs))" "tamis tokenize"
  row "tamis tokenize" "$threads" "$((total - docs))"
done
