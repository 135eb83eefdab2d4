// TokenizeFiles: input documents (JSONL from earlier stages, WARC/WET) to token shards — the
// library side of `tamis tokenize` and the first pass of `tamis mix`.
//
// Inputs are files, glob patterns or directories, as every command reads them
// (readers/input_files.h): a directory stands for the document files below it, in sorted path
// order, so the shards are the same on every run. The documents go through the reader's parallel
// decoding and the tokenize stage (tokenize_stage.h) on a graph of `threads` threads; nothing else
// is written.
//
// Thread rule: a blocking call; `tokenizer` is shared read-only with the graph's threads.
#ifndef TAMIS_TOKENIZE_TOKENIZE_FILES_H_
#define TAMIS_TOKENIZE_TOKENIZE_FILES_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "pipeline/status.h"
#include "pipeline/value.h"
#include "readers/reader_options.h"
#include "tokenize/megatron_writer.h"
#include "tokenize/sentencepiece_tokenizer.h"
#include "tokenize/tokenize_stage.h"

namespace tamis {

struct TokenizeFilesSpec {
  std::vector<std::string> inputs;
  ReaderOptions reader;
  TokenizeConfig config;
  int threads = 1;
  bool progress = false;  // A progress line on stderr about once a second.
};

struct TokenizeFilesResult {
  std::vector<std::string> files;  // What the inputs expanded to.
  uint64_t documents = 0;          // Documents written (one sequence each).
  uint64_t tokens = 0;
  std::vector<megatron::ShardInfo> shards;
  std::string blend;  // Megatron --data-path value.
  megatron::DType dtype = megatron::DType::kUint16;
  Value stats = Value::Array{};  // Per-stage stats of the graph (read, tokenize).
};

Result<TokenizeFilesResult> TokenizeFiles(const TokenizeFilesSpec& spec,
                                          std::shared_ptr<const Tokenizer> tokenizer);

}  // namespace tamis

#endif  // TAMIS_TOKENIZE_TOKENIZE_FILES_H_
