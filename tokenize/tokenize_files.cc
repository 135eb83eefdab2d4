#include "tokenize/tokenize_files.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "pipeline/graph.h"
#include "pipeline/runner.h"
#include "readers/decode_stage.h"
#include "readers/reader_source.h"

namespace tamis {
namespace {

namespace fs = std::filesystem;

bool IsJsonlName(const std::string& name) {
  for (const char* suffix : {".jsonl", ".jsonl.gz", ".jsonl.zst"}) {
    const std::string s = suffix;
    if (name.size() >= s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0) {
      return true;
    }
  }
  return false;
}

Status ListJsonl(const std::string& dir, std::vector<std::string>* out) {
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, ec), end;
  if (ec) return Status::IoError("listing " + dir + ": " + ec.message());
  for (; it != end; it.increment(ec)) {
    if (ec) return Status::IoError("listing " + dir + ": " + ec.message());
    const std::string name = it->path().filename().string();
    if (!name.empty() && name[0] == '.') {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file() && IsJsonlName(name)) out->push_back(it->path().string());
  }
  return Status::Ok();
}

// The graph's end: documents were written to shards by the tokenize stage; drop the rest.
class DiscardSink final : public BatchSink {
 public:
  Status Consume(DocumentBatch& batch) override { return Status::Ok(); }
};

}  // namespace

Result<std::vector<std::string>> ExpandTokenizeInputs(const std::vector<std::string>& inputs) {
  std::vector<std::string> patterns;
  std::vector<std::string> files;
  for (const std::string& input : inputs) {
    std::error_code ec;
    if (fs::is_directory(input, ec)) {
      const size_t before = files.size();
      TAMIS_RETURN_IF_ERROR(ListJsonl(input, &files));
      if (files.size() == before) {
        return Status::NotFound(input + ": directory holds no .jsonl[.gz|.zst] file");
      }
    } else {
      patterns.push_back(input);
    }
  }
  if (!patterns.empty()) {
    TAMIS_ASSIGN_OR_RETURN(std::vector<std::string> expanded, ExpandInputs(patterns));
    for (std::string& f : expanded) {
      std::error_code ec;
      if (fs::is_directory(f, ec)) {
        TAMIS_RETURN_IF_ERROR(ListJsonl(f, &files));
      } else {
        files.push_back(std::move(f));
      }
    }
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  return files;
}

Result<TokenizeFilesResult> TokenizeFiles(const TokenizeFilesSpec& spec,
                                          std::shared_ptr<const Tokenizer> tokenizer) {
  TokenizeFilesResult result;
  TAMIS_ASSIGN_OR_RETURN(result.files, ExpandTokenizeInputs(spec.inputs));
  ReaderSource source(result.files, spec.reader);
  DecodeStage decode(spec.reader);
  TokenizeStage tokenize(std::move(tokenizer), spec.config);
  DiscardSink sink;
  GraphOptions graph;
  graph.threads = std::max(1, spec.threads);
  graph.context.threads = graph.threads;
  graph.context.output = spec.config.output;
  graph.context.strict = spec.reader.strict;
  if (spec.progress) {
    graph.on_progress = [](uint64_t documents, uint64_t bytes) {
      std::fprintf(stderr, "\rtokenize: %llu documents, %.1f MB read",
                   static_cast<unsigned long long>(documents), static_cast<double>(bytes) / 1e6);
    };
  }
  std::vector<StageStats> stats;
  Status run = RunGraph(source, {&decode, &tokenize}, sink, graph, &stats);
  if (spec.progress) std::fprintf(stderr, "\n");
  TAMIS_RETURN_IF_ERROR(run);
  for (const StageStats& s : stats) result.stats.as_array().push_back(s.ToValue());
  result.documents = tokenize.documents();
  result.tokens = tokenize.tokens();
  result.shards = tokenize.shards();
  result.blend = tokenize.blend();
  result.dtype = tokenize.dtype();
  return result;
}

}  // namespace tamis
