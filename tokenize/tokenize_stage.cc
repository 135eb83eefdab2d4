#include "tokenize/tokenize_stage.h"

#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>

#include <algorithm>
#include <filesystem>
#include <mutex>

#include "pipeline/options.h"
#include "pipeline/safe_file_name.h"
#include "tokenize/default_tokenizer.h"

namespace tamis {
namespace {

// Documents per parallel_for chunk: large enough that scheduling is noise next to encoding
// (a document takes tens of microseconds), small enough to balance a 1024-document batch.
constexpr size_t kDocumentsPerChunk = 8;

// {documents, tokens, shards: [{prefix, documents, tokens}], data_path}: the totals of a
// run and of each split, in a stage report.
Value TokenShardsValue(uint64_t documents, uint64_t tokens,
                       const std::vector<megatron::ShardInfo>& shards, const std::string& blend) {
  Value::Array list;
  for (const megatron::ShardInfo& s : shards) {
    Value shard = Value::EmptyObject();
    shard.Set("prefix", s.prefix);
    shard.Set("documents", s.documents);
    shard.Set("tokens", s.tokens);
    list.push_back(std::move(shard));
  }
  Value v = Value::EmptyObject();
  v.Set("documents", documents);
  v.Set("tokens", tokens);
  v.Set("shards", Value(std::move(list)));
  v.Set("data_path", blend);
  return v;
}

}  // namespace

TokenizeStage::TokenizeStage(std::shared_ptr<const Tokenizer> tokenizer, TokenizeConfig config)
    : tokenizer_(std::move(tokenizer)),
      config_(std::move(config)),
      dtype_(megatron::OptimalDType(tokenizer_->vocab_size())) {}

Status TokenizeStage::Start(const RunContext& run) {
  namespace fs = std::filesystem;
  const fs::path prefix(run.TaskStem(config_.output));
  directory_ = prefix.parent_path().string();
  stem_ = prefix.filename().string();
  std::error_code ec;
  if (!directory_.empty()) fs::create_directories(directory_, ec);
  if (ec) return Status::IoError(directory_ + ": cannot create: " + ec.message());
  // Shards an unfinished earlier attempt of this task left (e.g. with a smaller shard size, or
  // for a language this attempt will not see) would otherwise stay beside the new ones and be
  // read by a later mix.
  if (config_.split_by.empty()) return megatron::RemoveShards(prefix.string());
  const fs::path dir = directory_.empty() ? fs::path(".") : fs::path(directory_);
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.empty() || name[0] == '.' || !it->is_directory(ec)) continue;
    TAMIS_RETURN_IF_ERROR(megatron::RemoveShards((it->path() / stem_).string()));
  }
  if (ec) return Status::IoError(dir.string() + ": cannot list: " + ec.message());
  return Status::Ok();
}

Result<megatron::ShardWriter*> TokenizeStage::WriterFor(const Document& doc) const {
  std::string key;
  if (!config_.split_by.empty()) {
    const Value* v = doc.metadata.Find(config_.split_by);
    key = SafeFileName(v && v->is_string() ? std::string_view(v->as_string()) : "unknown");
  }
  Split& split = splits_[key];
  if (split.writer == nullptr) {
    std::string dir = directory_;
    if (!key.empty()) {
      dir = (directory_.empty() ? key : directory_ + "/" + key);
      std::error_code ec;
      std::filesystem::create_directories(dir, ec);
      if (ec) return Status::IoError(dir + ": cannot create: " + ec.message());
    }
    megatron::ShardOptions options;
    options.dtype = dtype_;
    options.max_tokens = config_.shard_tokens;
    options.max_bytes = config_.shard_bytes;
    const std::string prefix = dir.empty() ? stem_ : dir + "/" + stem_;
    TAMIS_ASSIGN_OR_RETURN(split.writer, megatron::ShardWriter::Create(prefix, options));
  }
  if (split.open) {
    open_splits_.splice(open_splits_.begin(), open_splits_, split.open_position);
  } else {
    if (open_splits_.size() >= static_cast<size_t>(config_.max_open_splits)) {
      // The least recently written split gives up its open shard (and its descriptor).
      Split& oldest = splits_[open_splits_.back()];
      TAMIS_RETURN_IF_ERROR(oldest.writer->EndShard());
      oldest.open = false;
      open_splits_.pop_back();
    }
    open_splits_.push_front(key);
    split.open = true;
    split.open_position = open_splits_.begin();
  }
  return split.writer.get();
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
    TAMIS_ASSIGN_OR_RETURN(megatron::ShardWriter * writer, WriterFor(docs[i]));
    TAMIS_RETURN_IF_ERROR(writer->AddDocument(ids[i]).WithContext(docs[i].id));
    docs[i].metadata.Set("tokens", static_cast<int64_t>(ids[i].size()));
  }
  return Status::Ok();
}

