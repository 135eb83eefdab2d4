// The tokenize pipeline end to end: JSONL documents in, Megatron shards out, checked against
// the tokenizer directly and by the independent Python reader.
#include "runner/tokenize_pipeline.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

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
