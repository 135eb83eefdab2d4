// CorpusStage: work that needs the whole corpus before it can decide about one document —
// MinHash clustering, a per-language score quantile, merging contamination hits, planning a
// mixture. It never holds documents back; it splits the run at itself into phases:
//
//   phase K:   ... earlier stages ..., Collector()    streams documents; at Finish() each task
//                                                     writes small side files into `work_dir`
//   steps:     Step(name) for each name in steps()    run once, after every task of phase K
//                                                     finished; read the side files of all
//                                                     tasks, write a decision into `work_dir`
//   phase K+1: Applier(), ... later stages ...        reads the decision at Start(), then
//                                                     filters or annotates each document
//
// Phase K+1 reads the documents phase K kept (the orchestrator hands them over through the
// run's work directory), so what the applier sees is exactly what the collector counted. The
// same phases run in one process (`tamis run`) or as one SLURM array job per phase and one job
// per step, with byte-identical results: a step's decision depends only on the side files,
// never on how many threads or which machine produced them. Side files have a spec and a
// constants header each (STYLE.md, item 11), and are named per task by task_files.h.
//
// A corpus stage whose decision changes no document — a report merged from every task's
// partial counts, e.g. benchmark contamination — has no applier (HasApplier() false): its
// collector stays in its phase, later stages follow it there, and its steps run after that
// phase (before any later phase).
//
// A step may itself be several tasks (StepTasks() > 1), for work too big for one job: step
// task i of k sees `task` = i and `tasks_in_step` = k, reads its share of the side files and
// writes its share of the decision; the next step or phase waits for all k. On a cluster it
// is an array job like a phase.
//
// Call order: the orchestrator builds a CorpusStage once per process from its options, then
// calls Collector(), Step() and Applier() only for the parts it runs (a SLURM job runs one).
// `work_dir` is the stage's own directory (run_layout.h), created before any call, shared by
// every task and step of the run. Heavy loading belongs in the returned stages' Start() or in
// Step(), not in the factory, so that finished parts cost nothing on a rerun.
#ifndef TAMIS_PIPELINE_CORPUS_STAGE_H_
#define TAMIS_PIPELINE_CORPUS_STAGE_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/stage.h"
#include "pipeline/status.h"

namespace tamis {

// What a step may know: where the side files are and how many tasks wrote them.
struct StepContext {
  std::string work_dir;
  int tasks = 1;  // Tasks of the phase before: side files 0..tasks-1 exist.
  int task = 0;   // This step task, in [0, tasks_in_step).
  int tasks_in_step = 1;
  int threads = 1;
  std::string report_dir;  // Where a step may write reports for the user.
};

class CorpusStage {
 public:
  virtual ~CorpusStage() = default;
  // Stable registry name, as in YAML.
  virtual std::string_view name() const = 0;
  // The names of the global steps, in the order they run (at least one).
  virtual std::vector<std::string> steps() const = 0;
  virtual Result<std::unique_ptr<Stage>> Collector(const std::string& work_dir) const = 0;
  [[nodiscard]] virtual Status Step(std::string_view step, const StepContext& context) const = 0;
  virtual Result<std::unique_ptr<Stage>> Applier(const std::string& work_dir) const = 0;
  // False when the steps' decision changes no document (see above); Applier() is then never
  // called.
  virtual bool HasApplier() const { return true; }
  // How many tasks `step` runs as, for a phase of `phase_tasks` tasks.
  virtual int StepTasks(std::string_view step, int phase_tasks) const { return 1; }
};

}  // namespace tamis

#endif  // TAMIS_PIPELINE_CORPUS_STAGE_H_
