// The Megatron-LM indexed-dataset layout (`PREFIX.idx` + `PREFIX.bin`), as constants shared by
// the writer and the reader so the two can never disagree. The byte-level specification, with
// the reasons behind each field, is tokenize/megatron_format.md.
//
// Every value here is pinned by the format that Megatron-LM, NeMo and GPT-NeoX read
// (megatron/core/datasets/indexed_dataset.py): changing any of them makes tamis' shards
// unreadable by those trainers. Header-only, no state: safe from any thread.
#ifndef TAMIS_TOKENIZE_MEGATRON_FORMAT_H_
#define TAMIS_TOKENIZE_MEGATRON_FORMAT_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace tamis::megatron {

// "MMIDIDX" followed by two NUL bytes: 9 bytes, no terminator of its own.
inline constexpr char kIndexMagic[] = {'M', 'M', 'I', 'D', 'I', 'D', 'X', '\0', '\0'};
inline constexpr size_t kIndexMagicSize = sizeof(kIndexMagic);
inline constexpr uint64_t kIndexVersion = 1;

// Header: magic (9) + version u64 (8) + dtype code u8 (1) + sequence count u64 (8) + document
// index count u64 (8). The arrays that follow are therefore not naturally aligned.
inline constexpr size_t kIndexHeaderSize = kIndexMagicSize + 8 + 1 + 8 + 8;
static_assert(kIndexHeaderSize == 34);

inline constexpr size_t kSequenceLengthSize = 4;   // int32 per sequence.
inline constexpr size_t kSequencePointerSize = 8;  // int64 byte offset per sequence.
inline constexpr size_t kDocumentIndexSize = 8;    // int64 per document boundary.

// Megatron's DType codes (numpy dtype of the token ids in the .bin).
enum class DType : uint8_t {
  kUint8 = 1,
  kInt8 = 2,
  kInt16 = 3,
  kInt32 = 4,
  kInt64 = 5,
  kFloat64 = 6,
  kFloat32 = 7,
  kUint16 = 8,
};

// Megatron's DType.optimal_dtype: uint16 when the vocabulary size is below this bound, else
// int32. The bound is Megatron's (not 65536): matching it makes tamis pick the same dtype as
// Megatron's own preprocess_data.py for the same tokenizer.
inline constexpr int64_t kUint16VocabularyBound = 65500;

constexpr DType OptimalDType(int64_t vocabulary_size) {
  return vocabulary_size < kUint16VocabularyBound ? DType::kUint16 : DType::kInt32;
}

// Bytes per item, or nullopt for a code Megatron does not define.
constexpr std::optional<size_t> ItemSize(uint8_t code) {
  switch (static_cast<DType>(code)) {
    case DType::kUint8:
    case DType::kInt8:
      return 1;
    case DType::kInt16:
    case DType::kUint16:
      return 2;
    case DType::kInt32:
    case DType::kFloat32:
      return 4;
    case DType::kInt64:
    case DType::kFloat64:
      return 8;
  }
  return std::nullopt;
}

constexpr std::string_view DTypeName(DType dtype) {
  switch (dtype) {
    case DType::kUint8:
      return "uint8";
    case DType::kInt8:
      return "int8";
    case DType::kInt16:
      return "int16";
    case DType::kInt32:
      return "int32";
    case DType::kInt64:
      return "int64";
    case DType::kFloat64:
      return "float64";
    case DType::kFloat32:
      return "float32";
    case DType::kUint16:
      return "uint16";
  }
  return "unknown";
}

// Token ids must be integers: tamis writes only these two dtypes (OptimalDType's choices).
constexpr bool IsTokenDType(DType dtype) {
  return dtype == DType::kUint16 || dtype == DType::kInt32;
}

// Size of a .idx holding `sequences` sequences and `document_indices` boundaries.
constexpr uint64_t IndexFileSize(uint64_t sequences, uint64_t document_indices) {
  return kIndexHeaderSize + sequences * (kSequenceLengthSize + kSequencePointerSize) +
         document_indices * kDocumentIndexSize;
}

inline constexpr std::string_view kIndexSuffix = ".idx";
inline constexpr std::string_view kDataSuffix = ".bin";

// A chat token dataset PREFIX has its loss mask beside it as the uint8 dataset
// PREFIX + kLossMaskSuffix (megatron_format.md, "Loss mask").
inline constexpr std::string_view kLossMaskSuffix = "_loss_mask";
inline constexpr DType kLossMaskDType = DType::kUint8;

}  // namespace tamis::megatron

#endif  // TAMIS_TOKENIZE_MEGATRON_FORMAT_H_
