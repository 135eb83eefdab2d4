// Pins filters/decontaminate/decontaminate_stage.h end to end through the orchestrator: a
// corpus of real text (the Debian handbook) with benchmark items planted verbatim and
// reformatted; every planted item is found, no clean item is reported, and the actions do
// what the ledger says.
#include "filters/decontaminate/decontaminate_stage.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "io/output_file.h"
#include "pipeline/json.h"
#include "runner/orchestrator.h"
#include "tests/io/directory_contents.h"
#include "tests/io/temp_dir.h"

namespace tamis {
namespace {

namespace fs = std::filesystem;

const std::string kData = TAMIS_DECONTAMINATE_DATA;
const char* const kHandbookPages[] = {"apt.html", "packaging-system.html", "security.html",
                                      "sect.installation-steps.html"};

// The words of a few handbook pages, without their markup: clean web text.
std::vector<std::string> HandbookWords() {
  std::vector<std::string> words;
  for (const char* page : kHandbookPages) {
    const std::string path = std::string("/usr/share/doc/debian-handbook/html/en-US/") + page;
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text;
    bool in_tag = false;
    for (char c : ss.str()) {
      if (c == '<') in_tag = true;
      if (!in_tag) text += c;
      if (c == '>') {
        in_tag = false;
        text += ' ';
      }
    }
    std::istringstream split(text);
    for (std::string w; split >> w;) words.push_back(w);
  }
  return words;
}

// Case, punctuation and spacing changed, as a copy-paste into a forum or a scraped quiz page
// would: upper case, hyphens and commas become other separators, lines are broken up.
std::string Reformat(const std::string& text) {
  std::string out;
  int word = 0;
  for (char c : text) {
    if (c >= 'a' && c <= 'z') {
      out += static_cast<char>(c - 'a' + 'A');
    } else if (c == '-' || c == ',') {
      out += " ; ";
    } else if (c == ' ') {
      out += ++word % 5 == 0 ? "\n\n   " : "  ";
    } else if (c == '?') {
      out += " ???";
    } else {
      out += c;
    }
  }
  return out;
}

struct Corpus {
  std::string path;
  std::map<std::string, std::set<std::string>> planted;  // Benchmark -> item ids.
};

struct Bench {
  std::string name, file, preset;
};
const Bench kBenchmarks[] = {{"mmlu", "mmlu.jsonl", "mmlu"},
                             {"arc", "arc.jsonl", "arc"},
                             {"hellaswag", "hellaswag.jsonl", "hellaswag"},
                             {"gsm8k", "gsm8k.jsonl", "gsm8k"},
                             {"humaneval", "humaneval.jsonl", "humaneval"}};

// 60 handbook documents; items 0 and 1 of every benchmark are planted inside two of them,
// item 0 verbatim and item 1 reformatted; the other items are clean.
Corpus MakeCorpus(const testing::TempDir& dir) {
  const std::vector<std::string> words = HandbookWords();
  REQUIRE(words.size() > 6000);
  std::vector<std::string> docs;
  for (size_t d = 0; d < 60; ++d) {
    std::string text;
    for (size_t w = d * 100; w < d * 100 + 100; ++w) text += words[w] + " ";
    docs.push_back(text);
  }
  Corpus corpus;
  size_t target = 3;
  for (const Bench& b : kBenchmarks) {
    BenchmarkSpec spec;
    spec.name = b.name;
    spec.path = kData + "/" + b.file;
    spec.preset = b.preset;
    REQUIRE(ResolvePreset(&spec).ok());
    auto file = LoadBenchmarkFile(spec, true);
    REQUIRE(file.ok());
    for (size_t i = 0; i < 2; ++i) {
      const std::string& item = file->items[i].text;
      std::string& doc = docs[target];
      target += 5;  // 10 documents: 3, 8, ..., 48.
      const size_t middle = doc.find(' ', doc.size() / 2);
      doc =
          doc.substr(0, middle) + " " + (i == 0 ? item : Reformat(item)) + " " + doc.substr(middle);
      corpus.planted[b.name].insert(file->items[i].id);
    }
  }
  std::string jsonl;
  for (size_t d = 0; d < docs.size(); ++d) {
    Value doc = Value::EmptyObject();
    doc.Set("id", "doc-" + std::to_string(d));
    doc.Set("text", docs[d]);
    Value meta = Value::EmptyObject();
    meta.Set("url", "https://forum.example.org/t/" + std::to_string(d));
    meta.Set("source", d % 2 ? "forum" : "web");
    meta.Set("language", "eng_Latn");
    doc.Set("metadata", meta);
    jsonl += ToJson(doc) + "\n";
  }
  corpus.path = dir.Write("corpus/docs.jsonl", jsonl);
  return corpus;
}

// The run writes into DIR/<label> (default: the action's name).
PipelineSpec Pipeline(const testing::TempDir& dir, const Corpus& corpus, std::string_view action,
                      int tasks, std::string label = "") {
  if (label.empty()) label = std::string(action);
  PipelineSpec p;
  p.run.inputs = {corpus.path};
  p.run.output = dir.File(label + "/out");
  p.run.rejects = dir.File(label + "/rejects");
  p.run.tasks = tasks;
  p.run.threads = 2;
  Value list = Value::EmptyArray();
  for (const Bench& b : kBenchmarks) {
    Value v = Value::EmptyObject();
    v.Set("name", b.name);
    v.Set("path", kData + "/" + b.file);
    v.Set("preset", b.preset);
    list.as_array().push_back(v);
  }
  Value options = Value::EmptyObject();
  options.Set("benchmarks", list);
  options.Set("action", action);
  options.Set("report", dir.File(label + "/report"));
  p.stages = {{"decontaminate", options}};
  return p;
}

std::string Contents(const std::string& dir) {
  return testing::DirectoryContents(dir);
}

TEST_CASE("Every planted item is found, verbatim or reformatted, and no clean item is",
          "[decontaminate]") {
  testing::TempDir dir;
  const Corpus corpus = MakeCorpus(dir);
  auto outcome = RunPipelineParts(Pipeline(dir, corpus, "tag", 3), {});
  REQUIRE(outcome.ok());
  for (int t = 0; t < 3; ++t) {
    CHECK(fs::exists(dir.File("tag/out/.tamis/work/00-decontaminate/contamination-0000" +
                              std::to_string(t) + ".json")));
  }
  // Task 0 built the index and saved it; tasks 1 and 2 loaded it.
  CHECK(fs::exists(dir.File("tag/out/.tamis/work/00-decontaminate/ngram-index.bin")));
  for (int t = 0; t < 3; ++t) {
    const Value& stage = outcome->parts[t].summary.stats.Find("stages")->as_array()[1];
    CHECK(stage.Find("report")->Find("index_loaded")->as_int() == (t > 0 ? 1 : 0));
  }
  auto report = ReadContaminationReport(dir.File("tag/report/report.json"));
  REQUIRE(report.ok());
  CHECK(report->documents == 60);
  REQUIRE(report->benchmarks.size() == 5);
  for (const BenchmarkReport& b : report->benchmarks) {
    std::set<std::string> found;
    for (const auto& [index, item] : b.contaminated) {
      found.insert(item.id);
      CHECK(item.coverage == 1.0);
      REQUIRE(item.documents.size() == 1);
      CHECK(item.documents[0].url.rfind("https://forum.example.org/t/", 0) == 0);
      CHECK(!item.documents[0].matched.empty());
    }
    INFO(b.name);
    CHECK(found == corpus.planted.at(b.name));
    CHECK(b.documents_hit == 2);
  }
  CHECK(fs::exists(dir.File("tag/report/report.md")));
  CHECK(fs::exists(dir.File("tag/report/report.html")));
  // Tagged documents carry the finding; the offsets point at the planted text.
  const std::string out = Contents(dir.File("tag/out"));
  CHECK(out.find("\"contamination\":[{\"benchmark\":\"arc\",\"item\":\"Mercury_7012345\"") !=
        std::string::npos);
  const BenchmarkReport& arc = report->benchmarks[1];
  const DocumentHit& hit = arc.contaminated.begin()->second.documents[0];
  CHECK(hit.matched.rfind("A student places a metal spoon", 0) == 0);

  // One task gives the same report as three.
  auto one = RunPipelineParts(Pipeline(dir, corpus, "tag", 1, "tag1"), {});
  REQUIRE(one.ok());
  CHECK(ReadWholeFile(dir.File("tag1/report/report.json")).value() ==
        ReadWholeFile(dir.File("tag/report/report.json")).value());
}

TEST_CASE("A damaged saved index is rebuilt, not trusted", "[decontaminate]") {
  testing::TempDir dir;
  const Corpus corpus = MakeCorpus(dir);
  const PipelineSpec p = Pipeline(dir, corpus, "tag", 2);
  auto run_task = [&](int task) {
    PipelineSpec one = p;
    one.run.task = task;
    RunSelection selection;
    selection.kind = RunSelection::Kind::kPhaseTask;
    return RunPipelineParts(one, selection);
  };
  REQUIRE(run_task(0).ok());
  const std::string index = dir.File("tag/out/.tamis/work/00-decontaminate/ngram-index.bin");
  std::string bytes = ReadWholeFile(index).value();
  bytes[bytes.size() / 2] ^= 0x40;
  dir.Write("tag/out/.tamis/work/00-decontaminate/ngram-index.bin", bytes);
  auto second = run_task(1);
  REQUIRE(second.ok());
  const Value& stage = second->parts[0].summary.stats.Find("stages")->as_array()[1];
  CHECK(stage.Find("report")->Find("index_loaded")->as_int() == 0);
  CHECK(ReadWholeFile(index).value() != bytes);  // Rewritten whole.
  PipelineSpec merge = p;
  RunSelection step;
  step.kind = RunSelection::Kind::kStep;
  step.step = "decontaminate.merge";
  REQUIRE(RunPipelineParts(merge, step).ok());
  auto report = ReadContaminationReport(dir.File("tag/report/report.json"));
  REQUIRE(report.ok());
  for (const BenchmarkReport& b : report->benchmarks) {
    CHECK(b.contaminated.size() == corpus.planted.at(b.name).size());
  }
}

TEST_CASE("Drop removes contaminated documents with the rule in the ledger", "[decontaminate]") {
  testing::TempDir dir;
  const Corpus corpus = MakeCorpus(dir);
  REQUIRE(RunPipelineParts(Pipeline(dir, corpus, "drop", 2), {}).ok());
  const std::string rejects = Contents(dir.File("drop/rejects"));
  CHECK(std::count(rejects.begin(), rejects.end(), '\n') == 10);
  CHECK(rejects.find("\"contaminated\"") != std::string::npos);
  CHECK(rejects.find("gsm8k:1") != std::string::npos);
  const std::string kept = Contents(dir.File("drop/out"));
  CHECK(std::count(kept.begin(), kept.end(), '\n') == 50);
}

TEST_CASE("Cut removes the matching span and its context and keeps the rest", "[decontaminate]") {
  testing::TempDir dir;
  const Corpus corpus = MakeCorpus(dir);
  REQUIRE(RunPipelineParts(Pipeline(dir, corpus, "cut", 1), {}).ok());
  const std::string kept = Contents(dir.File("cut/out"));
  CHECK(std::count(kept.begin(), kept.end(), '\n') == 60);
  CHECK(kept.find("metal spoon") == std::string::npos);
  CHECK(kept.find("DNA polymerase") == std::string::npos);
  // The scan over the cut output finds nothing any more.
  Corpus again = corpus;
  again.path = dir.File("cut/out");
  REQUIRE(RunPipelineParts(Pipeline(dir, again, "tag", 1, "rescan"), {}).ok());
  auto report = ReadContaminationReport(dir.File("rescan/report/report.json"));
  REQUIRE(report.ok());
  for (const BenchmarkReport& b : report->benchmarks) CHECK(b.contaminated.empty());
}

TEST_CASE("A huge document is scanned up to max_document_bytes and counted", "[decontaminate]") {
  testing::TempDir dir;
  BenchmarkSpec spec;
  spec.path = kData + "/gsm8k.jsonl";
  REQUIRE(ResolvePreset(&spec).ok());
  const std::string item = LoadBenchmarkFile(spec, true)->items[0].text;
  std::string early = std::string(400, 'x') + " " + item;  // The item starts at byte 401.
  std::string late = item + " " + std::string(400, 'y');
  Value a = Value::EmptyObject(), b = Value::EmptyObject();
  a.Set("id", "late-item");
  a.Set("text", early);
  b.Set("id", "early-item");
  b.Set("text", late);
  Corpus corpus;
  corpus.path = dir.Write("docs.jsonl", ToJson(a) + "\n" + ToJson(b) + "\n");
  PipelineSpec p = Pipeline(dir, corpus, "tag", 1);
  p.stages[0].options.Set("max_document_bytes", static_cast<int64_t>(item.size()) + 10);
  auto outcome = RunPipelineParts(p, {});
  REQUIRE(outcome.ok());
  const Value& stage = outcome->parts[0].summary.stats.Find("stages")->as_array()[1];
  CHECK(stage.Find("report")->Find("truncated_scans")->as_int() == 2);
  auto report = ReadContaminationReport(dir.File("tag/report/report.json"));
  REQUIRE(report.ok());
  const BenchmarkReport& gsm8k = report->benchmarks[3];
  REQUIRE(gsm8k.contaminated.size() == 1);
  CHECK(gsm8k.contaminated.begin()->second.documents[0].id == "early-item");
}

TEST_CASE("Bad decontaminate options fail before the run", "[decontaminate]") {
  auto make = [](const std::string& yaml_key, Value v) {
    Value options = Value::EmptyObject();
    Value list = Value::EmptyArray();
    list.as_array().push_back(Value("mmlu=" + kData + "/mmlu.jsonl"));
    options.Set("benchmarks", list);
    options.Set(yaml_key, std::move(v));
    return CreateDecontaminateStage(options).status();
  };
  CHECK(make("ngram", 7).message().find("ngram must lie in [8, 50]") != std::string::npos);
  CHECK(make("threshold", 0).code() == StatusCode::kInvalidArgument);
  CHECK(make("action", "erase").message().find("tag, drop or cut") != std::string::npos);
  CHECK(make("colour", "red").code() == StatusCode::kInvalidArgument);
  CHECK(make("ngram", 8).ok());
  // Outside the orchestrator there is no work directory for the partial reports.
  Value options = Value::EmptyObject();
  options.Set("benchmarks", Value(Value::Array{Value("mmlu=" + kData + "/mmlu.jsonl")}));
  auto stage = CreateDecontaminateStage(options);
  REQUIRE(stage.ok());
  auto collector = (*stage)->Collector("");
  REQUIRE(collector.ok());
  CHECK((*collector)->Start(RunContext{}).code() == StatusCode::kFailedPrecondition);
  CHECK(!CreateDecontaminateStage(Value::EmptyObject()).ok());
}

}  // namespace
}  // namespace tamis
