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

struct Live {
  uint64_t documents = 0;
  uint64_t bytes = 0;
};

Live CountLive(const DocumentBatch& batch) {
  Live live;
  for (const Document& doc : batch.documents) {
    if (doc.dropped()) continue;
    ++live.documents;
    live.bytes += doc.text.size();
  }
  return live;
}

// Everything one stage needs while the graph runs.
struct StageRun {
  Stage* stage;
  tbb::enumerable_thread_specific<std::unique_ptr<Scratch>> scratch;
  std::mutex mu;  // Guards stats.
  StageStats stats;
};

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
    Status s = run->stage->Start(options.context);
    if (!s.ok()) return s.WithContext("stage " + run->stats.name);
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
        return batch.release();
      });

  tbb::filter<void, DocumentBatch*> chain = input;
  for (auto& run_ptr : runs) {
    StageRun* run = run_ptr.get();
    chain =
        chain &
        tbb::make_filter<DocumentBatch*, DocumentBatch*>(
            ModeOf(run->stage->mode()), [run, &error](DocumentBatch* batch) {
              if (!batch || error.failed()) return batch;
              std::unique_ptr<Scratch>& scratch = run->scratch.local();
              if (!scratch) scratch = run->stage->NewScratch();
              Live before = CountLive(*batch);
              size_t skipped_before = batch->skipped.size();
              auto start = std::chrono::steady_clock::now();
              Status s = run->stage->Process(*batch, scratch.get());
              double seconds =
                  std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
              if (!s.ok()) {
                error.Set(s.WithContext("stage " + run->stats.name));
                return batch;
              }
              // Reasons for documents this stage removed: the last ledger entry
              // of each document that was live before and is dropped now. A
              // document is dropped by at most one stage, and stages only append.
              std::map<std::string, uint64_t> removed;
              for (const Document& doc : batch->documents) {
                if (doc.dropped() && doc.drop_entry() &&
                    doc.drop_entry()->stage == run->stats.name) {
                  ++removed[doc.drop_entry()->rule];
                }
              }
              for (size_t i = skipped_before; i < batch->skipped.size(); ++i) {
                removed[batch->skipped[i].first] += batch->skipped[i].second;
              }
              Live after = CountLive(*batch);
              std::lock_guard<std::mutex> lock(run->mu);
              StageStats& st = run->stats;
              st.documents_in += before.documents;
              st.bytes_in += before.bytes;
              st.documents_out += after.documents;
              st.bytes_out += after.bytes;
              st.seconds += seconds;
              for (auto& [reason, count] : removed) st.removed[reason] += count;
              return batch;
            });
  }
  auto prepare_batch = [&](DocumentBatch* batch) {
    if (!batch || error.failed()) return batch;
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
        documents_written += batch->documents.size();
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
    Status s = run->stage->Finish(report);
    if (!s.ok()) return s.WithContext("stage " + run->stats.name);
    run->stats.report = std::move(report.extra);
    stats->push_back(std::move(run->stats));
  }
  return Status::Ok();
}

}  // namespace tamis
