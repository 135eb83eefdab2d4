// The JSONL form of a kept conversation in the layout it was read in (pipeline/chat_turns.h
// "chat_layout"), what Axolotl, TRL and similar trainers read:
//   messages  {"id", "messages": [{"role", "content", ...}], <other metadata>}
//   sharegpt  {"id", "conversations": [{"from", "value", ...}], <other metadata>}
//             roles written back as ShareGPT names: system, human, gpt, tool
//   alpaca    {"id", "instruction", "input", "output", ["system"], <other metadata>}
// A turn's other keys (the input message's own, and what chat stages recorded: "language",
// "language_score") stay on its message; the offsets do not. Roles are the normalised ones
// (an input "developer" comes back as "system"). Deterministic byte for byte.
#ifndef TAMIS_WRITERS_CONVERSATION_JSON_H_
#define TAMIS_WRITERS_CONVERSATION_JSON_H_

#include <string>

#include "pipeline/document.h"

namespace tamis {

// Appends the conversation and a trailing newline to `out`; false (and nothing appended)
// when `doc` is not a conversation (no valid turns or no known "chat_layout").
bool AppendConversationJson(const Document& doc, std::string* out);

}  // namespace tamis

#endif  // TAMIS_WRITERS_CONVERSATION_JSON_H_
