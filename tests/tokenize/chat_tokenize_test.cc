// Chat templates, the chat encoder and the chat_tokenize stage: ids are SentencePiece's (and
// spm_encode's) encoding of the whole rendered conversation, and the loss mask covers exactly
// the assistant spans, checked by rebuilding each token's text from its piece string.
#include "tokenize/chat_tokenize_stage.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "pipeline/chat_turns.h"
#include "runner/mix_run.h"
#include "tests/filters/run_one_batch.h"
#include "tests/tokenize/test_dir.h"
#include "tokenize/chat_template.h"
#include "tokenize/default_tokenizer.h"
#include "tokenize/megatron_reader.h"
#include "tokenize/mixture.h"

namespace tamis {
namespace {

using testing::ReadFile;
using testing::Run;
using testing::TestDir;
using testing::WriteFile;

using Turns = std::vector<std::pair<TurnRole, std::string>>;

// A conversation document as the chat reader makes it (pipeline/chat_turns.h).
Document Conversation(const std::string& id, const Turns& turns) {
  Document doc;
  doc.id = id;
  Value spans = Value::EmptyArray();
  for (const auto& [role, content] : turns) {
    if (!doc.text.empty()) doc.text += kTurnSeparator;
    Value t = Value::EmptyObject();
    t.Set("role", std::string(TurnRoleName(role)));
    t.Set("start", static_cast<int64_t>(doc.text.size()));
    doc.text += content;
    t.Set("end", static_cast<int64_t>(doc.text.size()));
    spans.as_array().push_back(std::move(t));
  }
  doc.metadata.Set("chat_layout", "messages");
  doc.metadata.Set("turns", std::move(spans));
  return doc;
}

std::shared_ptr<const Tokenizer> DefaultTokenizer() {
  auto t = LoadTokenizer(std::string(kDefaultTokenizerName), {.add_bos = false, .add_eos = false});
  REQUIRE(t.ok());
  return std::shared_ptr<const Tokenizer>(std::move(t).value());
}

std::unique_ptr<ChatEncoder> Encoder(ChatTemplate t, std::shared_ptr<const Tokenizer> tokenizer) {
  auto e = ChatEncoder::Create(std::move(t), std::move(tokenizer));
  REQUIRE(e.ok());
  return std::move(e).value();
}

// The text of one token from its piece string alone (not from SentencePiece's offsets, which
// the encoder uses).
std::string PieceText(const Tokenizer& tokenizer, int32_t id) {
  auto text = tokenizer.PieceText(std::span<const int32_t>(&id, 1));
  REQUIRE(text.ok());
  return *text;
}

// The maximal runs of mask-1 tokens, each as text.
std::vector<std::string> TrainedRuns(const Tokenizer& tokenizer, const ChatEncoding& e) {
  std::vector<std::string> runs;
  bool in_run = false;
  for (size_t i = 0; i < e.ids.size(); ++i) {
    if (e.loss_mask[i] == 1) {
      if (!in_run) runs.emplace_back();
      runs.back() += PieceText(tokenizer, e.ids[i]);
    }
    in_run = e.loss_mask[i] == 1;
  }
  return runs;
}

// Conversations whose boundaries are hard: multibyte characters (byte-fallback emoji, CJK,
// accents) right at each side of every marker, spaces at the edges, an empty user turn, a very
// long answer, a system turn and a tool turn.
std::vector<Turns> HardConversations() {
  std::string long_answer;
  for (int i = 0; i < 2000; ++i) long_answer += "Le paquet numéro " + std::to_string(i) + " é. ";
  return {
      {{TurnRole::kUser, "Bonjour, comment installer Debian ?"},
       {TurnRole::kAssistant, "Avec l'installateur : démarrez sur le support."}},
      {{TurnRole::kSystem, "Tu es un assistant."},
       {TurnRole::kUser, "é😀"},
       {TurnRole::kAssistant, "😀é début et fin 𠀀"},
       {TurnRole::kUser, "  espaces  "},
       {TurnRole::kAssistant, " réponse avec espace devant et derrière "}},
      {{TurnRole::kUser, ""}, {TurnRole::kAssistant, "Réponse à une question vide."}},
      {{TurnRole::kUser, "Longue ?"}, {TurnRole::kAssistant, long_answer}},
      {{TurnRole::kUser, "Quel temps ?"},
       {TurnRole::kAssistant, "Je regarde."},
       {TurnRole::kTool, "{\"ciel\": \"bleu\"}"},
       {TurnRole::kAssistant, "Le ciel est bleu.\nLigne deux\n\nfin"}},
  };
}

TEST_CASE("the ChatML rendering puts the role markers around every turn", "[tokenize][chat]") {
  auto encoder = Encoder(*ChatTemplatePreset("chatml"), DefaultTokenizer());
  Document doc = Conversation(
      "c", {{TurnRole::kSystem, "S"}, {TurnRole::kUser, "Q"}, {TurnRole::kAssistant, "A"}});
  RenderedConversation r;
  REQUIRE(encoder->Render(doc, *ConversationTurns(doc), &r).ok());
  CHECK(r.text ==
        "<|im_start|>system\nS<|im_end|>\n<|im_start|>user\nQ<|im_end|>\n"
        "<|im_start|>assistant\nA<|im_end|>\n");
}

TEST_CASE("chat ids equal SentencePiece's encoding of the whole rendered conversation",
          "[tokenize][chat]") {
  auto tokenizer = DefaultTokenizer();
  for (const char* preset : {"chatml", "llama3"}) {
    auto encoder = Encoder(*ChatTemplatePreset(preset), tokenizer);
    for (const Turns& turns : HardConversations()) {
      Document doc = Conversation("c", turns);
      RenderedConversation r;
      REQUIRE(encoder->Render(doc, *ConversationTurns(doc), &r).ok());
      ChatEncoding e;
      REQUIRE(encoder->Encode(r, &e).ok());
      std::vector<int32_t> whole;
      REQUIRE(tokenizer->Encode(r.text, &whole).ok());
      whole.push_back(tokenizer->eos_id());  // eos: true by default.
      CHECK(e.ids == whole);
      CHECK(e.loss_mask.size() == e.ids.size());
      CHECK(e.loss_mask.back() == 0);
    }
  }
}

TEST_CASE("the loss mask covers exactly the assistant spans", "[tokenize][chat]") {
  auto tokenizer = DefaultTokenizer();
  auto encoder = Encoder(*ChatTemplatePreset("chatml"), tokenizer);
  for (const Turns& turns : HardConversations()) {
    Document doc = Conversation("c", turns);
    RenderedConversation r;
    REQUIRE(encoder->Render(doc, *ConversationTurns(doc), &r).ok());
    ChatEncoding e;
    REQUIRE(encoder->Encode(r, &e).ok());
    // Every trained run is one assistant turn's content and its end marker, nothing more or
    // less; the untrained tokens are everything else.
    std::vector<std::string> expected;
    std::string untrained;
    for (const auto& [role, content] : turns) {
      if (role == TurnRole::kAssistant) {
        expected.push_back(content + "<|im_end|>\n");
        untrained += "<|im_start|>assistant\n";
      } else {
        untrained +=
            "<|im_start|>" + std::string(TurnRoleName(role)) + "\n" + content + "<|im_end|>\n";
      }
    }
    CHECK(TrainedRuns(*tokenizer, e) == expected);
    std::string rebuilt_untrained;
    uint64_t ones = 0;
    for (size_t i = 0; i + 1 < e.ids.size(); ++i) {  // The last id is EOS.
      if (e.loss_mask[i] == 0) rebuilt_untrained += PieceText(*tokenizer, e.ids[i]);
      ones += e.loss_mask[i];
    }
    // The first piece carries SentencePiece's dummy-prefix space.
    CHECK(rebuilt_untrained == " " + untrained);
    CHECK(e.trained_tokens == ones);
  }
}

TEST_CASE("chat ids equal spm_encode of the rendered text", "[tokenize][chat]") {
  // spm_encode reads one text per line, so this template renders a conversation on one line;
  // ChatML's newlines are covered against the library call above, which is spm_encode's.
  auto tokenizer = DefaultTokenizer();
  Value options = Value::EmptyObject();
  Value user = Value::EmptyObject();
  user.Set("prefix", "### Question: ");
  user.Set("suffix", " ");
  Value assistant = Value::EmptyObject();
  assistant.Set("prefix", "### Réponse :");
  assistant.Set("suffix", " ### Fin. ");
  options.Set("user", std::move(user));
  options.Set("assistant", std::move(assistant));
  auto t = ParseChatTemplate(&options, "test");
  REQUIRE(t.ok());
  CHECK(t->name == "custom");
  t->eos = false;
  auto encoder = Encoder(*t, tokenizer);
  TestDir dir;
  std::string lines;
  std::vector<std::vector<int32_t>> ours;
  std::vector<std::vector<uint8_t>> masks;
  for (const Turns& turns : HardConversations()) {
    Turns one_line;
    for (auto [role, content] : turns) {
      if (role != TurnRole::kUser && role != TurnRole::kAssistant) continue;
      for (char& c : content) c = c == '\n' ? ' ' : c;
      one_line.emplace_back(role, content);
    }
    Document doc = Conversation("c", one_line);
    RenderedConversation r;
    REQUIRE(encoder->Render(doc, *ConversationTurns(doc), &r).ok());
    ChatEncoding e;
    REQUIRE(encoder->Encode(r, &e).ok());
    lines += r.text + "\n";
    ours.push_back(e.ids);
  }
  WriteFile(dir / "rendered.txt", lines);
  REQUIRE(Run("spm_encode --model=" TAMIS_MODELS_DIR "/tamis-default.model --output_format=id < " +
              (dir / "rendered.txt") + " > " + (dir / "ids.txt")) == 0);
  std::istringstream in(ReadFile(dir / "ids.txt"));
  size_t i = 0;
  for (std::string line; std::getline(in, line); ++i) {
    std::istringstream s(line);
    std::vector<int32_t> ids;
    for (int32_t id; s >> id;) ids.push_back(id);
    REQUIRE(i < ours.size());
    CHECK(ids == ours[i]);
  }
  CHECK(i == ours.size());
}

TEST_CASE("a marker that is a control symbol of the model is emitted as its id",
          "[tokenize][chat]") {
  auto tokenizer = DefaultTokenizer();
  ChatTemplate t = *ChatTemplatePreset("chatml");
  t.markers(TurnRole::kAssistant).suffix = "</s>";
  t.begin = "<s>";
  t.eos = false;
  auto encoder = Encoder(t, tokenizer);
  Document doc = Conversation("c", {{TurnRole::kUser, "Q ?"}, {TurnRole::kAssistant, "Oui."}});
  RenderedConversation r;
  REQUIRE(encoder->Render(doc, *ConversationTurns(doc), &r).ok());
  ChatEncoding e;
  REQUIRE(encoder->Encode(r, &e).ok());
  REQUIRE(e.ids.size() > 3);
  CHECK(e.ids.front() == tokenizer->bos_id());
  CHECK(e.loss_mask.front() == 0);
  // "</s>" ends the answer: emitted as the EOS id, and trained.
  CHECK(e.ids.back() == tokenizer->eos_id());
  CHECK(e.loss_mask.back() == 1);
  CHECK(TrainedRuns(*tokenizer, e) == std::vector<std::string>{"Oui.</s>"});
  // The text between the control symbols is SentencePiece's encoding of that text.
  std::vector<int32_t> middle;
  REQUIRE(tokenizer->Encode(r.text.substr(3, r.text.size() - 3 - 4), &middle).ok());
  CHECK(std::vector<int32_t>(e.ids.begin() + 1, e.ids.end() - 1) == middle);
}

TEST_CASE("an unknown chat template or option is an error naming it", "[tokenize][chat]") {
  Value bad("vicuna");
  auto t = ParseChatTemplate(&bad, "stage chat_tokenize");
  REQUIRE_FALSE(t.ok());
  CHECK(t.status().ToString().find("vicuna") != std::string::npos);
  Value options = Value::EmptyObject();
  Value user = Value::EmptyObject();
  user.Set("prefixe", "x");
  options.Set("user", std::move(user));
  t = ParseChatTemplate(&options, "stage chat_tokenize");
  REQUIRE_FALSE(t.ok());
  CHECK(t.status().ToString().find("prefixe") != std::string::npos);
}

TEST_CASE("chat_tokenize writes token shards and a loss mask with the same boundaries",
          "[tokenize][chat]") {
  TestDir dir;
  Value options = Value::EmptyObject();
  options.Set("output", dir / "sft/chat");
  options.Set("shard_tokens", 3000);
  auto stage = testing::MakeStage(&CreateChatTokenizeStage, options);
  std::vector<Document> docs;
  int n = 0;
  for (const Turns& turns : HardConversations()) {
    docs.push_back(Conversation("conv-" + std::to_string(n++), turns));
  }
  docs.push_back(Conversation("no-answer", {{TurnRole::kUser, "Seul ?"}}));
  docs.push_back(
      Conversation("empty-answer", {{TurnRole::kUser, "Vide ?"}, {TurnRole::kAssistant, ""}}));
  Document plain;
  plain.id = "plain";
  plain.text = "not a conversation";
  docs.push_back(plain);
  const Value report = testing::RunOneBatch(*stage, docs);

  CHECK(docs[5].dropped());
  CHECK(docs[5].ledger.back().rule == "no_assistant_tokens");
  CHECK(docs[6].ledger.back().rule == "no_assistant_tokens");
  CHECK(docs[7].ledger.back().rule == "not_a_conversation");

  auto prefixes = megatron::ResolveDatasetPrefixes(dir / "sft/chat");
  REQUIRE(prefixes.ok());
  CHECK(prefixes->size() > 1);  // The long answer gets a shard of its own.
  auto tokenizer = DefaultTokenizer();
  auto encoder = Encoder(*ChatTemplatePreset("chatml"), tokenizer);
  size_t doc = 0;
  int64_t assistant_tokens = 0;
  for (const std::string& prefix : *prefixes) {
    auto tokens = megatron::IndexedDataset::Open(prefix);
    REQUIRE(tokens.ok());
    auto mask = megatron::OpenLossMask(**tokens);
    REQUIRE(mask.ok());
    REQUIRE(*mask != nullptr);
    CHECK((*mask)->dtype() == megatron::DType::kUint8);
    for (uint64_t s = 0; s < (*tokens)->sequence_count(); ++s, ++doc) {
      REQUIRE(doc < 5);
      RenderedConversation r;
      REQUIRE(encoder->Render(docs[doc], *ConversationTurns(docs[doc]), &r).ok());
      ChatEncoding e;
      REQUIRE(encoder->Encode(r, &e).ok());
      std::vector<int32_t> ids;
      std::vector<uint8_t> items;
      (*tokens)->ReadTokens(s, &ids);
      (*mask)->ReadBytes(s, &items);
      CHECK(ids == e.ids);
      CHECK(items == e.loss_mask);
      CHECK(docs[doc].metadata.Find("assistant_tokens")->as_int() ==
            static_cast<int64_t>(e.trained_tokens));
      assistant_tokens += static_cast<int64_t>(e.trained_tokens);
    }
  }
  CHECK(doc == 5);
  CHECK(report.Find("assistant_tokens")->as_int() == assistant_tokens);
  CHECK(report.Find("documents")->as_int() == 5);
  // Nothing temporary is left beside the shards.
  for (const auto& entry : std::filesystem::directory_iterator(dir / "sft")) {
    CHECK(entry.path().string().find(".tmp.") == std::string::npos);
  }
}

TEST_CASE("a rerun of chat_tokenize removes the shards and masks of the earlier attempt",
          "[tokenize][chat]") {
  TestDir dir;
  for (int64_t shard_tokens : {3000, 0}) {
    Value options = Value::EmptyObject();
    options.Set("output", dir / "chat");
    options.Set("shard_tokens", shard_tokens);
    auto stage = testing::MakeStage(&CreateChatTokenizeStage, options);
    std::vector<Document> docs;
    for (const Turns& turns : HardConversations()) docs.push_back(Conversation("c", turns));
    testing::RunOneBatch(*stage, docs);
  }
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    files.push_back(entry.path().filename().string());
  }
  std::sort(files.begin(), files.end());
  CHECK(files == std::vector<std::string>{"chat_00000.bin", "chat_00000.idx",
                                          "chat_00000_loss_mask.bin", "chat_00000_loss_mask.idx"});
}

TEST_CASE("a loss mask whose lengths differ from its tokens is reported as corrupt",
          "[tokenize][chat]") {
  TestDir dir;
  {
    auto tokens = megatron::IndexedDatasetWriter::Create(dir / "d", megatron::DType::kUint16);
    auto mask =
        megatron::IndexedDatasetWriter::Create(dir / "d_loss_mask", megatron::DType::kUint8);
    REQUIRE(tokens.ok());
    REQUIRE(mask.ok());
    const int32_t ids[] = {1, 2, 3};
    const uint8_t items[] = {0, 1};
    REQUIRE((*tokens)->AddDocument(ids).ok());
    REQUIRE((*mask)->AddDocument(items).ok());
    REQUIRE((*tokens)->Finish().ok());
    REQUIRE((*mask)->Finish().ok());
  }
  auto tokens = megatron::IndexedDataset::Open(dir / "d");
  REQUIRE(tokens.ok());
  auto mask = megatron::OpenLossMask(**tokens);
  REQUIRE_FALSE(mask.ok());
  CHECK(mask.status().ToString().find("sequence 0 has 2 items for 3 tokens") != std::string::npos);
}

TEST_CASE("a shard writer destroyed before Finish leaves neither tokens nor mask",
          "[tokenize][chat]") {
  TestDir dir;
  {
    auto writer = megatron::ShardWriter::Create(
        dir / "x", {.dtype = megatron::DType::kUint16, .loss_mask = true});
    REQUIRE(writer.ok());
    const int32_t ids[] = {5, 6};
    const uint8_t mask[] = {0, 1};
    REQUIRE((*writer)->AddDocument(ids, mask).ok());
  }
  CHECK(std::filesystem::is_empty(dir.path()));
}

}  // namespace
}  // namespace tamis

