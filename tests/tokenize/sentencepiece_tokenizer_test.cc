// The SentencePiece adapter against SentencePiece's own command-line encoder, on real
// multilingual text extracted from Debian packages (scripts/extract_tokenizer_corpus.py).
#include "tokenize/sentencepiece_tokenizer.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/tokenize/test_dir.h"

namespace tamis {
namespace {

using testing::ReadFile;
using testing::Run;
using testing::TestDir;
using testing::WriteFile;

const std::string kDefaultModel = TAMIS_MODELS_DIR "/tamis-default.model";

std::vector<std::string> Lines(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::vector<std::vector<int32_t>> ParseIds(const std::string& path) {
  std::vector<std::vector<int32_t>> out;
  for (const std::string& line : Lines(path)) {
    std::istringstream s(line);
    std::vector<int32_t> ids;
    for (int32_t id; s >> id;) ids.push_back(id);
    out.push_back(std::move(ids));
  }
  return out;
}

// Real paragraphs in ~31 languages, one per line, plus lines whose whitespace and Unicode
// forms exercise the model's normalisation (spm_encode reads line by line, so no newlines).
std::string MakeCorpus(const TestDir& dir, int bytes_per_language) {
  const std::string corpus = dir / "corpus.txt";
  REQUIRE(Run("python3 " TAMIS_SCRIPTS_DIR "/extract_tokenizer_corpus.py --output " + corpus +
              " --max-bytes-per-language " + std::to_string(bytes_per_language) +
              " 2> /dev/null") == 0);
  std::string text = ReadFile(corpus);
  text +=
      "  leading spaces and trailing spaces   \n"
      "\ttabs\tinside and   runs   of spaces\t\n"
      "ｆｕｌｌｗｉｄｔｈ ＡＢＣ １２３ and the ﬁ ligature, Å vs Å (NFC vs NFD)\n"
      "emoji 🦊🐧 and rare CJK 𠀀𠀁 via byte fallback\n"
      " \n"
      "\n"
      "x\n";
  WriteFile(corpus, text);
  return corpus;
}

// spm_encode's ids for every line of `corpus`, with `extra` as --extra_options.
std::vector<std::vector<int32_t>> SpmEncode(const TestDir& dir, const std::string& model,
                                            const std::string& corpus, const std::string& extra) {
  const std::string out = dir / "spm_ids.txt";
  std::string cmd = "spm_encode --model=" + model + " --output_format=id";
  if (!extra.empty()) cmd += " --extra_options=" + extra;
  REQUIRE(Run(cmd + " < " + corpus + " > " + out) == 0);
  return ParseIds(out);
}

void ExpectSameAsSpmEncode(const TestDir& dir, const std::string& model, const std::string& corpus,
                           TokenizerOptions options, const std::string& extra) {
  auto tokenizer = Tokenizer::Load(model, options);
  REQUIRE(tokenizer.ok());
  const std::vector<std::string> lines = Lines(corpus);
  const auto expected = SpmEncode(dir, model, corpus, extra);
  REQUIRE(expected.size() == lines.size());
  REQUIRE(lines.size() > 3000);
  size_t mismatches = 0;
  std::vector<int32_t> ids;
  for (size_t i = 0; i < lines.size(); ++i) {
    REQUIRE((*tokenizer)->Encode(lines[i], &ids).ok());
    if (ids != expected[i]) {
      if (++mismatches <= 3) UNSCOPED_INFO("line " << i << " differs: " << lines[i]);
    }
  }
  CHECK(mismatches == 0);
}

TEST_CASE("Default tokenizer ids equal spm_encode on thousands of real multilingual paragraphs",
          "[tokenizer][spm]") {
  TestDir dir;
  const std::string corpus = MakeCorpus(dir, 60000);
  SECTION("with EOS appended, the default") {
    ExpectSameAsSpmEncode(dir, kDefaultModel, corpus, {}, "eos");
  }
  SECTION("with BOS and EOS") {
    ExpectSameAsSpmEncode(dir, kDefaultModel, corpus, {.add_bos = true, .add_eos = true},
                          "bos:eos");
  }
  SECTION("with neither") {
    ExpectSameAsSpmEncode(dir, kDefaultModel, corpus, {.add_bos = false, .add_eos = false}, "");
  }
}

TEST_CASE(
    "Any user model works: a unigram model with NFKC and whitespace folding matches "
    "spm_encode",
    "[tokenizer][spm]") {
  TestDir dir;
  const std::string corpus = MakeCorpus(dir, 40000);
  // A model unlike the default: unigram, nmt_nfkc normalisation, extra whitespace removed,
  // no byte fallback (unknown characters become <unk>).
  REQUIRE(Run("spm_train --input=" + corpus + " --model_prefix=" + (dir / "uni") +
              " --model_type=unigram --vocab_size=3000 --character_coverage=0.995"
              " --num_threads=1 --minloglevel=2 > /dev/null 2>&1") == 0);
  ExpectSameAsSpmEncode(dir, dir / "uni.model", corpus, {}, "eos");
}

TEST_CASE("Default tokenizer is a byte-fallback model that decodes back to the exact text",
          "[tokenizer]") {
  auto tokenizer = Tokenizer::Load(kDefaultModel, {.add_bos = false, .add_eos = false});
  REQUIRE(tokenizer.ok());
  CHECK((*tokenizer)->vocab_size() >= 16000);
  CHECK((*tokenizer)->vocab_size() <= 32000);
  CHECK((*tokenizer)->eos_id() == 2);
  for (std::string text :
       {"  Indented code:\n\tif (x) { return 1; }\n",
        "Ελληνικά, русский, 日本語, 한국어, العربية 🦊 𠀀",
        "1234567890 digits split"}) {
    std::vector<int32_t> ids;
    REQUIRE((*tokenizer)->Encode(text, &ids).ok());
    auto decoded = (*tokenizer)->Decode(ids);
    REQUIRE(decoded.ok());
    CHECK(*decoded == text);
  }
}

TEST_CASE("Tokenizer reports a missing model as not found and a corrupt one as corruption",
          "[tokenizer]") {
  TestDir dir;
  CHECK(Tokenizer::Load(dir / "none.model").status().code() == StatusCode::kNotFound);
  WriteFile(dir / "bad.model", "this is not a protobuf model, it is a sentence");
  CHECK(Tokenizer::Load(dir / "bad.model").status().code() == StatusCode::kCorruption);
  // A truncated real model is corrupt too.
  std::string real = ReadFile(kDefaultModel);
  REQUIRE(real.size() > 1000);
  WriteFile(dir / "cut.model", real.substr(0, real.size() / 2));
  CHECK(Tokenizer::Load(dir / "cut.model").status().code() == StatusCode::kCorruption);
}

TEST_CASE("Tokenizer hash is the model file's SHA-256", "[tokenizer]") {
  TestDir dir;
  auto tokenizer = Tokenizer::Load(kDefaultModel);
  REQUIRE(tokenizer.ok());
  REQUIRE(Run("sha256sum " + kDefaultModel + " | cut -c1-64 > " + (dir / "sum")) == 0);
  CHECK(ReadFile(dir / "sum") == (*tokenizer)->sha256() + "\n");
}

}  // namespace
}  // namespace tamis
