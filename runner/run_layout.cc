#include "runner/run_layout.h"

#include <cstdio>

#include "pipeline/task_files.h"
#include "writers/jsonl_writer.h"

namespace tamis {

RunLayout::RunLayout(std::string output, int phases, std::string meta_dir)
    : output_(std::move(output)),
      phases_(phases),
      single_file_(IsSingleJsonlFile(output_) && meta_dir.empty()),
      meta_dir_(!meta_dir.empty() ? std::move(meta_dir)
                : single_file_    ? std::string()
                                  : output_ + "/.tamis") {}

std::string RunLayout::PhaseDir(int phase) const {
  return phases_ > 1 ? meta_dir_ + "/phase-" + std::to_string(phase) : meta_dir_;
}

std::string RunLayout::TaskMarker(int phase, int task) const {
  if (single_file_) return output_ + ".done";
  return PhaseDir(phase) + "/" + PerTaskName("task", task) + ".done";
}

std::string RunLayout::TaskStats(int phase, int task) const {
  if (single_file_) return output_ + ".stats.json";
  return PhaseDir(phase) + "/" + PerTaskName("stats-task", task) + ".json";
}

std::string RunLayout::StepMarker(std::string_view step) const {
  return meta_dir_ + "/step-" + std::string(step) + ".done";
}

std::string RunLayout::DefaultReportDir() const {
  return single_file_ ? output_ + ".reports" : meta_dir_ + "/reports";
}

std::string RunLayout::ReportPage() const {
  return single_file_ ? output_ + ".report.html" : meta_dir_ + "/report.html";
}

std::string RunLayout::WorkDir() const {
  return meta_dir_ + "/work";
}

std::string RunLayout::PhaseDocuments(int phase) const {
  return WorkDir() + "/phase-" + std::to_string(phase);
}

std::string RunLayout::CorpusStageDir(int stage_index, std::string_view stage_name) const {
  char index[16];
  std::snprintf(index, sizeof(index), "%02d", stage_index);
  return WorkDir() + "/" + index + "-" + std::string(stage_name);
}

std::string RunLayout::RejectsPrefix(int phase, int task) const {
  return PerTaskName(phases_ > 1 ? "phase" + std::to_string(phase) + "-part" : "part", task);
}

}  // namespace tamis
