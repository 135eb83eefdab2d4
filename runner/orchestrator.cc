#include "runner/orchestrator.h"

#include <algorithm>
#include <filesystem>
#include <map>

#include "io/output_file.h"
#include "pipeline/json.h"
#include "pipeline/task_files.h"
#include "runner/mix_run.h"
#include "runner/run_layout.h"
#include "runner/stage_registry.h"

namespace tamis {

namespace fs = std::filesystem;

Result<PipelinePlan> PipelinePlan::Create(const PipelineSpec& pipeline) {
  return Create(pipeline, AllStages());
}

Result<PipelinePlan> PipelinePlan::Create(const PipelineSpec& pipeline,
                                          std::span<const StageInfo> table) {
  PipelinePlan plan;
  plan.pipeline_ = &pipeline;
  plan.table_ = table;
  plan.phases_.emplace_back();
  std::map<std::string, int> occurrences;
  for (size_t i = 0; i < pipeline.stages.size(); ++i) {
    const StageSpec& spec = pipeline.stages[i];
    const StageInfo* info = FindStage(spec.name, table);
    if (!info) {
      std::string known;
      for (const StageInfo& s : table) known += (known.empty() ? "" : ", ") + std::string(s.name);
      return Status::InvalidArgument("unknown stage '" + spec.name + "' (known: " + known + ")");
    }
    if (!info->create_corpus) {
      plan.phases_.back().push_back({&spec, Role::kDocument});
      continue;
    }
    auto corpus = info->create_corpus(spec.options);
    if (!corpus.ok()) return corpus.status().WithContext("stage " + spec.name);
    const int index = static_cast<int>(plan.corpus_.size());
    const int occurrence = ++occurrences[spec.name];
    const std::string label =
        occurrence == 1 ? spec.name : spec.name + "-" + std::to_string(occurrence);
    plan.phases_.back().push_back({&spec, Role::kCollector, index});
    for (const std::string& step : (*corpus)->steps()) {
      plan.steps_.push_back({label + "." + step, index, step, plan.phases() - 1});
    }
    if ((*corpus)->HasApplier()) {
      plan.phases_.emplace_back();
      plan.phases_.back().push_back({&spec, Role::kApplier, index});
    }
    plan.corpus_.push_back(std::move(corpus).value());
    plan.corpus_position_.push_back(static_cast<int>(i));
  }
  return plan;
}

namespace {

std::string RoleName(const PipelinePlan::PlannedStage& s) {
  switch (s.role) {
    case PipelinePlan::Role::kDocument: return s.spec->name;
    case PipelinePlan::Role::kCollector: return s.spec->name + " (collect)";
    case PipelinePlan::Role::kApplier: return s.spec->name + " (apply)";
  }
  return s.spec->name;
}

}  // namespace

std::string PipelinePlan::Describe(const std::string& pipeline_file) const {
  const size_t steps = steps_.size() + (has_mix() ? 1 : 0);
  std::string out = std::to_string(phases()) + (phases() == 1 ? " phase, " : " phases, ") +
                    std::to_string(steps) + (steps == 1 ? " step" : " steps") +
                    "; each phase runs --tasks N tasks (an array job), each step once after it\n";
  for (int k = 0; k < phases(); ++k) {
    out += "phase " + std::to_string(k) + ": read";
    for (const PlannedStage& s : phases_[k]) out += ", " + RoleName(s);
    out += "\n    tamis run " + pipeline_file + " --phase " + std::to_string(k) +
           " --task I --tasks N\n";
    for (const PlannedStep& step : steps_) {
      if (step.after_phase != k) continue;
      const bool array = corpus_[step.corpus]->StepTasks(step.step, 64) > 1;
      out += "step " + step.name + " (after every task of phase " + std::to_string(k) +
             (array ? "; an array job of its own" : "") + ")\n";
      out += "    tamis run " + pipeline_file + " --step " + step.name +
             (array ? " --task I" : "") + " --tasks N\n";
    }
  }
  if (has_mix()) {
    out += "step mix (after everything: the mixture " + pipeline_->mix->output +
           ".manifest.json)\n    tamis run " + pipeline_file + " --step mix --tasks N\n";
  }
  return out;
}

// Runs the parts of one plan; friend of PipelinePlan.
class PipelineExecution {
 public:
  // `run` replaces the plan's own RunSpec when given (PlanParts).
  PipelineExecution(const PipelinePlan& plan, const PartCallback& on_part,
                    const RunSpec* run = nullptr)
      : plan_(plan),
        run_(run ? *run : plan.pipeline_->run),
        layout_(run_.output, plan.phases(), run_.meta_dir),
        on_part_(on_part) {}

