#include "runner/stats_merge.h"

#include <catch2/catch.hpp>

#include "pipeline/json.h"
#include "runner/orchestrator.h"
#include "tests/io/temp_dir.h"

namespace tamis {
namespace {

const std::string kSnapshot = std::string(TAMIS_TEST_DATA) + "/filters/robots_snapshot.jsonl";

std::string Page(const std::string& id, const std::string& url) {
  return "{\"id\":\"" + id + "\",\"text\":\"Some page text\",\"metadata\":{\"url\":\"" + url +
         "\"}}\n";
}

// Three input files, one per task, each with pages of the blocking origins.
std::vector<std::string> ThreeInputs(const testing::TempDir& dir) {
  return {dir.Write("in/a.jsonl", Page("a1", "https://news.example.org/politics") +
                                      Page("a2", "https://www.gutenberg.org/ebooks/1342")),
          dir.Write("in/b.jsonl", Page("b1", "https://news.example.org/sport") +
                                      Page("b2", "https://down.example.net/x")),
          dir.Write("in/c.jsonl", Page("c1", "https://www.gutenberg.org/cache/epub/1342") +
                                      Page("c2", "https://news.example.org/arts"))};
}

Value RunRobots(const testing::TempDir& dir, const std::string& out, int tasks) {
  PipelineSpec p;
  p.run.inputs = ThreeInputs(dir);
  p.run.output = dir.File(out);
  p.run.tasks = tasks;
  Value robots = Value::EmptyObject();
  robots.Set("snapshot", kSnapshot);
  p.stages = {{"robots", robots}};
  std::vector<Value> stats;
  for (int t = 0; t < tasks; ++t) {
    PipelineSpec task = p;
    task.run.task = t;
    auto outcome = RunPipelineParts(task, {});
    REQUIRE(outcome.ok());
    stats.push_back(outcome->parts[0].summary.stats);
  }
  auto merged = MergeRunStats(stats);
  REQUIRE(merged.ok());
  return *merged;
}

TEST_CASE("Merged stats of a 3-task robots run hold the per-origin report of all tasks",
          "[runner][stats]") {
  testing::TempDir dir;
  const Value merged = RunRobots(dir, "three", 3);
  CHECK(merged.Find("tasks_merged")->as_int() == 3);
  const Value& report = *merged.Find("stages")->as_array()[1].Find("report");
  CHECK(report.Find("documents_checked")->as_int() == 6);
  CHECK(report.Find("documents_dropped")->as_int() == 5);
  const Value& blocking = *report.Find("origins");
  REQUIRE(blocking.Find("https://news.example.org"));
  const Value& news = *blocking.Find("https://news.example.org");
  CHECK(news.Find("documents_dropped")->as_int() == 3);        // One in each task.
  CHECK(news.Find("agents_blocked")->as_array().size() == 2);  // GPTBot, CCBot.
  CHECK(blocking.Find("https://www.gutenberg.org")->Find("documents_dropped")->as_int() == 1);
  CHECK(blocking.Find("https://www.gutenberg.org")->Find("documents")->as_int() == 2);
  CHECK(report.Find("origins_blocking")->as_int() == 3);

  // The same as one task over all inputs.
  const Value one = RunRobots(dir, "one", 1);
  CHECK(ToJson(*one.Find("stages")->as_array()[1].Find("report")->Find("origins")) ==
        ToJson(blocking));
}

TEST_CASE("Stats of a two-phase run merge phase by phase", "[runner][stats]") {
  Value phase0 = Value::EmptyObject(), phase1 = Value::EmptyObject();
  for (Value* v : {&phase0, &phase1}) {
    v->Set("reader", Value::EmptyObject());
    v->Set("output", Value::EmptyObject());
    v->Set("stages", Value::EmptyArray());
  }
  phase1.Set("phase", 1);
  auto merged = MergeRunStats({phase0, phase1, phase1});
  REQUIRE(merged.ok());
  const auto& phases = merged->Find("phases")->as_array();
  REQUIRE(phases.size() == 2);
  CHECK(phases[0].Find("tasks_merged")->as_int() == 1);
  CHECK(phases[1].Find("tasks_merged")->as_int() == 2);
  CHECK(phases[1].Find("phase")->as_int() == 1);
}

}  // namespace
}  // namespace tamis
