// Writers of Megatron-LM indexed datasets (layout: tokenize/megatron_format.md).
//
// IndexedDatasetWriter writes one `PREFIX.bin` + `PREFIX.idx` pair, one sequence per document.
// Streaming: token ids go straight to the .bin through a fixed buffer, so memory is constant
// in the number of tokens; only the per-document lengths (4 bytes each) are kept for the .idx.
// Atomic: both files are written under temporary names in their final directory and renamed
// on Finish(), the .bin first and the .idx last, so a reader that sees PREFIX.idx always finds
// the complete PREFIX.bin. A writer destroyed without a successful Finish() removes its
// temporary files and leaves no PREFIX.* behind.
//
// ShardWriter rolls over to a new pair (`PREFIX_00000`, `PREFIX_00001`, …) when a token or
// byte budget would be exceeded, and describes the result as a Megatron `--data-path` blend.
// With `loss_mask`, every shard has a parallel uint8 dataset `PREFIX_NNNNN_loss_mask.bin/.idx`
// holding one 0/1 per token with the same sequence lengths and document boundaries; both are
// prepared under temporary names and renamed mask first, token .idx last, so a visible token
// .idx always has its complete mask beside it (megatron_format.md, "Loss mask").
//
// Thread rule: a writer is used by one thread at a time (the pipeline's serial in-order stage).
#ifndef TAMIS_TOKENIZE_MEGATRON_WRITER_H_
#define TAMIS_TOKENIZE_MEGATRON_WRITER_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "pipeline/status.h"
#include "pipeline/value.h"
#include "tokenize/megatron_format.h"

namespace tamis::megatron {

class IndexedDatasetWriter {
 public:
  // Opens the temporary .bin next to `prefix`. `dtype` must be uint16 or int32 (token ids),
  // or uint8 (a loss mask).
  static Result<std::unique_ptr<IndexedDatasetWriter>> Create(std::string prefix, DType dtype);
  ~IndexedDatasetWriter();
  IndexedDatasetWriter(const IndexedDatasetWriter&) = delete;
  IndexedDatasetWriter& operator=(const IndexedDatasetWriter&) = delete;

  // Appends one document as one sequence. An id the dtype cannot hold is kInvalidArgument
  // (the caller chose a dtype too small for its tokenizer); nothing is written then.
  Status AddDocument(std::span<const int32_t> ids);
  // Appends one document of uint8 items (a loss mask); the dtype must be uint8.
  Status AddDocument(std::span<const uint8_t> items);
  // Flushes, writes the .idx, syncs and renames both files into place. Call once.
  // Finish() is Prepare() then Commit(): two writers that must appear together prepare both
  // before committing either.
  Status Finish();
  // Flushes, writes and syncs both temporary files; nothing is visible yet.
  Status Prepare();
  // Renames the prepared .bin, then the .idx, into place.
  Status Commit();

  const std::string& prefix() const { return prefix_; }
  DType dtype() const { return dtype_; }
  uint64_t documents() const { return lengths_.size(); }
  uint64_t tokens() const { return tokens_; }
  uint64_t bin_bytes() const { return tokens_ * item_size_; }

 private:
  IndexedDatasetWriter(std::string prefix, DType dtype, int fd, std::string bin_tmp);
  Status FlushBuffer();
  void RemoveTemporaries();
  Status CheckAppendable(size_t items);

  std::string prefix_;
  DType dtype_;
  size_t item_size_;
  int bin_fd_;
  std::string bin_tmp_;
  std::string idx_tmp_;
  std::vector<unsigned char> buffer_;
  std::vector<int32_t> lengths_;
  uint64_t tokens_ = 0;
  bool prepared_ = false;
  bool finished_ = false;
  Status failed_;  // First I/O failure: sticky, every later call returns it.
};

struct ShardOptions {
  DType dtype = DType::kUint16;
  uint64_t max_tokens = 0;  // Per shard; 0: no token budget.
  uint64_t max_bytes = 0;   // Per shard .bin size; 0: no byte budget.
  bool loss_mask = false;   // Write PREFIX_NNNNN_loss_mask beside every shard.
};

struct ShardInfo {
  std::string prefix;  // "out/train_00003" (no suffix).
  uint64_t documents = 0;
  uint64_t tokens = 0;
};

class ShardWriter {
 public:
  // Shards are named `prefix` + "_" + five-digit index. The directory must exist.
  static Result<std::unique_ptr<ShardWriter>> Create(std::string prefix, ShardOptions options);

  // Appends one document; starts a new shard first when the current one is non-empty and the
  // document would take it past a budget. Without loss_mask only.
  Status AddDocument(std::span<const int32_t> ids);
  // Finishes the open shard now, if it holds a document; the next document starts a new one.
  // Lets a caller with many writers bound how many files it holds open.
  Status EndShard();
  // The same with the document's loss mask (same length as `ids`); with loss_mask only.
  Status AddDocument(std::span<const int32_t> ids, std::span<const uint8_t> loss_mask);
  // Finishes the open shard. With no document at all nothing is written and shards() is empty:
  // Megatron cannot map an empty .bin, so an empty shard would only break training later.
  // Call once.
  Status Finish();

  // Completed shards, in order (complete after Finish()).
  const std::vector<ShardInfo>& shards() const { return shards_; }
  uint64_t documents() const;
  uint64_t tokens() const;
  // Megatron `--data-path` value: "TOKENS PREFIX_00000 TOKENS PREFIX_00001 …". Weights are
  // token counts, so Megatron samples each shard in proportion to its size. A prefix holding
  // whitespace or a shell metacharacter is single-quoted, shell style, so that pasting the
  // value into a command line gives Megatron each prefix as one argument. Empty when no
  // shard was written.
  std::string BlendString() const;

  static std::string ShardPrefix(const std::string& prefix, uint64_t index);
  // shards() as a report value: [{prefix, documents, tokens}, …].
  Value ShardsValue() const;

 private:
  Status MakeRoom(size_t tokens);
  ShardWriter(std::string prefix, ShardOptions options)
      : prefix_(std::move(prefix)), options_(options) {}
  Status OpenShard();
  Status CloseShard();

  std::string prefix_;
  ShardOptions options_;
  std::unique_ptr<IndexedDatasetWriter> current_;
  std::unique_ptr<IndexedDatasetWriter> current_mask_;  // With loss_mask.
  std::vector<ShardInfo> shards_;
};

// A ShardWriter for a fresh run: the prefix's directory created when missing and the shards
// of an unfinished earlier attempt (RemoveShards) removed first, so none stays beside the new
// ones to be read by a later mix.
Result<std::unique_ptr<ShardWriter>> CreateFreshShardWriter(const std::string& prefix,
                                                            ShardOptions options);

// Removes the shards ShardWriter would name for `prefix` (PREFIX_NNNNN.bin/.idx and
// PREFIX_NNNNN_loss_mask.bin/.idx, any index) and nothing else: what an earlier, unfinished attempt
// left before a writer starts again.
Status RemoveShards(const std::string& prefix);

}  // namespace tamis::megatron

#endif  // TAMIS_TOKENIZE_MEGATRON_WRITER_H_
