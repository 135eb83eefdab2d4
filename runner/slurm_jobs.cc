#include "runner/slurm_jobs.h"

#include <filesystem>

#include "io/output_file.h"
#include "pipeline/json.h"

namespace tamis {
namespace {

std::string PartName(const PlanPart& part) {
  return part.is_step ? "step-" + part.step : "phase-" + std::to_string(part.phase);
}

// A job script around `command` (which may use $task): SBATCH header, then the command, then
// its exit code recorded for `tamis slurm status`.
std::string Script(const PlanPart& part, const std::string& name, const std::string& command,
                   const SlurmOptions& o) {
  const bool array = part.array;
  std::string s = "#!/bin/bash\n";
  s += "# Written by `tamis slurm` for " + part.label + " of " + o.pipeline_file + ".\n";
  s += "# Resubmitting is safe: a part whose marker exists exits at once.\n";
  s += "#SBATCH --job-name=tamis-" + name + "\n";
  if (array) {
    s += "#SBATCH --array=0-" + std::to_string(part.tasks - 1);
    if (o.max_parallel > 0) s += "%" + std::to_string(o.max_parallel);
    s += "\n";
  }
  s += "#SBATCH --ntasks=1\n";
  s += "#SBATCH --cpus-per-task=" + std::to_string(o.cpus_per_task) + "\n";
  s += "#SBATCH --output=" + o.scripts_dir + "/logs/" + name + (array ? "-%a" : "") + ".out\n";
  if (!o.partition.empty()) s += "#SBATCH --partition=" + o.partition + "\n";
  if (!o.time.empty()) s += "#SBATCH --time=" + o.time + "\n";
  if (!o.mem.empty()) s += "#SBATCH --mem=" + o.mem + "\n";
  s += "task=" + std::string(array ? "\"${SLURM_ARRAY_TASK_ID:?not an array task}\"" : "0") + "\n";
  s += command + "\n";
  s += "rc=$?\n";
  const std::string rc_file =
      ShellQuote(o.scripts_dir + "/exit/" + name + "-") + "\"$task\"" + ShellQuote(".rc");
  s += "echo \"$rc\" > " + rc_file + ".tmp && mv " + rc_file + ".tmp " + rc_file + "\n";
  s += "exit \"$rc\"\n";
  return s;
}

std::string RunCommand(const PlanPart& part, const SlurmOptions& o) {
  std::string c = ShellQuote(o.tamis_binary) + " run " + ShellQuote(o.pipeline_file);
  c += part.is_step ? " --step " + ShellQuote(part.step) : " --phase " + std::to_string(part.phase);
  if (part.array) c += " --task \"$task\"";
  c += " --tasks " + std::to_string(o.tasks) + " --threads " + std::to_string(o.cpus_per_task);
  for (const std::string& a : o.run_arguments) c += " " + ShellQuote(a);
  return c + " --quiet";
}

std::string JobPath(const SlurmOptions& o, size_t index, const std::string& part) {
  char number[24];
  std::snprintf(number, sizeof(number), "%02zu", index);
  return o.scripts_dir + "/" + number + "-" + part + ".sbatch";
}

}  // namespace

std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

std::string SlurmExitFile(const std::string& scripts_dir, const std::string& part, int task) {
  return scripts_dir + "/exit/" + part + "-" + std::to_string(task) + ".rc";
}

std::vector<SlurmJob> SlurmJobs(const std::vector<PlanPart>& parts, const SlurmOptions& options) {
  std::vector<SlurmJob> jobs;
  for (size_t i = 0; i < parts.size(); ++i) {
    SlurmJob job;
    job.part = PartName(parts[i]);
    job.label = parts[i].label;
    job.array_tasks = parts[i].array ? parts[i].tasks : 0;
    job.script_path = JobPath(options, i, job.part);
    job.script = Script(parts[i], job.part, RunCommand(parts[i], options), options);
    jobs.push_back(std::move(job));
  }
  if (!options.mix_file.empty()) {
    // After the pipeline, the mixture of the token shards it wrote (tokenize → mix).
    PlanPart mix = SlurmMixPart(options);
    SlurmJob job;
    job.part = "mix";
    job.label = mix.label;
    job.script_path = JobPath(options, parts.size(), job.part);
    job.script = Script(mix, job.part,
                        ShellQuote(options.tamis_binary) + " mix " + ShellQuote(options.mix_file) +
                            " --threads " + std::to_string(options.cpus_per_task) + " --quiet",
                        options);
    jobs.push_back(std::move(job));
  }
  return jobs;
}

PlanPart SlurmMixPart(const SlurmOptions& options) {
  PlanPart mix;
  mix.label = "mix";
  mix.is_step = true;
  mix.step = "mix";
  mix.array = false;
  mix.markers = {options.mix_manifest};
  return mix;
}

Value SlurmPlanRecord(const std::vector<PlanPart>& parts, const std::vector<SlurmJob>& jobs,
                      const std::vector<std::string>& job_ids, const SlurmOptions& options) {
  Value record = Value::EmptyObject();
  record.Set("pipeline", options.pipeline_file);
  record.Set("tasks", options.tasks);
  Value list = Value::EmptyArray();
  for (size_t i = 0; i < parts.size(); ++i) {
    Value p = Value::EmptyObject();
    p.Set("label", parts[i].label);
    p.Set("part", jobs[i].part);
    p.Set("tasks", parts[i].tasks);
    p.Set("script", jobs[i].script_path);
    p.Set("job", i < job_ids.size() ? job_ids[i] : std::string());
    Value markers = Value::EmptyArray();
    for (const std::string& m : parts[i].markers) markers.as_array().emplace_back(m);
    p.Set("markers", std::move(markers));
    list.as_array().push_back(std::move(p));
  }
  record.Set("parts", std::move(list));
  record.Set("scripts_dir", options.scripts_dir);
  return record;
}

Result<std::vector<SlurmPartStatus>> ReadSlurmStatus(const std::string& plan_file) {
  TAMIS_ASSIGN_OR_RETURN(std::string text, ReadWholeFile(plan_file));
  TAMIS_ASSIGN_OR_RETURN(Value record, ParseJson(text));
  const Value* parts = record.Find("parts");
  if (!parts || !parts->is_array()) {
    return Status::Corruption(plan_file + ": not a plan `tamis slurm` wrote");
  }
  const std::string scripts_dir(record.GetString("scripts_dir"));
  std::vector<SlurmPartStatus> statuses;
  for (const Value& p : parts->as_array()) {
    SlurmPartStatus status;
    status.label = std::string(p.GetString("label"));
    const auto& markers = p.Find("markers")->as_array();
    status.tasks = static_cast<int>(markers.size());
    for (int t = 0; t < status.tasks; ++t) {
      std::error_code ec;
      if (std::filesystem::exists(markers[t].as_string(), ec)) {
        ++status.done;
        continue;
      }
      const std::string rc_file = SlurmExitFile(scripts_dir, std::string(p.GetString("part")), t);
      Result<std::string> rc = ReadWholeFile(rc_file);
      if (rc.ok() && !rc->empty() && std::stoi(*rc) != 0) {
        status.failed.emplace_back(t, std::stoi(*rc));
      } else {
        ++status.pending;
      }
    }
    statuses.push_back(std::move(status));
  }
  return statuses;
}

}  // namespace tamis
