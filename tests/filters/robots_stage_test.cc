#include "filters/robots/robots_stage.h"

#include <unistd.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace tamis {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string TempDir() {
  char dir[] = "/tmp/tamis-robots-stage-XXXXXX";
  REQUIRE(mkdtemp(dir) != nullptr);
  return dir;
}

Document Doc(std::string url, std::string text) {
  Document doc;
  doc.id = url;
  doc.text = std::move(text);
  if (!url.empty()) doc.metadata.Set("url", url);
  return doc;
}

robots::RobotsSnapshot NewsSnapshot() {
  robots::RobotsSnapshotBuilder builder({"GPTBot", "CCBot", "*"});
  builder.Add({"https://news.example/robots.txt", 200,
               "User-agent: GPTBot\nDisallow: /\n\nUser-agent: CCBot\nDisallow: /archive/\n", ""});
  builder.Add({"https://down.example/robots.txt", 500, "", ""});
  builder.Add({"https://open.example/robots.txt", 404, "", ""});
  return std::move(builder).Build();
}

TEST_CASE("Robots stage drops documents disallowed for any agent and names the agents",
          "[robots]") {
  RobotsStage stage(NewsSnapshot(), RobotsAbsentPolicy::kAllow);
  const std::string dir = TempDir();
  RunContext run;
  run.report_dir = dir;
  REQUIRE(stage.Start(run).ok());
  auto scratch = stage.NewScratch();
  DocumentBatch batch;
  batch.documents.push_back(Doc("https://news.example/archive/2019/budget", "Budget story"));
  batch.documents.push_back(Doc("https://news.example/robots.txt", "User-agent: GPTBot"));
  batch.documents.push_back(Doc("https://down.example/page", "Down"));
  batch.documents.push_back(Doc("https://open.example/page", "Open"));
  batch.documents.push_back(Doc("https://absent.example/page", "Absent"));
  batch.documents.push_back(Doc("", "No URL"));
  REQUIRE(stage.Process(batch, scratch.get()).ok());

  const auto& docs = batch.documents;
  REQUIRE(docs[0].dropped());
  CHECK(docs[0].drop_entry()->stage == "robots");
  CHECK(docs[0].drop_entry()->rule == "disallowed");
  CHECK(docs[0].drop_entry()->detail == "GPTBot,CCBot");
  CHECK_FALSE(docs[1].dropped());
  REQUIRE(docs[2].dropped());
  CHECK(docs[2].drop_entry()->detail == "GPTBot,CCBot,*");
  CHECK_FALSE(docs[3].dropped());
  CHECK_FALSE(docs[4].dropped());
  CHECK_FALSE(docs[5].dropped());

  StageReport report;
  REQUIRE(stage.Finish(std::vector<Scratch*>{scratch.get()}, report).ok());
  CHECK(report.extra.Find("documents_checked")->as_int() == 5);
  CHECK(report.extra.Find("documents_dropped")->as_int() == 2);
  CHECK(report.extra.Find("documents_without_url")->as_int() == 1);

  // Rows sorted by documents dropped, then origin; pretty-printed, two-space indent.
  const std::string json = ReadFile(dir + "/robots_report.json");
  const size_t down = json.find("\"origin\": \"https://down.example\"");
  const size_t news = json.find("\"origin\": \"https://news.example\"");
  const size_t absent = json.find("\"origin\": \"(absent)\"");
  const size_t open = json.find("\"origin\": \"https://open.example\"");
  REQUIRE(down != std::string::npos);
  REQUIRE(news != std::string::npos);
  REQUIRE(absent != std::string::npos);
  REQUIRE(open != std::string::npos);
  CHECK(down < news);
  CHECK(news < absent);
  CHECK(absent < open);
  CHECK(json.find("\"status\": 500,\n    \"state\": \"disallow_all\"") != std::string::npos);
  CHECK(json.find("\"agents_blocked\": [\n      \"GPTBot\",\n      \"CCBot\"\n    ],\n"
                  "    \"documents\": 2,\n    \"documents_dropped\": 1,\n"
                  "    \"bytes_dropped\": 12") != std::string::npos);
  CHECK(json.find("\"state\": \"absent_allow\"") != std::string::npos);

  const std::string csv = ReadFile(dir + "/robots_report.csv");
  CHECK(csv.rfind("origin,status,state,agents_blocked,documents,documents_dropped,bytes_dropped\n",
                  0) == 0);
  CHECK(csv.find("https://news.example,200,rules,GPTBot;CCBot,2,1,12\n") != std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST_CASE("Robots stage can disallow origins absent from the snapshot", "[robots]") {
  RobotsStage stage(NewsSnapshot(), RobotsAbsentPolicy::kDisallow);
  REQUIRE(stage.Start(RunContext()).ok());
  auto scratch = stage.NewScratch();
  DocumentBatch batch;
  batch.documents.push_back(Doc("https://absent.example/page", "Absent"));
  REQUIRE(stage.Process(batch, scratch.get()).ok());
  REQUIRE(batch.documents[0].dropped());
  CHECK(batch.documents[0].drop_entry()->rule == "absent_origin");
  StageReport report;
  REQUIRE(stage.Finish(std::vector<Scratch*>{scratch.get()}, report)
              .ok());  // No report_dir: nothing written, still OK.
}

TEST_CASE("Robots stage counts consistently when many threads process at once", "[robots]") {
  RobotsStage stage(NewsSnapshot(), RobotsAbsentPolicy::kAllow);
  REQUIRE(stage.Start(RunContext()).ok());
  constexpr int kThreads = 4;
  constexpr int kBatches = 200;
  std::vector<std::thread> threads;
  std::vector<std::unique_ptr<Scratch>> scratches;
  std::atomic<int> wrong{0};
  for (int t = 0; t < kThreads; ++t) {
    scratches.push_back(stage.NewScratch());
    threads.emplace_back([&, scratch = scratches.back().get()] {
      for (int b = 0; b < kBatches; ++b) {
        DocumentBatch batch;
        batch.documents.push_back(Doc("https://news.example/archive/" + std::to_string(b), "ab"));
        batch.documents.push_back(Doc("https://open.example/" + std::to_string(b), "cd"));
        if (!stage.Process(batch, scratch).ok()) ++wrong;
        if (!batch.documents[0].dropped() || batch.documents[1].dropped()) ++wrong;
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(wrong == 0);
  StageReport report;
  std::vector<Scratch*> all;
  for (auto& s : scratches) all.push_back(s.get());
  REQUIRE(stage.Finish(all, report).ok());
  CHECK(report.extra.Find("documents_checked")->as_int() == 2 * kThreads * kBatches);
  CHECK(report.extra.Find("documents_dropped")->as_int() == kThreads * kBatches);
  CHECK(report.extra.Find("bytes_dropped")->as_int() == 2 * kThreads * kBatches);
}

TEST_CASE("Robots stage factory checks its options", "[robots]") {
  const std::string snapshot = std::string(TAMIS_TEST_DATA) + "/filters/robots_snapshot.jsonl";
  Value options = Value::EmptyObject();
  CHECK_FALSE(CreateRobotsStage(options).ok());  // snapshot is required.
  options.Set("snapshot", snapshot);
  Result<std::unique_ptr<Stage>> stage = CreateRobotsStage(options);
  REQUIRE(stage.ok());
  CHECK(static_cast<RobotsStage&>(**stage).snapshot().agents() == kDefaultRobotsAgents);

  options.Set("agents", Value(Value::Array{Value("GPTBot")}));
  stage = CreateRobotsStage(options);
  REQUIRE(stage.ok());
  CHECK(static_cast<RobotsStage&>(**stage).snapshot().agents().size() == 1);

  Value bad = options;
  bad.Set("absent", "maybe");
  CHECK(CreateRobotsStage(bad).status().code() == StatusCode::kInvalidArgument);
  bad = options;
  bad.Set("agnets", "GPTBot");
  CHECK(CreateRobotsStage(bad).status().code() == StatusCode::kInvalidArgument);
  bad = options;
  bad.Set("snapshot", snapshot + ".missing");
  CHECK(CreateRobotsStage(bad).status().code() == StatusCode::kNotFound);
}

}  // namespace
}  // namespace tamis

namespace tamis {
namespace {

TEST_CASE("Robots stage names its report after the task when the run has several", "[robots]") {
  RobotsStage stage(NewsSnapshot(), RobotsAbsentPolicy::kAllow);
  const std::string dir = TempDir();
  RunContext run;
  run.report_dir = dir;
  run.task = 3;
  run.tasks = 8;
  REQUIRE(stage.Start(run).ok());
  auto scratch = stage.NewScratch();
  DocumentBatch batch;
  batch.documents.push_back(Doc("https://news.example/archive/x", "Archived"));
  REQUIRE(stage.Process(batch, scratch.get()).ok());
  StageReport report;
  REQUIRE(stage.Finish(std::vector<Scratch*>{scratch.get()}, report).ok());
  CHECK(std::filesystem::exists(dir + "/robots_report-00003.json"));
  CHECK(std::filesystem::exists(dir + "/robots_report-00003.csv"));
  CHECK_FALSE(std::filesystem::exists(dir + "/robots_report.json"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("Robots stage fails the run when the report cannot be written", "[robots]") {
  RobotsStage stage(NewsSnapshot(), RobotsAbsentPolicy::kAllow);
  RunContext run;
  run.report_dir = "/proc/tamis-no-such-dir";
  REQUIRE(stage.Start(run).ok());
  StageReport report;
  CHECK_FALSE(stage.Finish({}, report).ok());
}

}  // namespace
}  // namespace tamis
