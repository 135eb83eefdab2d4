// MergeRunStats: the stats of several tasks of one run (or several runs of one pipeline)
// added up into one stats Value of the same shape, so `tamis stats OUT` can show a whole
// SLURM array at once. Counters are summed; stages are matched by position and name; seconds
// are summed (total work, not wall time); each stage's report merges the way its stage
// declares (stage_registry.h: MergeStageReports), e.g. the robots stage's blocking origins.
// Stats of several phases merge phase by phase into {"phases": [..., {"phase": k, ...}]}.
// Inputs that are not tamis stats are an error.
#ifndef TAMIS_RUNNER_STATS_MERGE_H_
#define TAMIS_RUNNER_STATS_MERGE_H_

#include <string>
#include <vector>

#include "pipeline/status.h"
#include "pipeline/value.h"

namespace tamis {

Result<Value> MergeRunStats(const std::vector<Value>& stats);

// The stats files under a run's output (OUT/.tamis/stats-task-*.json, or OUT.stats.json),
// or the path itself when it is a stats file.
Result<std::vector<std::string>> FindStatsFiles(const std::string& path);

}  // namespace tamis

#endif  // TAMIS_RUNNER_STATS_MERGE_H_
