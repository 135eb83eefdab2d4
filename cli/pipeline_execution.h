// What every document-processing subcommand does after parsing its flags: fill the common
// parts of a RunSpec from CommonFlags, run the pipeline, print the summary (or the error)
// and turn the outcome into an exit code. Keeps the commands to flag parsing and wiring.
#ifndef TAMIS_CLI_PIPELINE_EXECUTION_H_
#define TAMIS_CLI_PIPELINE_EXECUTION_H_

#include <memory>
#include <string_view>
#include <vector>

#include "cli/flags.h"
#include "pipeline/runner.h"
#include "pipeline/stage.h"

namespace tamis::cli {

// Copies output, rejects, threads, task/tasks, strict and progress (a TTY and not --quiet)
// into `spec`. `flags` must have been Resolve()d.
void ApplyCommonFlags(const CommonFlags& flags, RunSpec* spec);

// Runs and reports. Returns 0 on success, 1 on a failed run.
int ExecutePipeline(std::string_view command, const RunSpec& spec,
                    std::vector<std::unique_ptr<Stage>> stages, bool quiet);

}  // namespace tamis::cli

#endif  // TAMIS_CLI_PIPELINE_EXECUTION_H_
