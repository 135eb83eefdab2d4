// The tokenize pipeline end to end: JSONL documents in, Megatron shards out, checked against
// the tokenizer directly and by the independent Python reader.
#include "runner/tokenize_pipeline.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "pipeline/json.h"
#include "pipeline/yaml.h"
#include "runner/mix_run.h"
#include "tests/tokenize/corpus.h"
#include "tests/tokenize/test_dir.h"
#include "tokenize/default_tokenizer.h"
#include "tokenize/megatron_reader.h"
#include "tokenize/tokenize_stage.h"

namespace tamis {
namespace {

using testing::ReadFile;
using testing::Run;
using testing::TestDir;

TEST_CASE("Tokenize writes every document's ids in input order, for any thread count",
          "[tokenize]") {
  TestDir dir;
  auto languages = testing::ExtractLanguages(dir, 30000);
  std::vector<std::string> all;
  // Two files, read in sorted order: a_*.jsonl then b_*.jsonl.zst-free plain JSONL.
  testing::WriteJsonl(dir / "a_de.jsonl", languages["de"], "de-");
  testing::WriteJsonl(dir / "b_ja.jsonl", languages["ja"], "ja-");
  all.insert(all.end(), languages["de"].begin(), languages["de"].end());
  all.insert(all.end(), languages["ja"].begin(), languages["ja"].end());
  REQUIRE(Run("zstd -q " + (dir / "b_ja.jsonl") + " -o " + (dir / "b_ja.jsonl.zst")) == 0);
  std::filesystem::remove(dir / "b_ja.jsonl");

  auto tokenizer = LoadTokenizer(std::string(kDefaultTokenizerName));
  REQUIRE(tokenizer.ok());
  std::shared_ptr<const Tokenizer> shared = std::move(tokenizer.value());

  std::vector<std::string> bins;
  for (int threads : {1, 2}) {
    TokenizeRequest request;
    request.inputs = {dir.path()};  // A directory: every *.jsonl[.zst] in it.
    request.prefix = dir / ("t" + std::to_string(threads) + "/shard");
    request.shard_tokens = 4000;
    PipelineSpec pipeline = TokenizePipeline(request);
    pipeline.run.threads = threads;
    auto outcome = RunPipelineParts(pipeline, {});
    REQUIRE(outcome.ok());
    const Value& stats = outcome->parts[0].summary.stats;
    CHECK(stats.Find("inputs")->as_array().size() == 2);
    auto result = ReadTokenizedRun(request.prefix, 1);
    REQUIRE(result.ok());
    REQUIRE(result->report.Find("documents")->as_int() == static_cast<int64_t>(all.size()));
    REQUIRE(result->datasets.size() > 1);

    // Shards hold exactly Encode(text) + EOS of every document, in input order.
    size_t doc = 0;
    uint64_t tokens = 0;
    std::vector<int32_t> expected, got;
    std::string python_args, bin_bytes;
    for (const std::string& prefix : result->datasets) {
      auto ds = megatron::IndexedDataset::Open(prefix);
      REQUIRE(ds.ok());
      CHECK((*ds)->dtype() == megatron::DType::kUint16);
      for (uint64_t s = 0; s < (*ds)->sequence_count(); ++s, ++doc) {
        REQUIRE(shared->Encode(all[doc], &expected).ok());
        (*ds)->ReadTokens(s, &got);
        CHECK(got == expected);
        CHECK(got.back() == shared->eos_id());
        tokens += got.size();
      }
      python_args += " " + prefix;
      bin_bytes += ReadFile(prefix + ".bin") + ReadFile(prefix + ".idx");
    }
    CHECK(doc == all.size());
    CHECK(static_cast<int64_t>(tokens) == result->report.Find("tokens")->as_int());
    // The independent reader validates every shard against the vocabulary.
    CHECK(Run("python3 " TAMIS_TOKENIZE_TEST_DIR "/megatron_check.py --vocab " +
              std::to_string(shared->vocab_size()) + python_args + " > /dev/null") == 0);
    bins.push_back(bin_bytes);
  }
  CHECK(bins[0] == bins[1]);
}

TEST_CASE("Tokenize stage checks its options and loads its tokenizer", "[tokenize]") {
  Value options = Value::EmptyObject();
  CHECK(CreateTokenizeStage(options).status().code() == StatusCode::kInvalidArgument);
  options.Set("output", "/tmp/x");
  options.Set("shard_token", 5);  // Misspelt.
  CHECK(CreateTokenizeStage(options).status().code() == StatusCode::kInvalidArgument);
  options.Erase("shard_token");
  options.Set("tokenizer", "/nonexistent/model.model");
  CHECK(CreateTokenizeStage(options).status().code() == StatusCode::kNotFound);
  options.Erase("tokenizer");
  auto stage = CreateTokenizeStage(options);
  REQUIRE(stage.ok());
  CHECK((*stage)->name() == "tokenize");
  CHECK((*stage)->mode() == StageMode::kSerialInOrder);
}

TEST_CASE("Tokenize reports an input that matches nothing", "[tokenize]") {
  TestDir dir;
  TokenizeRequest request;
  request.inputs = {dir / "*.jsonl"};
  request.prefix = dir / "out";
  CHECK(RunPipelineParts(TokenizePipeline(request), {}).status().code() == StatusCode::kNotFound);
  request.inputs = {dir.path()};  // An empty directory.
  CHECK(RunPipelineParts(TokenizePipeline(request), {}).status().code() == StatusCode::kNotFound);
}

TEST_CASE("A tokenize run resumes: a finished task is skipped, an unfinished one redone",
          "[tokenize]") {
  TestDir dir;
  auto languages = testing::ExtractLanguages(dir, 20000);
  std::filesystem::create_directories(dir / "in");
  testing::WriteJsonl(dir / "in/a.jsonl", languages["fr"], "fr-");
  testing::WriteJsonl(dir / "in/b.jsonl", languages["ru"], "ru-");
  TokenizeRequest request;
  request.inputs = {dir / "in"};
  request.prefix = dir / "out/train";
  PipelineSpec pipeline = TokenizePipeline(request);
  pipeline.run.tasks = 2;
  for (int t = 0; t < 2; ++t) {
    pipeline.run.task = t;
    REQUIRE(RunPipelineParts(pipeline, {}).ok());
  }
  const std::string first = ReadFile(dir / "out/train-00001_00000.bin");
  // Task 1 as if it had died: its marker gone, a stale extra shard left behind.
  std::filesystem::remove(dir / "out/.train.tamis/task-00001.done");
  std::filesystem::copy_file(dir / "out/train-00001_00000.bin", dir / "out/train-00001_00003.bin");
  pipeline.run.task = 0;
  auto skipped = RunPipelineParts(pipeline, {});
  REQUIRE(skipped.ok());
  CHECK(skipped->parts[0].already_complete);
  pipeline.run.task = 1;
  auto redone = RunPipelineParts(pipeline, {});
  REQUIRE(redone.ok());
  CHECK_FALSE(redone->parts[0].already_complete);
  CHECK(ReadFile(dir / "out/train-00001_00000.bin") == first);
  CHECK_FALSE(std::filesystem::exists(dir / "out/train-00001_00003.bin"));
  auto run = ReadTokenizedRun(request.prefix, 2);
  REQUIRE(run.ok());
  CHECK(run->datasets.size() == 2);
  CHECK(run->report.GetString("data_path").find("train-00000_00000") != std::string::npos);
}

}  // namespace
}  // namespace tamis