namespace tamis {
namespace {

// `count` conversations whose texts name `source`, tokenized by chat_tokenize into `prefix`;
// returns each conversation's ids -> mask.
std::map<std::vector<int32_t>, std::vector<uint8_t>> ChatSource(const std::string& prefix,
                                                                const std::string& source,
                                                                int count) {
  Value options = Value::EmptyObject();
  options.Set("output", prefix);
  options.Set("shard_tokens", 2000);
  auto stage = testing::MakeStage(&CreateChatTokenizeStage, options);
  std::vector<Document> docs;
  for (int i = 0; i < count; ++i) {
    std::string n = std::to_string(i);
    docs.push_back(Conversation(
        source + n, {{TurnRole::kUser, "Question " + n + " de la source " + source + " ?"},
                     {TurnRole::kAssistant, "Réponse " + n + " de " + source + " : " +
                                                std::string(static_cast<size_t>(i % 7), 'x')},
                     {TurnRole::kUser, "Merci " + n},
                     {TurnRole::kAssistant, "De rien, " + source + "."}}));
  }
  testing::RunOneBatch(*stage, docs);
  auto encoder = Encoder(*ChatTemplatePreset("chatml"), DefaultTokenizer());
  std::map<std::vector<int32_t>, std::vector<uint8_t>> masks;
  for (const Document& doc : docs) {
    RenderedConversation r;
    REQUIRE(encoder->Render(doc, *ConversationTurns(doc), &r).ok());
    ChatEncoding e;
    REQUIRE(encoder->Encode(r, &e).ok());
    masks[e.ids] = e.loss_mask;
  }
  return masks;
}

TEST_CASE("a mixture of SFT sources carries each document's loss mask with its tokens",
          "[tokenize][chat][mixture]") {
  TestDir dir;
  auto a = ChatSource(dir / "tokens/a/chat", "alpha", 300);
  auto b = ChatSource(dir / "tokens/b/chat", "beta", 100);
  WriteFile(dir / "mix.yaml",
            "output: mixed/sft\nseed: 7\ntotal_tokens: 30000\nmax_repeats: 10\n"
            "shard_tokens: 8000\nsources:\n"
            "  - {name: a, tokens: tokens/a, weight: 0.25}\n"
            "  - {name: b, tokens: tokens/b, weight: 0.75}\n");
  auto config = LoadMixConfig(dir / "mix.yaml");
  REQUIRE(config.ok());
  auto result = RunMix(*config, 2);
  if (!result.ok()) FAIL(result.status().ToString());
  CHECK(result->manifest.Find("loss_mask")->as_bool());
  std::map<std::string, uint64_t> tokens;
  for (const megatron::ShardInfo& shard : result->shards) {
    auto ds = megatron::IndexedDataset::Open(shard.prefix);
    REQUIRE(ds.ok());
    auto mask = megatron::OpenLossMask(**ds);
    REQUIRE(mask.ok());
    REQUIRE(*mask != nullptr);
    std::vector<int32_t> ids;
    std::vector<uint8_t> items;
    for (uint64_t s = 0; s < (*ds)->sequence_count(); ++s) {
      (*ds)->ReadTokens(s, &ids);
      (*mask)->ReadBytes(s, &items);
      const bool in_a = a.contains(ids);
      REQUIRE((in_a || b.contains(ids)));
      CHECK(items == (in_a ? a[ids] : b[ids]));
      tokens[in_a ? "a" : "b"] += ids.size();
    }
  }
  // Weights respected on tokens, to within a document or so of 30000.
  const double share_b =
      static_cast<double>(tokens["b"]) / static_cast<double>(tokens["a"] + tokens["b"]);
  CHECK(std::abs(share_b - 0.75) < 0.01);
}

TEST_CASE("a mixture renders and masks conversation sources given with a chat_template",
          "[tokenize][chat][mixture]") {
  TestDir dir;
  auto encoder = Encoder(*ChatTemplatePreset("chatml"), DefaultTokenizer());
  std::map<std::vector<int32_t>, std::vector<uint8_t>> expected;
  for (const std::string source : {"alpha", "beta"}) {
    std::string lines;
    for (int i = 0; i < 50; ++i) {
      const std::string n = std::to_string(i);
      const Turns turns = {{TurnRole::kUser, "Question " + n + " de " + source + " ?"},
                           {TurnRole::kAssistant, "Réponse " + n + " de " + source + "."}};
      lines += "{\"id\": \"" + source + n + "\", \"messages\": [{\"role\": \"user\", " +
               "\"content\": \"" + turns[0].second + "\"}, {\"role\": \"assistant\", " +
               "\"content\": \"" + turns[1].second + "\"}]}\n";
      Document doc = Conversation("c", turns);
      RenderedConversation r;
      REQUIRE(encoder->Render(doc, *ConversationTurns(doc), &r).ok());
      ChatEncoding e;
      REQUIRE(encoder->Encode(r, &e).ok());
      expected[e.ids] = e.loss_mask;
    }
    std::filesystem::create_directories(dir / "sft");
    WriteFile(dir / ("sft/" + source + ".jsonl"), lines);
  }
  WriteFile(dir / "mix.yaml",
            "output: mixed/sft\nseed: 3\ntotal_tokens: 4000\nsources:\n"
            "  - {name: a, path: sft/alpha.jsonl, chat_template: chatml, weight: 1}\n"
            "  - {name: b, path: sft/beta.jsonl, chat_template: chatml, weight: 1}\n");
  auto config = LoadMixConfig(dir / "mix.yaml");
  REQUIRE(config.ok());
  auto result = RunMix(*config, 2);
  if (!result.ok()) FAIL(result.status().ToString());
  CHECK(result->manifest.Find("loss_mask")->as_bool());
  uint64_t sequences = 0;
  for (const megatron::ShardInfo& shard : result->shards) {
    auto ds = megatron::IndexedDataset::Open(shard.prefix);
    REQUIRE(ds.ok());
    auto mask = megatron::OpenLossMask(**ds);
    REQUIRE(mask.ok());
    REQUIRE(*mask != nullptr);
    std::vector<int32_t> ids;
    std::vector<uint8_t> items;
    for (uint64_t s = 0; s < (*ds)->sequence_count(); ++s, ++sequences) {
      (*ds)->ReadTokens(s, &ids);
      (*mask)->ReadBytes(s, &items);
      REQUIRE(expected.contains(ids));
      CHECK(items == expected[ids]);
    }
  }
  CHECK(sequences > 50);

  // A chat_template on token shards is a mistake the config names.
  WriteFile(dir / "bad.yaml",
            "output: o\ntotal_tokens: 10\nsources:\n"
            "  - {name: a, tokens: mixed, chat_template: chatml, weight: 1}\n");
  auto bad = LoadMixConfig(dir / "bad.yaml");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().ToString().find("chat_template") != std::string::npos);
}

}  // namespace
}  // namespace tamis