  std::vector<PlanPart> Parts() const {
    std::vector<PlanPart> parts;
    for (int k = 0; k < plan_.phases(); ++k) {
      PlanPart phase;
      phase.label = "phase " + std::to_string(k);
      phase.phase = k;
      phase.tasks = run_.tasks;
      for (int t = 0; t < run_.tasks; ++t) phase.markers.push_back(layout_.TaskMarker(k, t));
      parts.push_back(std::move(phase));
      for (const PipelinePlan::PlannedStep& step : plan_.steps_) {
        if (step.after_phase != k) continue;
        PlanPart part;
        part.label = "step " + step.name;
        part.is_step = true;
        part.phase = k;
        part.step = step.name;
        part.tasks = StepTasks(step);
        part.array = part.tasks > 1;
        for (int t = 0; t < part.tasks; ++t) part.markers.push_back(StepMarker(step, t));
        parts.push_back(std::move(part));
      }
    }
    if (plan_.has_mix()) {
      PlanPart part;
      part.label = "step mix";
      part.is_step = true;
      part.phase = plan_.phases() - 1;
      part.step = std::string(kMixStep);
      part.array = false;
      part.markers.push_back(plan_.pipeline_->mix->output + ".manifest.json");
      parts.push_back(std::move(part));
    }
    return parts;
  }

  // The mixture, after every task of the last phase and every step.
  Status RunMixStep(PipelineOutcome* outcome) {
    PipelineOutcome::Part part;
    part.what = "step mix";
    TAMIS_RETURN_IF_ERROR(CheckPhaseFinished(plan_.phases() - 1, run_.tasks, part.what));
    TAMIS_RETURN_IF_ERROR(CheckStepsBefore(plan_.phases(), nullptr, part.what));
    Result<MixResult> mixed = RunMix(*plan_.pipeline_->mix, run_.threads);
    if (!mixed.ok()) return mixed.status().WithContext("step mix");
    part.already_complete = mixed->already_complete;
    part.detail = "mixture manifest: " + mixed->manifest_path;
    // The manifest is the mixture's marker; this record tells readers of the run (tamis
    // report) where it is.
    Value record = Value::EmptyObject();
    record.Set("step", std::string(kMixStep));
    record.Set("manifest", mixed->manifest_path);
    TAMIS_RETURN_IF_ERROR(
        WriteFileAtomically(layout_.StepMarker(kMixStep), ToJson(record, 2) + "\n"));
    Report(std::move(part), outcome);
    return Status::Ok();
  }

  std::string CorpusDir(int corpus) const {
    return layout_.CorpusStageDir(plan_.corpus_position_[corpus], plan_.corpus_[corpus]->name());
  }

  Status PrepareWorkDirs() const {
    for (size_t c = 0; c < plan_.corpus_.size(); ++c) {
      std::error_code ec;
      fs::create_directories(CorpusDir(static_cast<int>(c)), ec);
      if (ec) return Status::IoError(CorpusDir(static_cast<int>(c)) + ": " + ec.message());
    }
    return Status::Ok();
  }

  // A step runs only after every task of its phase; a phase only after the steps before it.
  Status CheckPhaseFinished(int phase, int tasks, const std::string& before) const {
    for (int t = 0; t < tasks; ++t) {
      std::error_code ec;
      if (!fs::exists(layout_.TaskMarker(phase, t), ec)) {
        return Status::FailedPrecondition(before + ": task " + std::to_string(t) + " of phase " +
                                          std::to_string(phase) + " has not finished (no " +
                                          layout_.TaskMarker(phase, t) + ")");
      }
    }
    return Status::Ok();
  }

  int StepTasks(const PipelinePlan::PlannedStep& step) const {
    return std::max(1, plan_.corpus_[step.corpus]->StepTasks(step.step, run_.tasks));
  }

  std::string StepMarker(const PipelinePlan::PlannedStep& step, int task) const {
    return StepTasks(step) > 1 ? layout_.StepMarker(step.name + "-" + TaskNumber(task))
                               : layout_.StepMarker(step.name);
  }

