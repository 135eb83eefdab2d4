#include "tokenize/megatron_reader.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <bit>
#include <cerrno>
#include <cstring>

#include "pipeline/check.h"
#include "tokenize/megatron_writer.h"

namespace tamis::megatron {
namespace {

static_assert(std::endian::native == std::endian::little,
              "the Megatron layout is little-endian; tamis reads integers as they are in memory");

// The index arrays start at offset 34, so they are never aligned: every read is a memcpy.
template <typename T>
T Load(const unsigned char* p) {
  T value;
  std::memcpy(&value, p, sizeof(T));
  return value;
}

// Maps `path` read-only. An empty file is valid (no tokens) and maps to nullptr.
Status MapFile(const std::string& path, const unsigned char** data, size_t* size) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return Status::NotFound(path + ": no such file");
    return Status::IoError("opening " + path + ": " + std::strerror(errno));
  }
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    Status s = Status::IoError("stat " + path + ": " + std::strerror(errno));
    ::close(fd);
    return s;
  }
  *size = static_cast<size_t>(st.st_size);
  *data = nullptr;
  if (*size > 0) {
    void* p = ::mmap(nullptr, *size, PROT_READ, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED) {
      Status s = Status::IoError("mapping " + path + ": " + std::strerror(errno));
      ::close(fd);
      return s;
    }
    *data = static_cast<const unsigned char*>(p);
  }
  ::close(fd);
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<IndexedDataset>> IndexedDataset::Open(const std::string& prefix) {
  std::unique_ptr<IndexedDataset> ds(new IndexedDataset());
  ds->prefix_ = prefix;
  TAMIS_RETURN_IF_ERROR(MapFile(prefix + std::string(kIndexSuffix), &ds->idx_, &ds->idx_size_));
  TAMIS_RETURN_IF_ERROR(MapFile(prefix + std::string(kDataSuffix), &ds->bin_, &ds->bin_size_));
  TAMIS_RETURN_IF_ERROR(ds->Validate());
  return ds;
}

IndexedDataset::~IndexedDataset() {
  if (idx_ != nullptr) ::munmap(const_cast<unsigned char*>(idx_), idx_size_);
  if (bin_ != nullptr) ::munmap(const_cast<unsigned char*>(bin_), bin_size_);
}

Status IndexedDataset::Validate() {
  const std::string idx_path = prefix_ + std::string(kIndexSuffix);
  auto corrupt = [&](const std::string& why) { return Status::Corruption(idx_path + ": " + why); };
  if (idx_size_ < kIndexHeaderSize) {
    return corrupt("truncated header (" + std::to_string(idx_size_) + " bytes)");
  }
  if (std::memcmp(idx_, kIndexMagic, kIndexMagicSize) != 0) {
    return corrupt("bad magic (not a Megatron MMIDIDX index)");
  }
  size_t at = kIndexMagicSize;
  const uint64_t version = Load<uint64_t>(idx_ + at);
  at += 8;
  if (version != kIndexVersion) return corrupt("unsupported version " + std::to_string(version));
  const uint8_t code = idx_[at];
  at += 1;
  std::optional<size_t> item_size = ItemSize(code);
  if (!item_size) return corrupt("unknown dtype code " + std::to_string(code));
  dtype_ = static_cast<DType>(code);
  item_size_ = *item_size;
  sequences_ = Load<uint64_t>(idx_ + at);
  at += 8;
  document_indices_ = Load<uint64_t>(idx_ + at);
  at += 8;
  TAMIS_CHECK_EQ(at, kIndexHeaderSize);

  // Counts bounded by the file size before any multiplication can overflow.
  const uint64_t body = idx_size_ - kIndexHeaderSize;
  if (sequences_ > body / (kSequenceLengthSize + kSequencePointerSize) ||
      document_indices_ > body / kDocumentIndexSize ||
      IndexFileSize(sequences_, document_indices_) != idx_size_) {
    return corrupt("size " + std::to_string(idx_size_) + " does not match " +
                   std::to_string(sequences_) + " sequences and " +
                   std::to_string(document_indices_) + " document indices");
  }
  if (document_indices_ == 0) return corrupt("empty document index (needs at least [0])");

  int64_t expected_pointer = 0;
  for (uint64_t i = 0; i < sequences_; ++i) {
    const int32_t length = sequence_length(i);
    if (length < 0) {
      return corrupt("sequence " + std::to_string(i) + " has negative length " +
                     std::to_string(length));
    }
    const int64_t pointer = sequence_pointer(i);
    if (pointer != expected_pointer) {
      return corrupt("sequence " + std::to_string(i) + " points at byte " +
                     std::to_string(pointer) + ", expected " + std::to_string(expected_pointer));
    }
    expected_pointer += static_cast<int64_t>(length) * static_cast<int64_t>(item_size_);
    tokens_ += static_cast<uint64_t>(length);
  }
  if (document_index(0) != 0) return corrupt("document index does not start at 0");
  for (uint64_t d = 1; d < document_indices_; ++d) {
    if (document_index(d) < document_index(d - 1)) {
      return corrupt("document index decreases at entry " + std::to_string(d));
    }
  }
  if (static_cast<uint64_t>(document_index(document_indices_ - 1)) != sequences_) {
    return corrupt("last document index " + std::to_string(document_index(document_indices_ - 1)) +
                   " is not the sequence count " + std::to_string(sequences_));
  }
  if (static_cast<uint64_t>(expected_pointer) != bin_size_) {
    return Status::Corruption(prefix_ + std::string(kDataSuffix) + ": size " +
                              std::to_string(bin_size_) + " bytes, index implies " +
                              std::to_string(expected_pointer));
  }
  return Status::Ok();
}

