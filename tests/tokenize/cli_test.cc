// `tamis tokenize`, `tamis inspect` and `tamis mix` as a user runs them.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "tests/tokenize/corpus.h"
#include "tests/tokenize/test_dir.h"

namespace tamis {
namespace {

using testing::ReadFile;
using testing::Run;
using testing::TestDir;
using testing::WriteFile;

const std::string kTamis = TAMIS_BINARY;

TEST_CASE("tamis tokenize writes shards that tamis inspect and the Python reader accept",
          "[tokenize][cli]") {
  TestDir dir;
  auto languages = testing::ExtractLanguages(dir, 20000);
  std::filesystem::create_directories(dir / "in");
  testing::WriteJsonl(dir / "in/fr.jsonl", languages["fr"], "fr-");
  testing::WriteJsonl(dir / "in/ar.jsonl", languages["ar"], "ar-");
  REQUIRE(Run(kTamis + " tokenize " + (dir / "in") + " -o " + (dir / "out/train") +
              " --shard-tokens 3000 --threads 2 --quiet > " + (dir / "tokenize.txt")) == 0);
  const std::string summary = ReadFile(dir / "tokenize.txt");
  CHECK(summary.find("data_path: ") != std::string::npos);
  REQUIRE(std::filesystem::exists(dir / "out/train_00001.idx"));

  REQUIRE(Run(kTamis + " inspect " + (dir / "out/train") + " --document 2 > " +
              (dir / "inspect.txt")) == 0);
  const std::string inspect = ReadFile(dir / "inspect.txt");
  CHECK(inspect.find("dtype=uint16") != std::string::npos);
  CHECK(inspect.find("invariants: ok") != std::string::npos);
  CHECK(inspect.find("FAILED") == std::string::npos);
  // Inputs are read in sorted order, ar.jsonl first: document 2 is the third Arabic paragraph.
  CHECK(inspect.find("decoded (tamis-default): " + languages["ar"][2].substr(0, 10)) !=
        std::string::npos);

  std::string shards;
  for (int i = 0; std::filesystem::exists(dir / ("out/train_0000" + std::to_string(i) + ".idx"));
       ++i) {
    shards += " " + (dir / ("out/train_0000" + std::to_string(i)));
  }
  CHECK(Run("python3 " TAMIS_TOKENIZE_TEST_DIR "/megatron_check.py --vocab 32000" + shards +
            " > /dev/null") == 0);

  // A damaged shard: inspect says so and fails.
  const std::string bin = dir / "out/train_00000.bin";
  WriteFile(bin, ReadFile(bin) + "xx");
  CHECK(Run(kTamis + " inspect " + (dir / "out/train") + " > " + (dir / "bad.txt")) == 1);
  CHECK(ReadFile(dir / "bad.txt").find("INVALID") != std::string::npos);
}

TEST_CASE("tamis mix writes shards, a manifest and the blend, and rejects bad usage",
          "[tokenize][cli]") {
  TestDir dir;
  auto languages = testing::ExtractLanguages(dir, 30000);
  std::filesystem::create_directories(dir / "src/es");
  std::filesystem::create_directories(dir / "src/ru");
  testing::WriteJsonl(dir / "src/es/part-0.jsonl", languages["es"], "es-");
  testing::WriteJsonl(dir / "src/ru/part-0.jsonl", languages["ru"], "ru-");
  WriteFile(dir / "mix.yaml",
            "output: mixed/train\nseed: 5\ntotal_tokens: 20000\nsources:\n"
            "  - {name: es, path: src/es, weight: 3}\n  - {name: ru, path: src/ru, weight: 1}\n");
  REQUIRE(Run(kTamis + " mix " + (dir / "mix.yaml") + " --quiet > " + (dir / "mix.txt")) == 0);
  const std::string out = ReadFile(dir / "mix.txt");
  CHECK(out.find("data_path: ") != std::string::npos);
  const std::string manifest = ReadFile(dir / "mixed/train.manifest.json");
  CHECK(manifest.find("\"sha256\"") != std::string::npos);
  CHECK(manifest.find("\"tokens_achieved\"") != std::string::npos);
  CHECK(Run(kTamis + " inspect " + (dir / "mixed/train") + " > /dev/null") == 0);

  CHECK(Run(kTamis + " mix > /dev/null 2>&1") == 2);
  CHECK(Run(kTamis + " tokenize " + (dir / "src") + " > /dev/null 2>&1") == 2);  // No -o.
  CHECK(Run(kTamis + " inspect --help > /dev/null") == 0);
  WriteFile(dir / "bad.yaml", "output: x\nsources_from: no-such-dir\ntemperature: 2\n");
  CHECK(Run(kTamis + " mix " + (dir / "bad.yaml") + " > /dev/null 2>&1") == 1);
}

TEST_CASE("A pipeline YAML can end with the tokenize stage", "[tokenize][cli]") {
  TestDir dir;
  auto languages = testing::ExtractLanguages(dir, 15000);
  std::filesystem::create_directories(dir / "in");
  testing::WriteJsonl(dir / "in/de.jsonl", languages["de"], "de-");
  WriteFile(dir / "pipeline.yaml",
            "input: in/de.jsonl\noutput: out/docs.jsonl\nstages:\n"
            "  - stage: tokenize\n    output: shards/de\n    shard_tokens: 2000\n");
  std::filesystem::create_directories(dir / "shards");
  REQUIRE(Run("cd " + dir.path() + " && " + kTamis + " run pipeline.yaml --threads 2 --quiet > " +
              (dir / "run.txt") + " 2>&1") == 0);
  // Every kept document carries its token count, and the shards hold them all.
  const std::string docs = ReadFile(dir / "out/docs.jsonl");
  size_t lines = 0, annotated = 0;
  for (size_t at = 0; (at = docs.find('\n', at)) != std::string::npos; ++at) ++lines;
  for (size_t at = 0; (at = docs.find("\"tokens\":", at)) != std::string::npos; ++at) ++annotated;
  CHECK(lines == languages["de"].size());
  CHECK(annotated == lines);
  REQUIRE(Run(kTamis + " inspect " + (dir / "shards/de") + " > " + (dir / "inspect.txt")) == 0);
  const std::string inspect = ReadFile(dir / "inspect.txt");
  CHECK(inspect.find("shards/de_00001") != std::string::npos);
  CHECK(inspect.find("FAILED") == std::string::npos);
}

}  // namespace
}  // namespace tamis

