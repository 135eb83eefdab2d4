// RunPipeline: one task of a tamis run, end to end — inputs to outputs, stats and marker.
//
// Every subcommand that processes documents (run, extract, langid, robots filter, ...) fills
// a RunSpec and calls RunPipeline with its stages; the CLI itself holds no pipeline logic.
//
// Inputs are files, directories (code trees) or glob patterns; they are expanded, sorted and
// de-duplicated, then split between tasks by position (file i goes to task i mod tasks), so
// every task of a SLURM array sees a fixed, disjoint share without any coordination.
// Outputs of task t (any path that is not a single .jsonl[.gz|.zst] file is a directory):
//   OUT/part-<t 5 digits>-<shard 5 digits>.jsonl.zst        kept documents
//   REJECTS/part-<t>-<shard>.jsonl.zst                      removed documents + ledger
//   OUT/.tamis/stats-task-<t>.json                          stats (also printed as a summary)
//   OUT/.tamis/task-<t>.done                                completion marker, written last
// For a single-file OUT the stats go to OUT.stats.json and the marker to OUT.done (one task
// only). A task whose marker exists is not run again: RunPipeline returns at once with
// `already_complete` set, so a re-submitted array redoes only the failed tasks. Every file is
// written atomically, so a killed task leaves no partial output and no marker.
#ifndef TAMIS_PIPELINE_RUNNER_H_
#define TAMIS_PIPELINE_RUNNER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "pipeline/stage.h"
#include "pipeline/status.h"
#include "pipeline/value.h"
#include "readers/reader_options.h"

namespace tamis {

struct RunSpec {
  std::vector<std::string> inputs;  // Files, directories or glob patterns.
  ReaderOptions reader;
  std::string output;    // Required.
  std::string rejects;   // Optional: where removed documents go.
  std::string split_by;  // Optional metadata key: one sub-directory per value.
  uint64_t shard_bytes = uint64_t{1} << 30;
  int threads = 1;
  int task = 0;
  int tasks = 1;
  bool progress = false;   // Live progress line on stderr.
  std::string report_dir;  // Where stages write reports; default beside the stats.
};

struct RunSummary {
  bool already_complete = false;       // The task's marker existed: nothing was done.
  Value stats = Value::EmptyObject();  // What was written to the stats file.
  std::string stats_path;
  std::vector<std::string> outputs;  // Files committed (kept, then rejects).
};

// Expands patterns into a sorted, de-duplicated list of existing files and directories.
// kNotFound for a plain path that does not exist or a pattern that matches nothing.
Result<std::vector<std::string>> ExpandInputs(const std::vector<std::string>& patterns);

// The files of `task` among `tasks`.
std::vector<std::string> FilesForTask(const std::vector<std::string>& files, int task, int tasks);

// Runs one task. Stages run in the given order after the built-in "read" stage.
Result<RunSummary> RunPipeline(const RunSpec& spec, std::vector<std::unique_ptr<Stage>> stages);

// A human-readable account of a run: per stage, documents in and out and removals by reason;
// then where the outputs are.
std::string FormatSummary(const RunSummary& summary);

}  // namespace tamis

#endif  // TAMIS_PIPELINE_RUNNER_H_
