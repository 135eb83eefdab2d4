// RunLayout: the one place that names the files a run keeps besides its outputs.
//
// For an output directory OUT:
//   OUT/part-<task>-<shard>.jsonl.zst            kept documents (writers/jsonl_writer.h)
//   OUT/.tamis/task-<task>.done                  a finished task (task_marker.h); written last
//   OUT/.tamis/stats-task-<task>.json            its stats
//   OUT/.tamis/reports/                          stage reports, unless the run names a folder
//   OUT/.tamis/report.html                       the page of `tamis report` (hidden: a run
//                                                reading OUT never takes it for a document)
// A pipeline of several phases keeps each phase's markers and stats apart, and its steps'
// markers beside them:
//   OUT/.tamis/phase-<k>/task-<task>.done, stats-task-<task>.json
//   OUT/.tamis/step-<name>.done                  a finished global step
//   OUT/.tamis/work/phase-<k>/part-<task>-<shard>.jsonl.zst   what phase k hands to phase k+1
//   OUT/.tamis/work/<stage index, 2 digits>-<stage name>/     a corpus stage's side files and
//                                                             decision (corpus_stage.h)
// For a single-file OUT (out.jsonl[.gz|.zst]): OUT.done, OUT.stats.json, OUT.reports/ and
// OUT.report.html; such a run has one task and one phase. Task numbers are spelled by task_files.h.
#ifndef TAMIS_RUNNER_RUN_LAYOUT_H_
#define TAMIS_RUNNER_RUN_LAYOUT_H_

#include <string>
#include <string_view>

namespace tamis {

// The name --step takes for a pipeline's mixture (orchestrator.h; corpus stages' steps always
// hold a dot), and of its marker, OUT/.tamis/step-mix.done, which records the manifest's path.
inline constexpr std::string_view kMixStep = "mix";

class RunLayout {
 public:
  // `phases`: how many phases the pipeline has (1 for every single-command run). `meta_dir`
  // replaces OUT/.tamis when given.
  RunLayout(std::string output, int phases, std::string meta_dir = {});

  bool single_file() const { return single_file_; }
  const std::string& meta_dir() const { return meta_dir_; }  // OUT/.tamis
  std::string TaskMarker(int phase, int task) const;
  std::string TaskStats(int phase, int task) const;
  std::string StepMarker(std::string_view step) const;
  std::string DefaultReportDir() const;
  std::string ReportPage() const;               // The HTML page of `tamis report`.
  std::string WorkDir() const;                  // OUT/.tamis/work
  std::string PhaseDocuments(int phase) const;  // Where phase `phase` leaves its documents.
  std::string CorpusStageDir(int stage_index, std::string_view stage_name) const;
  // The prefix of the shards task `task` of phase `phase` writes into the rejects: part-<t>,
  // or phase<k>-part-<t> in a pipeline of several phases (every phase rejects into one place).
  std::string RejectsPrefix(int phase, int task) const;

 private:
  std::string PhaseDir(int phase) const;

  std::string output_;
  int phases_;
  bool single_file_;
  std::string meta_dir_;
};

}  // namespace tamis

#endif  // TAMIS_RUNNER_RUN_LAYOUT_H_
