// The table of every stage a pipeline YAML or CLI command can name.
//
// Two kinds: a document stage (pipeline/stage.h) runs inside a phase; a corpus stage
// (pipeline/corpus_stage.h) splits the pipeline into phases around its global steps. Adding a
// stage is one class plus one line in stage_registry.cc. The table is explicit (no
// registration from static initialisers), so link order and dead-code stripping cannot make a
// stage disappear.
//
// Each entry also says how the stage's stats report (StageReport) from several tasks merges
// into one for `tamis stats`: its own function, or MergeCountersReport when none is given.
#ifndef TAMIS_RUNNER_STAGE_REGISTRY_H_
#define TAMIS_RUNNER_STAGE_REGISTRY_H_

#include <memory>
#include <span>
#include <string_view>

#include "pipeline/corpus_stage.h"
#include "pipeline/stage.h"
#include "pipeline/status.h"
#include "pipeline/value.h"

namespace tamis {

using StageFactory = Result<std::unique_ptr<Stage>> (*)(const Value& options);
using CorpusStageFactory = Result<std::unique_ptr<CorpusStage>> (*)(const Value& options);
using ReportMerger = Result<Value> (*)(std::span<const Value> reports);

struct StageInfo {
  std::string_view name;                       // As written in YAML: `- stage: robots`.
  std::string_view summary;                    // One line for `tamis run --help`.
  StageFactory create = nullptr;               // Document stages.
  CorpusStageFactory create_corpus = nullptr;  // Corpus stages.
  ReportMerger merge_report = nullptr;         // nullptr: MergeCountersReport.
};

std::span<const StageInfo> AllStages();

// nullptr for an unknown name. `table` defaults to AllStages(); tests pass their own.
const StageInfo* FindStage(std::string_view name);
const StageInfo* FindStage(std::string_view name, std::span<const StageInfo> table);

// Builds the named document stage; kInvalidArgument for an unknown name, a corpus stage or
// bad options.
Result<std::unique_ptr<Stage>> CreateStage(std::string_view name, const Value& options);
Result<std::unique_ptr<CorpusStage>> CreateCorpusStage(std::string_view name, const Value& options);

// The generic merge: integers and reals are added, objects merged key by key (recursively),
// arrays of strings united in first-seen order, equal strings kept; a string that differs
// between tasks becomes a list of the distinct values.
Result<Value> MergeCountersReport(std::span<const Value> reports);

// The merge the named stage declares (MergeCountersReport for stages that declare none, and
// for names the table does not know, e.g. the reader's "read").
Result<Value> MergeStageReports(std::string_view name, std::span<const Value> reports);

}  // namespace tamis

#endif  // TAMIS_RUNNER_STAGE_REGISTRY_H_
