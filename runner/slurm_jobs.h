// SlurmJobs: a pipeline's phases and steps as sbatch scripts — one array job per phase (and
// per step that runs as an array), one job per single-task step — for `tamis slurm`.
//
// Each script runs `tamis run PIPELINE --phase K --task $SLURM_ARRAY_TASK_ID --tasks N` (or
// `--step NAME`), so the markers of the runner make a resubmission redo only the parts not
// yet finished, and writes the part's exit code to SCRIPTS/exit/<part>-<task>.rc, which is
// what `tamis slurm status` reads (SLURM without accounting forgets finished jobs at once).
// The jobs are submitted in plan order, each depending on the one before (afterok, with
// --kill-on-invalid-dep so that a failure cancels what waits on it instead of leaving it
// pending forever). Scripts and logs live in OUT/.tamis/slurm/.
//
// Thread rule: plain functions.
#ifndef TAMIS_RUNNER_SLURM_JOBS_H_
#define TAMIS_RUNNER_SLURM_JOBS_H_

#include <string>
#include <vector>

#include "pipeline/status.h"
#include "pipeline/value.h"
#include "runner/orchestrator.h"

namespace tamis {

struct SlurmOptions {
  std::string tamis_binary;                // Absolute path of the tamis the jobs run.
  std::string pipeline_file;               // Absolute path of the pipeline YAML.
  std::vector<std::string> run_arguments;  // Forwarded to every `tamis run` (-o, --rejects, …).
  std::string scripts_dir;                 // Where scripts, logs and exit codes go.
  int tasks = 1;
  int cpus_per_task = 1;
  int max_parallel = 0;  // 0: no limit (%K on the array).
  std::string partition, time, mem;
  // Optional: a mixture file run as one last job, `tamis mix MIX.yaml` (tokenize → mix); its
  // manifest (`mix_manifest`, written last) is its marker.
  std::string mix_file, mix_manifest;
};

struct SlurmJob {
  std::string part;     // "phase-0", "step-top_fraction.thresholds": names files and jobs.
  std::string label;    // "phase 0", "step top_fraction.thresholds": for people.
  int array_tasks = 0;  // 0: a single job (a step of one task); else an array of this size.
  std::string script_path;
  std::string script;  // The script's text.
};

// One job per part of `parts` (PlanParts), in order, then the mixture job if options name one.
std::vector<SlurmJob> SlurmJobs(const std::vector<PlanPart>& parts, const SlurmOptions& options);
// The mixture job as a part, for the plan record (`tamis slurm status` counts it).
PlanPart SlurmMixPart(const SlurmOptions& options);

// SCRIPTS/exit/<part>-<task>.rc: where a job's script records the part's exit code.
std::string SlurmExitFile(const std::string& scripts_dir, const std::string& part, int task);

// Single-quoted for a POSIX shell.
std::string ShellQuote(const std::string& s);

// What `tamis slurm status` tells of one part, from markers and exit-code files.
struct SlurmPartStatus {
  std::string label;
  int tasks = 1;
  int done = 0;
  std::vector<std::pair<int, int>> failed;  // (task, exit code), tasks without a marker.
  int pending = 0;  // Neither a marker nor an exit code: queued, running, or never started.
};

// The record `tamis slurm` leaves in SCRIPTS/plan.json: the parts with their markers, jobs
// and scripts, so that `tamis slurm status` needs nothing else.
Value SlurmPlanRecord(const std::vector<PlanPart>& parts, const std::vector<SlurmJob>& jobs,
                      const std::vector<std::string>& job_ids, const SlurmOptions& options);
Result<std::vector<SlurmPartStatus>> ReadSlurmStatus(const std::string& plan_file);

}  // namespace tamis

#endif  // TAMIS_RUNNER_SLURM_JOBS_H_
