#!/usr/bin/env bash
# Tokenization throughput: tamis' library path (bench/tokenize/tokenize_bench.cc: the
# tokenize stage's batching, SentencePiece adapter and Megatron shard writer) with 1 and 2
# threads, side by side with SentencePiece's own single-threaded `spm_encode --output_format=id`,
# same model, same text, same run. Also checks that both produced the same number of tokens.
# Text: every paragraph scripts/extract_tokenizer_corpus.py finds in the Debian handbook's 26
# translations and the translated man pages (~60 MB, 31 languages), one per line, optionally
# concatenated REPEAT times.
# Usage: bench/tokenize/run.sh [MODEL] [REPEAT]   (results on stdout; copy them to BENCHMARKS.md)
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
model="${1:-$repo/models/tamis-default.model}"
repeat="${2:-1}"
build="$repo/build-bench-tokenize"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Release -DTAMIS_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" --target tamis_tokenize -j2 >/dev/null
# shellcheck disable=SC2046
g++ -std=c++20 -O2 -DNDEBUG -I"$repo" "$repo/bench/tokenize/tokenize_bench.cc" \
  "$build/tokenize/libtamis_tokenize.a" "$build/pipeline/libtamis_pipeline.a" \
  $(pkg-config --libs sentencepiece tbb) -lpthread -o "$work/tokenize_bench"

python3 "$repo/scripts/extract_tokenizer_corpus.py" --output "$work/one.txt" 2>/dev/null
for _ in $(seq "$repeat"); do cat "$work/one.txt"; done > "$work/corpus.txt"
lines=$(wc -l < "$work/corpus.txt")
bytes=$(wc -c < "$work/corpus.txt")
echo "corpus: $lines documents, $bytes bytes; model $(basename "$model"); $(nproc) cores"

start=$(date +%s.%N)
spm_encode --model="$model" --output_format=id < "$work/corpus.txt" > "$work/spm.txt"
end=$(date +%s.%N)
spm_tokens=$(wc -w < "$work/spm.txt")
python3 -c "
s = $end - $start
print('spm_encode threads=1 documents=$lines tokens=$spm_tokens seconds=%.3f tokens_per_s=%.0f per_core=%.0f' % (s, $spm_tokens / s, $spm_tokens / s))"

for threads in 1 2; do
  result=$("$work/tokenize_bench" "$model" "$work/corpus.txt" "$threads" "$work/shard$threads")
  echo "$result"
  tamis_tokens=$(echo "$result" | sed 's/.* tokens=\([0-9]*\) .*/\1/')
  if [ "$tamis_tokens" != "$spm_tokens" ]; then
    echo "MISMATCH: tamis $tamis_tokens tokens, spm_encode $spm_tokens" >&2
    exit 1
  fi
done
