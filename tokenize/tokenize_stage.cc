#include "tokenize/tokenize_stage.h"

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>

#include <filesystem>
#include <mutex>

#include "pipeline/options.h"
#include "tokenize/default_tokenizer.h"

namespace tamis {
namespace {

// Documents per parallel_for chunk: large enough that scheduling is noise next to encoding
// (a document takes tens of microseconds), small enough to balance a 1024-document batch.
constexpr size_t kDocumentsPerChunk = 8;

}  // namespace

TokenizeStage::TokenizeStage(std::shared_ptr<const Tokenizer> tokenizer, TokenizeConfig config)
    : tokenizer_(std::move(tokenizer)),
      config_(std::move(config)),
      dtype_(megatron::OptimalDType(tokenizer_->vocab_size())) {}

Status TokenizeStage::Start(const RunContext& run) {
  const std::string prefix = run.TaskStem(config_.output);
  // Shards an unfinished earlier attempt of this task left (e.g. with a smaller shard size)
  // would otherwise stay beside the new ones and be read by a later mix.
  const std::filesystem::path dir = std::filesystem::path(prefix).parent_path();
  std::error_code ec;
  if (!dir.empty()) std::filesystem::create_directories(dir, ec);
  if (ec) return Status::IoError(dir.string() + ": cannot create: " + ec.message());
  TAMIS_RETURN_IF_ERROR(megatron::RemoveShards(prefix));
  megatron::ShardOptions options;
  options.dtype = dtype_;
  options.max_tokens = config_.shard_tokens;
  options.max_bytes = config_.shard_bytes;
  TAMIS_ASSIGN_OR_RETURN(writer_, megatron::ShardWriter::Create(prefix, options));
  return Status::Ok();
}

Status TokenizeStage::Process(DocumentBatch& batch, Scratch* scratch) const {
  std::vector<Document>& docs = batch.documents;
  std::vector<std::vector<int32_t>> ids(docs.size());
  std::mutex failure_mutex;
  Status failure;
  tbb::parallel_for(tbb::blocked_range<size_t>(0, docs.size(), kDocumentsPerChunk),
                    [&](const tbb::blocked_range<size_t>& range) {
                      for (size_t i = range.begin(); i != range.end(); ++i) {
                        Status s = tokenizer_->Encode(docs[i].text, &ids[i]);
                        if (!s.ok()) {
                          std::lock_guard<std::mutex> lock(failure_mutex);
                          if (failure.ok()) failure = s.WithContext(docs[i].id);
                        }
                      }
                    });
  TAMIS_RETURN_IF_ERROR(failure);
  for (size_t i = 0; i < docs.size(); ++i) {
    if (ids[i].empty()) {
      docs[i].Drop(name(), "no_tokens");
      continue;
    }
    TAMIS_RETURN_IF_ERROR(writer_->AddDocument(ids[i]));
    docs[i].metadata.Set("tokens", static_cast<int64_t>(ids[i].size()));
  }
  return Status::Ok();
}

Status TokenizeStage::Finish(Scratches, StageReport& report) {
  TAMIS_RETURN_IF_ERROR(writer_->Finish());
  shards_ = writer_->shards();
  documents_ = writer_->documents();
  tokens_ = writer_->tokens();
  blend_ = writer_->BlendString();
  writer_.reset();

  Value::Array shards;
  for (const megatron::ShardInfo& s : shards_) {
    Value shard = Value::EmptyObject();
    shard.Set("prefix", s.prefix);
    shard.Set("documents", s.documents);
    shard.Set("tokens", s.tokens);
    shards.push_back(std::move(shard));
  }
  report.extra.Set("tokenizer", tokenizer_->path());
  report.extra.Set("tokenizer_sha256", tokenizer_->sha256());
  report.extra.Set("dtype", std::string(megatron::DTypeName(dtype_)));
  report.extra.Set("documents", documents_);
  report.extra.Set("tokens", tokens_);
  report.extra.Set("shards", Value(std::move(shards)));
  report.extra.Set("data_path", blend_);
  return Status::Ok();
}

Result<std::unique_ptr<Stage>> CreateTokenizeStage(const Value& options) {
  Options opts(options, "stage tokenize");
  const std::string model = opts.String("tokenizer", kDefaultTokenizerName);
  TokenizerOptions tokenizer_options;
  tokenizer_options.add_bos = opts.Bool("bos", false);
  tokenizer_options.add_eos = opts.Bool("eos", true);
  TokenizeConfig config;
  config.output = opts.RequiredString("output");
  const int64_t shard_tokens = opts.Int("shard_tokens", 0);
  const int64_t shard_bytes = opts.Int("shard_bytes", 0);
  TAMIS_RETURN_IF_ERROR(opts.Finish());
  if (shard_tokens < 0 || shard_bytes < 0) {
    return Status::InvalidArgument("stage tokenize: shard_tokens and shard_bytes must be >= 0");
  }
  config.shard_tokens = static_cast<uint64_t>(shard_tokens);
  config.shard_bytes = static_cast<uint64_t>(shard_bytes);
  TAMIS_ASSIGN_OR_RETURN(std::unique_ptr<Tokenizer> tokenizer,
                         LoadTokenizer(model, tokenizer_options));
  return std::unique_ptr<Stage>(
      std::make_unique<TokenizeStage>(std::move(tokenizer), std::move(config)));
}

}  // namespace tamis

namespace tamis {

Result<Value> MergeTokenizeReports(std::span<const Value> reports) {
  Value merged = Value::EmptyObject();
  int64_t documents = 0, tokens = 0;
  Value::Array shards;
  std::string data_path;
  for (const Value& report : reports) {
    for (std::string_view key : {"tokenizer", "tokenizer_sha256", "dtype"}) {
      const Value* v = report.Find(key);
      const Value* have = merged.Find(key);
      if (v && have && have->as_string() != v->as_string()) {
        return Status::InvalidArgument("tokenize reports disagree on " + std::string(key) + ": " +
                                       have->as_string() + " vs " + v->as_string());
      }
      if (v && !have) merged.Set(std::string(key), *v);
    }
    if (const Value* v = report.Find("documents")) documents += v->as_int();
    if (const Value* v = report.Find("tokens")) tokens += v->as_int();
    if (const Value* v = report.Find("shards"); v && v->is_array()) {
      for (const Value& shard : v->as_array()) shards.push_back(shard);
    }
    if (const Value* v = report.Find("data_path"); v && !v->as_string().empty()) {
      data_path += (data_path.empty() ? "" : " ") + v->as_string();
    }
  }
  merged.Set("documents", documents);
  merged.Set("tokens", tokens);
  merged.Set("shards", Value(std::move(shards)));
  merged.Set("data_path", data_path);
  return merged;
}

}  // namespace tamis
