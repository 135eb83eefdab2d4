// Orchestrator: a pipeline cut into phases and global steps, run in one process or one part
// at a time (a SLURM array task per phase, a job per step) with the same result.
//
// A pipeline is a RunSpec and a list of stages. Document stages run inside a phase. Each
// corpus stage (pipeline/corpus_stage.h) ends a phase with its collector, runs its global
// steps, and starts the next phase with its applier:
//
//   stages: [langid, top_fraction, tokenize]
//   phase 0: read, langid, top_fraction (collect)   -> histograms, documents to the work folder
//   step   : top_fraction.thresholds                -> thresholds.json
//   phase 1: read, top_fraction (apply), tokenize   -> OUT, token shards
//
// A one-phase pipeline is exactly what single commands run. Every phase runs `tasks` tasks;
// task t of phase k+1 reads what task t kept in phase k (runner.h: PlanTask), so the outputs
// of tasks 0..N-1 in order are the documents of a one-task run, byte for byte, and a
// step sees the side files of all N tasks. Markers per task of each phase and per step make a
// rerun skip what is complete (run_layout.h); a step refuses to run before every task of its
// phase has finished, and a phase task before its steps and its previous phase have.
// Stages are built only for the parts that run, after their marker check.
//
// Thread rule: blocking calls; tasks run one after another, each with the run's threads.
#ifndef TAMIS_RUNNER_ORCHESTRATOR_H_
#define TAMIS_RUNNER_ORCHESTRATOR_H_

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "pipeline/corpus_stage.h"
#include "pipeline/status.h"
#include "pipeline/value.h"
#include "runner/run_layout.h"
#include "runner/runner.h"
#include "runner/stage_registry.h"
#include "tokenize/mixture.h"

namespace tamis {

struct StageSpec {
  std::string name;
  Value options = Value::EmptyObject();  // Everything but the `stage:` key.
};

struct PipelineSpec {
  RunSpec run;
  std::vector<StageSpec> stages;
  // Optional: a mixture of the token shards the pipeline wrote (tokenize/mixture.h; e.g.
  // `sources_from:` a tokenize stage's split_by directory), run as the last step, `mix`, after
  // every phase and step. Its manifest is its marker (runner/mix_run.h).
  std::optional<MixConfig> mix;
};

class PipelinePlan {
 public:
  enum class Role { kDocument, kCollector, kApplier };
  struct PlannedStage {
    const StageSpec* spec;
    Role role;
    int corpus = -1;  // Index into corpus stages, for the collector and applier roles.
  };
  struct PlannedStep {
    std::string name;  // "top_fraction.thresholds": what --step takes.
    int corpus;
    std::string step;  // The corpus stage's own name for it.
    int after_phase;
  };

  // Checks every stage name and builds the corpus stages (their options are checked here;
  // document stages are built when a task runs). `pipeline` must outlive the plan.
  static Result<PipelinePlan> Create(const PipelineSpec& pipeline);
  // The same with another stage table than the registry's (tests).
  static Result<PipelinePlan> Create(const PipelineSpec& pipeline,
                                     std::span<const StageInfo> table);

  int phases() const { return static_cast<int>(phases_.size()); }
  const std::vector<PlannedStage>& phase(int k) const { return phases_[k]; }
  const std::vector<PlannedStep>& steps() const { return steps_; }
  // Whether the pipeline ends with the `mix` step (PipelineSpec::mix).
  bool has_mix() const { return pipeline_->mix.has_value(); }
  // How to run each part by hand or on a cluster, one line per phase and step (--plan).
  std::string Describe(const std::string& pipeline_file) const;

 private:
  friend class PipelineExecution;
  const PipelineSpec* pipeline_ = nullptr;
  std::span<const StageInfo> table_;
  std::vector<std::vector<PlannedStage>> phases_;
  std::vector<PlannedStep> steps_;
  std::vector<std::unique_ptr<CorpusStage>> corpus_;
  std::vector<int> corpus_position_;  // Index of each corpus stage in the stage list.
};

// What part of a pipeline to run.
struct RunSelection {
  enum class Kind {
    kEverything,  // No step: task spec.task. Else every task of every phase and step, in order.
    kPhaseTask,   // Task spec.task of `phase` only.
    kStep,        // The global step `step` only.
  };
  Kind kind = Kind::kEverything;
  int phase = 0;
  std::string step;
};

struct PipelineOutcome {
  struct Part {
    std::string what;  // "phase 1 task 2", "step top_fraction.thresholds"
    bool already_complete = false;
    std::string detail;  // What a step made, for people ("manifest: out/mix/train.manifest.json").
    RunSummary summary;  // Phase tasks only.
  };
  std::vector<Part> parts;
};

// One part of a plan in run order: a phase (run as `tasks` tasks) or a step (run once, or as
// an array of `tasks`), with the marker each of its tasks writes when it finishes.
struct PlanPart {
  std::string label;  // "phase 0", "step top_fraction.thresholds"
  bool is_step = false;
  int phase = 0;     // The phase, or the phase a step runs after.
  std::string step;  // The step's name (--step).
  int tasks = 1;
  bool array = true;  // False for a step of one task (a single job).
  std::vector<std::string> markers;
};
std::vector<PlanPart> PlanParts(const PipelinePlan& plan, const RunSpec& run);

// Called after each part, so the CLI can print as it goes.
using PartCallback = std::function<void(const PipelineOutcome::Part&)>;

Result<PipelineOutcome> RunPipelineParts(const PipelineSpec& pipeline,
                                         const RunSelection& selection,
                                         const PartCallback& on_part = {});
// The same with another stage table than the registry's (tests).
Result<PipelineOutcome> RunPipelineParts(const PipelineSpec& pipeline,
                                         const RunSelection& selection, const PartCallback& on_part,
                                         std::span<const StageInfo> table);

}  // namespace tamis

#endif  // TAMIS_RUNNER_ORCHESTRATOR_H_
