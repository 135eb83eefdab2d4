#include "runner/runner.h"

#include <filesystem>
#include <functional>
#include <set>

#include <catch2/catch.hpp>

#include "io/output_file.h"
#include "pipeline/json.h"
#include "tests/io/temp_dir.h"

namespace tamis {
namespace {

namespace fs = std::filesystem;
const std::string kData = std::string(TAMIS_TEST_DATA) + "/readers/";

// Drops every document whose text mentions `word`.
class WordFilter final : public Stage {
 public:
  explicit WordFilter(std::string word) : word_(std::move(word)) {}
  std::string_view name() const override { return "word"; }
  Status Process(DocumentBatch& batch, Scratch*) const override {
    for (Document& d : batch.documents) {
      if (d.text.find(word_) != std::string::npos) d.Drop(name(), "mentions", word_);
    }
    return Status::Ok();
  }

 private:
  std::string word_;
};

std::vector<Value> ReadJsonl(const std::string& path) {
  std::vector<Value> docs;
  std::string text = ReadWholeFile(path).value();
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    docs.push_back(ParseJson(text.substr(start, end - start)).value());
    start = end + 1;
  }
  return docs;
}

std::vector<std::string> Ids(const std::vector<std::string>& files) {
  std::vector<std::string> ids;
  for (const std::string& f : files) {
    for (const Value& d : ReadJsonl(f)) ids.emplace_back(d.GetString("id"));
  }
  return ids;
}

std::vector<std::unique_ptr<Stage>> Stages(const std::string& word) {
  std::vector<std::unique_ptr<Stage>> stages;
  stages.push_back(std::make_unique<WordFilter>(word));
  return stages;
}

TEST_CASE("A run writes kept documents, rejects with reasons, stats and a marker", "[runner]") {
  testing::TempDir dir;
  RunSpec spec;
  spec.inputs = {kData + "handbook.warc.gz"};
  spec.output = dir.File("out");
  spec.rejects = dir.File("rejects");
  spec.threads = 2;
  auto summary = RunPipeline(spec, Stages("distribution"));
  REQUIRE(summary.ok());
  CHECK_FALSE(summary->already_complete);
  CHECK(fs::exists(dir.File("out/.tamis/task-00000.done")));
  CHECK(fs::exists(dir.File("out/part-00000-00000.jsonl.zst")));
  const Value& stats = summary->stats;
  CHECK(stats.Find("reader")->Find("records")->as_int() == 14);
  const Value& word = stats.Find("stages")->as_array()[1];
  CHECK(word.GetString("stage") == "word");
  int64_t removed = word.Find("removed")->Find("mentions")->as_int();
  CHECK(removed >= 3);
  CHECK(removed < 9);
  auto rejected = ReadJsonl(dir.File("rejects/part-00000-00000.jsonl.zst"));
  REQUIRE(static_cast<int64_t>(rejected.size()) == removed);
  const Value& ledger = rejected[0].Find("ledger")->as_array()[0];
  CHECK(ledger.GetString("stage") == "word");
  CHECK(ledger.GetString("rule") == "mentions");
  CHECK(ledger.GetString("detail") == "distribution");
  auto kept = ReadJsonl(dir.File("out/part-00000-00000.jsonl.zst"));
  CHECK(kept.size() + rejected.size() == 9);
  for (const Value& d : kept) {
    CHECK(d.GetString("text").find("distribution") == std::string::npos);
  }
  // The stats file on disk is what the summary holds.
  CHECK(ParseJson(*ReadWholeFile(summary->stats_path)).value() == stats);
}

TEST_CASE("A task whose marker exists is skipped when run again", "[runner]") {
  testing::TempDir dir;
  RunSpec spec;
  spec.inputs = {kData + "mixed.jsonl"};
  spec.output = dir.File("out");
  REQUIRE(RunPipeline(spec, {}).ok());
  fs::remove(dir.File("out/part-00000-00000.jsonl.zst"));
  auto again = RunPipeline(spec, {});
  REQUIRE(again.ok());
  CHECK(again->already_complete);
  CHECK_FALSE(fs::exists(dir.File("out/part-00000-00000.jsonl.zst")));
  CHECK(again->stats.Find("output")->Find("documents")->as_int() == 5);
}

TEST_CASE("Tasks of an array each write their own share; together they make the whole",
          "[runner]") {
  testing::TempDir dir;
  std::vector<std::string> inputs = {kData + "handbook.warc.gz", kData + "mixed.jsonl"};
  RunSpec whole;
  whole.inputs = inputs;
  whole.output = dir.File("whole");
  REQUIRE(RunPipeline(whole, {}).ok());
  std::set<std::string> all;
  for (int task = 0; task < 2; ++task) {
    RunSpec spec;
    spec.inputs = inputs;
    spec.output = dir.File("array");
    spec.task = task;
    spec.tasks = 2;
    auto summary = RunPipeline(spec, {});
    REQUIRE(summary.ok());
    CHECK(summary->stats.Find("inputs")->as_array().size() == 1);
    for (const auto& id : Ids(summary->outputs)) CHECK(all.insert(id).second);
  }
  auto whole_ids = Ids({dir.File("whole/part-00000-00000.jsonl.zst")});
  CHECK(all == std::set<std::string>(whole_ids.begin(), whole_ids.end()));
  CHECK(fs::exists(dir.File("array/.tamis/task-00000.done")));
  CHECK(fs::exists(dir.File("array/.tamis/task-00001.done")));
}

TEST_CASE("Output bytes do not depend on the thread count", "[runner]") {
  testing::TempDir dir;
  std::string first;
  for (int threads : {1, 2, 4}) {
    RunSpec spec;
    spec.inputs = {kData + "handbook.warc.gz", kData + "mixed.jsonl"};
    spec.output = dir.File("t" + std::to_string(threads) + ".jsonl");
    spec.threads = threads;
    REQUIRE(RunPipeline(spec, Stages("APT")).ok());
    std::string bytes = testing::ReadRaw(spec.output);
    if (first.empty()) first = bytes;
    CHECK(bytes == first);
  }
  CHECK(!first.empty());
}

TEST_CASE("A run's zstd and gzip outputs read back as inputs unchanged", "[runner]") {
  testing::TempDir dir;
  RunSpec first;
  first.inputs = {kData + "handbook.warc.gz"};
  first.output = dir.File("a.jsonl.zst");
  REQUIRE(RunPipeline(first, {}).ok());
  RunSpec second;
  second.inputs = {dir.File("a.jsonl.zst")};
  second.output = dir.File("b.jsonl.gz");
  REQUIRE(RunPipeline(second, {}).ok());
  RunSpec third;
  third.inputs = {dir.File("b.jsonl.gz")};
  third.output = dir.File("c.jsonl");
  REQUIRE(RunPipeline(third, {}).ok());
  CHECK(*ReadWholeFile(dir.File("a.jsonl.zst")) == testing::ReadRaw(dir.File("c.jsonl")));
  CHECK(Ids({dir.File("c.jsonl")}).size() == 9);
}

TEST_CASE("Shards rotate at the size budget and split by a metadata key", "[runner]") {
  testing::TempDir dir;
  RunSpec spec;
  spec.inputs = {kData + "handbook.warc.gz"};
  spec.output = dir.File("out");
  spec.shard_bytes = 10000;
  spec.split_by = "charset";
  auto summary = RunPipeline(spec, {});
  REQUIRE(summary.ok());
  CHECK(fs::exists(dir.File("out/UTF-8/part-00000-00000.jsonl.zst")));
  CHECK(fs::exists(dir.File("out/UTF-8/part-00000-00001.jsonl.zst")));  // 8 pages > 10 kB.
  CHECK(fs::exists(dir.File("out/windows-1252/part-00000-00000.jsonl.zst")));
  CHECK_FALSE(fs::exists(dir.File("out/windows-1252/part-00000-00001.jsonl.zst")));
  CHECK(Ids(summary->outputs).size() == 9);
}

TEST_CASE("A single-file output cannot be shared by several tasks", "[runner]") {
  RunSpec spec;
  spec.inputs = {kData + "mixed.jsonl"};
  spec.output = "/tmp/never-written.jsonl";
  spec.tasks = 2;
  auto summary = RunPipeline(spec, {});
  REQUIRE_FALSE(summary.ok());
  CHECK(summary.status().code() == StatusCode::kInvalidArgument);
}

TEST_CASE("A failed run leaves no output file and no marker behind", "[runner]") {
  testing::TempDir dir;
  RunSpec spec;
  spec.inputs = {kData + "mixed.jsonl"};
  spec.reader.strict = true;
  spec.output = dir.File("out.jsonl.zst");
  auto summary = RunPipeline(spec, {});
  REQUIRE_FALSE(summary.ok());
  CHECK(summary.status().message().find("mixed.jsonl line 5") != std::string::npos);
  CHECK_FALSE(fs::exists(dir.File("out.jsonl.zst")));
  CHECK_FALSE(fs::exists(dir.File("out.jsonl.zst.done")));
  size_t entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.path())) ++entries;
  CHECK(entries == 0);
}

}  // namespace
}  // namespace tamis

