#include "runner/tokenize_pipeline.h"

#include <filesystem>

#include "io/output_file.h"
#include "pipeline/json.h"
#include "runner/run_layout.h"
#include "tokenize/chat_tokenize_stage.h"
#include "tokenize/default_tokenizer.h"
#include "tokenize/tokenize_stage.h"

namespace tamis {
namespace {

// Hidden, so that a directory holding the shards, read as an input, does not read the
// run's stats as documents (input_files.h skips hidden entries).
std::string MetaDir(const std::string& prefix) {
  const std::filesystem::path p(prefix);
  return (p.parent_path() / ("." + p.filename().string() + ".tamis")).string();
}

}  // namespace

PipelineSpec TokenizePipeline(const TokenizeRequest& request) {
  PipelineSpec pipeline;
  pipeline.run.inputs = request.inputs;
  pipeline.run.reader = request.reader;
  const bool chat = !request.chat_template.empty();
  if (chat) pipeline.run.reader.layout = JsonlLayout::kChat;
  pipeline.run.output = request.prefix;
  pipeline.run.meta_dir = MetaDir(request.prefix);
  pipeline.run.write_documents = false;
  Value options = Value::EmptyObject();
  options.Set("output", request.prefix);
  options.Set("tokenizer",
              request.tokenizer.empty() ? std::string(kDefaultTokenizerName) : request.tokenizer);
  options.Set("bos", request.bos);
  options.Set("eos", request.eos);
  options.Set("shard_tokens", static_cast<int64_t>(request.shard_tokens));
  options.Set("shard_bytes", static_cast<int64_t>(request.shard_bytes));
  if (!request.split_by.empty()) options.Set("split_by", request.split_by);
  if (chat) options.Set("template", request.chat_template);
  pipeline.stages.push_back({chat ? "chat_tokenize" : "tokenize", std::move(options)});
  return pipeline;
}

Result<TokenizedRun> ReadTokenizedRun(const std::string& prefix, int tasks) {
  const RunLayout layout(prefix, 1, MetaDir(prefix));
  std::vector<Value> reports;
  TokenizedRun run;
  bool chat = false;  // The runs of chat_tokenize report assistant tokens too.
  for (int t = 0; t < tasks; ++t) {
    const std::string path = layout.TaskStats(0, t);
    TAMIS_ASSIGN_OR_RETURN(std::string text, ReadWholeFile(path));
    TAMIS_ASSIGN_OR_RETURN(Value stats, ParseJson(text));
    const Value* stages = stats.Find("stages");
    const Value* report = nullptr;
    if (stages && stages->is_array()) {
      for (const Value& stage : stages->as_array()) {
        const std::string_view name = stage.GetString("stage");
        if (name == "tokenize" || name == "chat_tokenize") report = stage.Find("report");
        chat |= name == "chat_tokenize";
      }
    }
    if (!report) return Status::Corruption(path + ": no tokenize stage report");
    for (const Value& shard : report->Find("shards")->as_array()) {
      run.datasets.emplace_back(shard.GetString("prefix"));
    }
    reports.push_back(*report);
  }
  TAMIS_ASSIGN_OR_RETURN(run.report,
                         chat ? MergeChatTokenizeReports(reports) : MergeTokenizeReports(reports));
  return run;
}

}  // namespace tamis