int32_t IndexedDataset::sequence_length(uint64_t i) const {
  TAMIS_CHECK_LT(i, sequences_);
  return Load<int32_t>(idx_ + kIndexHeaderSize + i * kSequenceLengthSize);
}

int64_t IndexedDataset::sequence_pointer(uint64_t i) const {
  TAMIS_CHECK_LT(i, sequences_);
  return Load<int64_t>(idx_ + kIndexHeaderSize + sequences_ * kSequenceLengthSize +
                       i * kSequencePointerSize);
}

int64_t IndexedDataset::document_index(uint64_t i) const {
  TAMIS_CHECK_LT(i, document_indices_);
  return Load<int64_t>(idx_ + kIndexHeaderSize +
                       sequences_ * (kSequenceLengthSize + kSequencePointerSize) +
                       i * kDocumentIndexSize);
}

int64_t IndexedDataset::Item(uint64_t offset) const {
  const unsigned char* p = bin_ + offset;
  switch (dtype_) {
    case DType::kUint8:
      return p[0];
    case DType::kInt8:
      return static_cast<int8_t>(p[0]);
    case DType::kInt16:
      return Load<int16_t>(p);
    case DType::kUint16:
      return Load<uint16_t>(p);
    case DType::kInt32:
      return Load<int32_t>(p);
    case DType::kInt64:
      return Load<int64_t>(p);
    case DType::kFloat32:
      return static_cast<int64_t>(Load<float>(p));
    case DType::kFloat64:
      return static_cast<int64_t>(Load<double>(p));
  }
  return 0;
}

void IndexedDataset::ReadSequence(uint64_t i, std::vector<int64_t>* out) const {
  out->clear();
  const uint64_t begin = static_cast<uint64_t>(sequence_pointer(i));
  const uint64_t n = static_cast<uint64_t>(sequence_length(i));
  out->reserve(n);
  for (uint64_t k = 0; k < n; ++k) out->push_back(Item(begin + k * item_size_));
}

void IndexedDataset::ReadDocument(uint64_t d, std::vector<int64_t>* out) const {
  TAMIS_CHECK_LT(d, document_count());
  out->clear();
  std::vector<int64_t> sequence;
  for (int64_t s = document_index(d); s < document_index(d + 1); ++s) {
    ReadSequence(static_cast<uint64_t>(s), &sequence);
    out->insert(out->end(), sequence.begin(), sequence.end());
  }
}