namespace tamis {
namespace {

TEST_CASE(
    "Tokenize with split_by writes one dataset per value, named safely, and a mix samples "
    "each as a source",
    "[tokenize][mixture]") {
  TestDir dir;
  auto languages = testing::ExtractLanguages(dir, 20000);
  // Documents of three languages interleaved, one with a hostile value, one with none.
  struct Doc {
    std::string language, text;
  };
  std::vector<Doc> docs;
  for (size_t i = 0; i < 40; ++i) {
    for (const char* lang : {"de", "fr", "ja"}) {
      if (i < languages[lang].size()) docs.push_back({lang, languages[lang][i]});
    }
  }
  docs.push_back({"../../evil/.x", languages["ru"].at(0)});
  docs.push_back({"", languages["ru"].at(1)});
  std::string jsonl;
  for (size_t i = 0; i < docs.size(); ++i) {
    Value doc = Value::EmptyObject();
    doc.Set("id", "d" + std::to_string(i));
    doc.Set("text", docs[i].text);
    Value metadata = Value::EmptyObject();
    if (!docs[i].language.empty()) metadata.Set("language", docs[i].language);
    doc.Set("metadata", std::move(metadata));
    jsonl += ToJson(doc) + "\n";
  }
  testing::WriteFile(dir / "docs.jsonl", jsonl);
  // A shard an earlier, killed attempt left for a split: removed at Start.
  std::filesystem::create_directories(dir / "tok/fr");
  testing::WriteFile(dir / "tok/fr/train_00999.bin", "stale");

  TokenizeRequest request;
  request.inputs = {dir / "docs.jsonl"};
  request.prefix = dir / "tok/train";
  request.split_by = "language";
  PipelineSpec pipeline = TokenizePipeline(request);
  pipeline.stages.back().options.Set("max_open_splits", 2);  // Three languages: shards rotate.
  pipeline.run.threads = 2;
  REQUIRE(RunPipelineParts(pipeline, {}).ok());
  auto run = ReadTokenizedRun(request.prefix, 1);
  REQUIRE(run.ok());
  CHECK_FALSE(std::filesystem::exists(dir / "tok/fr/train_00999.bin"));

  // Every split directory is a plain child of tok/, and holds its documents in input order.
  auto tokenizer = LoadTokenizer(std::string(kDefaultTokenizerName));
  REQUIRE(tokenizer.ok());
  const Value* by_split = run->report.Find("by_split");
  REQUIRE(by_split);
  std::vector<std::string> names;
  for (const auto& [name, split] : by_split->as_object()) names.push_back(name);
  CHECK(names == std::vector<std::string>{"_._.._evil_.x", "de", "fr", "ja", "unknown"});
  for (const auto& entry : std::filesystem::directory_iterator(dir / "tok")) {
    if (entry.path().filename().string()[0] == '.') continue;  // The run's markers.
    CHECK(std::find(names.begin(), names.end(), entry.path().filename().string()) != names.end());
  }
  for (const char* lang : {"de", "fr", "ja"}) {
    INFO(lang);
    auto prefixes = megatron::ResolveDatasetPrefixes(dir / ("tok/" + std::string(lang) + "/train"));
    REQUIRE(prefixes.ok());
    CHECK(prefixes->size() > 1);  // Evicted and reopened: more than one shard.
    size_t next = 0;
    std::vector<int32_t> expected, got;
    for (const std::string& prefix : *prefixes) {
      auto ds = megatron::IndexedDataset::Open(prefix);
      REQUIRE(ds.ok());
      for (uint64_t s = 0; s < (*ds)->sequence_count(); ++s) {
        while (docs[next].language != lang) ++next;
        REQUIRE((*tokenizer)->Encode(docs[next++].text, &expected).ok());
        (*ds)->ReadTokens(s, &got);
        CHECK(got == expected);
      }
    }
    CHECK(
        by_split->Find(lang)->Find("documents")->as_int() ==
        std::count_if(docs.begin(), docs.end(), [&](const Doc& d) { return d.language == lang; }));
  }

  // The mixture: one source per split directory; temperature 1 without a budget keeps every
  // language's own tokens.
  auto parse = [&](const std::string& yaml) -> Result<MixConfig> {
    TAMIS_ASSIGN_OR_RETURN(Value v, ParseYaml(yaml, "mix.yaml"));
    return ParseMixConfig(v, dir.path());
  };
  auto inside = parse("output: tok/mix/train\nsources_from: tok\ntemperature: 1\n");
  REQUIRE(inside.ok());
  CHECK(RunMix(*inside, 2).status().code() == StatusCode::kInvalidArgument);
  auto config = parse("output: mix/train\nsources_from: tok\ntemperature: 1\nseed: 3\n");
  REQUIRE(config.ok());
  auto mixed = RunMix(*config, 2);
  REQUIRE(mixed.ok());
  const Value::Array& sources = mixed->manifest.Find("sources")->as_array();
  REQUIRE(sources.size() == names.size());
  for (size_t i = 0; i < sources.size(); ++i) {
    CHECK(sources[i].GetString("name") == names[i]);
    CHECK(sources[i].Find("tokens_achieved")->as_int() ==
          by_split->Find(names[i])->Find("tokens")->as_int());
  }
  CHECK(mixed->manifest.Find("tokens_achieved")->as_int() == run->report.Find("tokens")->as_int());
}

}  // namespace
}  // namespace tamis
