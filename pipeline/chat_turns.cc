#include "pipeline/chat_turns.h"

namespace tamis {

std::string_view TurnRoleName(TurnRole role) {
  switch (role) {
    case TurnRole::kSystem: return "system";
    case TurnRole::kUser: return "user";
    case TurnRole::kAssistant: return "assistant";
    case TurnRole::kTool: return "tool";
  }
  return "user";
}

std::optional<TurnRole> ParseTurnRoleName(std::string_view name) {
  if (name == "system") return TurnRole::kSystem;
  if (name == "user") return TurnRole::kUser;
  if (name == "assistant") return TurnRole::kAssistant;
  if (name == "tool") return TurnRole::kTool;
  return std::nullopt;
}

std::optional<std::vector<TurnSpan>> ConversationTurns(const Document& doc) {
  const Value* turns = doc.metadata.Find("turns");
  if (!turns || !turns->is_array()) return std::nullopt;
  std::vector<TurnSpan> spans;
  spans.reserve(turns->as_array().size());
  uint64_t previous_end = 0;
  for (const Value& t : turns->as_array()) {
    std::optional<TurnRole> role = ParseTurnRoleName(t.GetString("role"));
    const Value* start = t.Find("start");
    const Value* end = t.Find("end");
    if (!role || !start || !end || !start->is_int() || !end->is_int()) return std::nullopt;
    int64_t s = start->as_int(), e = end->as_int();
    if (s < static_cast<int64_t>(previous_end) || e < s ||
        e > static_cast<int64_t>(doc.text.size())) {
      return std::nullopt;
    }
    spans.push_back({*role, static_cast<uint64_t>(s), static_cast<uint64_t>(e)});
    previous_end = static_cast<uint64_t>(e);
  }
  return spans;
}

std::string_view FirstPromptText(const Document& doc) {
  std::optional<std::vector<TurnSpan>> turns = ConversationTurns(doc);
  if (turns) {
    for (const TurnSpan& t : *turns) {
      if (t.role == TurnRole::kUser) return TurnText(doc, t);
    }
  }
  return doc.text;
}

Value* TurnMetadata(Document& doc, size_t index) {
  Value* turns = doc.metadata.Find("turns");
  if (!turns || !turns->is_array() || index >= turns->as_array().size()) return nullptr;
  return &turns->as_array()[index];
}

}  // namespace tamis
