// TokenizeStage (`- stage: tokenize`): encodes each kept document's text with a SentencePiece
// tokenizer and writes the ids, one Megatron sequence per document, to token shards
// (`OUTPUT_00000.bin/.idx`, …; layout in megatron_format.md).
//
// Why one stage and not "encode in parallel, then write in order": shards must hold the
// documents in input order whatever the thread count, and a Document has no field for ids
// (carrying them through metadata would cost a JSON value per token). So the stage runs
// kSerialInOrder — the graph hands it batches in input order — and encodes the documents of
// each batch in parallel itself (tbb::parallel_for inside the graph's task arena, so it uses
// the run's threads and no more), then appends them to the writer in order. Encoding is
// >95% of the work, so the stage still scales with threads.
//
// Every tokenized document gets `metadata.tokens` (its id count, BOS/EOS included). A
// document whose text encodes to no token at all is dropped with rule "no_tokens".
// The shard dtype is Megatron's choice for the vocabulary (uint16 below 65500, else int32).
// With several tasks, task t writes OUTPUT-TTTTT_NNNNN (task_files.h) so tasks never collide.
//
// With `split_by: KEY` (e.g. language), each value of metadata.KEY gets its own shards in a
// sub-directory named after it (pipeline/safe_file_name.h; documents without a string value go
// to "unknown"): output out/tokens/train gives out/tokens/eng/train_00000.bin, … — one dataset
// per language, which is what a per-language mixture (tokenize/mixture.h, `sources_from:`)
// samples from. At most 64 splits (max_open_splits) hold an open shard at once: the least recently written one's
// shard is finished early and its next document starts a new shard, so a GlotLID run with
// 2,000 languages stays within the descriptor limit. The report then has `by_split`:
// {VALUE: {documents, tokens, shards, data_path}} besides the totals.
//
// Options (YAML or CLI): tokenizer (path or "tamis-default", the default), output (prefix,
// required), bos (false), eos (true), shard_tokens (0: none), shard_bytes (0: none),
// split_by (none), max_open_splits (64).
// Thread rule: the graph's contract; the shard writer is touched only by the serial Process
// and by Start/Finish.
#ifndef TAMIS_TOKENIZE_TOKENIZE_STAGE_H_
#define TAMIS_TOKENIZE_TOKENIZE_STAGE_H_

#include <cstdint>
#include <list>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "pipeline/stage.h"
#include "tokenize/megatron_writer.h"
#include "tokenize/sentencepiece_tokenizer.h"

namespace tamis {

struct TokenizeConfig {
  std::string output;  // Shard prefix; its directory is created at Start().
  uint64_t shard_tokens = 0;
  uint64_t shard_bytes = 0;
  std::string split_by;  // Metadata key: one shard set per value (empty: one set).
  int max_open_splits = 64;
};

class TokenizeStage final : public Stage {
 public:
  TokenizeStage(std::shared_ptr<const Tokenizer> tokenizer, TokenizeConfig config);

  std::string_view name() const override { return "tokenize"; }
  StageMode mode() const override { return StageMode::kSerialInOrder; }
  Status Start(const RunContext& run) override;
  Status Process(DocumentBatch& batch, Scratch* scratch) const override;
  Status Finish(Scratches scratches, StageReport& report) override;

  // Valid after Finish(). Shards of every split, by split value then in order.
  const std::vector<megatron::ShardInfo>& shards() const { return shards_; }
  uint64_t documents() const { return documents_; }
  uint64_t tokens() const { return tokens_; }
  const std::string& blend() const { return blend_; }
  megatron::DType dtype() const { return dtype_; }

 private:
  struct Split {
    std::unique_ptr<megatron::ShardWriter> writer;
    bool open = false;  // Holds an open shard: listed in open_splits_.
    std::list<std::string>::iterator open_position;
  };
  // The writer for a document, created (and made the most recently used) on demand.
  Result<megatron::ShardWriter*> WriterFor(const Document& doc) const;

  std::shared_ptr<const Tokenizer> tokenizer_;
  TokenizeConfig config_;
  megatron::DType dtype_;
  std::string directory_;  // Where the shards (or the split directories) go.
  std::string stem_;       // File name stem: "train", or "train-00003" for task 3 of several.
  // Mutable because Process is const for every stage; this one is kSerialInOrder, so the graph
  // never runs two Process calls at once and these are touched by one thread at a time.
  mutable std::map<std::string, Split> splits_;  // By split value; "" without split_by.
  mutable std::list<std::string> open_splits_;   // Most recently written first.
  std::vector<megatron::ShardInfo> shards_;
  uint64_t documents_ = 0;
  uint64_t tokens_ = 0;
  std::string blend_;
};

Result<std::unique_ptr<Stage>> CreateTokenizeStage(const Value& options);

// The stats reports of several tasks' tokenize stages as one: documents and tokens added,
// shards listed in task order, one Megatron --data-path over all of them.
Result<Value> MergeTokenizeReports(std::span<const Value> reports);

}  // namespace tamis

#endif  // TAMIS_TOKENIZE_TOKENIZE_STAGE_H_