namespace tamis {
namespace {

TEST_CASE("An output equal to an input, or holding it, is refused before anything is written",
          "[runner]") {
  testing::TempDir dir;
  const std::string input = dir.Write("d.jsonl", ReadWholeFile(kData + "mixed.jsonl").value());
  RunSpec same;
  same.inputs = {input};
  same.output = input;
  auto refused = RunPipeline(same, {});
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.status().message().find("would overwrite input") != std::string::npos);
  CHECK(ReadWholeFile(input).value() == ReadWholeFile(kData + "mixed.jsonl").value());

  RunSpec inside;
  inside.inputs = {dir.File("d.jsonl")};
  inside.output = dir.path();
  CHECK(RunPipeline(inside, {}).status().code() == StatusCode::kInvalidArgument);

  RunSpec rejects_on_output;
  rejects_on_output.inputs = {input};
  rejects_on_output.output = dir.File("out");
  rejects_on_output.rejects = dir.File("./out");
  CHECK(RunPipeline(rejects_on_output, {}).status().code() == StatusCode::kInvalidArgument);
}

TEST_CASE("A finished directory refuses a run with other inputs instead of skipping it",
          "[runner]") {
  testing::TempDir dir;
  RunSpec spec;
  spec.inputs = {kData + "mixed.jsonl"};
  spec.output = dir.File("out");
  REQUIRE(RunPipeline(spec, {}).ok());
  spec.inputs.push_back(kData + "handbook.warc.gz");
  auto refused = RunPipeline(spec, {});
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.status().code() == StatusCode::kFailedPrecondition);
  CHECK(refused.status().message().find("handbook.warc.gz is new") != std::string::npos);
}

