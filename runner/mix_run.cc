#include "runner/mix_run.h"

#include <filesystem>

#include "io/output_file.h"
#include "pipeline/json.h"
#include "runner/tokenize_pipeline.h"

namespace tamis {

Result<MixResult> RunMix(const MixConfig& given, int threads) {
  MixConfig config = given;
  TAMIS_RETURN_IF_ERROR(FindMixSources(config));
  // The manifest is the mixture's marker: written last, after every shard.
  const std::string manifest_path = config.output + ".manifest.json";
  std::error_code ec;
  if (std::filesystem::exists(manifest_path, ec)) {
    TAMIS_ASSIGN_OR_RETURN(std::string text, ReadWholeFile(manifest_path));
    Result<Value> manifest = ParseJson(text);
    const Value* recorded = manifest.ok() ? manifest->Find("config") : nullptr;
    if (!recorded || !(*recorded == MixConfigValue(config))) {
      return Status::FailedPrecondition(manifest_path +
                                        ": another mixture is at this output (its manifest "
                                        "records other settings); remove it or choose another "
                                        "output");
    }
    MixResult done;
    done.already_complete = true;
    done.manifest_path = manifest_path;
    done.blend = std::string(manifest->GetString("data_path"));
    done.manifest = std::move(manifest).value();
    return done;
  }
  auto tokenize = [&](const MixSource& source,
                      const std::string& temp_prefix) -> Result<std::vector<std::string>> {
    TokenizeRequest request;
    request.inputs = source.paths;
    request.reader.text_field = config.text_field;
    request.prefix = temp_prefix;
    request.tokenizer = config.tokenizer;
    request.bos = config.bos;
    request.eos = config.eos;
    request.chat_template = source.chat_template;
    PipelineSpec pipeline = TokenizePipeline(request);
    pipeline.run.threads = threads;
    TAMIS_RETURN_IF_ERROR(RunPipelineParts(pipeline, {}).status());
    TAMIS_ASSIGN_OR_RETURN(TokenizedRun run, ReadTokenizedRun(temp_prefix, 1));
    return run.datasets;
  };
  return RunMixture(config, tokenize);
}

}  // namespace tamis
