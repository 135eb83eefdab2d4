// Stage: the one interface every pipeline step implements.
//
// Kinds of stage: a filter keeps or drops documents with a reason (Document::Drop), an
// annotator adds metadata, a transformer changes text (and records it with Document::Note).
// A stage declares only its name and its concurrency mode; the graph owns scheduling, timing,
// statistics, the ledger and the writing of rejects.
//
// Call order: Start() once, Process() any number of times, Finish() once; anything else is a
// bug (the graph checks it under TAMIS_DEV_CHECKS, see call_order.h).
// Concurrency: Process() is const in every mode. Mutable state lives in `scratch`, made by
// NewScratch(): one per worker thread that ran the stage for kParallel, exactly one for the
// serial modes. Finish() receives every scratch the run made, to merge per-thread counts
// into the report, so a stage needs no locks or atomics of its own.
// What a stage sees: `batch.documents` holds only live documents (the graph has moved the
// ones earlier stages dropped into batch.removed). A stage may change them and Drop() them;
// it must not add, remove or reorder elements.
// Ownership: `batch` is borrowed for the call; keep no pointer into it.
// Errors: a bad document is dropped with a reason. Return non-OK only when the run cannot
// continue (I/O failure, unreadable model); the graph then stops and reports it.
//
// Concrete stages are built by a factory in the stage registry (runner/stage_registry.cc)
// from their options (a Value read from the pipeline YAML or from CLI flags), so that invalid
// options fail before the run starts and no half-built stage exists.
#ifndef TAMIS_PIPELINE_STAGE_H_
#define TAMIS_PIPELINE_STAGE_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "pipeline/document.h"
#include "pipeline/status.h"
#include "pipeline/task_files.h"
#include "pipeline/value.h"

namespace tamis {

// Maps one-to-one onto tbb::filter_mode.
enum class StageMode {
  kParallel,          // Batches processed concurrently, each by one thread.
  kSerialInOrder,     // One batch at a time, in input order (needed for order-dependent state).
  kSerialOutOfOrder,  // One batch at a time, any order.
};

// Per-thread (or per-serial-stage) mutable state; stages subclass it.
class Scratch {
 public:
  virtual ~Scratch() = default;
};

// The scratches a stage's run made, handed to Finish(); entries are never null.
using Scratches = std::span<Scratch* const>;

// What every stage may know about the run it is part of.
struct RunContext {
  int threads = 1;
  int task = 0;  // This task's index in [0, tasks).
  int tasks = 1;
  std::string output;      // The run's main output path (file or directory).
  std::string report_dir;  // Where stages may write reports; exists when Start() is called.
  // The run's work directory shared by all tasks and phases (OUT/.tamis/work): where phases
  // leave side files for the steps (run_layout.h names them). Empty for a single-file output.
  std::string work_dir;
  int phase = 0;        // The phase this stage runs in (0 for a one-phase pipeline).
  bool strict = false;  // Malformed input is fatal instead of skipped.

  // The name of a file this task of the run writes for the user: `stem` alone when the run
  // has one task, `stem-<task>` otherwise (task_files.h).
  std::string TaskStem(std::string_view stem) const {
    return tasks > 1 ? PerTaskName(stem, task) : std::string(stem);
  }
};

// What a stage adds to the run's stats at Finish(): a JSON object under its name.
struct StageReport {
  Value extra = Value::EmptyObject();
};

class Stage {
 public:
  virtual ~Stage() = default;
  // Stable registry name: used by the CLI, the stats and the ledger.
  virtual std::string_view name() const = 0;
  virtual StageMode mode() const { return StageMode::kParallel; }
  virtual std::unique_ptr<Scratch> NewScratch() const { return nullptr; }
  [[nodiscard]] virtual Status Start(const RunContext& run) { return Status::Ok(); }
  [[nodiscard]] virtual Status Process(DocumentBatch& batch, Scratch* scratch) const = 0;
  // `scratches`: every scratch NewScratch() made for this run (none if it returns null).
  [[nodiscard]] virtual Status Finish(Scratches scratches, StageReport& report) {
    return Status::Ok();
  }
};

}  // namespace tamis

#endif  // TAMIS_PIPELINE_STAGE_H_
