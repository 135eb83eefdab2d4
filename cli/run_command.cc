// tamis run PIPELINE.yaml: the pipeline a YAML file declares.
#include <iostream>

#include "cli/commands.h"
#include "cli/pipeline_execution.h"
#include "pipeline/pipeline_config.h"
#include "pipeline/stage_registry.h"

namespace tamis::cli {

int RunCommand(const Args& args) {
  Flags flags("tamis run", "Runs the pipeline declared in a YAML file (see examples/).");
  CommonFlags common;
  common.Declare(flags, /*output_required=*/false);
  std::vector<std::string> files;
  flags.Positional("PIPELINE.yaml", "the pipeline to run", &files, 1);
  std::string stages_help = "stages:\n";
  for (const StageInfo& info : AllStages()) {
    stages_help += "  " + std::string(info.name) +
                   std::string(16 - std::min<size_t>(15, info.name.size()), ' ') +
                   std::string(info.summary) + "\n";
  }
  flags.Epilogue(stages_help +
                 "\nFlags given here override the YAML's output, rejects and threads.");
  if (int code; !flags.Parse(args, &code)) return code;
  if (files.size() != 1) {
    std::cerr << "tamis run: give exactly one pipeline file\n";
    return 2;
  }
  if (!common.Resolve()) return 2;

  Result<PipelineConfig> config = LoadPipelineConfig(files[0]);
  if (!config.ok()) {
    std::cerr << "tamis run: " << config.status().ToString() << "\n";
    return 1;
  }
  RunSpec spec = config->run;
  int yaml_threads = spec.threads;
  bool threads_flag = false;
  for (const std::string& a : args) threads_flag |= a.rfind("--threads", 0) == 0;
  ApplyCommonFlags(common, &spec);
  if (config->threads_set && !threads_flag && yaml_threads > 0) spec.threads = yaml_threads;

  std::vector<std::unique_ptr<Stage>> stages;
  for (const StageSpec& s : config->stages) {
    Result<std::unique_ptr<Stage>> stage = CreateStage(s.name, s.options);
    if (!stage.ok()) {
      std::cerr << "tamis run: " << files[0] << ": stage " << s.name << ": "
                << stage.status().ToString() << "\n";
      return 1;
    }
    stages.push_back(std::move(stage).value());
  }
  return ExecutePipeline("run", spec, std::move(stages), common.quiet);
}

}  // namespace tamis::cli