  // Every task of each step that must come before `what`: for a phase, the steps after
  // earlier phases; for a step (`before`), also the steps ahead of it in the plan.
  Status CheckStepsBefore(int phase, const PipelinePlan::PlannedStep* before,
                          const std::string& what) const {
    for (const PipelinePlan::PlannedStep& step : plan_.steps_) {
      if (&step == before) break;
      if (!before && step.after_phase >= phase) continue;
      for (int t = 0; t < StepTasks(step); ++t) {
        std::error_code ec;
        if (!fs::exists(StepMarker(step, t), ec)) {
          const std::string which =
              StepTasks(step) > 1 ? " task " + std::to_string(t) : std::string();
          return Status::FailedPrecondition(what + ": step " + step.name + which +
                                            " has not run yet");
        }
      }
    }
    return Status::Ok();
  }

  Status RunPhaseTask(int phase, int task, PipelineOutcome* outcome) {
    RunSpec spec = run_;
    spec.task = task;
    std::vector<std::string> names;
    for (const PipelinePlan::PlannedStage& s : plan_.phases_[phase]) names.push_back(RoleName(s));
    TaskSpec task_spec;
    if (phase > 0) {
      TAMIS_RETURN_IF_ERROR(CheckStepsBefore(phase, nullptr, "phase " + std::to_string(phase)));
    }
    TAMIS_RETURN_IF_ERROR(PlanTask(spec, phase, plan_.phases(), names, &task_spec));
    auto build = [this, phase]() -> Result<std::vector<std::unique_ptr<Stage>>> {
      std::vector<std::unique_ptr<Stage>> stages;
      for (const PipelinePlan::PlannedStage& s : plan_.phases_[phase]) {
        Result<std::unique_ptr<Stage>> stage = Status::Internal("unset");
        switch (s.role) {
          case PipelinePlan::Role::kDocument:
            stage = FindStage(s.spec->name, plan_.table_)->create(s.spec->options);
            break;
          case PipelinePlan::Role::kCollector:
            stage = plan_.corpus_[s.corpus]->Collector(CorpusDir(s.corpus));
            break;
          case PipelinePlan::Role::kApplier:
            stage = plan_.corpus_[s.corpus]->Applier(CorpusDir(s.corpus));
            break;
        }
        if (!stage.ok()) return stage.status().WithContext("stage " + s.spec->name);
        stages.push_back(std::move(stage).value());
      }
      return stages;
    };
    Result<RunSummary> summary = RunTask(task_spec, build);
    if (!summary.ok()) return summary.status();
    PipelineOutcome::Part part;
    part.what = plan_.phases() > 1
                    ? "phase " + std::to_string(phase) + " task " + std::to_string(task)
                    : "task " + std::to_string(task);
    part.already_complete = summary->already_complete;
    part.summary = std::move(summary).value();
    Report(std::move(part), outcome);
    return Status::Ok();
  }

  Status RunStep(const PipelinePlan::PlannedStep& step, int task, PipelineOutcome* outcome) {
    const int tasks_in_step = StepTasks(step);
    if (task < 0 || task >= tasks_in_step) {
      return Status::InvalidArgument("step " + step.name + " has " + std::to_string(tasks_in_step) +
                                     " task(s); no task " + std::to_string(task));
    }
    PipelineOutcome::Part part;
    part.what =
        "step " + step.name + (tasks_in_step > 1 ? " task " + std::to_string(task) : std::string());
    const std::string marker = StepMarker(step, task);
    std::error_code ec;
    if (fs::exists(marker, ec)) {
      TAMIS_ASSIGN_OR_RETURN(std::string text, ReadWholeFile(marker));
      Result<Value> recorded = ParseJson(text);
      const Value* tasks = recorded.ok() ? recorded->Find("tasks") : nullptr;
      if (!tasks || !tasks->is_int() || tasks->as_int() != run_.tasks) {
        return Status::FailedPrecondition(marker +
                                          ": this output holds another run (its step ran "
                                          "over another task count); give a new output "
                                          "directory, or remove the old one");
      }
      part.already_complete = true;
      Report(std::move(part), outcome);
      return Status::Ok();
    }
    TAMIS_RETURN_IF_ERROR(CheckPhaseFinished(step.after_phase, run_.tasks, part.what));
    TAMIS_RETURN_IF_ERROR(CheckStepsBefore(step.after_phase, &step, part.what));
    StepContext context;
    context.work_dir = CorpusDir(step.corpus);
    context.tasks = run_.tasks;
    context.task = task;
    context.tasks_in_step = tasks_in_step;
    context.threads = run_.threads;
    context.report_dir = run_.report_dir.empty() ? layout_.DefaultReportDir() : run_.report_dir;
    TAMIS_RETURN_IF_ERROR(
        plan_.corpus_[step.corpus]->Step(step.step, context).WithContext("step " + step.name));
    Value record = Value::EmptyObject();
    record.Set("step", step.name);
    record.Set("task", task);
    record.Set("tasks_in_step", tasks_in_step);
    record.Set("tasks", run_.tasks);
    record.Set("work_dir", context.work_dir);
    TAMIS_RETURN_IF_ERROR(WriteFileAtomically(marker, ToJson(record, 2) + "\n"));
    Report(std::move(part), outcome);
    return Status::Ok();
  }

