#include "writers/conversation_json.h"

#include "pipeline/chat_turns.h"
#include "pipeline/json.h"

namespace tamis {
namespace {

std::string_view ShareGptName(TurnRole role) {
  switch (role) {
    case TurnRole::kSystem: return "system";
    case TurnRole::kUser: return "human";
    case TurnRole::kAssistant: return "gpt";
    case TurnRole::kTool: return "tool";
  }
  return "human";
}

bool IsOffsetKey(std::string_view key) {
  return key == "role" || key == "start" || key == "end" || key == "input_start";
}

// Alpaca has one user and one assistant turn (and maybe a system one): the reader made them.
bool AddAlpacaFields(const Document& doc, const std::vector<TurnSpan>& turns, Value* out) {
  std::string_view system, user, output;
  int64_t input_start = -1;
  for (size_t i = 0; i < turns.size(); ++i) {
    std::string_view text = TurnText(doc, turns[i]);
    switch (turns[i].role) {
      case TurnRole::kSystem: system = text; break;
      case TurnRole::kUser: {
        user = text;
        const Value* at = doc.metadata.Find("turns")->as_array()[i].Find("input_start");
        if (at && at->is_int()) input_start = at->as_int();
        break;
      }
      case TurnRole::kAssistant: output = text; break;
      case TurnRole::kTool: return false;
    }
  }
  std::string_view instruction = user, input;
  const auto user_start = static_cast<int64_t>(user.data() - doc.text.data());
  const int64_t split = input_start - user_start;
  if (input_start >= 0 && split >= static_cast<int64_t>(kTurnSeparator.size()) &&
      split <= static_cast<int64_t>(user.size())) {
    instruction = user.substr(0, static_cast<size_t>(split) - kTurnSeparator.size());
    input = user.substr(static_cast<size_t>(split));
  }
  out->Set("instruction", instruction);
  out->Set("input", input);
  out->Set("output", output);
  if (!system.empty()) out->Set("system", system);
  return true;
}

}  // namespace

bool AppendConversationJson(const Document& doc, std::string* out) {
  std::optional<std::vector<TurnSpan>> turns = ConversationTurns(doc);
  const std::string_view layout = doc.metadata.GetString("chat_layout");
  if (!turns || (layout != "messages" && layout != "sharegpt" && layout != "alpaca")) {
    return false;
  }
  Value record = Value::EmptyObject();
  record.Set("id", doc.id);
  if (layout == "alpaca") {
    if (!AddAlpacaFields(doc, *turns, &record)) return false;
  } else {
    const bool sharegpt = layout == "sharegpt";
    Value::Array messages;
    const Value::Array& meta = doc.metadata.Find("turns")->as_array();
    for (size_t i = 0; i < turns->size(); ++i) {
      const TurnSpan& t = (*turns)[i];
      Value m = Value::EmptyObject();
      m.Set(sharegpt ? "from" : "role", sharegpt ? ShareGptName(t.role) : TurnRoleName(t.role));
      m.Set(sharegpt ? "value" : "content", TurnText(doc, t));
      for (const auto& [k, v] : meta[i].as_object()) {
        if (!IsOffsetKey(k)) m.Set(k, v);
      }
      messages.push_back(std::move(m));
    }
    record.Set(sharegpt ? "conversations" : "messages", Value(std::move(messages)));
  }
  for (const auto& [k, v] : doc.metadata.as_object()) {
    if (k != "turns" && k != "chat_layout" && !record.Find(k)) record.Set(k, v);
  }
  AppendJson(record, out);
  out->push_back('\n');
  return true;
}

}  // namespace tamis
