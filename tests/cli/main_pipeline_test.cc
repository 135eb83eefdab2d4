// End-to-end test of the main job: examples/pipeline.yaml (robots, langid, quality heuristics
// and classifier, PII, toxicity, MinHash dedup, decontamination, tokenization per language,
// mixture) run by the `tamis` binary on the bundled crawl, from a copy of examples/ in a temporary
// directory and another working directory. Its outputs are checked against each other, not against
// numbers copied from one run: every document read is kept or removed for a counted reason, the
// rejects hold exactly the removed ones, the shards hold exactly the tokens the stats and the
// kept documents declare (per language), the mixture's manifest matches its shards and the
// per-language sources, and the contamination report lists the planted benchmark item;
// `tamis explain` then finds each removed document with its stage, rule and WARC origin, and
// what `tamis report` gathers agrees with the stats, documents and shards.
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <utility>

#include "io/output_file.h"
#include "pipeline/json.h"
#include "runner/run_report_data.h"
#include "tests/io/temp_dir.h"
#include "tokenize/megatron_reader.h"

namespace tamis {
namespace {

namespace fs = std::filesystem;

Value ReadJson(const std::string& path) {
  Result<std::string> text = ReadWholeFile(path);
  REQUIRE(text.ok());
  Result<Value> v = ParseJson(*text);
  REQUIRE(v.ok());
  return std::move(v).value();
}

// Every JSONL line of every file under `dir`, parsed.
std::vector<Value> ReadDocuments(const std::string& dir) {
  std::vector<Value> docs;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (!entry.is_regular_file() || name.find(".jsonl") == std::string::npos) continue;
    if (entry.path().string().find("/.tamis/") != std::string::npos) continue;
    Result<std::string> text = ReadWholeFile(entry.path().string());
    REQUIRE(text.ok());
    std::istringstream lines(*text);
    for (std::string line; std::getline(lines, line);) {
      Result<Value> doc = ParseJson(line);
      REQUIRE(doc.ok());
      docs.push_back(std::move(doc).value());
    }
  }
  return docs;
}

int64_t SumOf(const Value* counts) {
  int64_t sum = 0;
  if (counts) {
    for (const auto& [reason, n] : counts->as_object()) sum += n.as_int();
  }
  return sum;
}

const Value* StageOf(const Value& stats, std::string_view name) {
  for (const Value& s : stats.Find("stages")->as_array()) {
    if (s.GetString("stage") == name) return &s;
  }
  return nullptr;
}

// Runs a copy of examples/pipeline.yaml and its data in `dir`, from another directory and
// without TAMIS_MODELS_DIR: the default models are found anyway. Returns tamis's output.
std::string RunExample(const testing::TempDir& dir) {
  const fs::path examples = fs::path(TAMIS_MODELS_DIR).parent_path() / "examples";
  fs::copy_file(examples / "pipeline.yaml", dir.File("pipeline.yaml"));
  fs::copy(examples / "data", dir.File("data"), fs::copy_options::recursive);
  fs::create_directories(dir.File("cwd"));
  const std::string command = "cd " + dir.File("cwd") + " && env -u TAMIS_MODELS_DIR " +
                              TAMIS_BINARY + " run " + dir.File("pipeline.yaml") +
                              " --threads 2 --quiet >" + dir.File("log") + " 2>&1";
  const int status = std::system(command.c_str());
  INFO(testing::ReadRaw(dir.File("log")));
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  return testing::ReadRaw(dir.File("log"));
}

// `tamis explain ARGS`: exit code and standard output.
std::pair<int, std::string> Explain(const testing::TempDir& dir, const std::string& args) {
  const std::string command =
      std::string(TAMIS_BINARY) + " explain " + args + " >" + dir.File("explain") + " 2>&1";
  const int status = std::system(command.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, testing::ReadRaw(dir.File("explain"))};
}

TEST_CASE("The example main pipeline accounts for every document, token and planted item",
          "[cli][e2e]") {
  testing::TempDir dir;
  RunExample(dir);

  const std::string meta = dir.File("out/clean/.tamis");
  const Value first = ReadJson(meta + "/phase-0/stats-task-00000.json");
  const Value second = ReadJson(meta + "/phase-1/stats-task-00000.json");

  // Documents: what the reader made of the crawl is either kept or removed for a reason.
  const Value* read = StageOf(first, "read");
  REQUIRE(read);
  const int64_t documents_in = read->Find("documents_out")->as_int();
  CHECK(documents_in == 50);  // The crawl's 50 HTML pages (examples/README.md).
  int64_t removed = 0;
  std::set<std::string> reasons;
  for (const Value* stats : {&first, &second}) {
    int64_t previous_out = -1;
    for (const Value& s : stats->Find("stages")->as_array()) {
      const int64_t in = s.Find("documents_in")->as_int(), out = s.Find("documents_out")->as_int();
      if (previous_out >= 0) CHECK(in == previous_out);
      previous_out = out;
      if (s.GetString("stage") == "read") continue;  // Its removals are not documents.
      CHECK(in - out == SumOf(s.Find("removed")));
      removed += SumOf(s.Find("removed"));
      if (const Value* r = s.Find("removed")) {
        for (const auto& [reason, n] : r->as_object()) reasons.insert(reason);
      }
    }
  }
  // Phase 1 reads exactly what phase 0 kept.
  CHECK(StageOf(second, "read")->Find("documents_in")->as_int() ==
        first.Find("output")->Find("documents")->as_int());
  const int64_t kept = second.Find("output")->Find("documents")->as_int();
  CHECK(documents_in == kept + removed);
  // The robots snapshot opts one page out; the French page is in the crawl twice.
  CHECK(reasons.count("disallowed") == 1);
  CHECK(reasons.count("minhash_duplicate") == 1);

  const std::vector<Value> kept_docs = ReadDocuments(dir.File("out/clean"));
  const std::vector<Value> rejected_docs = ReadDocuments(dir.File("out/rejects"));
  CHECK(static_cast<int64_t>(kept_docs.size()) == kept);
  CHECK(static_cast<int64_t>(rejected_docs.size()) == removed);

  // Tokens: one dataset per language; each holds one sequence per kept document of its
  // language, as many tokens as the stats say and as those documents' metadata.tokens add up
  // to.
  const Value* tokenize = StageOf(second, "tokenize");
  REQUIRE(tokenize);
  const Value* tokenize_report = tokenize->Find("report");
  const int64_t stats_tokens = tokenize_report->Find("tokens")->as_int();
  CHECK(stats_tokens > 0);
  std::map<std::string, std::pair<int64_t, int64_t>> by_language;  // documents, tokens
  for (const Value& doc : kept_docs) {
    auto& [documents, tokens] =
        by_language[std::string(doc.Find("metadata")->GetString("language"))];
    ++documents;
    tokens += doc.Find("metadata")->Find("tokens")->as_int();
  }
  CHECK(by_language.size() >= 5);
  const Value* by_split = tokenize_report->Find("by_split");
  REQUIRE(by_split);
  CHECK(by_split->as_object().size() == by_language.size());
  int64_t shard_tokens = 0;
  std::map<std::string, int64_t> language_tokens;
  for (const auto& [language, counts] : by_language) {
    INFO(language);
    auto shards = megatron::ResolveDatasetPrefixes(dir.File("out/tokens/" + language + "/train"));
    REQUIRE(shards.ok());
    int64_t tokens = 0, sequences = 0;
    for (const std::string& prefix : *shards) {
      auto dataset = megatron::IndexedDataset::Open(prefix);
      REQUIRE(dataset.ok());
      tokens += static_cast<int64_t>((*dataset)->token_count());
      sequences += static_cast<int64_t>((*dataset)->sequence_count());
    }
    CHECK(sequences == counts.first);
    CHECK(tokens == counts.second);
    REQUIRE(by_split->Find(language));
    CHECK(by_split->Find(language)->Find("tokens")->as_int() == tokens);
    language_tokens[language] = tokens;
    shard_tokens += tokens;
  }
  CHECK(shard_tokens == stats_tokens);

  // The mixture: one source per language with the tokens its shards hold, and mixed shards
  // holding exactly the tokens the manifest says it achieved.
  const Value manifest = ReadJson(dir.File("out/mix/train.manifest.json"));
  const Value::Array& sources = manifest.Find("sources")->as_array();
  CHECK(sources.size() == by_language.size());
  int64_t achieved = 0;
  for (const Value& source : sources) {
    const std::string name(source.GetString("name"));
    INFO(name);
    CHECK(source.Find("tokens_available")->as_int() == language_tokens[name]);
    achieved += source.Find("tokens_achieved")->as_int();
  }
  CHECK(achieved == manifest.Find("tokens_achieved")->as_int());
  int64_t mixed_tokens = 0;
  auto mixed = megatron::ResolveDatasetPrefixes(dir.File("out/mix/train"));
  REQUIRE(mixed.ok());
  for (const std::string& prefix : *mixed) {
    auto dataset = megatron::IndexedDataset::Open(prefix);
    REQUIRE(dataset.ok());
    mixed_tokens += static_cast<int64_t>((*dataset)->token_count());
  }
  CHECK(mixed_tokens == achieved);

  // Contamination: the planted item, and only it, is reported, in each page holding its
  // passage, and the passage is cut out of every kept document.
  const Value report = ReadJson(dir.File("out/contamination/report.json"));
  const Value::Array& benchmarks = report.Find("benchmarks")->as_array();
  REQUIRE(benchmarks.size() == 1);
  const Value::Array& contaminated = benchmarks[0].Find("contaminated")->as_array();
  REQUIRE(contaminated.size() == 1);
  CHECK(contaminated[0].GetString("id") == "debian-release-cadence");
  std::set<std::string> urls;
  for (const Value& d : contaminated[0].Find("documents")->as_array()) {
    urls.insert(std::string(d.GetString("url")));
  }
  CHECK(urls.count("http://127.0.0.1:8731/en-US/sect.role-of-distributions.html") == 1);
  CHECK(static_cast<int64_t>(urls.size()) ==
        SumOf(StageOf(second, "decontaminate")->Find("changed")));
  for (const Value& doc : kept_docs) {
    CHECK(doc.GetString("text").find("updates pushed out every six hours") == std::string::npos);
  }
  CHECK(fs::exists(dir.File("out/contamination/report.html")));
}

TEST_CASE("tamis report's data on the example run agrees with its stats, documents and shards",
          "[cli][e2e][report]") {
  testing::TempDir dir;
  RunExample(dir);
  Result<Value> report = GatherRunReport(dir.File("out/clean"));
  REQUIRE(report.ok());
  INFO(ToJson(*report, 2));
  CHECK(report->Find("complete")->as_bool());
  CHECK(report->Find("phases")->as_int() == 2);
  const std::vector<Value> kept_docs = ReadDocuments(dir.File("out/clean"));
  const Value::Array& stages = report->Find("stages")->as_array();
  CHECK(stages.front().Find("documents_out")->as_int() == 50);
  CHECK(stages.back().Find("documents_out")->as_int() == static_cast<int64_t>(kept_docs.size()));
  int64_t language_documents = 0;
  for (const auto& [code, row] : report->Find("languages")->as_object()) {
    language_documents += row.Find("documents")->as_int();
  }
  CHECK(language_documents == static_cast<int64_t>(kept_docs.size()));
  const Value* tokens = report->Find("tokens");
  const Value second = ReadJson(dir.File("out/clean/.tamis/phase-1/stats-task-00000.json"));
  CHECK(tokens->Find("total")->as_int() ==
        StageOf(second, "tokenize")->Find("report")->Find("tokens")->as_int());
  CHECK(SumOf(tokens->Find("by_language")) == tokens->Find("total")->as_int());
  CHECK(report->Find("contamination")->Find("contaminated_items")->as_int() == 1);
  CHECK(report->Find("contamination")->GetString("html") ==
        dir.File("out/contamination/report.html"));
  const Value* outputs = report->Find("outputs");
  CHECK(outputs->GetString("rejects") == dir.File("out/rejects"));
  for (const Value& prefix : outputs->Find("tokens")->as_array()) {
    CHECK(fs::exists(prefix.as_string() + ".bin"));
  }
  CHECK(report->Find("inputs")->as_array().at(0).as_string() == dir.File("data/crawl.warc.gz"));
  // The pipeline's mixture, found through its step's marker.
  const Value* mixtures = report->Find("mixtures");
  REQUIRE(mixtures);
  REQUIRE(mixtures->as_array().size() == 1);
  CHECK(mixtures->as_array()[0].GetString("path") == dir.File("out/mix/train.manifest.json"));
}

TEST_CASE("tamis explain says which stage removed a document, why, and where it came from",
          "[cli][e2e]") {
  testing::TempDir dir;
  RunExample(dir);
  // Each rejected document: its removing stage and rule, and its WARC file and offset.
  const std::vector<Value> rejected = ReadDocuments(dir.File("out/rejects"));
  REQUIRE(!rejected.empty());
  for (const Value& doc : rejected) {
    const Value& removal = doc.Find("ledger")->as_array().back();
    auto [code, out] = Explain(dir, std::string(doc.GetString("id")) + " " + dir.File("out"));
    INFO(out);
    CHECK(code == 0);
    CHECK(out.rfind("removed in " + dir.File("out/rejects"), 0) == 0);
    CHECK(out.find("removed by stage " + std::string(removal.GetString("stage")) + ": rule " +
                   std::string(removal.GetString("rule"))) != std::string::npos);
    CHECK(out.find("warc_file: \"crawl.warc.gz\"") != std::string::npos);
    CHECK(out.find("warc_offset: " +
                   std::to_string(doc.Find("metadata")->Find("warc_offset")->as_int())) !=
          std::string::npos);
  }
  // A kept document is found in its language's directory with what changed it (the example
  // keeps kept documents' ledgers): every page the decontaminate stage cut says so.
  int cut = 0;
  for (const Value& kept : ReadDocuments(dir.File("out/clean"))) {
    auto [code, out] = Explain(dir, std::string(kept.GetString("id")) + " " + dir.File("out"));
    INFO(out);
    CHECK(code == 0);
    CHECK(out.rfind("kept in " + dir.File("out/clean/"), 0) == 0);
    CHECK(out.find("removed by stage") == std::string::npos);
    const Value* ledger = kept.Find("ledger");
    REQUIRE(ledger);
    for (const Value& entry : ledger->as_array()) {
      CHECK(out.find("changed by stage " + std::string(entry.GetString("stage")) + ": rule " +
                     std::string(entry.GetString("rule"))) != std::string::npos);
      cut += entry.GetString("rule") == "cut";
    }
  }
  // Every page the report lists for the planted item (examples/README.md) was cut.
  const Value report = ReadJson(dir.File("out/contamination/report.json"));
  const Value& item = report.Find("benchmarks")->as_array()[0].Find("contaminated")->as_array()[0];
  CHECK(cut > 0);
  CHECK(cut == static_cast<int>(item.Find("documents")->as_array().size()));
  CHECK(Explain(dir, "urn:uuid:no-such-document " + dir.File("out")).first == 1);
  CHECK(Explain(dir, "only-an-id").first == 2);
}

}  // namespace
}  // namespace tamis
