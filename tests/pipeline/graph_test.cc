#include "pipeline/graph.h"

#include <atomic>
#include <thread>

#include <catch2/catch.hpp>

namespace tamis {
namespace {

// Numbers 0..n-1 as documents, in batches of `per_batch`.
class CountingSource final : public BatchSource {
 public:
  CountingSource(int n, int per_batch) : n_(n), per_batch_(per_batch) {}
  Result<bool> NextBatch(DocumentBatch* batch) override {
    for (int i = 0; i < per_batch_ && next_ < n_; ++i, ++next_) {
      Document doc;
      doc.id = std::to_string(next_);
      doc.text = "document " + std::to_string(next_);
      batch->documents.push_back(std::move(doc));
    }
    ++live_;
    max_live_ = std::max(max_live_.load(), live_.load());
    return next_ < n_;
  }
  std::atomic<int> live_{0};
  std::atomic<int> max_live_{0};

 private:
  int n_, per_batch_, next_ = 0;
};

class CollectingSink final : public BatchSink {
 public:
  explicit CollectingSink(CountingSource* source = nullptr) : source_(source) {}
  Status Consume(DocumentBatch& batch) override {
    for (const Document& d : batch.documents) {
      (d.dropped() ? dropped : kept).push_back(d.id);
    }
    if (source_) --source_->live_;
    return Status::Ok();
  }
  std::vector<std::string> kept, dropped;

 private:
  CountingSource* source_;
};

// Drops documents whose number is divisible by `divisor`, slowly and unevenly, so that
// parallel batches finish out of order.
class DivisibleFilter final : public Stage {
 public:
  explicit DivisibleFilter(int divisor) : divisor_(divisor) {}
  std::string_view name() const override { return "divisible"; }
  Status Process(DocumentBatch& batch, Scratch*) const override {
    if (batch.sequence % 3 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    for (Document& d : batch.documents) {
      if (d.dropped()) continue;
      if (std::stoi(d.id) % divisor_ == 0) d.Drop(name(), "divisible", d.id);
    }
    return Status::Ok();
  }

 private:
  int divisor_;
};

class FailingStage final : public Stage {
 public:
  std::string_view name() const override { return "failing"; }
  Status Process(DocumentBatch& batch, Scratch*) const override {
    if (batch.sequence == 5) return Status::IoError("disk on fire");
    return Status::Ok();
  }
};

TEST_CASE("The graph keeps input order for any number of threads", "[pipeline][graph]") {
  std::vector<std::string> reference;
  for (int threads : {1, 2, 4, 8}) {
    CountingSource source(5000, 7);
    DivisibleFilter by3(3), by5(5);
    CollectingSink sink;
    GraphOptions options;
    options.threads = threads;
    std::vector<StageStats> stats;
    REQUIRE(RunGraph(source, {&by3, &by5}, sink, options, &stats).ok());
    if (reference.empty()) reference = sink.kept;
    CHECK(sink.kept == reference);
    REQUIRE(stats.size() == 2);
    CHECK(stats[0].documents_in == 5000);
    CHECK(stats[0].documents_out == 5000 - 1667);
    CHECK(stats[0].removed["divisible"] == 1667);
    // The second filter sees only what the first kept.
    CHECK(stats[1].documents_in == 3333);
    CHECK(stats[1].documents_out == sink.kept.size());
    CHECK(sink.dropped.size() == 5000 - sink.kept.size());
  }
  CHECK(reference.front() == "1");
  CHECK(reference.size() == 2667);  // 5000 - |3ℤ ∪ 5ℤ| = 5000 - (1667 + 1000 - 334).
}

TEST_CASE("The graph bounds the batches alive at once", "[pipeline][graph]") {
  CountingSource source(20000, 10);
  DivisibleFilter by2(2);
  CollectingSink sink(&source);
  GraphOptions options;
  options.threads = 4;
  options.max_batches = 6;
  std::vector<StageStats> stats;
  REQUIRE(RunGraph(source, {&by2}, sink, options, &stats).ok());
  CHECK(source.max_live_ <= 6);
  CHECK(sink.kept.size() == 10000);
}

TEST_CASE("A failing stage stops the graph and its error names the stage", "[pipeline][graph]") {
  CountingSource source(10000, 10);
  FailingStage failing;
  CollectingSink sink;
  GraphOptions options;
  options.threads = 2;
  std::vector<StageStats> stats;
  Status s = RunGraph(source, {&failing}, sink, options, &stats);
  REQUIRE_FALSE(s.ok());
  CHECK(s.code() == StatusCode::kIoError);
  CHECK(s.message().find("stage failing") != std::string::npos);
  CHECK(s.message().find("disk on fire") != std::string::npos);
  CHECK(sink.kept.size() < 10000);
}

}  // namespace
}  // namespace tamis