 private:
  void Report(PipelineOutcome::Part part, PipelineOutcome* outcome) {
    if (on_part_) on_part_(part);
    outcome->parts.push_back(std::move(part));
  }

  const PipelinePlan& plan_;
  const RunSpec& run_;
  RunLayout layout_;
  const PartCallback& on_part_;
};

std::vector<PlanPart> PlanParts(const PipelinePlan& plan, const RunSpec& run) {
  const PartCallback none;
  PipelineExecution execution(plan, none, &run);
  return execution.Parts();
}

Result<PipelineOutcome> RunPipelineParts(const PipelineSpec& pipeline,
                                         const RunSelection& selection,
                                         const PartCallback& on_part) {
  return RunPipelineParts(pipeline, selection, on_part, AllStages());
}

Result<PipelineOutcome> RunPipelineParts(const PipelineSpec& pipeline,
                                         const RunSelection& selection, const PartCallback& on_part,
                                         std::span<const StageInfo> table) {
  TAMIS_ASSIGN_OR_RETURN(PipelinePlan plan, PipelinePlan::Create(pipeline, table));
  TAMIS_RETURN_IF_ERROR(ValidateRunSpec(pipeline.run, plan.phases()));
  PipelineExecution execution(plan, on_part);
  TAMIS_RETURN_IF_ERROR(execution.PrepareWorkDirs());
  PipelineOutcome outcome;
  switch (selection.kind) {
    case RunSelection::Kind::kEverything:
      if (plan.phases() == 1 && plan.steps().empty() && !plan.has_mix()) {
        TAMIS_RETURN_IF_ERROR(execution.RunPhaseTask(0, pipeline.run.task, &outcome));
        break;
      }
      for (int k = 0; k < plan.phases(); ++k) {
        for (int t = 0; t < pipeline.run.tasks; ++t) {
          TAMIS_RETURN_IF_ERROR(execution.RunPhaseTask(k, t, &outcome));
        }
        for (const PipelinePlan::PlannedStep& step : plan.steps()) {
          if (step.after_phase != k) continue;
          for (int t = 0; t < execution.StepTasks(step); ++t) {
            TAMIS_RETURN_IF_ERROR(execution.RunStep(step, t, &outcome));
          }
        }
      }
      if (plan.has_mix()) TAMIS_RETURN_IF_ERROR(execution.RunMixStep(&outcome));
      break;
    case RunSelection::Kind::kPhaseTask:
      if (selection.phase < 0 || selection.phase >= plan.phases()) {
        return Status::InvalidArgument("--phase " + std::to_string(selection.phase) +
                                       ": the pipeline has phases 0.." +
                                       std::to_string(plan.phases() - 1));
      }
      TAMIS_RETURN_IF_ERROR(execution.RunPhaseTask(selection.phase, pipeline.run.task, &outcome));
      break;
    case RunSelection::Kind::kStep: {
      if (plan.has_mix() && selection.step == kMixStep) {
        TAMIS_RETURN_IF_ERROR(execution.RunMixStep(&outcome));
        break;
      }
      const PipelinePlan::PlannedStep* found = nullptr;
      std::string names;
      for (const PipelinePlan::PlannedStep& step : plan.steps()) {
        if (step.name == selection.step) found = &step;
        names += (names.empty() ? "" : ", ") + step.name;
      }
      if (plan.has_mix()) names += (names.empty() ? "" : ", ") + std::string(kMixStep);
      if (!found) {
        return Status::InvalidArgument("--step " + selection.step + ": the pipeline's steps are " +
                                       (names.empty() ? std::string("none") : names));
      }
      // A step of one task runs whatever --task says (a job without an array index).
      const int task = execution.StepTasks(*found) > 1 ? pipeline.run.task : 0;
      TAMIS_RETURN_IF_ERROR(execution.RunStep(*found, task, &outcome));
      break;
    }
  }
  return outcome;
}

}  // namespace tamis
