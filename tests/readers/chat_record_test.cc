#include "readers/chat_record.h"

#include <catch2/catch.hpp>

#include "pipeline/chat_turns.h"
#include "tests/readers/read_all.h"

namespace tamis {
namespace {

using testing::ReadAll;
using testing::ReadResult;

const std::string kChat = std::string(TAMIS_TEST_DATA) + "/readers/chat.jsonl";

ReadResult ReadChat() {
  ReaderOptions options;
  options.layout = JsonlLayout::kChat;
  return ReadAll(kChat, options);
}

std::vector<std::pair<std::string, std::string>> RolesAndTexts(const Document& doc) {
  std::vector<std::pair<std::string, std::string>> out;
  std::optional<std::vector<TurnSpan>> turns = ConversationTurns(doc);
  REQUIRE(turns);
  for (const TurnSpan& t : *turns) {
    out.emplace_back(TurnRoleName(t.role), TurnText(doc, t));
  }
  return out;
}

TEST_CASE("The chat layout reads OpenAI messages as one document with turn offsets", "[readers]") {
  ReadResult r = ReadChat();
  REQUIRE(r.status.ok());
  REQUIRE(r.documents.size() == 3);
  const Document& doc = r.documents[0];
  CHECK(doc.id == "fr-1");
  CHECK(doc.metadata.GetString("chat_layout") == "messages");
  CHECK(doc.metadata.GetString("source") == "handbook-fr");
  CHECK_FALSE(doc.metadata.Find("messages"));
  auto turns = RolesAndTexts(doc);
  REQUIRE(turns.size() == 3);
  CHECK(turns[0] == std::pair<std::string, std::string>(
                        "system", "Tu es un assistant qui connaît bien Debian."));
  CHECK(turns[1].first == "user");
  CHECK(turns[1].second == "Comment réinstaller un paquet déjà installé avec APT ?");
  CHECK(turns[2].first == "assistant");
  CHECK(turns[2].second.rfind("Utilisez apt --reinstall install postfix.", 0) == 0);
  // The text is every turn, blank-line separated, so text stages see all of them.
  CHECK(doc.text == turns[0].second + "\n\n" + turns[1].second + "\n\n" + turns[2].second);
  // Fields of a message other than role and content stay with its turn.
  CHECK(TurnMetadata(const_cast<Document&>(doc), 1)->GetString("name") == "camille");
}

TEST_CASE("The chat layout maps ShareGPT roles to user and assistant", "[readers]") {
  ReadResult r = ReadChat();
  REQUIRE(r.documents.size() == 3);
  const Document& doc = r.documents[1];
  CHECK(doc.id == "en-2");
  CHECK(doc.metadata.GetString("chat_layout") == "sharegpt");
  auto turns = RolesAndTexts(doc);
  REQUIRE(turns.size() == 4);
  CHECK(turns[0].first == "user");
  CHECK(turns[1].first == "assistant");
  CHECK(turns[2] == std::pair<std::string, std::string>("user", "And then?"));
  CHECK(turns[3].first == "assistant");
}

TEST_CASE("The chat layout makes an Alpaca record a user turn and an assistant turn", "[readers]") {
  ReadResult r = ReadChat();
  REQUIRE(r.documents.size() == 3);
  Document& doc = r.documents[2];
  CHECK(doc.id == "7");
  CHECK(doc.metadata.GetString("chat_layout") == "alpaca");
  auto turns = RolesAndTexts(doc);
  REQUIRE(turns.size() == 2);
  CHECK(turns[0].first == "user");
  CHECK(turns[0].second ==
        "Erkläre, was die Optionen Acquire::* steuern.\n\n"
        "sudo apt -o \"Acquire::PDiffs=false\" update");
  CHECK(turns[1].first == "assistant");
  // The input's offset lets a writer split instruction and input again.
  int64_t input_start = TurnMetadata(doc, 0)->Find("input_start")->as_int();
  CHECK(doc.text.substr(input_start, 7) == "sudo ap");
}

TEST_CASE("The chat layout counts each malformed conversation by its reason", "[readers]") {
  ReadResult r = ReadChat();
  REQUIRE(r.status.ok());
  CHECK(r.skipped["chat_no_assistant"] == 1);
  CHECK(r.skipped["chat_unknown_role"] == 1);
  CHECK(r.skipped["chat_empty_turn"] == 1);
  CHECK(r.skipped["chat_not_conversation"] == 2);
  // Malformed records are named with their line; legitimately refused ones are only counted.
  REQUIRE(r.messages.size() == 3);
  CHECK(r.messages[0].find("chat.jsonl line 5") != std::string::npos);
  CHECK(r.messages[0].find("turn 1 has role 'narrator'") != std::string::npos);
}

TEST_CASE("Conversation turns with offsets outside the text are not a conversation", "[readers]") {
  Document doc;
  doc.text = "short";
  Value turn = Value::EmptyObject();
  turn.Set("role", "assistant");
  turn.Set("start", 0);
  turn.Set("end", 99);
  doc.metadata.Set("turns", Value(Value::Array{turn}));
  CHECK_FALSE(ConversationTurns(doc));
  TurnMetadata(doc, 0)->Set("end", 5);
  REQUIRE(ConversationTurns(doc));
  CHECK(ConversationTurns(doc)->at(0).role == TurnRole::kAssistant);
}

}  // namespace
}  // namespace tamis
