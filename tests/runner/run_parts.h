// Test helpers for pipelines run part by part: one phase task or step task at a time, as a
// cluster would (compare their outputs with DirectoryContents, tests/io/directory_contents.h).
#ifndef TAMIS_TESTS_RUNNER_RUN_PARTS_H_
#define TAMIS_TESTS_RUNNER_RUN_PARTS_H_

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "io/output_file.h"
#include "runner/orchestrator.h"
#include "tests/io/directory_contents.h"

namespace tamis::testing {

// Runs task `task` of phase `phase`, or of the step `step`, of `p`.
inline Status RunPart(const PipelineSpec& p, RunSelection::Kind kind, int phase, int task,
                      const std::string& step = "") {
  PipelineSpec part = p;
  part.run.task = task;
  RunSelection selection;
  selection.kind = kind;
  selection.phase = phase;
  selection.step = step;
  return RunPipelineParts(part, selection).status();
}

}  // namespace tamis::testing

#endif  // TAMIS_TESTS_RUNNER_RUN_PARTS_H_
