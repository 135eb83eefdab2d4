#include "writers/conversation_json.h"

#include <catch2/catch.hpp>

#include "pipeline/json.h"
#include "readers/chat_record.h"

namespace tamis {
namespace {

// Reads `line` as the chat reader does and writes it back.
std::string RoundTrip(std::string_view line) {
  Result<Value> parsed = ParseJson(line);
  REQUIRE(parsed.ok());
  Document doc;
  REQUIRE(DecodeChatRecord(std::move(parsed->as_object()), "id", &doc).outcome ==
          ChatRecordOutcome::kConversation);
  std::string out;
  REQUIRE(AppendConversationJson(doc, &out));
  return out;
}

TEST_CASE("Conversations are written back in the layout they were read in", "[writers]") {
  // Lines in the writer's key order come back byte for byte.
  const std::string messages =
      R"({"id":"fr-1","messages":[{"role":"system","content":"Tu es un assistant Debian."},)"
      R"({"role":"user","content":"Comment réinstaller postfix ?","name":"camille"},)"
      R"({"role":"assistant","content":"Avec apt --reinstall install postfix."}],)"
      R"("source":"handbook-fr"})";
  CHECK(RoundTrip(messages) == messages + "\n");
  const std::string sharegpt =
      R"({"id":"en-2","conversations":[{"from":"human","value":"What does pkg-list hold?"},)"
      R"({"from":"gpt","value":"The list of installed packages."}]})";
  CHECK(RoundTrip(sharegpt) == sharegpt + "\n");
  const std::string alpaca = R"({"id":"7","instruction":"Erkläre die Optionen Acquire::*.",)"
                             R"("input":"apt -o \"Acquire::PDiffs=false\" update",)"
                             R"("output":"Sie steuern andere Aspekte des Downloads."})";
  CHECK(RoundTrip(alpaca) == alpaca + "\n");
  const std::string alpaca_no_input =
      R"({"id":"8","instruction":"Was ist APT?","input":"","output":"Ein Paketwerkzeug."})";
  CHECK(RoundTrip(alpaca_no_input) == alpaca_no_input + "\n");
}

TEST_CASE("Conversation roles are written normalised", "[writers]") {
  CHECK(RoundTrip(R"({"id":"a","conversations":[{"from":"user","value":"Quoi ?"},)"
                  R"({"from":"chatgpt","value":"Rien."}]})") ==
        R"({"id":"a","conversations":[{"from":"human","value":"Quoi ?"},)"
        R"({"from":"gpt","value":"Rien."}]})"
        "\n");
  CHECK(RoundTrip(R"({"id":"b","messages":[{"role":"developer","content":"Sois bref."},)"
                  R"({"role":"user","content":"Quoi ?"},{"role":"assistant","content":"Rien."}]})")
            .find(R"({"role":"system","content":"Sois bref."})") != std::string::npos);
}

TEST_CASE("A document that is no conversation is not written as one", "[writers]") {
  Document doc;
  doc.id = "plain";
  doc.text = "A GNU/Linux distribution has two main objectives.";
  std::string out;
  CHECK_FALSE(AppendConversationJson(doc, &out));
  CHECK(out.empty());
}

}  // namespace
}  // namespace tamis
