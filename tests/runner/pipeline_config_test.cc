#include "runner/pipeline_config.h"

#include <catch2/catch.hpp>

#include "tests/io/temp_dir.h"

namespace tamis {
namespace {

TEST_CASE("Pipeline YAML resolves paths beside the file and passes stage options on",
          "[pipeline][config]") {
  testing::TempDir dir;
  std::string path = dir.Write("p/pipeline.yaml", R"(
input: [crawl/*.warc.gz, /abs/x.jsonl]
output: out/clean
rejects: out/rejects
threads: 3
reader:
  text_field: content
stages:
  - stage: langid
    model: models/lid.176.ftz
    min_score: 0.5
    languages: [fra_Latn, deu_Latn]
  - stage: noop
)");
  auto config = LoadPipelineConfig(path);
  REQUIRE(config.ok());
  std::string base = dir.path() + "/p/";
  CHECK(config->run.inputs == std::vector<std::string>{base + "crawl/*.warc.gz", "/abs/x.jsonl"});
  CHECK(config->run.output == base + "out/clean");
  CHECK(config->run.threads == 3);
  CHECK(config->run.reader.text_field == "content");
  REQUIRE(config->stages.size() == 2);
  CHECK(config->stages[0].name == "langid");
  CHECK(config->stages[0].options.GetString("model") == base + "models/lid.176.ftz");
  CHECK(config->stages[0].options.Find("min_score")->as_number() == 0.5);
  CHECK(config->stages[0].options.Find("languages")->as_array().size() == 2);
  CHECK(config->stages[1].options.as_object().empty());
}

TEST_CASE("Pipeline YAML resolves decontaminate's benchmark files beside the file",
          "[pipeline][config]") {
  testing::TempDir dir;
  std::string path = dir.Write("p/pipeline.yaml", R"(
input: crawl.warc.gz
output: out
stages:
  - stage: decontaminate
    benchmarks: ["mmlu=data/mmlu.jsonl", "arc=/abs/arc.jsonl",
                 {name: gsm8k, path: data/gsm8k.jsonl, preset: gsm8k}]
)");
  auto config = LoadPipelineConfig(path);
  REQUIRE(config.ok());
  const std::string base = dir.path() + "/p/";
  const Value::Array& benchmarks = config->stages[0].options.Find("benchmarks")->as_array();
  REQUIRE(benchmarks.size() == 3);
  CHECK(benchmarks[0].as_string() == "mmlu=" + base + "data/mmlu.jsonl");
  CHECK(benchmarks[1].as_string() == "arc=/abs/arc.jsonl");
  CHECK(benchmarks[2].GetString("path") == base + "data/gsm8k.jsonl");
  CHECK(benchmarks[2].GetString("preset") == "gsm8k");
}

TEST_CASE("Pipeline YAML sets what HTML extraction keeps in the reader section",
          "[pipeline][config]") {
  testing::TempDir dir;
  std::string path = dir.Write("p.yaml",
                               "input: a.warc.gz\noutput: out\nreader:\n  html_focus: precision\n"
                               "  html_tables: false\n  html_comments: true\n");
  auto config = LoadPipelineConfig(path);
  REQUIRE(config.ok());
  const HtmlTextOptions& html = config->run.reader.html;
  CHECK(html.focus == ExtractionFocus::kPrecision);
  CHECK_FALSE(html.keep_tables);
  CHECK(html.keep_comments);
  CHECK(html.keep_link_text);
  path = dir.Write("q.yaml", "input: a.warc.gz\noutput: out\nreader:\n  html_focus: recal\n");
  config = LoadPipelineConfig(path);
  REQUIRE_FALSE(config.ok());
  CHECK(config.status().message().find("html_focus") != std::string::npos);
}

TEST_CASE("Pipeline YAML with a misspelt key is refused naming the key", "[pipeline][config]") {
  testing::TempDir dir;
  std::string path = dir.Write("p.yaml", "input: a.jsonl\noutptu: out\n");
  auto config = LoadPipelineConfig(path);
  REQUIRE_FALSE(config.ok());
  CHECK(config.status().message().find("outptu") != std::string::npos);
}

TEST_CASE("Invalid YAML and missing pipeline files are clear errors", "[pipeline][config]") {
  testing::TempDir dir;
  auto bad = LoadPipelineConfig(dir.Write("bad.yaml", "input: [a\nstages: {"));
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().message().find("bad.yaml") != std::string::npos);
  CHECK(LoadPipelineConfig(dir.File("none.yaml")).status().code() == StatusCode::kNotFound);
}

}  // namespace
}  // namespace tamis
