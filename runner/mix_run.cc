#include "runner/mix_run.h"

#include "runner/tokenize_pipeline.h"

namespace tamis {

Result<MixResult> RunMix(const MixConfig& config, int threads) {
  auto tokenize = [&](const MixSource& source,
                      const std::string& temp_prefix) -> Result<std::vector<std::string>> {
    TokenizeRequest request;
    request.inputs = source.paths;
    request.reader.text_field = config.text_field;
    request.prefix = temp_prefix;
    request.tokenizer = config.tokenizer;
    request.bos = config.bos;
    request.eos = config.eos;
    PipelineSpec pipeline = TokenizePipeline(request);
    pipeline.run.threads = threads;
    TAMIS_RETURN_IF_ERROR(RunPipelineParts(pipeline, {}).status());
    TAMIS_ASSIGN_OR_RETURN(TokenizedRun run, ReadTokenizedRun(temp_prefix, 1));
    return run.datasets;
  };
  return RunMixture(config, tokenize);
}

}  // namespace tamis
