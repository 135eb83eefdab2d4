#include "pipeline/graph.h"

#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/parallel_pipeline.h>
#include <oneapi/tbb/task_arena.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "pipeline/call_order.h"
#include "pipeline/check.h"

namespace tamis {
namespace {

tbb::filter_mode ModeOf(StageMode mode) {
  switch (mode) {
    case StageMode::kParallel: return tbb::filter_mode::parallel;
    case StageMode::kSerialInOrder: return tbb::filter_mode::serial_in_order;
    case StageMode::kSerialOutOfOrder: return tbb::filter_mode::serial_out_of_order;
  }
  return tbb::filter_mode::serial_in_order;
}

uint64_t TextBytes(const std::vector<Document>& documents) {
  uint64_t bytes = 0;
  for (const Document& doc : documents) bytes += doc.text.size();
  return bytes;
}

// Everything one stage needs while the graph runs.
struct StageRun {
  Stage* stage;
  CallOrder order;
  // kParallel: one scratch per worker thread, made on first use. Serial modes: `serial` only,
  // since one batch at a time is the promise that lets a stage keep e.g. one open file there.
  tbb::enumerable_thread_specific<std::unique_ptr<Scratch>> per_thread;
  std::unique_ptr<Scratch> serial;
  std::mutex mu;  // Guards stats.
  StageStats stats;

  bool parallel() const { return stage->mode() == StageMode::kParallel; }
  Scratch* ScratchForThisThread() {
    if (!parallel()) return serial.get();
    std::unique_ptr<Scratch>& scratch = per_thread.local();
    if (!scratch) scratch = stage->NewScratch();
    return scratch.get();
  }
  std::vector<Scratch*> AllScratches() {
    std::vector<Scratch*> all;
    if (serial) all.push_back(serial.get());
    for (std::unique_ptr<Scratch>& s : per_thread) {
      if (s) all.push_back(s.get());
    }
    return all;
  }
};

// What one Process call did to a batch, counted before the graph tidies it.
struct BatchOutcome {
  std::map<std::string, uint64_t> removed;
  std::map<std::string, uint64_t> changed;
};

// Counts what the stage's new ledger entries say (`ledger_sizes`: each document's ledger size
// before the call), then moves dropped documents to batch.removed and erases discarded ones,
// keeping the order of the rest.
BatchOutcome TidyBatch(DocumentBatch& batch, const std::vector<uint32_t>& ledger_sizes) {
  BatchOutcome outcome;
  std::vector<Document>& docs = batch.documents;
  size_t live = 0;
  for (size_t i = 0; i < docs.size(); ++i) {
    Document& doc = docs[i];
    const size_t first_new = ledger_sizes[i];
    const size_t notes_end = doc.dropped() ? doc.ledger.size() - 1 : doc.ledger.size();
    for (size_t e = first_new; e < notes_end; ++e) ++outcome.changed[doc.ledger[e].rule];
    if (doc.verdict == Verdict::kDiscard) continue;
    if (doc.dropped()) {
      // A stage that drops appends its reason; a drop without one is a stage bug.
      TAMIS_CHECK_LT(first_new, doc.ledger.size());
      ++outcome.removed[doc.ledger.back().rule];
      batch.removed.push_back(std::move(doc));
      continue;
    }
    if (live != i) docs[live] = std::move(doc);
    ++live;
  }
  docs.resize(live);
  return outcome;
}

// Records the first failure; later ones are consequences.
class FirstError {
 public:
  void Set(const Status& s) {
    std::lock_guard<std::mutex> lock(mu_);
    if (status_.ok()) status_ = s;
    failed_.store(true, std::memory_order_release);
  }
  bool failed() const { return failed_.load(std::memory_order_acquire); }
  Status status() {
    std::lock_guard<std::mutex> lock(mu_);
    return status_;
  }

