// Test helpers for pipelines run part by part: one phase task or step task at a time, as a
// cluster would, and the bytes a reader of an output directory sees, to compare runs.
#ifndef TAMIS_TESTS_RUNNER_RUN_PARTS_H_
#define TAMIS_TESTS_RUNNER_RUN_PARTS_H_

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "io/output_file.h"
#include "runner/orchestrator.h"

namespace tamis::testing {

// Every shard of a directory (not its .tamis folder), decompressed, in name order: what a
// reader of the output sees.
inline std::string Contents(const std::string& dir) {
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.is_regular_file()) files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  std::string all;
  for (const std::string& f : files) all += ReadWholeFile(f).value();
  return all;
}

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
