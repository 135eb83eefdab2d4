// What every document-processing subcommand does after parsing its flags: fill the common
// parts of a RunSpec from CommonFlags, run the pipeline (or the part of it asked for),
// print each part's summary (or the error) and turn the outcome into an exit code. Keeps the
// commands to flag parsing and wiring.
#ifndef TAMIS_CLI_PIPELINE_EXECUTION_H_
#define TAMIS_CLI_PIPELINE_EXECUTION_H_

#include <string_view>

#include "cli/flags.h"
#include "runner/orchestrator.h"

namespace tamis::cli {

// Copies output, rejects, threads, task/tasks and strict into `spec`, and the progress line
// (a TTY and not --quiet). `flags` must have been Resolve()d.
void ApplyCommonFlags(const CommonFlags& flags, RunSpec* spec);

// Runs and reports. Returns 0 on success, 2 when the run was refused as asked (bad options,
// an output that would overwrite an input), 1 on any other failure.
int ExecutePipeline(std::string_view command, const PipelineSpec& pipeline,
                    const RunSelection& selection, bool quiet);

}  // namespace tamis::cli

#endif  // TAMIS_CLI_PIPELINE_EXECUTION_H_
