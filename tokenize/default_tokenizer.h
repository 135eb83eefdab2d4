// The embedded default tokenizer: models/tamis-default.model, compiled into the binary so a
// `tamis` executable tokenizes without any file beside it. The model is trained by
// scripts/train_tokenizer.sh (BPE, 32000 pieces, byte fallback) on multilingual text from
// Debian packages; its bytes, and so its token ids, change only when that script is re-run
// and the model re-committed.
//
// kDefaultTokenizerName is what `--tokenizer` / `tokenizer:` accept to name it explicitly, and
// what manifests record as its path (with its SHA-256, which identifies it exactly).
// Thread rule: the bytes are immutable; LoadDefaultTokenizer returns an independent Tokenizer.
#ifndef TAMIS_TOKENIZE_DEFAULT_TOKENIZER_H_
#define TAMIS_TOKENIZE_DEFAULT_TOKENIZER_H_

#include <memory>
#include <string>
#include <string_view>

#include "pipeline/status.h"
#include "tokenize/sentencepiece_tokenizer.h"

namespace tamis {

inline constexpr std::string_view kDefaultTokenizerName = "tamis-default";

// The serialized SentencePiece model embedded in the binary.
std::string_view DefaultTokenizerModel();

// Loads `model` (a .model path), or the embedded model when `model` is empty or
// kDefaultTokenizerName.
Result<std::unique_ptr<Tokenizer>> LoadTokenizer(const std::string& model,
                                                 TokenizerOptions options = {});

}  // namespace tamis

#endif  // TAMIS_TOKENIZE_DEFAULT_TOKENIZER_H_
