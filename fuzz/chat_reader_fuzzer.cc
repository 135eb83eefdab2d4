// Fuzzes the chat layout end to end: JSONL lines read as conversations (OpenAI messages,
// ShareGPT, Alpaca; readers/chat_record.h), then every kept conversation rendered with ChatML
// and encoded with the embedded tokenizer (tokenize/chat_template.h). Aborts when a kept
// conversation's turns are not valid offsets into valid UTF-8 text, or when the loss mask is
// not one 0/1 per token.
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "fuzz/jsonl_batch.h"
#include "pipeline/chat_turns.h"
#include "pipeline/document.h"
#include "readers/utf8.h"
#include "tokenize/chat_template.h"
#include "tokenize/default_tokenizer.h"

namespace {

const tamis::ChatEncoder& Encoder() {
  static const std::unique_ptr<tamis::ChatEncoder> encoder = [] {
    auto tokenizer = tamis::LoadTokenizer("", {.add_bos = false, .add_eos = false});
    if (!tokenizer.ok()) std::abort();
    auto e = tamis::ChatEncoder::Create(*tamis::ChatTemplatePreset("chatml"),
                                        std::move(tokenizer).value());
    if (!e.ok()) std::abort();
    return std::move(e).value();
  }();
  return *encoder;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  tamis::ReaderOptions options;
  options.max_record_bytes = 1 << 20;
  options.layout = tamis::JsonlLayout::kChat;
  tamis::DocumentBatch batch;
  if (!tamis::fuzz::ReadJsonlBatch(data, size, options, 1000, &batch)) return 0;
  tamis::RenderedConversation rendered;
  tamis::ChatEncoding encoding;
  for (const tamis::Document& doc : batch.documents) {
    if (doc.verdict != tamis::Verdict::kKeep) continue;
    if (!tamis::IsValidUtf8(doc.text)) std::abort();
    auto turns = tamis::ConversationTurns(doc);
    if (!turns) std::abort();  // A kept conversation always has valid turn offsets.
    for (const tamis::TurnSpan& turn : *turns) {
      if (!tamis::IsValidUtf8(tamis::TurnText(doc, turn))) std::abort();
    }
    if (!Encoder().Render(doc, *turns, &rendered).ok()) std::abort();
    if (!Encoder().Encode(rendered, &encoding).ok()) std::abort();
    if (encoding.loss_mask.size() != encoding.ids.size()) std::abort();
    uint64_t ones = 0;
    for (uint8_t m : encoding.loss_mask) {
      if (m > 1) std::abort();
      ones += m;
    }
    if (ones != encoding.trained_tokens) std::abort();
  }
  return 0;
}
