#!/usr/bin/env bash
# Trains tamis' embedded default tokenizer, models/tamis-default.model, from real
# multilingual text found in Debian packages (debian-handbook in 26 languages, translated man
# pages): scripts/extract_tokenizer_corpus.py pulls it out, spm_train learns the model.
#
# Deterministic: the corpus is extracted in a fixed order, the whole corpus is used in file
# order (no sampling, no shuffle), training is single-threaded and run on relative paths, so
# the same packages give the same model byte for byte. The committed model is what tamis tokenizes with when no
# --tokenizer is given; re-run this only to change the tokenizer on purpose (it changes every
# token id).
#
# Choices, and why:
#   BPE, 32000 pieces: the usual size for a small multilingual LM; uint16 shards (< 65500).
#   byte_fallback: any byte sequence encodes (no <unk> for unseen scripts or emoji).
#   identity normalisation, whitespace kept, digits split: the text the model sees is
#   exactly the document (code indentation survives), and numbers tokenize digit by digit.
#   character_coverage 0.9995: CJK's rare characters go to byte fallback, not the vocab.
#   600 KB per language: no language (German man pages are 9 MB) dominates the merges.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$here/models/tamis-default.model}"
out="$(realpath -m "$out")"
vocab_size="${VOCAB_SIZE:-32000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 "$here/scripts/extract_tokenizer_corpus.py" --output "$work/corpus.txt" \
  --max-bytes-per-language 600000

# Relative paths: the model stores its trainer spec (input, model_prefix), so absolute
# temporary paths would make every training's bytes differ.
cd "$work"
spm_train \
  --input=corpus.txt \
  --model_prefix=tamis \
  --model_type=bpe \
  --vocab_size="$vocab_size" \
  --character_coverage=0.9995 \
  --byte_fallback=true \
  --normalization_rule_name=identity \
  --remove_extra_whitespaces=false \
  --split_digits=true \
  --allow_whitespace_only_pieces=true \
  --max_sentence_length=16384 \
  --input_sentence_size=0 \
  --shuffle_input_sentence=false \
  --num_threads=1 \
  --unk_id=0 --bos_id=1 --eos_id=2 --pad_id=-1 \
  --minloglevel=1

mkdir -p "$(dirname "$out")"
cp "$work/tamis.model" "$out.tmp.$$"
mv "$out.tmp.$$" "$out"
echo "train_tokenizer: wrote $out ($(stat -c %s "$out") bytes, sha256 $(sha256sum "$out" | cut -c1-64))" >&2
