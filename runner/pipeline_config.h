// PipelineConfig: a pipeline declared in YAML, as `tamis run PIPELINE.yaml` reads it.
//
//   input: [crawl/*.warc.gz]          # files, directories or globs (a single string is fine)
//   output: out/clean                  # a directory of shards, or one .jsonl[.gz|.zst] file
//   rejects: out/rejects               # optional: removed documents with their reasons
//   split_by: language                 # optional: one sub-directory per metadata value
//   ledger: true                       # optional: kept documents carry their ledger too
//   shard_bytes: 1000000000            # optional
//   threads: 8                         # optional; CLI --threads wins
//   reader:                            # optional
//     id_field: id
//     text_field: text
//     layout: documents                # or the_stack, or chat (conversations)
//     max_record_bytes: 67108864
//   stages:
//     - stage: langid                  # a name from the stage registry
//       min_score: 0.5                 # the stage's own options
//     - stage: robots
//       snapshot: robots.warc.gz
//     - stage: tokenize
//       output: out/tokens/train
//       split_by: language             # out/tokens/<language>/train_00000.bin, ...
//   mix:                               # optional: a mixture (tokenize/mixture.h) as last step
//     output: out/mix/train
//     sources_from: out/tokens         # one source per language
//     temperature: 3
//
// Relative paths are taken relative to the YAML file's directory, so a pipeline and its data
// can move together. Unknown keys are errors naming the key. YAML scalars become Values by
// their look: integers, reals, true/false, else strings.
#ifndef TAMIS_RUNNER_PIPELINE_CONFIG_H_
#define TAMIS_RUNNER_PIPELINE_CONFIG_H_

#include <string>
#include <vector>

#include "pipeline/status.h"
#include "pipeline/value.h"
#include "runner/orchestrator.h"

namespace tamis {

struct PipelineConfig : PipelineSpec {
  bool threads_set = false;  // Whether the YAML named a thread count.
};

// Reads and validates a pipeline file.
Result<PipelineConfig> LoadPipelineConfig(const std::string& path);

}  // namespace tamis

#endif  // TAMIS_RUNNER_PIPELINE_CONFIG_H_
