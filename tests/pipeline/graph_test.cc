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
    for (const Document& d : batch.documents) kept.push_back(d.id);
    for (const Document& d : batch.removed) dropped.push_back(d.id);
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

namespace tamis {
namespace {

// Drops documents whose number is divisible by `divisor` under a given stage name, so that
// two stages can share one name.
class NamedDivisibleFilter final : public Stage {
 public:
  NamedDivisibleFilter(std::string name, int divisor) : name_(std::move(name)), divisor_(divisor) {}
  std::string_view name() const override { return name_; }
  Status Process(DocumentBatch& batch, Scratch*) const override {
    for (Document& d : batch.documents) {
      if (std::stoi(d.id) % divisor_ == 0) d.Drop(name(), "divisible");
    }
    return Status::Ok();
  }

 private:
  std::string name_;
  int divisor_;
};

TEST_CASE("Two stages with one name each count only their own removals", "[pipeline][graph]") {
  CountingSource source(1000, 9);
  NamedDivisibleFilter first("filter", 2), second("filter", 3);
  CollectingSink sink;
  GraphOptions options;
  options.threads = 2;
  std::vector<StageStats> stats;
  REQUIRE(RunGraph(source, {&first, &second}, sink, options, &stats).ok());
  CHECK(stats[0].removed["divisible"] == 500);
  // Multiples of 3 among the odd numbers below 1000: 167.
  CHECK(stats[1].documents_in == 500);
  CHECK(stats[1].removed["divisible"] == 167);
  CHECK(stats[1].documents_out == 333);
}

// Counts, per scratch, the documents it saw; checks it is never handed a dropped one.
class CountingStage final : public Stage {
 public:
  struct Counts : Scratch {
    uint64_t documents = 0;
  };
  explicit CountingStage(StageMode mode) : mode_(mode) {}
  std::string_view name() const override { return "counting"; }
  StageMode mode() const override { return mode_; }
  std::unique_ptr<Scratch> NewScratch() const override {
    ++scratches_made;
    return std::make_unique<Counts>();
  }
  Status Process(DocumentBatch& batch, Scratch* scratch) const override {
    for (const Document& d : batch.documents) {
      if (d.verdict != Verdict::kKeep) ++dropped_seen;
    }
    static_cast<Counts*>(scratch)->documents += batch.documents.size();
    return Status::Ok();
  }
  Status Finish(Scratches scratches, StageReport& report) override {
    uint64_t total = 0;
    for (Scratch* s : scratches) total += static_cast<Counts*>(s)->documents;
    report.extra.Set("documents", total);
    report.extra.Set("scratches", static_cast<uint64_t>(scratches.size()));
    return Status::Ok();
  }
  mutable std::atomic<int> scratches_made{0};
  mutable std::atomic<int> dropped_seen{0};