Status TokenizeStage::Finish(Scratches, StageReport& report) {
  Value by_split = Value::EmptyObject();
  for (auto& [key, split] : splits_) {
    TAMIS_RETURN_IF_ERROR(split.writer->Finish());
    const std::vector<megatron::ShardInfo>& shards = split.writer->shards();
    shards_.insert(shards_.end(), shards.begin(), shards.end());
    documents_ += split.writer->documents();
    tokens_ += split.writer->tokens();
    const std::string blend = split.writer->BlendString();
    if (!blend.empty()) blend_ += (blend_.empty() ? "" : " ") + blend;
    if (!key.empty()) {
      by_split.Set(
          key, TokenShardsValue(split.writer->documents(), split.writer->tokens(), shards, blend));
    }
  }
  splits_.clear();
  open_splits_.clear();

  report.extra.Set("tokenizer", tokenizer_->path());
  report.extra.Set("tokenizer_sha256", tokenizer_->sha256());
  report.extra.Set("dtype", std::string(megatron::DTypeName(dtype_)));
  Value totals = TokenShardsValue(documents_, tokens_, shards_, blend_);
  for (auto& [key, value] : totals.as_object()) report.extra.Set(key, std::move(value));
  if (!config_.split_by.empty()) {
    report.extra.Set("split_by", config_.split_by);
    report.extra.Set("by_split", std::move(by_split));
  }
  if (shards_.empty()) {
    report.extra.Set("warning",
                     "no document to tokenize: no token shard written (Megatron cannot map an "
                     "empty .bin)");
  }
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
  config.split_by = opts.String("split_by");
  const int64_t max_open_splits = opts.Int("max_open_splits", config.max_open_splits);
  TAMIS_RETURN_IF_ERROR(opts.Finish());
  if (max_open_splits < 1 || max_open_splits > 4096) {
    return Status::InvalidArgument("stage tokenize: max_open_splits must be in 1..4096");
  }
  config.max_open_splits = static_cast<int>(max_open_splits);
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

namespace {

// Adds one report's (or one split's) documents, tokens, shards and data_path to `into`.
void AddTokenShards(const Value& from, Value& into) {
  int64_t documents = into.Find("documents") ? into.Find("documents")->as_int() : 0;
  int64_t tokens = into.Find("tokens") ? into.Find("tokens")->as_int() : 0;
  Value::Array shards;
  if (const Value* v = into.Find("shards")) shards = v->as_array();
  std::string data_path(into.GetString("data_path"));
  if (const Value* v = from.Find("documents")) documents += v->as_int();
  if (const Value* v = from.Find("tokens")) tokens += v->as_int();
  if (const Value* v = from.Find("shards"); v && v->is_array()) {
    for (const Value& shard : v->as_array()) shards.push_back(shard);
  }
  if (const Value* v = from.Find("data_path"); v && !v->as_string().empty()) {
    data_path += (data_path.empty() ? "" : " ") + v->as_string();
  }
  into.Set("documents", documents);
  into.Set("tokens", tokens);
  into.Set("shards", Value(std::move(shards)));
  into.Set("data_path", data_path);
}

}  // namespace

Result<Value> MergeTokenizeReports(std::span<const Value> reports) {
  Value merged = Value::EmptyObject();
  Value by_split = Value::EmptyObject();
  for (const Value& report : reports) {
    for (std::string_view key : {"tokenizer", "tokenizer_sha256", "dtype", "split_by"}) {
      const Value* v = report.Find(key);
      const Value* have = merged.Find(key);
      if (v && have && have->as_string() != v->as_string()) {
        return Status::InvalidArgument("tokenize reports disagree on " + std::string(key) + ": " +
                                       have->as_string() + " vs " + v->as_string());
      }
      if (v && !have) merged.Set(std::string(key), *v);
    }
    AddTokenShards(report, merged);
    if (const Value* splits = report.Find("by_split"); splits && splits->is_object()) {
      for (const auto& [value, split] : splits->as_object()) {
        Value total = by_split.Find(value) ? *by_split.Find(value) : Value::EmptyObject();
        AddTokenShards(split, total);
        by_split.Set(value, std::move(total));
      }
    }
  }
  if (merged.Find("documents") == nullptr) AddTokenShards(Value::EmptyObject(), merged);
  if (merged.Find("split_by")) {
    // Split values in name order, as one task lists them.
    std::sort(by_split.as_object().begin(), by_split.as_object().end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    merged.Set("by_split", std::move(by_split));
  }
  return merged;
}

}  // namespace tamis