namespace tamis {
namespace {

TEST_CASE("tamis inspect shows a chat dataset's loss mask and marks the assistant spans",
          "[tokenize][cli][chat]") {
  TestDir dir;
  std::filesystem::create_directories(dir / "in");
  WriteFile(dir / "in/chat.jsonl",
            "{\"id\": \"a\", \"messages\": [{\"role\": \"user\", \"content\": \"Bonjour ?\"}, "
            "{\"role\": \"assistant\", \"content\": \"Salut, ça va très bien.\"}]}\n"
            "{\"id\": \"b\", \"conversations\": [{\"from\": \"human\", \"value\": \"Deux ?\"}, "
            "{\"from\": \"gpt\", \"value\": \"Oui, deux.\"}]}\n");
  WriteFile(dir / "chat.yaml",
            "input: in\noutput: out/kept\nreader:\n  layout: chat\nstages:\n"
            "  - stage: chat_tokenize\n    output: out/tokens/sft\n");
  REQUIRE(Run(kTamis + " run " + (dir / "chat.yaml") + " --quiet > /dev/null") == 0);
  REQUIRE(Run(kTamis + " inspect " + (dir / "out/tokens/sft") + " --mask --tokens 1000 > " +
              (dir / "inspect.txt")) == 0);
  const std::string inspect = ReadFile(dir / "inspect.txt");
  INFO(inspect);
  CHECK(inspect.find("loss mask " + (dir / "out/tokens/sft_00000_loss_mask")) != std::string::npos);
  CHECK(inspect.find("lengths and boundaries match") != std::string::npos);
  CHECK(inspect.find("invariants: ok") != std::string::npos);
  CHECK(inspect.find("document 0: trained (assistant) tokens=") != std::string::npos);
  CHECK(inspect.find("trained/tokens of documents 0..1: ") != std::string::npos);
  CHECK(inspect.find("<|im_start|>assistant\n[[Salut, ça va très bien.<|im_end|>\n]]</s>") !=
        std::string::npos);
  // The independent Python reader accepts both halves.
  CHECK(Run("python3 " TAMIS_TOKENIZE_TEST_DIR "/megatron_check.py " +
            (dir / "out/tokens/sft_00000") + " " + (dir / "out/tokens/sft_00000_loss_mask") +
            " > /dev/null") == 0);

  // The same conversations through `tamis tokenize --chat-template`: the same bytes.
  REQUIRE(Run(kTamis + " tokenize " + (dir / "in") + " -o " + (dir / "cli/sft") +
              " --chat-template chatml --quiet > " + (dir / "tokenize.txt")) == 0);
  const std::string summary = ReadFile(dir / "tokenize.txt");
  CHECK(summary.find("assistant tokens in the loss masks (*_loss_mask)") != std::string::npos);
  CHECK(summary.find("data_path: ") != std::string::npos);
  for (const char* file :
       {"_00000.bin", "_00000.idx", "_00000_loss_mask.bin", "_00000_loss_mask.idx"}) {
    CHECK(ReadFile(dir / ("cli/sft" + std::string(file))) ==
          ReadFile(dir / ("out/tokens/sft" + std::string(file))));
  }

  // A mask that no longer matches its tokens: inspect says so and fails.
  const std::string mask_idx = dir / "out/tokens/sft_00000_loss_mask.idx";
  const std::string tokens_idx = dir / "out/tokens/sft_00000.idx";
  std::filesystem::copy_file(tokens_idx, mask_idx,
                             std::filesystem::copy_options::overwrite_existing);
  CHECK(Run(kTamis + " inspect " + (dir / "out/tokens/sft") + " > " + (dir / "bad.txt")) == 1);
  CHECK(ReadFile(dir / "bad.txt").find("INVALID") != std::string::npos);
}

}  // namespace
}  // namespace tamis
