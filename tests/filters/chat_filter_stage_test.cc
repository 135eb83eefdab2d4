#include "filters/chat/chat_filter_stage.h"

#include <catch2/catch.hpp>

#include "filters/chat/refusal_phrases.h"
#include "readers/chat_record.h"
#include "tests/filters/run_one_batch.h"

namespace tamis {
namespace {

using testing::MakeStage;
using testing::RunOneBatch;

// Sentences of the Debian handbook (sect.apt-get), French and English editions.
const char* const kFrQuestion =
    "Comment réinstaller un paquet dont des fichiers ont été modifiés ou supprimés ?";
const char* const kFrAnswer =
    "La ligne de commande d'aptitude est un peu différente, mais le même effet s'obtient avec "
    "aptitude reinstall postfix. Le problème ne se pose pas avec dpkg, mais il est rare que "
    "l'administrateur emploie directement ce dernier.";
const char* const kEnAnswer =
    "The aptitude command line is slightly different, but achieves the same result with "
    "aptitude reinstall postfix. The problem does not arise with dpkg, but the administrator "
    "rarely uses it directly.";

// A conversation document as the chat reader makes it, from (role, content) messages.
Document Conversation(std::string id, std::vector<std::pair<std::string, std::string>> messages) {
  Value::Array list;
  for (auto& [role, content] : messages) {
    Value m = Value::EmptyObject();
    m.Set("role", role);
    m.Set("content", content);
    list.push_back(std::move(m));
  }
  Value::Object record;
  record.emplace_back("id", Value(std::move(id)));
  record.emplace_back("messages", Value(std::move(list)));
  Document doc;
  ChatRecordResult r = DecodeChatRecord(std::move(record), "id", &doc);
  REQUIRE(r.outcome == ChatRecordOutcome::kConversation);
  return doc;
}

Document Exchange(std::string id, std::string answer) {
  return Conversation(std::move(id), {{"user", kFrQuestion}, {"assistant", std::move(answer)}});
}

Value FrenchOnly() {
  Value options = Value::EmptyObject();
  options.Set("model", TAMIS_MODELS_DIR "/lid.176.ftz");
  options.Set("languages", Value(Value::Array{Value("fra")}));
  return options;
}

std::string DropRule(const Document& doc) {
  return doc.dropped() ? doc.drop_entry()->rule : std::string("kept");
}

TEST_CASE("Chat filter keeps a French conversation and records each turn's language",
          "[filters][chat]") {
  auto stage = MakeStage(&CreateChatFilterStage, FrenchOnly());
  std::vector<Document> docs = {Exchange("fr", kFrAnswer)};
  Value report = RunOneBatch(*stage, docs);
  REQUIRE(DropRule(docs[0]) == "kept");
  for (size_t i = 0; i < 2; ++i) {
    const Value* turn = TurnMetadata(docs[0], i);
    CHECK(turn->GetString("language") == "fra_Latn");
    CHECK(turn->Find("language_score")->as_number() > 0.5);
  }
  CHECK(report.Find("turn_languages")->Find("fra_Latn")->as_int() == 2);
  // The conversation speaks its answer's language.
  CHECK(docs[0].metadata.GetString("language") == "fra_Latn");
  CHECK(docs[0].metadata.Find("language_score")->as_number() ==
        TurnMetadata(docs[0], 1)->Find("language_score")->as_number());
}

TEST_CASE("Chat filter drops a conversation with an answer in another language",
          "[filters][chat]") {
  auto stage = MakeStage(&CreateChatFilterStage, FrenchOnly());
  std::vector<Document> docs = {Exchange("en-answer", kEnAnswer)};
  Value report = RunOneBatch(*stage, docs);
  REQUIRE(DropRule(docs[0]) == "turn_language");
  CHECK(docs[0].drop_entry()->detail.rfind("turn 2 (assistant): eng_Latn", 0) == 0);
  CHECK(TurnMetadata(docs[0], 0)->GetString("language") == "fra_Latn");
  CHECK(report.Find("dropped")->Find("turn_language")->as_int() == 1);
}

TEST_CASE("Chat filter judges only user and assistant turns long enough to identify",
          "[filters][chat]") {
  auto stage = MakeStage(&CreateChatFilterStage, FrenchOnly());
  // An English system prompt and a two-word English question are not judged.
  std::vector<Document> docs = {Conversation(
      "short", {{"system", "You are a helpful assistant who knows Debian very well indeed."},
                {"user", "apt reinstall?"},
                {"assistant", kFrAnswer}})};
  RunOneBatch(*stage, docs);
  CHECK(DropRule(docs[0]) == "kept");
  CHECK(TurnMetadata(docs[0], 0)->GetString("language") == "eng_Latn");
  CHECK_FALSE(TurnMetadata(docs[0], 1)->Find("language"));
  // The English system prompt is longer than nothing, but the answer decides.
  CHECK(docs[0].metadata.GetString("language") == "fra_Latn");
}

TEST_CASE("Chat filter drops refusal and AI-disclaimer boilerplate in several languages",
          "[filters][chat]") {
  auto stage = MakeStage(&CreateChatFilterStage, Value::EmptyObject());
  std::vector<Document> docs = {
      Exchange("fr", "En tant qu\u2019IA, je ne peux pas modifier votre système."),
      Exchange("de", "Als KI-Sprachmodell habe ich keinen Zugriff auf Ihren Rechner."),
      Exchange("es", "Lo siento, pero no puedo ayudarte con esa solicitud."),
      Exchange("en", "I'm sorry, but I cannot help with reinstalling packages."),
      Exchange("kept", kFrAnswer)};
  Value report = RunOneBatch(*stage, docs);
  CHECK(DropRule(docs[0]) == "refusal");
  CHECK(docs[0].drop_entry()->detail == "turn 2 (assistant): fra: en tant qu'ia");
  CHECK(DropRule(docs[1]) == "refusal");
  CHECK(DropRule(docs[2]) == "refusal");
  CHECK(DropRule(docs[3]) == "refusal");
  CHECK(DropRule(docs[4]) == "kept");
  CHECK(report.Find("dropped")->Find("refusal")->as_int() == 4);
}

TEST_CASE("Chat filter refusal lists given in the pipeline replace the shipped ones",
          "[filters][chat]") {
  Value options = Value::EmptyObject();
  Value lists = Value::EmptyObject();
  lists.Set("eng", Value(Value::Array{Value("Hope this helps")}));
  options.Set("refusal_phrases", lists);
  auto stage = MakeStage(&CreateChatFilterStage, options);
  std::vector<Document> docs = {
      Exchange("old", "As an AI language model, I would use apt --reinstall install postfix."),
      Exchange("new", "Use apt --reinstall install postfix. Hope this helps!"),
      Exchange("fr", "En tant qu'IA, je ne peux pas modifier votre système.")};
  RunOneBatch(*stage, docs);
  CHECK(DropRule(docs[0]) == "kept");
  CHECK(DropRule(docs[1]) == "refusal");
  CHECK(DropRule(docs[2]) == "refusal");  // Other languages keep their shipped lists.
}

TEST_CASE("Chat filter drops answers cut off mid-sentence and keeps finished ones",
          "[filters][chat]") {
  auto stage = MakeStage(&CreateChatFilterStage, Value::EmptyObject());
  std::vector<Document> docs = {
      Exchange("cut", "La ligne de commande d'aptitude est un peu différente, mais le même"),
      Exchange("cut-accent",
               "Le problème ne se pose pas avec dpkg, mais il est rare que l'on "
               "réinstalle un paquet modifié"),
      Exchange("comma", "Utilisez apt --reinstall install postfix,"),
      Exchange("period", "Utilisez apt --reinstall install postfix."),
      Exchange("code", "Utilisez :\n```\napt --reinstall install postfix\n```"),
      Exchange("bracket", "Utilisez apt --reinstall (ou aptitude reinstall)")};
  RunOneBatch(*stage, docs);
  CHECK(DropRule(docs[0]) == "truncated_answer");
  CHECK(DropRule(docs[1]) == "truncated_answer");
  CHECK(DropRule(docs[2]) == "truncated_answer");
  CHECK(DropRule(docs[3]) == "kept");
  CHECK(DropRule(docs[4]) == "kept");
  CHECK(DropRule(docs[5]) == "kept");
}

TEST_CASE("Chat filter drops a turn that loops on itself", "[filters][chat]") {
  auto stage = MakeStage(&CreateChatFilterStage, Value::EmptyObject());
  std::string loop;
  for (int i = 0; i < 8; ++i) loop += "Le paquet est installé sur le système. ";
  std::vector<Document> docs = {Exchange("loop", loop), Exchange("kept", kFrAnswer)};
  RunOneBatch(*stage, docs);
  CHECK(DropRule(docs[0]) == "turn_repetition");
  CHECK(docs[0].drop_entry()->score > 0.7);
  CHECK(DropRule(docs[1]) == "kept");
}

TEST_CASE("Chat filter enforces turn counts and lengths", "[filters][chat]") {
  Value options = Value::EmptyObject();
  options.Set("max_turns", 2);
  options.Set("max_turn_bytes", 200);
  auto stage = MakeStage(&CreateChatFilterStage, options);
  Document plain;
  plain.text = kFrAnswer;
  std::vector<Document> docs = {Conversation("one", {{"assistant", "Utilisez apt."}}),
                                Conversation("four", {{"user", "Quoi ?"},
                                                      {"assistant", "Utilisez apt."},
                                                      {"user", "Et ensuite ?"},
                                                      {"assistant", "Rien."}}),
                                Exchange("long", kFrAnswer), std::move(plain),
                                Exchange("kept", "Utilisez apt --reinstall install postfix.")};
  RunOneBatch(*stage, docs);
  CHECK(DropRule(docs[0]) == "too_few_turns");
  CHECK(DropRule(docs[1]) == "too_many_turns");
  CHECK(DropRule(docs[2]) == "turn_too_long");
  CHECK(docs[2].drop_entry()->detail.rfind("turn 2 (assistant)", 0) == 0);
  CHECK(DropRule(docs[3]) == "not_conversation");
  CHECK(DropRule(docs[4]) == "kept");
}

TEST_CASE("Chat filter refuses impossible options", "[filters][chat]") {
  auto refused = [](const char* key, Value value) {
    Value options = Value::EmptyObject();
    options.Set(key, std::move(value));
    return !CreateChatFilterStage(options).ok();
  };
  CHECK(refused("min_turns", -1));
  CHECK(refused("max_repeated_ngram_fraction", 1.5));
  CHECK(refused("languages", Value(Value::Array{Value("klingon")})));
  CHECK(refused("refusal_phrases", Value("as an ai")));
  CHECK(refused("max_answer", 3));
}

}  // namespace
}  // namespace tamis
