#include "tokenize/chat_tokenize_stage.h"

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>

#include <algorithm>
#include <mutex>
#include <optional>

#include "pipeline/chat_turns.h"
#include "pipeline/options.h"
#include "tokenize/default_tokenizer.h"

namespace tamis {
namespace {

// Conversations per parallel_for chunk, as TokenizeStage's documents (tokenize_stage.cc).
constexpr size_t kConversationsPerChunk = 8;

// The conversation in messages: its file, line (the chat layout is JSONL) and id.
std::string Where(const Document& doc) {
  return (doc.origin_file ? *doc.origin_file : std::string("<input>")) + " line " +
         std::to_string(doc.origin_position) + " (" + doc.id + ")";
}

// An assistant turn with content. Without one there is nothing to train on: the end marker of
// an empty answer alone would teach the model to answer nothing.
bool HasAnswer(const std::vector<TurnSpan>& turns) {
  return std::any_of(turns.begin(), turns.end(), [](const TurnSpan& t) {
    return t.role == TurnRole::kAssistant && t.end > t.start;
  });
}

}  // namespace

ChatTokenizeStage::ChatTokenizeStage(std::unique_ptr<ChatEncoder> encoder, TokenizeConfig config)
    : encoder_(std::move(encoder)),
      config_(std::move(config)),
      dtype_(megatron::OptimalDType(encoder_->tokenizer().vocab_size())) {}

Status ChatTokenizeStage::Start(const RunContext& run) {
  megatron::ShardOptions options;
  options.dtype = dtype_;
  options.max_tokens = config_.shard_tokens;
  options.max_bytes = config_.shard_bytes;
  options.loss_mask = true;
  TAMIS_ASSIGN_OR_RETURN(writer_,
                         megatron::CreateFreshShardWriter(run.TaskStem(config_.output), options));
  return Status::Ok();
}

Status ChatTokenizeStage::Process(DocumentBatch& batch, Scratch*) const {
  std::vector<Document>& docs = batch.documents;
  // nullopt: not a conversation.
  std::vector<std::optional<ChatEncoding>> encodings(docs.size());
  std::mutex failure_mutex;
  Status failure;
  tbb::parallel_for(tbb::blocked_range<size_t>(0, docs.size(), kConversationsPerChunk),
                    [&](const tbb::blocked_range<size_t>& range) {
                      RenderedConversation rendered;
                      for (size_t i = range.begin(); i != range.end(); ++i) {
                        std::optional<std::vector<TurnSpan>> turns = ConversationTurns(docs[i]);
                        if (!turns) continue;
                        if (!HasAnswer(*turns)) {
                          encodings[i].emplace();  // No trained token: dropped below.
                          continue;
                        }
                        Status s = encoder_->Render(docs[i], *turns, &rendered);
                        if (s.ok()) s = encoder_->Encode(rendered, &encodings[i].emplace());
                        if (!s.ok()) {
                          std::lock_guard<std::mutex> lock(failure_mutex);
                          if (failure.ok()) failure = s.WithContext(Where(docs[i]));
                        }
                      }
                    });
  TAMIS_RETURN_IF_ERROR(failure);
  for (size_t i = 0; i < docs.size(); ++i) {
    if (!encodings[i]) {
      docs[i].Drop(name(), "not_a_conversation");
      continue;
    }
    const ChatEncoding& e = *encodings[i];
    if (e.trained_tokens == 0) {
      docs[i].Drop(name(), "no_assistant_tokens");
      continue;
    }
    TAMIS_RETURN_IF_ERROR(writer_->AddDocument(e.ids, e.loss_mask).WithContext(Where(docs[i])));
    docs[i].metadata.Set("tokens", static_cast<int64_t>(e.ids.size()));
    docs[i].metadata.Set("assistant_tokens", static_cast<int64_t>(e.trained_tokens));
    assistant_tokens_ += e.trained_tokens;
  }
  return Status::Ok();
}

Status ChatTokenizeStage::Finish(Scratches, StageReport& report) {
  TAMIS_RETURN_IF_ERROR(writer_->Finish());
  shards_ = writer_->shards();
  tokens_ = writer_->tokens();
  const Tokenizer& tokenizer = encoder_->tokenizer();
  report.extra.Set("tokenizer", tokenizer.path());
  report.extra.Set("tokenizer_sha256", tokenizer.sha256());
  report.extra.Set("dtype", std::string(megatron::DTypeName(dtype_)));
  report.extra.Set("documents", writer_->documents());
  report.extra.Set("tokens", tokens_);
  report.extra.Set("assistant_tokens", assistant_tokens_);
  report.extra.Set("loss_mask_suffix", std::string(megatron::kLossMaskSuffix));
  report.extra.Set("template", ChatTemplateValue(encoder_->chat_template()));
  report.extra.Set("shards", writer_->ShardsValue());
  report.extra.Set("data_path", writer_->BlendString());
  if (shards_.empty()) {
    report.extra.Set("warning",
                     "no conversation to tokenize: no token shard written (Megatron cannot map "
                     "an empty .bin)");
  }
  writer_.reset();
  return Status::Ok();
}

Result<std::unique_ptr<Stage>> CreateChatTokenizeStage(const Value& options) {
  Options opts(options, "stage chat_tokenize");
  const std::string model = opts.String("tokenizer", kDefaultTokenizerName);
  TAMIS_ASSIGN_OR_RETURN(ChatTemplate chat_template,
                         ParseChatTemplate(opts.Raw("template"), "stage chat_tokenize"));
  chat_template.bos = opts.Bool("bos", false);
  chat_template.eos = opts.Bool("eos", true);
  TokenizeConfig config;
  config.output = opts.RequiredString("output");
  const int64_t shard_tokens = opts.Int("shard_tokens", 0);
  const int64_t shard_bytes = opts.Int("shard_bytes", 0);
  TAMIS_RETURN_IF_ERROR(opts.Finish());
  if (shard_tokens < 0 || shard_bytes < 0) {
    return Status::InvalidArgument(
        "stage chat_tokenize: shard_tokens and shard_bytes must be >= 0");
  }
  config.shard_tokens = static_cast<uint64_t>(shard_tokens);
  config.shard_bytes = static_cast<uint64_t>(shard_bytes);
  // The encoder adds BOS/EOS itself (with mask 0), so the tokenizer adds neither.
  TAMIS_ASSIGN_OR_RETURN(std::unique_ptr<Tokenizer> tokenizer,
                         LoadTokenizer(model, {.add_bos = false, .add_eos = false}));
  TAMIS_ASSIGN_OR_RETURN(std::unique_ptr<ChatEncoder> encoder,
                         ChatEncoder::Create(std::move(chat_template), std::move(tokenizer)));
  return std::unique_ptr<Stage>(
      std::make_unique<ChatTokenizeStage>(std::move(encoder), std::move(config)));
}

Result<Value> MergeChatTokenizeReports(std::span<const Value> reports) {
  TAMIS_ASSIGN_OR_RETURN(Value merged, MergeTokenizeReports(reports));
  int64_t assistant_tokens = 0;
  for (const Value& report : reports) {
    if (const Value* v = report.Find("assistant_tokens")) assistant_tokens += v->as_int();
    for (std::string_view key : {"loss_mask_suffix", "template"}) {
      if (const Value* v = report.Find(key); v && !merged.Find(key)) {
        merged.Set(key, *v);
      }
    }
  }
  merged.Set("assistant_tokens", assistant_tokens);
  return merged;
}

}  // namespace tamis
