// RunTask: one task of one phase of a tamis run, end to end — its input files to its outputs,
// stats and completion marker. RunPipeline: the same for the one-phase pipelines that single
// commands (extract, langid, robots filter) build.
//
// Every subcommand that processes documents fills a RunSpec and names its stages; the
// orchestrator (orchestrator.h) cuts a pipeline into phases and tasks and calls RunTask for
// each; the CLI itself holds no pipeline logic.
//
// Inputs are files, directories or glob patterns (readers/input_files.h: one meaning of a
// directory for every command); the sorted list is cut into contiguous blocks, one per task,
// so every task of a SLURM array sees a fixed, disjoint share without any coordination.
// Outputs of task t, named by run_layout.h: kept documents as OUT/part-<t>-<shard>.jsonl.zst
// (or one .jsonl[.gz|.zst] file), removed documents with their ledger under REJECTS, stats,
// and the completion marker, written last (task_marker.h).
//
// Before it runs, a task: checks its marker (a finished task returns at once with
// `already_complete`, before any stage is built, so models and indexes are not loaded for
// nothing; a marker of another run is an error); refuses outputs that would overwrite an input
// or each other; takes a lock so two processes never run one task into one directory at once;
// and removes what an unfinished earlier attempt of the same task left (its shards and temp
// files), so a rerun gives byte-identical files and nothing stale is read later. Every file is
// written atomically, so a killed task leaves no partial output and no marker.
#ifndef TAMIS_RUNNER_RUNNER_H_
#define TAMIS_RUNNER_RUNNER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "pipeline/stage.h"
#include "pipeline/status.h"
#include "pipeline/value.h"
#include "readers/reader_options.h"
#include "runner/task_marker.h"

namespace tamis {

struct RunSpec {
  std::vector<std::string> inputs;  // Files, directories or glob patterns.
  ReaderOptions reader;
  std::string output;        // Required.
  std::string rejects;       // Optional: where removed documents go.
  std::string split_by;      // Optional metadata key: one sub-directory per value.
  bool kept_ledger = false;  // Also write the ledger (notes) of kept documents.
  // False for runs whose product is written by a stage (token shards): kept documents are
  // counted, not written; `output` then only says where the run's markers and stats go.
  bool write_documents = true;
  // Where markers and stats go, when not OUT/.tamis (a token-shard run keeps them beside its
  // prefix, PREFIX.tamis/, so that several prefixes can share one directory).
  std::string meta_dir;
  uint64_t shard_bytes = uint64_t{1} << 30;
  int threads = 1;
  int task = 0;
  int tasks = 1;
  // Called about once a second from another thread while a task runs, with the documents
  // written so far, the input bytes read and the seconds since the task started; once more
  // with seconds < 0 when the task's graph ends. Empty: no progress reports.
  std::function<void(uint64_t documents, uint64_t input_bytes, double seconds)> on_progress;
  std::string report_dir;  // Where stages write reports; default beside the stats.
};

struct RunSummary {
  bool already_complete = false;       // The task's marker existed: nothing was done.
  Value stats = Value::EmptyObject();  // What was written to the stats file.
  std::string stats_path;
  std::vector<std::string> outputs;  // Files committed (kept, then rejects).
};

// Where one task of one phase reads and writes; the orchestrator fills it.
struct TaskSpec {
  RunSpec run;                       // The user's run (outputs, reader, threads, ...).
  std::vector<std::string> files;    // This task's input files, expanded and split already.
  std::string kept_output;           // Where kept documents go (OUT, or a phase's work folder).
  std::string kept_prefix;           // Shard name prefix ("part-00003").
  bool kept_for_next_phase = false;  // Intermediate: ledger kept, no split_by.
  std::string rejects_prefix;
  std::string marker;
  std::string stats_path;
  std::string work_dir;  // RunContext::work_dir.
  TaskIdentity identity;
};

// Bounds on what a run may ask for: far above any real machine or array, low enough that a
// typo (--threads 100000) is an error rather than 100,000 threads.
inline constexpr int kMaxThreads = 4096;
inline constexpr int kMaxTasks = 1'000'000;

// OK when `spec` can run as a pipeline of `phases` phases (output given, task numbers and
// thread count in range, shard size > 0, a single-file output only for one task and phase).
Status ValidateRunSpec(const RunSpec& spec, int phases);

// Fills `task` for task spec.task of phase `phase` of `phases`: phase 0 reads its block of the
// expanded inputs; phase k > 0 reads what the same task kept in phase k - 1 (an error when
// that task has not finished). Every phase but the last writes into the run's work folder.
Status PlanTask(const RunSpec& spec, int phase, int phases, std::vector<std::string> stage_names,
                TaskSpec* task);

// Builds the task's stages; called only when the task really runs.
using StageBuilder = std::function<Result<std::vector<std::unique_ptr<Stage>>>()>;

Result<RunSummary> RunTask(const TaskSpec& task, const StageBuilder& build_stages);

// A one-phase run of spec.task among spec.tasks with these stages (after the built-in "read"
// stage): for commands and tests that have their stages in hand.
Result<RunSummary> RunPipeline(const RunSpec& spec, std::vector<std::unique_ptr<Stage>> stages);

}  // namespace tamis

#endif  // TAMIS_RUNNER_RUNNER_H_
