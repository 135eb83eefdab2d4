// ChatRecord: one JSONL conversation record (OpenAI/HF messages, ShareGPT or Alpaca) turned into
// a conversation document as pipeline/chat_turns.h describes it.
//
// Layouts, recognised per record by their field (the first that is present wins):
//   "messages":      [{"role", "content", ...}]     roles system/developer, user, assistant,
//                                                    tool/function (OpenAI, HF chat templates)
//   "conversations": [{"from", "value", ...}]       ShareGPT: system, human/user,
//                                                    gpt/assistant/chatgpt, tool/observation
//   "instruction", "input", "output" (+ "system")   Alpaca: a user turn, an assistant turn
// Every other field of the record goes to metadata unchanged ("id" becomes the document id).
//
// A record that is no conversation is refused with a reason key, for the decoder to count:
//   "chat_not_conversation"  none of the layouts' fields, or the turn list is not a list of
//                            objects with string contents (malformed: told to on_skip);
//   "chat_unknown_role"      a role the layout does not define (malformed);
//   "chat_empty_turn"        a turn whose content is empty or only white space;
//   "chat_no_assistant"      no assistant turn: nothing to learn from.
// Details number turns from 1, as chat_filter's do.
// Assistant turns whose content is not a string (an OpenAI tool call with null content) are
// refused as not a conversation: tamis does not render tool calls.
//
// Thread-safety: a pure function.
#ifndef TAMIS_READERS_CHAT_RECORD_H_
#define TAMIS_READERS_CHAT_RECORD_H_

#include <string>

#include "pipeline/document.h"
#include "pipeline/value.h"

namespace tamis {

enum class ChatRecordOutcome { kConversation, kRefused, kMalformed };

struct ChatRecordResult {
  ChatRecordOutcome outcome;
  std::string reason;  // Reason key when not kConversation.
  std::string detail;  // What was wrong, for on_skip messages.
};

// Fills doc.text, doc.metadata (the record's other fields plus "chat_layout" and "turns") and,
// when the record has one, doc.id (from `id_field`). `record` is consumed.
ChatRecordResult DecodeChatRecord(Value::Object record, std::string_view id_field, Document* doc);

}  // namespace tamis

#endif  // TAMIS_READERS_CHAT_RECORD_H_
