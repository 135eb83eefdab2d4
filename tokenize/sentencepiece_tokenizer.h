// Tokenizer: a SentencePiece model (.model, BPE or unigram, with or without byte fallback)
// turning document text into token ids.
//
// Contract: Encode(text) gives exactly the ids `spm_encode --model M --output_format=id` prints
// for the same text (tamis calls the same library with the model's own normalisation and adds
// nothing but the optional BOS/EOS, which spm_encode adds with `--extra_options=bos:eos`).
// EOS is appended by default because one document is one Megatron sequence and the trainer
// needs the boundary between concatenated documents (Megatron's `--append-eod`).
//
// Load() reads the whole model file: a missing file is kNotFound, a file SentencePiece cannot
// parse is kCorruption, and asking for BOS/EOS with a model that has none is kInvalidArgument.
// Thread rule: immutable after Load(); Encode/Decode may be called from any number of threads
// at once (SentencePieceProcessor's encode path is const and keeps no state).
#ifndef TAMIS_TOKENIZE_SENTENCEPIECE_TOKENIZER_H_
#define TAMIS_TOKENIZE_SENTENCEPIECE_TOKENIZER_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/status.h"

namespace sentencepiece {
class SentencePieceProcessor;
}

namespace tamis {

struct TokenizerOptions {
  bool add_bos = false;
  bool add_eos = true;
};

class Tokenizer {
 public:
  static Result<std::unique_ptr<Tokenizer>> Load(const std::string& model_path,
                                                 TokenizerOptions options = {});
  // From a model's bytes; `name` stands for the path in messages and manifests.
  static Result<std::unique_ptr<Tokenizer>> LoadSerialized(std::string_view serialized,
                                                           std::string name,
                                                           TokenizerOptions options = {});
  ~Tokenizer();

  // Replaces `*ids` with the ids of `text` (plus BOS/EOS as configured). A non-OK Status means
  // SentencePiece itself failed, which the caller treats as a failed run.
  Status Encode(std::string_view text, std::vector<int32_t>* ids) const;
  Result<std::string> Decode(std::span<const int32_t> ids) const;

  // The byte span of `text` one token covers: SentencePiece's piece offsets (begin/end of the
  // piece's surface in the input). A byte-fallback character is several pieces: all but the
  // last have an empty span at the character's start, the last covers the whole character.
  struct PieceSpan {
    uint32_t begin;
    uint32_t end;
  };
  // The ids of `text` exactly as Encode gives them but WITHOUT BOS/EOS, and each id's span.
  Status EncodeWithSpans(std::string_view text, std::vector<int32_t>* ids,
                         std::vector<PieceSpan>* spans) const;
  // The id of `piece` when it is a control symbol of the model (`<s>`, `</s>`, or a special
  // token such as `<|im_start|>` the model was trained with as a control symbol), else -1.
  // Encoding never produces a control id from text, so a caller that wants one emits it
  // itself. User-defined symbols need no such help: Encode matches them in the text and gives
  // their id, so they count as ordinary text here (-1).
  int32_t ControlPieceId(std::string_view piece) const;
  // The piece string of `id` (e.g. "▁Hello", "<0x0A>"); `id` must be in [0, vocab_size()).
  const std::string& IdToPiece(int32_t id) const;
  // The text `ids` spell, piece by piece: `▁` as a space, `<0xNN>` as that byte, control
  // symbols as their piece string. Unlike Decode, nothing is normalised away (Decode drops the
  // leading space of the first piece), so consecutive slices concatenate to the whole. Ids
  // outside the vocabulary are kInvalidArgument.
  Result<std::string> PieceText(std::span<const int32_t> ids) const;

  int64_t vocab_size() const { return vocab_size_; }
  int32_t bos_id() const { return bos_id_; }  // -1 when the model has none.
  int32_t eos_id() const { return eos_id_; }
  const TokenizerOptions& options() const { return options_; }
  const std::string& path() const { return path_; }
  // SHA-256 of the model file's bytes (what `sha256sum MODEL` prints).
  const std::string& sha256() const { return sha256_; }

 private:
  Tokenizer() = default;

  std::unique_ptr<sentencepiece::SentencePieceProcessor> processor_;
  TokenizerOptions options_;
  std::string path_;
  std::string sha256_;
  int64_t vocab_size_ = 0;
  int32_t bos_id_ = -1;
  int32_t eos_id_ = -1;
};

}  // namespace tamis

#endif  // TAMIS_TOKENIZE_SENTENCEPIECE_TOKENIZER_H_