TEST_CASE("A rerun removes the shards an unfinished attempt of the same task left", "[runner]") {
  testing::TempDir dir;
  // An earlier attempt of task 0 with a smaller shard size died after three shards; task 1's
  // finished shard is not this task's to touch.
  dir.Write("out/part-00000-00002.jsonl.zst", "stale");
  dir.Write("out/part-00001-00000.jsonl.zst", "task one");
  dir.Write("out/notes.txt", "mine");
  RunSpec spec;
  spec.inputs = {kData + "mixed.jsonl"};
  spec.output = dir.File("out");
  spec.tasks = 2;
  REQUIRE(RunPipeline(spec, {}).ok());
  CHECK_FALSE(fs::exists(dir.File("out/part-00000-00002.jsonl.zst")));
  CHECK(fs::exists(dir.File("out/part-00001-00000.jsonl.zst")));
  CHECK(fs::exists(dir.File("out/notes.txt")));
}

TEST_CASE("Thread, task and shard numbers out of range are refused", "[runner]") {
  testing::TempDir dir;
  RunSpec spec;
  spec.inputs = {kData + "mixed.jsonl"};
  spec.output = dir.File("out");
  for (auto change : std::vector<std::function<void(RunSpec&)>>{
           [](RunSpec& s) { s.threads = 100000; }, [](RunSpec& s) { s.threads = 0; },
           [](RunSpec& s) { s.task = -1; }, [](RunSpec& s) { s.tasks = 0; },
           [](RunSpec& s) { s.shard_bytes = 0; }}) {
    RunSpec bad = spec;
    change(bad);
    CHECK(RunPipeline(bad, {}).status().code() == StatusCode::kInvalidArgument);
  }
  CHECK_FALSE(fs::exists(dir.File("out")));
}

TEST_CASE("Kept documents can carry their ledger of changes", "[runner]") {
  testing::TempDir dir;
  RunSpec spec;
  spec.inputs = {kData + "mixed.jsonl"};
  spec.output = dir.File("out.jsonl");
  spec.kept_ledger = true;
  REQUIRE(RunPipeline(spec, {}).ok());
  for (const Value& d : ReadJsonl(spec.output)) CHECK(d.Find("ledger") != nullptr);
}

}  // namespace
}  // namespace tamis

namespace tamis {
namespace {

TEST_CASE("A rerun removes the temporary files a killed attempt of the task left", "[runner]") {
  testing::TempDir dir;
  dir.Write("out/.part-00000-00000.jsonl.zst.tmp.4242.0", "half");
  dir.Write("out/.part-00001-00000.jsonl.zst.tmp.4242.1", "other task");
  RunSpec spec;
  spec.inputs = {kData + "mixed.jsonl"};
  spec.output = dir.File("out");
  spec.tasks = 2;
  REQUIRE(RunPipeline(spec, {}).ok());
  CHECK_FALSE(fs::exists(dir.File("out/.part-00000-00000.jsonl.zst.tmp.4242.0")));
  CHECK(fs::exists(dir.File("out/.part-00001-00000.jsonl.zst.tmp.4242.1")));
}

}  // namespace
}  // namespace tamis
