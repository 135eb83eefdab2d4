// The tokenize stage end to end: JSONL documents in, Megatron shards out, checked against
// the tokenizer directly and by the independent Python reader.
#include "tokenize/tokenize_files.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "tests/tokenize/corpus.h"
#include "tests/tokenize/test_dir.h"
#include "tokenize/default_tokenizer.h"
#include "tokenize/megatron_reader.h"

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
    std::filesystem::create_directories(dir / ("t" + std::to_string(threads)));
    TokenizeFilesSpec spec;
    spec.inputs = {dir.path()};  // A directory: every *.jsonl[.zst] in it.
    spec.config.output = dir / ("t" + std::to_string(threads) + "/shard");
    spec.config.shard_tokens = 4000;
    spec.threads = threads;
    auto result = TokenizeFiles(spec, shared);
    REQUIRE(result.ok());
    CHECK(result->files.size() == 2);
    REQUIRE(result->documents == all.size());
    REQUIRE(result->shards.size() > 1);

    // Shards hold exactly Encode(text) + EOS of every document, in input order.
    size_t doc = 0;
    uint64_t tokens = 0;
    std::vector<int32_t> expected, got;
    std::string python_args, bin_bytes;
    for (const auto& shard : result->shards) {
      auto ds = megatron::IndexedDataset::Open(shard.prefix);
      REQUIRE(ds.ok());
      CHECK((*ds)->dtype() == megatron::DType::kUint16);
      for (uint64_t s = 0; s < (*ds)->sequence_count(); ++s, ++doc) {
        REQUIRE(shared->Encode(all[doc], &expected).ok());
        (*ds)->ReadTokens(s, &got);
        CHECK(got == expected);
        CHECK(got.back() == shared->eos_id());
        tokens += got.size();
      }
      python_args += " " + shard.prefix;
      bin_bytes += ReadFile(shard.prefix + ".bin") + ReadFile(shard.prefix + ".idx");
    }
    CHECK(doc == all.size());
    CHECK(tokens == result->tokens);
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
  auto tokenizer = LoadTokenizer("");
  REQUIRE(tokenizer.ok());
  TokenizeFilesSpec spec;
  spec.inputs = {dir / "*.jsonl"};
  spec.config.output = dir / "out";
  CHECK(TokenizeFiles(spec, std::move(tokenizer.value())).status().code() == StatusCode::kNotFound);
  spec.inputs = {dir.path()};  // An empty directory.
  auto again = LoadTokenizer("");
  CHECK(TokenizeFiles(spec, std::move(again.value())).status().code() == StatusCode::kNotFound);
}

}  // namespace
}  // namespace tamis
