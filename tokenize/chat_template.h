// Chat templates: how a conversation document (pipeline/chat_turns.h) becomes the text an SFT
// model is trained on, and the token ids plus loss mask of that text.
//
// A template puts a role prefix before and a role suffix after every turn's content, and an
// optional `begin` string once before the first turn. ChatML, the default:
//
//   <|im_start|>system\n{content}<|im_end|>\n<|im_start|>user\n{content}<|im_end|>\n…
//
// Presets: "chatml", "llama3" (<|begin_of_text|>, <|start_header_id|>ROLE<|end_header_id|>\n\n,
// <|eot_id|>). A custom template starts from a preset (default chatml) and replaces any prefix,
// suffix or `begin` (ParseChatTemplate).
//
// Encoding (ChatEncoder::Encode). The rendered text is encoded in ONE SentencePiece call, so
// the ids are exactly `spm_encode` of the rendered text: SentencePiece's segmentation of a
// concatenation is not the concatenation of per-segment segmentations (merges and `▁` cross
// boundaries), so marker and content are never encoded apart. The one exception is a marker
// (or a part of one) that is a CONTROL symbol of the model (e.g. `</s>`, or `<|im_start|>` in a
// model trained with it as control): encoding never yields a control id from text, so the
// encoder emits that id itself and encodes the text on either side separately. A user-defined
// symbol needs no exception (SentencePiece matches it inside the text). With the embedded
// tamis-default model no ChatML marker is a piece, so markers are encoded as text.
//
// Loss mask: 1 on the tokens the model is trained to produce — assistant content and the
// assistant turn's suffix (its end-of-turn marker, as Axolotl/TRL train on `<|im_end|>` so the
// model learns to stop) — and 0 on everything else (begin, every prefix including the
// assistant's, system/user/tool turns, BOS, EOS). A token is attributed to the byte it ENDS on
// (the last byte of its span): a token straddling a boundary belongs to the side it finishes
// in. So `▁Hello` covering the space before an answer and its first word is trained, and a
// token running from an answer's last bytes into the next prefix is not. Byte-fallback pieces
// of one character share the character's attribution (all but the last have an empty span).
//
// Thread rule: ChatEncoder is immutable after Create(); Render/Encode may run concurrently.
#ifndef TAMIS_TOKENIZE_CHAT_TEMPLATE_H_
#define TAMIS_TOKENIZE_CHAT_TEMPLATE_H_

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/chat_turns.h"
#include "pipeline/document.h"
#include "pipeline/status.h"
#include "pipeline/value.h"
#include "tokenize/sentencepiece_tokenizer.h"

namespace tamis {

struct RoleMarkers {
  std::string prefix;
  std::string suffix;
};

struct ChatTemplate {
  std::string name = "chatml";  // The preset it started from, or "custom" once changed.
  std::string begin;            // Once, before the first turn.
  // Indexed by TurnRole (system, user, assistant, tool).
  std::array<RoleMarkers, 4> roles;
  bool bos = false;  // The tokenizer's BOS id first (mask 0).
  bool eos = true;   // The tokenizer's EOS id last (mask 0): Megatron's --append-eod boundary.

  const RoleMarkers& markers(TurnRole role) const { return roles[static_cast<size_t>(role)]; }
  RoleMarkers& markers(TurnRole role) { return roles[static_cast<size_t>(role)]; }
};

// "chatml" or "llama3"; kInvalidArgument naming the known presets otherwise.
Result<ChatTemplate> ChatTemplatePreset(std::string_view name);

// `template:` of the stage: a preset name, or a mapping
//   {preset: chatml, begin: "...", system: {prefix: "...", suffix: "..."}, user: {...}, ...}
// (nullptr: ChatML). Unknown keys are errors, named with `where`.
Result<ChatTemplate> ParseChatTemplate(const Value* value, const std::string& where);

// The template as a Value (for the stage report).
Value ChatTemplateValue(const ChatTemplate& chat_template);

// One piece of the rendered text: a marker part or a turn's content.
struct RenderedSegment {
  uint32_t begin;  // Byte offsets into RenderedConversation::text.
  uint32_t end;
  bool trained;        // Inside the loss mask (assistant content and suffix).
  int32_t control_id;  // >= 0: a control symbol, emitted as this id instead of encoded.
};

struct RenderedConversation {
  std::string text;
  std::vector<RenderedSegment> segments;  // In order, covering `text` exactly.
};

struct ChatEncoding {
  std::vector<int32_t> ids;
  std::vector<uint8_t> loss_mask;  // Same length as ids; 1 = trained.
  uint64_t trained_tokens = 0;
};

class ChatEncoder {
 public:
  // kInvalidArgument when the template asks for BOS/EOS the model lacks.
  static Result<std::unique_ptr<ChatEncoder>> Create(ChatTemplate chat_template,
                                                     std::shared_ptr<const Tokenizer> tokenizer);

  // Renders `turns` of `doc` (from ConversationTurns(doc)). A conversation over 4 GiB of
  // rendered text is kInvalidArgument (offsets are 32-bit, as SentencePiece's).
  Status Render(const Document& doc, std::span<const TurnSpan> turns,
                RenderedConversation* out) const;
  // Ids and loss mask of `rendered` (see the header comment for the rules).
  Status Encode(const RenderedConversation& rendered, ChatEncoding* out) const;

  const ChatTemplate& chat_template() const { return template_; }
  const Tokenizer& tokenizer() const { return *tokenizer_; }

 private:
  // A marker string cut into text parts and control symbols.
  struct MarkerPart {
    std::string text;
    int32_t control_id;
  };
  using Marker = std::vector<MarkerPart>;

  ChatEncoder(ChatTemplate chat_template, std::shared_ptr<const Tokenizer> tokenizer);
  Marker SplitMarker(const std::string& marker) const;

  ChatTemplate template_;
  std::shared_ptr<const Tokenizer> tokenizer_;
  Marker begin_;
  std::array<Marker, 4> prefixes_;
  std::array<Marker, 4> suffixes_;
};

}  // namespace tamis

#endif  // TAMIS_TOKENIZE_CHAT_TEMPLATE_H_
