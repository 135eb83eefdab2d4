#include "readers/chat_record.h"

#include <optional>
#include <string_view>

#include "pipeline/chat_turns.h"

namespace tamis {
namespace {

enum class Layout { kMessages, kShareGpt, kAlpaca };

std::optional<TurnRole> MessagesRole(std::string_view role) {
  // "developer" is OpenAI's newer name for the system prompt; "function" its older tool role.
  if (role == "developer") return TurnRole::kSystem;
  if (role == "function") return TurnRole::kTool;
  return ParseTurnRoleName(role);
}

std::optional<TurnRole> ShareGptRole(std::string_view from) {
  if (from == "system") return TurnRole::kSystem;
  if (from == "human" || from == "user") return TurnRole::kUser;
  if (from == "gpt" || from == "assistant" || from == "chatgpt") return TurnRole::kAssistant;
  if (from == "tool" || from == "observation") return TurnRole::kTool;
  return std::nullopt;
}

bool IsBlank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

ChatRecordResult Refused(ChatRecordOutcome outcome, std::string reason, std::string detail) {
  return {outcome, std::move(reason), std::move(detail)};
}

// Builds the text and the turn list as turns are appended.
class ConversationBuilder {
 public:
  // Appends a turn; `extra` becomes the turn's metadata beside role/start/end.
  void Add(TurnRole role, std::string_view content, Value extra) {
    if (!text_.empty()) text_ += kTurnSeparator;
    Value turn = Value::EmptyObject();
    turn.Set("role", TurnRoleName(role));
    turn.Set("start", static_cast<uint64_t>(text_.size()));
    text_ += content;
    turn.Set("end", static_cast<uint64_t>(text_.size()));
    if (extra.is_object()) {
      for (auto& [k, v] : extra.as_object()) turn.Set(k, std::move(v));
    }
    if (role == TurnRole::kAssistant) has_assistant_ = true;
    turns_.push_back(std::move(turn));
  }
  // Offset the next appended content would start at.
  uint64_t size() const { return text_.size(); }
  std::string& text() { return text_; }
  bool has_assistant() const { return has_assistant_; }
  Value::Array& turns() { return turns_; }

