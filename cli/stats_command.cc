// tamis stats OUT...: the stats of one or more runs or tasks, added up.
#include <iostream>

#include "cli/commands.h"
#include "cli/flags.h"
#include "cli/run_report.h"
#include "io/output_file.h"
#include "pipeline/json.h"
#include "runner/stats_merge.h"

namespace tamis::cli {

int StatsCommand(const Args& args) {
  Flags flags("tamis stats",
              "Adds up the stats of the tasks of a run (OUT/.tamis/stats-task-*.json) and "
              "prints them as a summary, or as JSON with --json.");
  bool json = false;
  std::vector<std::string> paths;
  flags.Bool("--json", "print the merged stats as JSON", &json);
  flags.Positional("OUT", "run outputs (directories or files) or stats files", &paths, 1);
  if (int code; !flags.Parse(args, &code)) return code;
  std::vector<Value> all;
  size_t files_read = 0;
  for (const std::string& path : paths) {
    Result<std::vector<std::string>> files = FindStatsFiles(path);
    if (!files.ok()) {
      std::cerr << "tamis stats: " << files.status().ToString() << "\n";
      return 1;
    }
    for (const std::string& f : *files) {
      Result<std::string> text = ReadWholeFile(f);
      Result<Value> v = text.ok() ? ParseJson(*text) : Result<Value>(text.status());
      if (!v.ok()) {
        std::cerr << "tamis stats: " << f << ": " << v.status().ToString() << "\n";
        return 1;
      }
      all.push_back(std::move(*v));
      ++files_read;
    }
  }
  Result<Value> merged = MergeRunStats(all);
  if (!merged.ok()) {
    std::cerr << "tamis stats: " << merged.status().ToString() << "\n";
    return 1;
  }
  if (json) {
    std::cout << ToJson(*merged, 2) << "\n";
    return 0;
  }
  std::vector<Value> phases;
  if (const Value* list = merged->Find("phases")) {
    phases = list->as_array();
  } else {
    phases.push_back(std::move(*merged));
  }
  for (Value& phase : phases) {
    if (phases.size() > 1) std::cout << "== phase " << phase.Find("phase")->as_int() << "\n";
    RunSummary summary;
    summary.stats = std::move(phase);
    summary.stats_path = std::to_string(files_read) + " stats file(s)";
    std::cout << FormatSummary(summary);
  }
  return 0;
}

}  // namespace tamis::cli
