#include "tokenize/sentencepiece_tokenizer.h"

#include <sentencepiece_processor.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <type_traits>

#include "tokenize/sha256.h"

namespace tamis {

Result<std::unique_ptr<Tokenizer>> Tokenizer::Load(const std::string& model_path,
                                                   TokenizerOptions options) {
  std::ifstream in(model_path, std::ios::binary);
  if (!in) {
    if (errno == ENOENT) return Status::NotFound(model_path + ": no such tokenizer model");
    return Status::IoError("opening " + model_path + ": " + std::strerror(errno));
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) return Status::IoError("reading " + model_path);
  return LoadSerialized(bytes.str(), model_path, options);
}

Result<std::unique_ptr<Tokenizer>> Tokenizer::LoadSerialized(std::string_view serialized,
                                                             std::string name,
                                                             TokenizerOptions options) {
  const std::string& model_path = name;
  std::unique_ptr<Tokenizer> t(new Tokenizer());
  t->processor_ = std::make_unique<sentencepiece::SentencePieceProcessor>();
  const auto status = t->processor_->LoadFromSerializedProto(
      absl::string_view(serialized.data(), serialized.size()));
  if (!status.ok()) {
    return Status::Corruption(model_path + ": not a SentencePiece model: " + status.ToString());
  }
  t->options_ = options;
  t->path_ = model_path;
  t->sha256_ = Sha256Hex(serialized);
  t->vocab_size_ = t->processor_->GetPieceSize();
  t->bos_id_ = t->processor_->bos_id();
  t->eos_id_ = t->processor_->eos_id();
  if (options.add_bos && t->bos_id_ < 0) {
    return Status::InvalidArgument(model_path + ": BOS requested but the model defines none");
  }
  if (options.add_eos && t->eos_id_ < 0) {
    return Status::InvalidArgument(model_path + ": EOS requested but the model defines none");
  }
  return t;
}

Tokenizer::~Tokenizer() = default;

Status Tokenizer::Encode(std::string_view text, std::vector<int32_t>* ids) const {
  ids->clear();
  // Encode into the caller's vector directly: std::vector<int> is the library's id type.
  static_assert(std::is_same_v<int32_t, int>);
  const auto status = processor_->Encode(absl::string_view(text.data(), text.size()), ids);
  if (!status.ok()) return Status::Internal("sentencepiece encode: " + status.ToString());
  if (options_.add_bos) ids->insert(ids->begin(), bos_id_);
  if (options_.add_eos) ids->push_back(eos_id_);
  return Status::Ok();
}

Status Tokenizer::EncodeWithSpans(std::string_view text, std::vector<int32_t>* ids,
                                  std::vector<PieceSpan>* spans) const {
  ids->clear();
  spans->clear();
  const sentencepiece::ImmutableSentencePieceText proto =
      processor_->EncodeAsImmutableProto(absl::string_view(text.data(), text.size()));
  // EncodeAsImmutableProto reports failure only as an empty result; a non-empty text always
  // gives at least one piece with byte fallback or <unk>.
  if (proto.pieces_size() == 0 && !text.empty()) {
    const auto status = processor_->Encode(absl::string_view(text.data(), text.size()), ids);
    if (!status.ok()) return Status::Internal("sentencepiece encode: " + status.ToString());
    return Status::Internal("sentencepiece encode gave no piece offsets");
  }
  ids->reserve(proto.pieces_size());
  spans->reserve(proto.pieces_size());
  for (const auto& piece : proto.pieces()) {
    ids->push_back(static_cast<int32_t>(piece.id()));
    spans->push_back({piece.begin(), piece.end()});
  }
  return Status::Ok();
}

int32_t Tokenizer::ControlPieceId(std::string_view piece) const {
  if (piece.empty()) return -1;
  const int id = processor_->PieceToId(absl::string_view(piece.data(), piece.size()));
  // PieceToId answers unk_id for an unknown piece, and <unk> is not a control symbol.
  if (id < 0 || id >= vocab_size_ || !processor_->IsControl(id)) return -1;
  return processor_->IdToPiece(id) == piece ? id : -1;
}

const std::string& Tokenizer::IdToPiece(int32_t id) const {
  return processor_->IdToPiece(id);
}

Result<std::string> Tokenizer::PieceText(std::span<const int32_t> ids) const {
  static constexpr std::string_view kSpace = "\xE2\x96\x81";  // U+2581, SentencePiece's space.
  std::string text;
  for (int32_t id : ids) {
    if (id < 0 || id >= vocab_size_) {
      return Status::InvalidArgument("token id " + std::to_string(id) + " outside vocabulary of " +
                                     std::to_string(vocab_size_));
    }
    const std::string& piece = processor_->IdToPiece(id);
    if (processor_->IsByte(id)) {  // "<0xNN>"
      text += static_cast<char>(std::stoi(piece.substr(3, 2), nullptr, 16));
      continue;
    }
    for (size_t i = 0; i < piece.size();) {
      if (std::string_view(piece).substr(i, kSpace.size()) == kSpace) {
        text += ' ';
        i += kSpace.size();
      } else {
        text += piece[i++];
      }
    }
  }
  return text;
}

Result<std::string> Tokenizer::Decode(std::span<const int32_t> ids) const {
  std::vector<int> in(ids.begin(), ids.end());
  for (int id : in) {
    if (id < 0 || id >= vocab_size_) {
      return Status::InvalidArgument("token id " + std::to_string(id) + " outside vocabulary of " +
                                     std::to_string(vocab_size_));
    }
  }
  std::string text;
  const auto status = processor_->Decode(in, &text);
  if (!status.ok()) return Status::Internal("sentencepiece decode: " + status.ToString());
  return text;
}

}  // namespace tamis