 private:
  std::mutex mu_;
  Status status_;
  std::atomic<bool> failed_{false};
};

// One stage's Process on one batch, with its accounting.
void RunStage(StageRun& run, DocumentBatch& batch, FirstError& error) {
  TAMIS_DEV_CHECK_CALL(run.order, CallOrder::Call::kProcess);
  Scratch* scratch = run.ScratchForThisThread();
  const size_t documents_in = batch.documents.size();
  const uint64_t bytes_in = TextBytes(batch.documents);
  std::vector<uint32_t> ledger_sizes(documents_in);
  for (size_t i = 0; i < documents_in; ++i) {
    ledger_sizes[i] = static_cast<uint32_t>(batch.documents[i].ledger.size());
  }
  const size_t skipped_before = batch.skipped.size();
  auto start = std::chrono::steady_clock::now();
  Status s = run.stage->Process(batch, scratch);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!s.ok()) {
    error.Set(s.WithContext("stage " + run.stats.name));
    return;
  }
  // The contract of stage.h: elements are changed or dropped, never added or removed.
  TAMIS_CHECK_EQ(batch.documents.size(), documents_in);
  BatchOutcome outcome = TidyBatch(batch, ledger_sizes);
  for (size_t i = skipped_before; i < batch.skipped.size(); ++i) {
    outcome.removed[batch.skipped[i].first] += batch.skipped[i].second;
  }
  const uint64_t bytes_out = TextBytes(batch.documents);
  std::lock_guard<std::mutex> lock(run.mu);
  StageStats& st = run.stats;
  st.documents_in += documents_in;
  st.bytes_in += bytes_in;
  st.documents_out += batch.documents.size();
  st.bytes_out += bytes_out;
  st.seconds += seconds;
  for (auto& [reason, count] : outcome.removed) st.removed[reason] += count;
  for (auto& [rule, count] : outcome.changed) st.changed[rule] += count;
}

}  // namespace

Value StageStats::ToValue() const {
  Value v = Value::EmptyObject();
  v.Set("stage", name);
  v.Set("documents_in", documents_in);
  v.Set("documents_out", documents_out);
  v.Set("bytes_in", bytes_in);
  v.Set("bytes_out", bytes_out);
  Value removed_v = Value::EmptyObject();
  for (const auto& [reason, count] : removed) removed_v.Set(reason, count);
  v.Set("removed", std::move(removed_v));
  if (!changed.empty()) {
    Value changed_v = Value::EmptyObject();
    for (const auto& [rule, count] : changed) changed_v.Set(rule, count);
    v.Set("changed", std::move(changed_v));
  }
  v.Set("seconds", seconds);
  if (!report.as_object().empty()) v.Set("report", report);
  return v;
}

