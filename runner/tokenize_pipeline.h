// TokenizePipeline: what `tamis tokenize` runs — read, then the tokenize stage — as an ordinary
// one-phase pipeline of the runner, with tasks, markers and resume like every other command.
// With a chat template, the inputs are read as conversations (layout: chat) and the stage is
// chat_tokenize, which writes each shard's loss mask beside it (what `tamis mix` uses for an
// SFT `path:` source).
//
// Token shards are the product: kept documents are counted, not written (RunSpec::
// write_documents is false). Markers and stats go to DIR/.NAME.tamis/ for PREFIX = DIR/NAME
// (task_marker.h): hidden, so that reading DIR as an input never reads them, and per prefix,
// so that several prefixes (train, valid) can share one directory. With several tasks, task t
// writes PREFIX-<t>_00000.bin/.idx, … (task_files.h).
#ifndef TAMIS_RUNNER_TOKENIZE_PIPELINE_H_
#define TAMIS_RUNNER_TOKENIZE_PIPELINE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "pipeline/status.h"
#include "pipeline/value.h"
#include "runner/orchestrator.h"

namespace tamis {

struct TokenizeRequest {
  std::vector<std::string> inputs;
  ReaderOptions reader;
  std::string prefix;     // Shard prefix; its directory is created.
  std::string tokenizer;  // A .model path, or empty / "tamis-default" for the embedded one.
  bool bos = false;
  bool eos = true;
  uint64_t shard_tokens = 0;
  uint64_t shard_bytes = 0;
  std::string split_by;  // Metadata key: one shard set per value (tokenize_stage.h).
  // Non-empty: a chat template preset (tokenize/chat_template.h); conversations in, token
  // shards and loss masks out.
  std::string chat_template;
};

// The pipeline; its RunSpec's threads, tasks and task are left at their defaults for the
// caller to set.
PipelineSpec TokenizePipeline(const TokenizeRequest& request);

// The shard prefixes (PREFIX_00000, …) a finished tokenize run of `tasks` tasks at `prefix`
// wrote, in task order, read from its stats; and what its tokenize stage reported, merged.
struct TokenizedRun {
  std::vector<std::string> datasets;
  Value report = Value::EmptyObject();  // documents, tokens, shards, data_path, tokenizer…
};
Result<TokenizedRun> ReadTokenizedRun(const std::string& prefix, int tasks);

}  // namespace tamis

#endif  // TAMIS_RUNNER_TOKENIZE_PIPELINE_H_
