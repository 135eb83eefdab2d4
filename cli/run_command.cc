// tamis run PIPELINE.yaml: the pipeline a YAML file declares — all of it, one task of one
// phase, or one global step.
#include <iostream>

#include "cli/commands.h"
#include "cli/pipeline_execution.h"
#include "runner/pipeline_config.h"
#include "runner/stage_registry.h"

namespace tamis::cli {

int RunCommand(const Args& args) {
  Flags flags("tamis run",
              "Runs the pipeline declared in a YAML file (see examples/). A pipeline with "
              "corpus stages (top_fraction, ...) has several phases separated by global steps: "
              "without --phase or --step, all of them run here, every task of each phase in "
              "turn; on a cluster, run each phase as an array job and each step as one job "
              "after it (--plan prints the commands).");
  CommonFlags common;
  common.Declare(flags, /*output_required=*/false);
  std::vector<std::string> files;
  int64_t phase = -1;
  std::string step;
  bool plan = false;
  flags.Int("--phase", "K", "run only task --task of phase K", &phase);
  flags.String("--step", "NAME", "run only the global step NAME (after its phase finished)", &step);
  flags.Bool("--plan", "print the phases and steps and how to run each, then exit", &plan);
  flags.Positional("PIPELINE.yaml", "the pipeline to run", &files, 1);
  std::string stages_help = "stages:\n";
  for (const StageInfo& info : AllStages()) {
    stages_help += "  " + std::string(info.name) +
                   std::string(16 - std::min<size_t>(15, info.name.size()), ' ') +
                   std::string(info.summary) + "\n";
  }
  flags.Epilogue(stages_help +
                 "\nFlags given here override the YAML's output, rejects and threads.\n"
                 "examples:\n"
                 "  tamis run p.yaml --tasks 3                        # everything, here\n"
                 "  tamis run p.yaml --phase 0 --task 1 --tasks 3     # one array task\n"
                 "  tamis run p.yaml --step top_fraction.thresholds --tasks 3\n");
  if (int code; !flags.Parse(args, &code)) return code;
  if (files.size() != 1) {
    std::cerr << "tamis run: give exactly one pipeline file\n";
    return 2;
  }
  if (phase >= 0 && !step.empty()) {
    std::cerr << "tamis run: give --phase or --step, not both\n";
    return 2;
  }
  if (!common.Resolve()) return 2;

  Result<PipelineConfig> config = LoadPipelineConfig(files[0]);
  if (!config.ok()) {
    std::cerr << "tamis run: " << config.status().ToString() << "\n";
    return 1;
  }
  PipelineSpec pipeline = *config;
  int yaml_threads = pipeline.run.threads;
  bool threads_flag = false;
  for (const std::string& a : args) threads_flag |= a.rfind("--threads", 0) == 0;
  ApplyCommonFlags(common, &pipeline.run);
  if (config->threads_set && !threads_flag && yaml_threads > 0) pipeline.run.threads = yaml_threads;

  Result<PipelinePlan> planned = PipelinePlan::Create(pipeline);
  if (!planned.ok()) {
    std::cerr << "tamis run: " << files[0] << ": " << planned.status().ToString() << "\n";
    return 1;
  }
  if (plan) {
    std::cout << planned->Describe(files[0]);
    return 0;
  }
  RunSelection selection;
  if (phase >= 0) {
    selection.kind = RunSelection::Kind::kPhaseTask;
    selection.phase = static_cast<int>(phase);
  } else if (!step.empty()) {
    selection.kind = RunSelection::Kind::kStep;
    selection.step = step;
  } else if ((!planned->steps().empty() || planned->has_mix()) && common.task_given) {
    std::cerr << "tamis run: this pipeline has " << planned->phases() << " phase(s) and "
              << planned->steps().size() + (planned->has_mix() ? 1 : 0)
              << " step(s): with --task, name the phase or step too (--phase K, --step NAME); "
                 "see --plan\n";
    return 2;
  }
  return ExecutePipeline("run", pipeline, selection, common.quiet);
}

}  // namespace tamis::cli