Status RunGraph(BatchSource& source, const std::vector<Stage*>& stages, BatchSink& sink,
                const GraphOptions& options, std::vector<StageStats>* stats) {
  const int threads = std::max(1, options.threads);
  const int max_batches = options.max_batches > 0 ? options.max_batches : 2 * threads + 2;

  std::vector<std::unique_ptr<StageRun>> runs;
  for (Stage* stage : stages) {
    auto run = std::make_unique<StageRun>();
    run->stage = stage;
    run->stats.name = std::string(stage->name());
    runs.push_back(std::move(run));
  }
  for (auto& run : runs) {
    TAMIS_DEV_CHECK_CALL(run->order, CallOrder::Call::kStart);
    Status s = run->stage->Start(options.context);
    if (!s.ok()) return s.WithContext("stage " + run->stats.name);
    if (!run->parallel()) run->serial = run->stage->NewScratch();
  }

  FirstError error;
  std::atomic<uint64_t> sequence{0};
  std::atomic<uint64_t> documents_written{0};

  // The progress reporter wakes once a second until the graph ends.
  std::mutex progress_mu;
  std::condition_variable progress_cv;
  bool progress_done = false;
  std::thread progress;
  if (options.on_progress) {
    progress = std::thread([&] {
      std::unique_lock<std::mutex> lock(progress_mu);
      while (!progress_cv.wait_for(lock, std::chrono::seconds(1), [&] { return progress_done; })) {
        options.on_progress(documents_written.load(), source.progress_bytes());
      }
    });
  }

  auto input = tbb::make_filter<void, DocumentBatch*>(
      tbb::filter_mode::serial_in_order, [&](tbb::flow_control& fc) -> DocumentBatch* {
        if (error.failed()) {
          fc.stop();
          return nullptr;
        }
        auto batch = std::make_unique<DocumentBatch>();
        Result<bool> more = source.NextBatch(batch.get());
        if (!more.ok()) {
          error.Set(more.status());
          fc.stop();
          return nullptr;
        }
        if (!*more && batch->documents.empty() && batch->skipped.empty()) {
          fc.stop();
          return nullptr;
        }
        batch->sequence = sequence++;
        for (size_t i = 0; i < batch->documents.size(); ++i) {
          batch->documents[i].ordinal = static_cast<uint32_t>(i);
        }
        return batch.release();
      });

  tbb::filter<void, DocumentBatch*> chain = input;
  for (auto& run_ptr : runs) {
    StageRun* run = run_ptr.get();
    chain = chain & tbb::make_filter<DocumentBatch*, DocumentBatch*>(
                        ModeOf(run->stage->mode()), [run, &error](DocumentBatch* batch) {
                          if (!batch || error.failed()) return batch;
                          RunStage(*run, *batch, error);
                          return batch;
                        });
  }
  auto prepare_batch = [&](DocumentBatch* batch) {
    if (!batch || error.failed()) return batch;
    // Each stage appended its removals in order; restore the input order across stages.
    auto by_ordinal = [](const Document& a, const Document& b) { return a.ordinal < b.ordinal; };
    if (!std::is_sorted(batch->removed.begin(), batch->removed.end(), by_ordinal)) {
      std::stable_sort(batch->removed.begin(), batch->removed.end(), by_ordinal);
    }
    Status s = sink.Prepare(*batch);
    if (!s.ok()) error.Set(s);
    return batch;
  };
  auto prepare =
      tbb::make_filter<DocumentBatch*, DocumentBatch*>(tbb::filter_mode::parallel, prepare_batch);
  auto output = tbb::make_filter<DocumentBatch*, void>(
      tbb::filter_mode::serial_in_order, [&](DocumentBatch* raw) {
        std::unique_ptr<DocumentBatch> batch(raw);
        if (!batch || error.failed()) return;
        Status s = sink.Consume(*batch);
        if (!s.ok()) error.Set(s);
        documents_written += batch->documents.size() + batch->removed.size();
      });

  // The arena sizes the work; global_control lifts TBB's default cap (the core count) so that
  // --threads N means N even where N exceeds the cores, as users of every other tool expect.
  tbb::global_control parallelism(tbb::global_control::max_allowed_parallelism,
                                  static_cast<size_t>(threads));
  tbb::task_arena arena(threads);
  arena.execute([&] { tbb::parallel_pipeline(max_batches, chain & prepare & output); });

  if (progress.joinable()) {
    {
      std::lock_guard<std::mutex> lock(progress_mu);
      progress_done = true;
    }
    progress_cv.notify_all();
    progress.join();
  }
  if (error.failed()) return error.status();

  stats->clear();
  for (auto& run : runs) {
    StageReport report;
    TAMIS_DEV_CHECK_CALL(run->order, CallOrder::Call::kFinish);
    const std::vector<Scratch*> scratches = run->AllScratches();
    Status s = run->stage->Finish(scratches, report);
    if (!s.ok()) return s.WithContext("stage " + run->stats.name);
    run->stats.report = std::move(report.extra);
    stats->push_back(std::move(run->stats));
  }
  return Status::Ok();
}

}  // namespace tamis