 private:
  std::string text_;
  Value::Array turns_;
  bool has_assistant_ = false;
};

// Messages and ShareGPT: a list of turn objects with a role key and a content key.
ChatRecordResult AddTurnList(Value& list, Layout layout, ConversationBuilder* out) {
  std::string_view role_key = layout == Layout::kMessages ? "role" : "from";
  std::string_view content_key = layout == Layout::kMessages ? "content" : "value";
  if (!list.is_array() || list.as_array().empty()) {
    return Refused(ChatRecordOutcome::kMalformed, "chat_not_conversation",
                   "'" + std::string(layout == Layout::kMessages ? "messages" : "conversations") +
                       "' is not a non-empty list");
  }
  size_t index = 0;
  for (Value& message : list.as_array()) {
    const Value* content = message.Find(content_key);
    if (!message.is_object() || !content || !content->is_string()) {
      return Refused(ChatRecordOutcome::kMalformed, "chat_not_conversation",
                     "turn " + std::to_string(index + 1) + " has no string '" +
                         std::string(content_key) + "'");
    }
    std::string_view role_name = message.GetString(role_key);
    std::optional<TurnRole> role =
        layout == Layout::kMessages ? MessagesRole(role_name) : ShareGptRole(role_name);
    if (!role) {
      return Refused(
          ChatRecordOutcome::kMalformed, "chat_unknown_role",
          "turn " + std::to_string(index + 1) + " has role '" + std::string(role_name) + "'");
    }
    if (IsBlank(content->as_string())) {
      return Refused(ChatRecordOutcome::kRefused, "chat_empty_turn",
                     "turn " + std::to_string(index + 1) + " is empty");
    }
    Value extra = Value::EmptyObject();
    for (auto& [k, v] : message.as_object()) {
      if (k != role_key && k != content_key) extra.Set(k, std::move(v));
    }
    out->Add(*role, content->as_string(), std::move(extra));
    ++index;
  }
  return {ChatRecordOutcome::kConversation, {}, {}};
}

ChatRecordResult AddAlpaca(Value::Object& record, ConversationBuilder* out) {
  auto take = [&](std::string_view key) -> std::optional<std::string> {
    for (auto it = record.begin(); it != record.end(); ++it) {
      if (it->first != key) continue;
      if (!it->second.is_string()) return std::nullopt;
      std::string s = std::move(it->second.as_string());
      record.erase(it);
      return s;
    }
    return std::string();
  };
  std::optional<std::string> system = take("system");
  std::optional<std::string> instruction = take("instruction");
  std::optional<std::string> input = take("input");
  std::optional<std::string> output = take("output");
  if (!system || !instruction || !input || !output) {
    return Refused(ChatRecordOutcome::kMalformed, "chat_not_conversation",
                   "an Alpaca field is not a string");
  }
  if (IsBlank(*instruction) || IsBlank(*output)) {
    return Refused(ChatRecordOutcome::kRefused, "chat_empty_turn",
                   IsBlank(*instruction) ? "empty instruction" : "empty output");
  }
  if (!IsBlank(*system)) out->Add(TurnRole::kSystem, *system, Value());
  Value extra = Value::EmptyObject();
  std::string user = *instruction;
  if (!IsBlank(*input)) {
    // Where the input starts once the turn is placed after what is already in the text.
    uint64_t turn_start = out->size() + (out->size() ? kTurnSeparator.size() : 0);
    user += kTurnSeparator;
    extra.Set("input_start", turn_start + user.size());
    user += *input;
  }
  out->Add(TurnRole::kUser, user, std::move(extra));
  out->Add(TurnRole::kAssistant, *output, Value());
  return {ChatRecordOutcome::kConversation, {}, {}};
}

}  // namespace

ChatRecordResult DecodeChatRecord(Value::Object record, std::string_view id_field, Document* doc) {
  std::optional<Layout> layout;
  for (const auto& [key, value] : record) {
    if (key == "messages") layout = Layout::kMessages;
    if (key == "conversations") layout = Layout::kShareGpt;
    if (layout) break;
  }
  if (!layout) {
    bool alpaca = false;
    for (const auto& [key, value] : record) alpaca = alpaca || key == "instruction";
    if (alpaca) layout = Layout::kAlpaca;
  }
  if (!layout) {
    return Refused(ChatRecordOutcome::kMalformed, "chat_not_conversation",
                   "no 'messages', 'conversations' or 'instruction' field");
  }
  ConversationBuilder builder;
  ChatRecordResult result{ChatRecordOutcome::kConversation, {}, {}};
  Value metadata = Value::EmptyObject();
  if (*layout == Layout::kAlpaca) {
    result = AddAlpaca(record, &builder);
    if (result.outcome != ChatRecordOutcome::kConversation) return result;
  }
  for (auto& [key, value] : record) {
    if (*layout != Layout::kAlpaca &&
        key == (*layout == Layout::kMessages ? "messages" : "conversations")) {
      result = AddTurnList(value, *layout, &builder);
      if (result.outcome != ChatRecordOutcome::kConversation) return result;
    } else if (key == id_field) {
      if (value.is_string()) doc->id = std::move(value.as_string());
      if (value.is_int()) doc->id = std::to_string(value.as_int());
    } else {
      metadata.Set(key, std::move(value));
    }
  }
  if (!builder.has_assistant()) {
    return Refused(ChatRecordOutcome::kRefused, "chat_no_assistant", "no assistant turn");
  }
  metadata.Set("chat_layout", *layout == Layout::kMessages   ? "messages"
                              : *layout == Layout::kShareGpt ? "sharegpt"
                                                             : "alpaca");
  metadata.Set("turns", Value(std::move(builder.turns())));
  doc->text = std::move(builder.text());
  doc->metadata = std::move(metadata);
  return result;
}

}  // namespace tamis
