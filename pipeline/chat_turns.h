// ChatTurns: how a conversation lives in a Document, shared by the chat reader, the chat stages
// and the chat writers.
//
// A conversation is ONE document. Its `text` is every turn's content, in order, separated by a
// blank line ("\n\n"), so stages that look at text (langid, quality, PII, decontamination, dedup)
// see all of it and never a role marker. Its metadata says where each turn is:
//
//   "chat_layout": "messages" | "sharegpt" | "alpaca"     (the input's layout, for re-rendering)
//   "turns": [{"role": "user", "start": 0, "end": 42, ...}, ...]
//
// `start`/`end` are byte offsets into `text`, half-open, in order and non-overlapping; `role` is
// normalised to system / user / assistant / tool. A turn object may carry more keys: fields of
// the input message other than role and content (e.g. "name"), which writers put back, and what
// chat stages record about the turn (e.g. "language", "language_score"). For Alpaca records the
// user turn is the instruction, then a blank line and the input when there is one; the turn's
// "input_start" is the input's offset so a writer can split them again.
// A stage that changes `text` of a conversation must rewrite the offsets (none does today).
//
// Thread-safety: plain functions on values.
#ifndef TAMIS_PIPELINE_CHAT_TURNS_H_
#define TAMIS_PIPELINE_CHAT_TURNS_H_

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "pipeline/document.h"
#include "pipeline/value.h"

namespace tamis {

enum class TurnRole { kSystem, kUser, kAssistant, kTool };

// The normalised name written in metadata ("system", "user", "assistant", "tool").
std::string_view TurnRoleName(TurnRole role);
std::optional<TurnRole> ParseTurnRoleName(std::string_view name);

// The separator between turns in a conversation's text.
inline constexpr std::string_view kTurnSeparator = "\n\n";

struct TurnSpan {
  TurnRole role;
  uint64_t start;  // Byte offset of the turn's content in the document's text.
  uint64_t end;    // One past its last byte.
};

// The turns of a conversation document, or nullopt when `doc` is not one (no "turns" array or
// an entry without a known role or with offsets outside the text).
std::optional<std::vector<TurnSpan>> ConversationTurns(const Document& doc);

// The content of `turn` in `doc`; `turn` must come from ConversationTurns(doc).
inline std::string_view TurnText(const Document& doc, const TurnSpan& turn) {
  return std::string_view(doc.text).substr(turn.start, turn.end - turn.start);
}

// The first user turn's text (the prompt, what translated prompt sets repeat); the whole text
// when `doc` is not a conversation or has no user turn.
std::string_view FirstPromptText(const Document& doc);

// The metadata object of turn `index` (to record facts about it); nullptr when absent.
Value* TurnMetadata(Document& doc, size_t index);

}  // namespace tamis

#endif  // TAMIS_PIPELINE_CHAT_TURNS_H_
