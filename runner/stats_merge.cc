#include "runner/stats_merge.h"

#include <algorithm>
#include <filesystem>
#include <map>

#include "runner/stage_registry.h"

namespace tamis {
namespace {

// Adds every integer/real counter of `from` into `into`, recursing into objects.
void AddCounters(const Value& from, Value* into) {
  for (const auto& [key, v] : from.as_object()) {
    Value* existing = into->Find(key);
    if (!existing) {
      into->Set(key, v);
    } else if (v.is_int() && existing->is_int()) {
      *existing = Value(existing->as_int() + v.as_int());
    } else if (v.is_number() && existing->is_number()) {
      *existing = Value(existing->as_number() + v.as_number());
    } else if (v.is_object() && existing->is_object()) {
      AddCounters(v, existing);
    }
  }
}

}  // namespace

namespace {

// The tasks of one phase.
Result<Value> MergePhase(const std::vector<const Value*>& stats) {
  Value merged = Value::EmptyObject();
  Value reader = Value::EmptyObject();
  Value output = Value::EmptyObject();
  Value rejects = Value::EmptyObject();
  Value stages = Value::EmptyArray();
  std::vector<std::vector<Value>> reports;  // Per stage position, each task's report.
  int64_t tasks = 0;
  double seconds = 0;
  for (const Value* s : stats) {
    ++tasks;
    seconds += s->Find("seconds") ? s->Find("seconds")->as_number() : 0;
    AddCounters(*s->Find("reader"), &reader);
    Value out = *s->Find("output");
    out.Erase("files");
    AddCounters(out, &output);
    if (const Value* r = s->Find("rejects")) AddCounters(*r, &rejects);
    const auto& list = s->Find("stages")->as_array();
    for (size_t i = 0; i < list.size(); ++i) {
      Value st = list[i];
      if (i >= reports.size()) reports.resize(i + 1);
      if (const Value* report = st.Find("report")) reports[i].push_back(*report);
      st.Erase("report");
      if (i >= stages.as_array().size()) {
        stages.as_array().push_back(st);
      } else if (stages.as_array()[i].GetString("stage") != st.GetString("stage")) {
        return Status::InvalidArgument("stats come from different pipelines (stage " +
                                       std::to_string(i) + " differs)");
      } else {
        AddCounters(st, &stages.as_array()[i]);
      }
    }
  }
  for (size_t i = 0; i < stages.as_array().size(); ++i) {
    if (reports[i].empty()) continue;
    Value& stage = stages.as_array()[i];
    Result<Value> report = MergeStageReports(stage.GetString("stage"), reports[i]);
    if (!report.ok())
      return report.status().WithContext("stage " + std::string(stage.GetString("stage")));
    stage.Set("report", std::move(report).value());
  }
  merged.Set("tasks_merged", tasks);
  merged.Set("seconds", seconds);
  merged.Set("reader", std::move(reader));
  merged.Set("stages", std::move(stages));
  merged.Set("output", std::move(output));
  if (!rejects.as_object().empty()) merged.Set("rejects", std::move(rejects));
  return merged;
}

}  // namespace

Result<Value> MergeRunStats(const std::vector<Value>& stats) {
  if (stats.empty()) return Status::InvalidArgument("no stats to merge");
  std::map<int64_t, std::vector<const Value*>> by_phase;
  for (const Value& s : stats) {
    if (!s.is_object() || !s.Find("stages") || !s.Find("reader") || !s.Find("output")) {
      return Status::Corruption("not a tamis stats file");
    }
    const Value* phase = s.Find("phase");
    by_phase[phase && phase->is_int() ? phase->as_int() : 0].push_back(&s);
  }
  if (by_phase.size() == 1) return MergePhase(by_phase.begin()->second);
  Value merged = Value::EmptyObject();
  Value phases = Value::EmptyArray();
  for (const auto& [phase, list] : by_phase) {
    TAMIS_ASSIGN_OR_RETURN(Value one, MergePhase(list));
    one.Set("phase", phase);
    phases.as_array().push_back(std::move(one));
  }
  merged.Set("phases", std::move(phases));
  return merged;
}

Result<std::vector<std::string>> FindStatsFiles(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::vector<std::string> files;
  if (fs::is_regular_file(path, ec)) {
    if (path.size() > 5 && path.substr(path.size() - 5) == ".json") return std::vector{path};
    if (fs::exists(path + ".stats.json", ec)) return std::vector{path + ".stats.json"};
    return Status::NotFound(path + ": no stats beside this output file");
  }
  // A one-phase run keeps its stats in OUT/.tamis, a pipeline of phases in .tamis/phase-K.
  const fs::path dir = fs::path(path) / ".tamis";
  std::vector<fs::path> dirs = {dir};
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.is_directory() && entry.path().filename().string().rfind("phase-", 0) == 0) {
      dirs.push_back(entry.path());
    }
  }
  for (const fs::path& d : dirs) {
    for (const auto& entry : fs::directory_iterator(d, ec)) {
      std::string name = entry.path().filename().string();
      if (name.rfind("stats-task-", 0) == 0 && entry.path().extension() == ".json") {
        files.push_back(entry.path().string());
      }
    }
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) return Status::NotFound(path + ": no tamis stats found");
  return files;
}

}  // namespace tamis
