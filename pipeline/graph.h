// RunGraph: streams batches from a source through stages into a sink, on oneTBB.
//
// The graph is a tbb::parallel_pipeline: a serial input step (the source frames records and
// decompresses), one step per stage in the stage's own mode (StageMode maps onto
// tbb::filter_mode), a parallel prepare step and a serial in-order output step (the sink). At
// most `max_batches` batches are alive at once, so memory is bounded by max_batches × batch
// size whatever the input size. The sink sees batches in source order, so the output is the
// same for any thread count. Sources size their batches so that every thread gets work even
// from a small input (reader_source.h).
//
// The graph owns what stages must not: scheduling, scratch (one per thread for parallel
// stages, exactly one for serial ones), timing, statistics, and the Start/Process/Finish call
// order (checked under TAMIS_DEV_CHECKS). Between stages it moves the documents a stage
// dropped out of batch.documents into batch.removed and takes out the records a reader
// discarded, so every stage sees only live documents. Per stage it counts the documents and
// bytes that went in and came out, the removals by reason (the rule of the entry a stage's
// Drop added, or the reason a decoding stage skipped a record) and the changes by rule (the
// entries a stage's Note added to documents it kept).
//
// The first non-OK Status from any step stops the graph: no new batch is read, batches in
// flight are discarded, no stage is finished, and that Status is returned. Thread-safety:
// RunGraph is a blocking call; stages and sink are used from its worker threads as above.
#ifndef TAMIS_PIPELINE_GRAPH_H_
#define TAMIS_PIPELINE_GRAPH_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "pipeline/document.h"
#include "pipeline/stage.h"
#include "pipeline/status.h"
#include "pipeline/value.h"

namespace tamis {

// The serial start of a graph. NextBatch fills an empty batch; false when exhausted.
class BatchSource {
 public:
  virtual ~BatchSource() = default;
  virtual Result<bool> NextBatch(DocumentBatch* batch) = 0;
  // Input bytes consumed so far, for the progress line. Read from another thread: atomic.
  virtual uint64_t progress_bytes() const { return 0; }
};

// The serial, in-order end of a graph.
class BatchSink {
 public:
  virtual ~BatchSink() = default;
  // Runs in parallel, any order, after the last stage: work that does not need the output
  // order (rendering documents to bytes) belongs here, off the serial step. Called
  // concurrently for different batches: it must only touch its batch (it may consume the
  // documents, e.g. release their text once rendered).
  virtual Status Prepare(DocumentBatch& batch) { return Status::Ok(); }
  // Runs serially, in source order. `batch.documents` are the kept documents and
  // `batch.removed` the removed ones, each in input order.
  virtual Status Consume(DocumentBatch& batch) = 0;
};

struct StageStats {
  std::string name;
  uint64_t documents_in = 0;
  uint64_t documents_out = 0;
  uint64_t bytes_in = 0;  // Text bytes of the live documents entering.
  uint64_t bytes_out = 0;
  std::map<std::string, uint64_t> removed;  // By reason.
  std::map<std::string, uint64_t> changed;  // Notes on kept documents, by rule.
  double seconds = 0;                       // Summed over threads: the stage's share of the work.
  Value report = Value::EmptyObject();      // What the stage added at Finish().

  Value ToValue() const;
};

struct GraphOptions {
  int threads = 1;
  // Batches alive at once; 0 means 2 per thread plus 2, enough to keep every thread fed
  // while a serial step (reading, writing) holds one batch each.
  int max_batches = 0;
  RunContext context;
  // Called about once a second from a separate thread with the documents the sink has seen
  // and the source's input bytes; empty for no progress reports.
  std::function<void(uint64_t documents, uint64_t input_bytes)> on_progress;
};

// Runs the graph to completion. `stats` gets one entry per stage, in order.
Status RunGraph(BatchSource& source, const std::vector<Stage*>& stages, BatchSink& sink,
                const GraphOptions& options, std::vector<StageStats>* stats);

}  // namespace tamis

#endif  // TAMIS_PIPELINE_GRAPH_H_
