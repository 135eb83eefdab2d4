#include "tokenize/tokenize_files.h"

#include <algorithm>
#include <cstdio>

#include "pipeline/graph.h"
#include "readers/decode_stage.h"
#include "readers/input_files.h"
#include "readers/reader_source.h"

namespace tamis {
namespace {

// The graph's end: documents were written to shards by the tokenize stage; drop the rest.
class DiscardSink final : public BatchSink {
 public:
  Status Consume(DocumentBatch& batch) override { return Status::Ok(); }
};

}  // namespace

Result<TokenizeFilesResult> TokenizeFiles(const TokenizeFilesSpec& spec,
                                          std::shared_ptr<const Tokenizer> tokenizer) {
  TokenizeFilesResult result;
  TAMIS_ASSIGN_OR_RETURN(result.files, ExpandInputs(spec.inputs));
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
