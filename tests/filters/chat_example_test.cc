// The chat example pipeline (examples/chat.yaml) end to end on its bundled conversations:
// exactly the expected conversations are kept, in their own layouts, every removal has its
// reason, and the kept conversations are in the token shards with their loss masks.
#include <cstdlib>
#include <filesystem>
#include <map>
#include <vector>

#include <catch2/catch.hpp>

#include "pipeline/json.h"
#include "runner/orchestrator.h"
#include "runner/pipeline_config.h"
#include "runner/run_report_data.h"
#include "tests/io/directory_contents.h"
#include "tests/io/temp_dir.h"
#include "tokenize/megatron_reader.h"

namespace tamis {
namespace {

const std::filesystem::path kExamples =
    std::filesystem::path(TAMIS_TEST_DATA).parent_path().parent_path() / "examples";

// One parsed JSON object per line of all files under `dir`.
std::vector<Value> Lines(const std::string& dir) {
  std::vector<Value> lines;
  const std::string all = testing::DirectoryContents(dir);
  for (size_t start = 0, end; (end = all.find('\n', start)) != std::string::npos; start = end + 1) {
    Result<Value> line = ParseJson(all.substr(start, end - start));
    REQUIRE(line.ok());
    lines.push_back(std::move(*line));
  }
  return lines;
}

TEST_CASE("The chat example keeps exactly the clean French conversations, each in its layout",
          "[filters][chat]") {
  setenv("TAMIS_MODELS_DIR", TAMIS_MODELS_DIR, 1);
  testing::TempDir dir;
  // A copy, so that outputs named relative to the YAML (the token shards) land in `dir`.
  std::filesystem::copy_file(kExamples / "chat.yaml", dir.File("chat.yaml"));
  std::filesystem::create_directories(dir.File("data"));
  std::filesystem::copy(kExamples / "data/chat", dir.File("data/chat"));
  Result<PipelineConfig> config = LoadPipelineConfig(dir.File("chat.yaml"));
  REQUIRE(config.ok());
  config->run.output = dir.File("kept");
  config->run.rejects = dir.File("rejects");
  config->run.threads = 2;
  Result<PipelineOutcome> outcome = RunPipelineParts(*config, {});
  if (!outcome.ok()) FAIL(outcome.status().ToString());

  std::map<std::string, std::string> kept;  // id -> the layout's turn-list key
  for (const Value& line : Lines(dir.File("kept"))) {
    std::string layout = line.Find("messages")        ? "messages"
                         : line.Find("conversations") ? "conversations"
                         : line.Find("instruction")   ? "instruction"
                                                      : "tamis";
    kept[std::string(line.GetString("id"))] = layout;
  }
  CHECK(kept == std::map<std::string, std::string>{{"fr-distribution", "messages"},
                                                   {"fr-apt-cache", "messages"},
                                                   {"sg-cache", "conversations"},
                                                   {"sg-modularite", "conversations"},
                                                   {"alpaca-reinstall", "instruction"}});

  std::map<std::string, std::string> removed;  // id -> "stage/rule"
  for (const Value& line : Lines(dir.File("rejects"))) {
    const Value& last = line.Find("ledger")->as_array().back();
    removed[std::string(line.GetString("id"))] =
        std::string(last.GetString("stage")) + "/" + std::string(last.GetString("rule"));
  }
  CHECK(removed ==
        std::map<std::string, std::string>{{"fr-installateur", "exact_dedup/exact_duplicate"},
                                           {"fr-distribution-copie", "exact_dedup/exact_duplicate"},
                                           {"alpaca-copie", "exact_dedup/exact_duplicate"},
                                           {"fr-reponse-anglaise", "chat_filter/turn_language"},
                                           {"sg-question-allemande", "chat_filter/turn_language"},
                                           {"fr-refus", "chat_filter/refusal"},
                                           {"sg-coupee", "chat_filter/truncated_answer"},
                                           {"alpaca-boucle", "chat_filter/turn_repetition"}});

  // Malformed conversations never reach a stage: the reader counts them by reason.
  const std::string stats = ToJson(outcome->parts.front().summary.stats);
  CHECK(stats.find("\"chat_empty_turn\":1") != std::string::npos);
  CHECK(stats.find("\"chat_no_assistant\":1") != std::string::npos);
  CHECK(stats.find("\"chat_unknown_role\":1") != std::string::npos);

  // Every kept conversation is one sequence of the token shards, its loss mask beside it,
  // with as many trained tokens as its metadata.assistant_tokens says (conversation writers
  // put metadata at the top level of the line).
  int64_t assistant_tokens = 0, tokens = 0;
  for (const Value& line : Lines(dir.File("kept"))) {
    assistant_tokens += line.Find("assistant_tokens")->as_int();
    tokens += line.Find("tokens")->as_int();
  }
  auto shards = megatron::ResolveDatasetPrefixes(dir.File("out/chat/tokens/sft"));
  REQUIRE(shards.ok());
  uint64_t sequences = 0, shard_tokens = 0, ones = 0;
  for (const std::string& prefix : *shards) {
    auto dataset = megatron::IndexedDataset::Open(prefix);
    REQUIRE(dataset.ok());
    auto mask = megatron::OpenLossMask(**dataset);
    REQUIRE(mask.ok());
    REQUIRE(*mask != nullptr);
    sequences += (*dataset)->sequence_count();
    shard_tokens += (*dataset)->token_count();
    std::vector<uint8_t> items;
    for (uint64_t s = 0; s < (*mask)->sequence_count(); ++s) {
      (*mask)->ReadBytes(s, &items);
      for (uint8_t m : items) ones += m;
    }
  }
  CHECK(sequences == kept.size());
  CHECK(static_cast<int64_t>(shard_tokens) == tokens);
  CHECK(static_cast<int64_t>(ones) == assistant_tokens);
  CHECK(ones > 0);
  CHECK(ones < shard_tokens);

  // The run report counts the conversations' tokens and finds their shards.
  Result<Value> report = GatherRunReport(dir.File("kept"));
  REQUIRE(report.ok());
  REQUIRE(report->Find("tokens"));
  CHECK(report->Find("tokens")->Find("total")->as_int() == tokens);
  CHECK(report->Find("outputs")->Find("tokens")->as_array().size() == shards->size());
  // Each kept conversation has its language (chat_filter): all of them French.
  REQUIRE(report->Find("languages"));
  CHECK(report->Find("languages")->Find("fra_Latn")->Find("documents")->as_int() ==
        static_cast<int64_t>(kept.size()));
}

}  // namespace
}  // namespace tamis
