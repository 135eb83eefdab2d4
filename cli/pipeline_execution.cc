#include "cli/pipeline_execution.h"

#include <unistd.h>

#include <iostream>

namespace tamis::cli {

void ApplyCommonFlags(const CommonFlags& flags, RunSpec* spec) {
  if (!flags.output.empty()) spec->output = flags.output;
  if (!flags.rejects.empty()) spec->rejects = flags.rejects;
  spec->threads = static_cast<int>(flags.threads);
  spec->task = static_cast<int>(flags.task);
  spec->tasks = static_cast<int>(flags.tasks);
  if (flags.strict) spec->reader.strict = true;
  spec->progress = !flags.quiet && ::isatty(STDERR_FILENO);
}

int ExecutePipeline(std::string_view command, const RunSpec& spec,
                    std::vector<std::unique_ptr<Stage>> stages, bool quiet) {
  Result<RunSummary> summary = RunPipeline(spec, std::move(stages));
  if (!summary.ok()) {
    std::cerr << "tamis " << command << ": " << summary.status().ToString() << "\n";
    return 1;
  }
  if (!quiet) std::cerr << FormatSummary(*summary);
  return 0;
}

}  // namespace tamis::cli
