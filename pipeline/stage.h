// Stage: the one interface every pipeline step implements.
//
// Kinds of stage: a filter keeps or drops documents with a reason (Document::Drop), an
// annotator adds metadata, a transformer changes text (and records it with Document::Note).
// A stage declares only its name and its concurrency mode; the graph owns scheduling, timing,
// statistics, the ledger and the writing of rejects.
//
// Call order: Start() once, Process() any number of times, Finish() once; anything else is a
// bug (checked under TAMIS_DEV_CHECKS).
// Concurrency: Process() is const in every mode. Mutable state lives in `scratch`, made by
// NewScratch(): one per worker thread for kParallel, exactly one for serial modes.
// Ownership: `batch` is borrowed for the call; keep no pointer into it. Documents already
// dropped by an earlier stage are in the batch too: skip them (Document::dropped()).
// Errors: a bad document is dropped with a reason. Return non-OK only when the run cannot
// continue (I/O failure, unreadable model); the graph then stops and reports it.
//
// Concrete stages are built by a factory in stage_registry.cc from their options (a Value
// object read from the pipeline YAML or from CLI flags), so that invalid options fail before
// the run starts and no half-built stage exists.
#ifndef TAMIS_PIPELINE_STAGE_H_
#define TAMIS_PIPELINE_STAGE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "pipeline/document.h"
#include "pipeline/status.h"
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

// What every stage may know about the run it is part of.
struct RunContext {
  int threads = 1;
  int task = 0;  // This task's index in [0, tasks).
  int tasks = 1;
  std::string output;      // The run's main output path (file or directory).
  std::string report_dir;  // Where stages may write reports; exists when Start() is called.
  bool strict = false;     // Malformed input is fatal instead of skipped.
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
  [[nodiscard]] virtual Status Finish(StageReport& report) { return Status::Ok(); }
};

}  // namespace tamis

#endif  // TAMIS_PIPELINE_STAGE_H_
