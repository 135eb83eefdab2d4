// TaskMarker: the file whose presence says that a task (or a step) of a run finished, and
// what that task was.
//
// A marker is written last, atomically, after every output of its task is committed; a run
// finding its marker skips the task (resume after a failure or a SLURM resubmission). So that
// a finished directory is never mistaken for a different run, the marker records the task's
// identity — task number, task count, phase, its input files and the stage names — and a
// rerun whose identity differs fails with a message saying what changed, instead of
// skipping (a changed --tasks) or mixing outputs (a new input file into a finished run).
//
// Layout: one JSON object, {"task", "tasks", "phase", "inputs": [...], "stages": [...],
// "stats": PATH}. Thread rule: plain functions, no shared state.
#ifndef TAMIS_RUNNER_TASK_MARKER_H_
#define TAMIS_RUNNER_TASK_MARKER_H_

#include <string>
#include <vector>

#include "pipeline/status.h"

namespace tamis {

struct TaskIdentity {
  int task = 0;
  int tasks = 1;
  int phase = 0;
  std::vector<std::string> inputs;
  std::vector<std::string> stages;
};

enum class MarkerState { kAbsent, kComplete };

// kComplete when `path` marks the task `identity` as finished; kAbsent when there is no
// marker; kFailedPrecondition, naming what differs, when the marker belongs to another run.
Result<MarkerState> CheckTaskMarker(const std::string& path, const TaskIdentity& identity);

Status WriteTaskMarker(const std::string& path, const TaskIdentity& identity,
                       const std::string& stats_path);

}  // namespace tamis

#endif  // TAMIS_RUNNER_TASK_MARKER_H_