void IndexedDataset::ReadTokens(uint64_t i, std::vector<int32_t>* out) const {
  TAMIS_CHECK(IsTokenDType(dtype_));
  out->clear();
  const unsigned char* p = bin_ + sequence_pointer(i);
  const uint64_t n = static_cast<uint64_t>(sequence_length(i));
  out->resize(n);
  if (dtype_ == DType::kInt32) {
    if (n > 0) std::memcpy(out->data(), p, n * sizeof(int32_t));
  } else {
    for (uint64_t k = 0; k < n; ++k) (*out)[k] = Load<uint16_t>(p + 2 * k);
  }
}

void IndexedDataset::ReadBytes(uint64_t i, std::vector<uint8_t>* out) const {
  TAMIS_CHECK(dtype_ == DType::kUint8);
  const unsigned char* p = bin_ + sequence_pointer(i);
  out->assign(p, p + sequence_length(i));
}

bool IsLossMaskPrefix(std::string_view prefix) {
  return prefix.ends_with(kLossMaskSuffix);
}

Result<std::unique_ptr<IndexedDataset>> OpenLossMask(const IndexedDataset& tokens) {
  const std::string prefix = tokens.prefix() + std::string(kLossMaskSuffix);
  struct stat st;
  if (::stat((prefix + std::string(kIndexSuffix)).c_str(), &st) != 0) {
    return std::unique_ptr<IndexedDataset>();
  }
  TAMIS_ASSIGN_OR_RETURN(std::unique_ptr<IndexedDataset> mask, IndexedDataset::Open(prefix));
  auto mismatch = [&](const std::string& what) {
    return Status::Corruption(prefix + " is not the loss mask of " + tokens.prefix() + ": " + what);
  };
  if (mask->dtype() != kLossMaskDType) {
    return mismatch("dtype " + std::string(DTypeName(mask->dtype())) + ", not uint8");
  }
  if (mask->sequence_count() != tokens.sequence_count() ||
      mask->document_count() != tokens.document_count()) {
    return mismatch(std::to_string(mask->sequence_count()) + " sequences and " +
                    std::to_string(mask->document_count()) + " documents for " +
                    std::to_string(tokens.sequence_count()) + " and " +
                    std::to_string(tokens.document_count()));
  }
  for (uint64_t i = 0; i < tokens.sequence_count(); ++i) {
    if (mask->sequence_length(i) != tokens.sequence_length(i)) {
      return mismatch("sequence " + std::to_string(i) + " has " +
                      std::to_string(mask->sequence_length(i)) + " items for " +
                      std::to_string(tokens.sequence_length(i)) + " tokens");
    }
  }
  for (uint64_t d = 0; d <= tokens.document_count(); ++d) {
    if (mask->document_index(d) != tokens.document_index(d)) {
      return mismatch("document boundary " + std::to_string(d) + " differs");
    }
  }
  std::vector<uint8_t> items;
  for (uint64_t i = 0; i < mask->sequence_count(); ++i) {
    mask->ReadBytes(i, &items);
    for (size_t k = 0; k < items.size(); ++k) {
      if (items[k] > 1) {
        return mismatch("sequence " + std::to_string(i) + " item " + std::to_string(k) + " is " +
                        std::to_string(items[k]) + ", not 0 or 1");
      }
    }
  }
  return mask;
}

Result<std::vector<std::string>> ResolveDatasetPrefixes(const std::string& prefix) {
  auto exists = [](const std::string& path) {
    struct stat st;
    return ::stat(path.c_str(), &st) == 0;
  };
  if (exists(prefix + std::string(kIndexSuffix))) return std::vector<std::string>{prefix};
  std::vector<std::string> shards;
  for (uint64_t i = 0;; ++i) {
    std::string shard = ShardWriter::ShardPrefix(prefix, i);
    if (!exists(shard + std::string(kIndexSuffix))) break;
    shards.push_back(std::move(shard));
  }
  if (shards.empty()) {
    return Status::NotFound(prefix + ": neither " + prefix + ".idx nor " +
                            ShardWriter::ShardPrefix(prefix, 0) + ".idx exists");
  }
  return shards;
}

}  // namespace tamis::megatron
