// ChatTokenizeStage (`- stage: chat_tokenize`): renders each conversation document with a chat
// template (tokenize/chat_template.h, ChatML by default), encodes it, and writes Megatron token
// shards plus their parallel loss-mask datasets (`OUTPUT_00000.bin/.idx` and
// `OUTPUT_00000_loss_mask.bin/.idx`: one uint8 per token, 1 on the assistant's tokens; layout in
// megatron_format.md). One conversation is one sequence and one document in both.
//
// Same execution shape as TokenizeStage (kSerialInOrder, encoding parallel inside a batch, in
// input order whatever the thread count; see tokenize_stage.h for why), with its own code path
// so the two stages evolve separately.
//
// Every kept conversation gets `metadata.tokens` (ids, BOS/EOS included) and
// `metadata.assistant_tokens` (mask ones). Dropped, with the rule in the rejects ledger:
//   not_a_conversation    no valid metadata.turns (the input was not read with layout: chat)
//   no_assistant_tokens   nothing to train on: no assistant turn, or only empty ones (an
//                         end marker alone is not trained on)
//
// Options: tokenizer (path or "tamis-default"), output (prefix, required), template (preset
// name or mapping, chat_template.h; default chatml), bos (false), eos (true), shard_tokens,
// shard_bytes (0: none). With several tasks, task t writes OUTPUT-TTTTT_NNNNN.
// Thread rule: the graph's contract; the writer is touched only by the serial Process and by
// Start/Finish.
#ifndef TAMIS_TOKENIZE_CHAT_TOKENIZE_STAGE_H_
#define TAMIS_TOKENIZE_CHAT_TOKENIZE_STAGE_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "pipeline/stage.h"
#include "tokenize/chat_template.h"
#include "tokenize/megatron_writer.h"
#include "tokenize/tokenize_stage.h"

namespace tamis {

class ChatTokenizeStage final : public Stage {
 public:
  ChatTokenizeStage(std::unique_ptr<ChatEncoder> encoder, TokenizeConfig config);

  std::string_view name() const override { return "chat_tokenize"; }
  StageMode mode() const override { return StageMode::kSerialInOrder; }
  Status Start(const RunContext& run) override;
  Status Process(DocumentBatch& batch, Scratch* scratch) const override;
  Status Finish(Scratches scratches, StageReport& report) override;

  // Valid after Finish().
  const std::vector<megatron::ShardInfo>& shards() const { return shards_; }
  uint64_t tokens() const { return tokens_; }
  uint64_t assistant_tokens() const { return assistant_tokens_; }

 private:
  std::unique_ptr<ChatEncoder> encoder_;
  TokenizeConfig config_;
  megatron::DType dtype_;
  std::unique_ptr<megatron::ShardWriter> writer_;
  std::vector<megatron::ShardInfo> shards_;
  uint64_t tokens_ = 0;
  // Written only from the serial Process.
  mutable uint64_t assistant_tokens_ = 0;
};

Result<std::unique_ptr<Stage>> CreateChatTokenizeStage(const Value& options);

// Several tasks' reports as one: MergeTokenizeReports plus the assistant token counts.
Result<Value> MergeChatTokenizeReports(std::span<const Value> reports);

}  // namespace tamis

#endif  // TAMIS_TOKENIZE_CHAT_TOKENIZE_STAGE_H_
