// IndexedDataset: a read-only, memory-mapped view of one Megatron-LM `PREFIX.idx` +
// `PREFIX.bin` pair (layout: tokenize/megatron_format.md).
//
// Open() checks every invariant of the layout before returning, so a dataset that opens is
// one Megatron would load without an assertion: magic, version, dtype code, exact .idx size
// for its counts, document indices starting at 0, non-decreasing and ending at the sequence
// count, pointers starting at 0 and advancing by length × itemsize, non-negative lengths, and
// a .bin of exactly the size the index implies. Any violation is kCorruption naming the file
// and the first offending entry.
//
// Ownership: the dataset owns both mappings; spans it returns live as long as it does.
// Thread rule: immutable after Open(); any number of threads may read concurrently.
#ifndef TAMIS_TOKENIZE_MEGATRON_READER_H_
#define TAMIS_TOKENIZE_MEGATRON_READER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/status.h"
#include "tokenize/megatron_format.h"

namespace tamis::megatron {

class IndexedDataset {
 public:
  static Result<std::unique_ptr<IndexedDataset>> Open(const std::string& prefix);
  ~IndexedDataset();
  IndexedDataset(const IndexedDataset&) = delete;
  IndexedDataset& operator=(const IndexedDataset&) = delete;

  const std::string& prefix() const { return prefix_; }
  DType dtype() const { return dtype_; }
  size_t item_size() const { return item_size_; }
  uint64_t sequence_count() const { return sequences_; }
  // Documents, i.e. the document-index array's length minus one.
  uint64_t document_count() const { return document_indices_ - 1; }
  uint64_t token_count() const { return tokens_; }
  uint64_t bin_bytes() const { return bin_size_; }

  int32_t sequence_length(uint64_t i) const;
  int64_t sequence_pointer(uint64_t i) const;
  int64_t document_index(uint64_t i) const;  // i in [0, document_count()].

  // Items of sequence `i`, widened to int64 (floats truncated). Appends to `out` after
  // clearing it.
  void ReadSequence(uint64_t i, std::vector<int64_t>* out) const;
  // Items of document `d` (all its sequences, concatenated).
  void ReadDocument(uint64_t d, std::vector<int64_t>* out) const;
  // Token ids of sequence `i` for a token dtype (uint16/int32), as int32.
  void ReadTokens(uint64_t i, std::vector<int32_t>* out) const;
  // Items of sequence `i` of a uint8 dataset (a loss mask), as they are.
  void ReadBytes(uint64_t i, std::vector<uint8_t>* out) const;

 private:
  IndexedDataset() = default;
  Status Validate();
  int64_t Item(uint64_t byte_offset) const;

  std::string prefix_;
  DType dtype_ = DType::kInt32;
  size_t item_size_ = 4;
  uint64_t sequences_ = 0;
  uint64_t document_indices_ = 0;
  uint64_t tokens_ = 0;
  const unsigned char* idx_ = nullptr;
  size_t idx_size_ = 0;
  const unsigned char* bin_ = nullptr;
  size_t bin_size_ = 0;
};

// The loss mask of token dataset `tokens` (PREFIX_loss_mask, megatron_format.md): nullptr when
// there is none; kCorruption naming both files when it is not uint8, has another sequence
// count, length or document boundary than the tokens, or holds an item other than 0 and 1.
Result<std::unique_ptr<IndexedDataset>> OpenLossMask(const IndexedDataset& tokens);

// True for the prefix of a loss-mask dataset (ends with kLossMaskSuffix): not token ids.
bool IsLossMaskPrefix(std::string_view prefix);

// The datasets `prefix` names: itself when PREFIX.idx exists, else its shards PREFIX_00000,
// PREFIX_00001, … (consecutive, as ShardWriter writes them). kNotFound when neither exists.
Result<std::vector<std::string>> ResolveDatasetPrefixes(const std::string& prefix);

}  // namespace tamis::megatron

#endif  // TAMIS_TOKENIZE_MEGATRON_READER_H_