 private:
  StageMode mode_;
};

TEST_CASE("A serial stage gets exactly one scratch whatever the thread count",
          "[pipeline][graph]") {
  for (StageMode mode : {StageMode::kSerialInOrder, StageMode::kSerialOutOfOrder}) {
    CountingSource source(3000, 5);
    CountingStage serial(mode);
    CollectingSink sink;
    GraphOptions options;
    options.threads = 4;
    std::vector<StageStats> stats;
    REQUIRE(RunGraph(source, {&serial}, sink, options, &stats).ok());
    CHECK(serial.scratches_made == 1);
    CHECK(stats[0].report.Find("scratches")->as_int() == 1);
    CHECK(stats[0].report.Find("documents")->as_int() == 3000);
  }
}

TEST_CASE("Finish merges every per-thread scratch of a parallel stage", "[pipeline][graph]") {
  CountingSource source(5000, 3);
  CountingStage parallel(StageMode::kParallel);
  CollectingSink sink;
  GraphOptions options;
  options.threads = 4;
  std::vector<StageStats> stats;
  REQUIRE(RunGraph(source, {&parallel}, sink, options, &stats).ok());
  CHECK(stats[0].report.Find("documents")->as_int() == 5000);
  CHECK(stats[0].report.Find("scratches")->as_int() == parallel.scratches_made);
  CHECK(parallel.scratches_made >= 1);
  CHECK(parallel.scratches_made <= 4);
}

TEST_CASE("Stages are handed only live documents; rejects reach the sink in input order",
          "[pipeline][graph]") {
  CountingSource source(2000, 11);
  DivisibleFilter by3(3), by5(5);
  CountingStage after(StageMode::kParallel);
  CollectingSink sink;
  GraphOptions options;
  options.threads = 4;
  std::vector<StageStats> stats;
  REQUIRE(RunGraph(source, {&by5, &by3, &after}, sink, options, &stats).ok());
  CHECK(after.dropped_seen == 0);
  CHECK(stats[2].report.Find("documents")->as_int() == static_cast<int64_t>(sink.kept.size()));
  // Documents removed by the second filter come before the first filter's later ones.
  std::vector<int> removed;
  for (const std::string& id : sink.dropped) removed.push_back(std::stoi(id));
  CHECK(std::is_sorted(removed.begin(), removed.end()));
  CHECK(removed.size() == 2000 - sink.kept.size());
}

// Notes a change on every even document, drops nothing.
class EvenNoter final : public Stage {
 public:
  std::string_view name() const override { return "noter"; }
  Status Process(DocumentBatch& batch, Scratch*) const override {
    for (Document& d : batch.documents) {
      if (std::stoi(d.id) % 2 == 0) d.Note(name(), "even", d.id);
      if (std::stoi(d.id) % 10 == 0) d.Note(name(), "tenth");
    }
    return Status::Ok();
  }
};

TEST_CASE("Changes noted on kept documents are counted by rule", "[pipeline][graph]") {
  CountingSource source(1000, 7);
  EvenNoter noter;
  DivisibleFilter by4(4);  // Also notes nothing, drops multiples of 4.
  CollectingSink sink;
  GraphOptions options;
  options.threads = 2;
  std::vector<StageStats> stats;
  REQUIRE(RunGraph(source, {&noter, &by4}, sink, options, &stats).ok());
  CHECK(stats[0].changed["even"] == 500);
  CHECK(stats[0].changed["tenth"] == 100);
  CHECK(stats[0].removed.empty());
  CHECK(stats[1].changed.empty());  // A drop is a removal, not a change.
  CHECK(stats[1].removed["divisible"] == 250);
  CHECK(stats[0].ToValue().Find("changed")->Find("even")->as_int() == 500);
}

// Marks every third record as not a document, as the reader's decoding does.
class Discarder final : public Stage {
 public:
  std::string_view name() const override { return "read"; }
  Status Process(DocumentBatch& batch, Scratch*) const override {
    uint64_t discarded = 0;
    for (Document& d : batch.documents) {
      if (std::stoi(d.id) % 3 == 0) {
        d.verdict = Verdict::kDiscard;
        ++discarded;
      }
    }
    if (discarded) batch.skipped.emplace_back("not_a_document", discarded);
    return Status::Ok();
  }
};

TEST_CASE("Discarded records are counted, then neither staged nor written", "[pipeline][graph]") {
  CountingSource source(900, 10);
  Discarder read;
  CountingStage after(StageMode::kParallel);
  CollectingSink sink;
  GraphOptions options;
  options.threads = 2;
  std::vector<StageStats> stats;
  REQUIRE(RunGraph(source, {&read, &after}, sink, options, &stats).ok());
  CHECK(stats[0].removed["not_a_document"] == 300);
  CHECK(stats[1].documents_in == 600);
  CHECK(after.dropped_seen == 0);
  CHECK(sink.kept.size() == 600);
  CHECK(sink.dropped.empty());
}

}  // namespace
}  // namespace tamis
