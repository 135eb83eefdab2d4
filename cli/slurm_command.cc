// tamis slurm PIPELINE.yaml --tasks N: the pipeline as SLURM jobs, one array job per phase and
// one job per step, chained with afterok; tamis slurm status OUT: what is done, failed and
// pending, and the merged stats.
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "cli/commands.h"
#include "cli/flags.h"
#include "cli/run_report.h"
#include "io/output_file.h"
#include "pipeline/json.h"
#include "runner/pipeline_config.h"
#include "runner/run_layout.h"
#include "runner/slurm_jobs.h"
#include "runner/stats_merge.h"
#include "tokenize/mixture.h"

namespace tamis::cli {
namespace {

namespace fs = std::filesystem;

constexpr const char* kUsage =
    "usage: tamis slurm PIPELINE.yaml --tasks N [--partition P] [--time T] [--cpus-per-task C]\n"
    "                  [--mem M] [--max-parallel K] [-o OUT] [--rejects R] [--mix MIX.yaml]\n"
    "                  [--dry-run]\n"
    "       tamis slurm status OUT\n";

std::string ScriptsDir(const std::string& output) {
  return RunLayout(output, 1).meta_dir() + "/slurm";
}

// `sbatch --parsable ...`: the job id, or an error with what sbatch said.
Result<std::string> Submit(const std::string& script, const std::string& after) {
  std::string command = "sbatch --parsable";
  if (!after.empty()) command += " --dependency=afterok:" + after + " --kill-on-invalid-dep=yes";
  command += " " + ShellQuote(script) + " 2>&1 </dev/null";
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return Status::IoError("cannot run sbatch: " + std::string(std::strerror(errno)));
  std::string out;
  char buf[256];
  while (std::fgets(buf, sizeof(buf), pipe)) out += buf;
  const int rc = ::pclose(pipe);
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  if (rc != 0 || out.empty()) {
    return Status::IoError("sbatch " + script + " failed: " + (out.empty() ? "no output" : out));
  }
  return out.substr(0, out.find(';'));  // "ID;cluster" on multi-cluster setups.
}

int StatusCommand(const Args& args) {
  Flags flags("tamis slurm status",
              "What is done, failed and pending of a pipeline submitted with `tamis slurm`, and "
              "the merged stats. Exit code 0: all done; 1: a task failed; 3: tasks pending.");
  std::vector<std::string> outputs;
  flags.Positional("OUT", "the pipeline's output directory", &outputs, 1);
  if (int code; !flags.Parse(args, &code)) return code;
  if (outputs.size() != 1) {
    std::cerr << kUsage;
    return 2;
  }
  const std::string plan_file = ScriptsDir(outputs[0]) + "/plan.json";
  Result<std::vector<SlurmPartStatus>> statuses = ReadSlurmStatus(plan_file);
  if (!statuses.ok()) {
    std::cerr << "tamis slurm status: " << statuses.status().ToString() << "\n";
    return 1;
  }
  bool failed = false, pending = false;
  for (const SlurmPartStatus& s : *statuses) {
    std::printf("%-40s %d/%d done", s.label.c_str(), s.done, s.tasks);
    if (!s.failed.empty()) {
      std::printf(", %zu failed (", s.failed.size());
      for (size_t i = 0; i < s.failed.size(); ++i) {
        std::printf("%stask %d: exit %d", i ? ", " : "", s.failed[i].first, s.failed[i].second);
      }
      std::printf(")");
    }
    if (s.pending) std::printf(", %d pending", s.pending);
    std::printf("\n");
    failed |= !s.failed.empty();
    pending |= s.pending > 0;
  }
  if (failed) std::printf("resubmit with the same `tamis slurm` command: finished tasks skip\n");
  if (auto files = FindStatsFiles(outputs[0]); files.ok()) {
    std::vector<Value> all;
    for (const std::string& f : *files) {
      if (auto text = ReadWholeFile(f); text.ok()) {
        if (auto v = ParseJson(*text); v.ok()) all.push_back(std::move(*v));
      }
    }
    if (auto merged = MergeRunStats(all); merged.ok()) {
      std::vector<Value> phases;
      if (const Value* list = merged->Find("phases")) {
        phases = list->as_array();
      } else {
        phases.push_back(std::move(*merged));
      }
      for (Value& phase : phases) {
        const Value* k = phase.Find("phase");
        std::printf("== stats of phase %lld\n", static_cast<long long>(k ? k->as_int() : 0));
        RunSummary summary;
        summary.stats = std::move(phase);
        summary.stats_path = std::to_string(all.size()) + " stats file(s)";
        std::fputs(FormatSummary(summary).c_str(), stdout);
      }
    }
  }
  return failed ? 1 : pending ? 3 : 0;
}

int SubmitCommand(const Args& args) {
  Flags flags("tamis slurm",
              "Submits a pipeline to SLURM: one array job per phase (task i of N runs --phase K "
              "--task i), one job per global step (an array when the step is one), each "
              "depending on the one before (afterok). Scripts, logs and exit codes go to "
              "OUT/.tamis/slurm/. Resubmitting is safe: finished tasks skip. See `tamis slurm "
              "status OUT`.");
  std::vector<std::string> files;
  std::string output, rejects, partition, time, mem, mix;
  int64_t tasks = 0, cpus = 1, max_parallel = 0;
  bool dry_run = false;
  flags.Int("--tasks", "N", "tasks per phase (required)", &tasks);
  flags.String("--output", "OUT", "overrides the pipeline's output", &output);
  flags.Alias("-o", "--output");
  flags.String("--rejects", "PATH", "overrides the pipeline's rejects", &rejects);
  flags.String("--partition", "P", "sbatch --partition", &partition);
  flags.String("--time", "T", "sbatch --time, per job (e.g. 4:00:00)", &time);
  flags.Int("--cpus-per-task", "C", "sbatch --cpus-per-task; tamis runs C threads (default 1)",
            &cpus);
  flags.String("--mem", "M", "sbatch --mem (e.g. 16G)", &mem);
  flags.Int("--max-parallel", "K", "at most K array tasks at once (--array=0-(N-1)%K)",
            &max_parallel);
  flags.String("--mix", "MIX.yaml",
               "then `tamis mix MIX.yaml` as a last job, over the token shards the pipeline "
               "wrote (its tokens: sources)",
               &mix);
  flags.Bool("--dry-run", "write and print the scripts and sbatch commands; submit nothing",
             &dry_run);
  flags.Positional("PIPELINE.yaml", "the pipeline", &files, 1);
  flags.Epilogue(kUsage);
  if (int code; !flags.Parse(args, &code)) return code;
  if (files.size() != 1 || tasks < 1 || cpus < 1 || max_parallel < 0) {
    std::cerr << "tamis slurm: give one pipeline, --tasks N >= 1, --cpus-per-task >= 1\n" << kUsage;
    return 2;
  }
  Result<PipelineConfig> config = LoadPipelineConfig(files[0]);
  if (!config.ok()) {
    std::cerr << "tamis slurm: " << config.status().ToString() << "\n";
    return 1;
  }
  PipelineSpec pipeline = *config;
  SlurmOptions options;
  std::error_code ec;
  if (!output.empty()) {
    pipeline.run.output = output;
    options.run_arguments.insert(options.run_arguments.end(),
                                 {"-o", fs::absolute(output, ec).string()});
  }
  if (!rejects.empty()) {
    pipeline.run.rejects = rejects;
    options.run_arguments.insert(options.run_arguments.end(),
                                 {"--rejects", fs::absolute(rejects, ec).string()});
  }
  pipeline.run.tasks = static_cast<int>(tasks);
  pipeline.run.threads = static_cast<int>(cpus);
  if (Status s = ValidateRunSpec(pipeline.run, 1); !s.ok()) {
    std::cerr << "tamis slurm: " << s.ToString() << "\n";
    return 2;
  }
  Result<PipelinePlan> plan = PipelinePlan::Create(pipeline);
  if (!plan.ok()) {
    std::cerr << "tamis slurm: " << files[0] << ": " << plan.status().ToString() << "\n";
    return 1;
  }
  // Every path the jobs see is absolute: they run in SLURM's working directory, not ours.
  RunSpec absolute_run = pipeline.run;
  absolute_run.output = fs::absolute(pipeline.run.output, ec).string();
  options.tamis_binary = fs::read_symlink("/proc/self/exe", ec).string();
  options.pipeline_file = fs::absolute(files[0], ec).string();
  options.scripts_dir = ScriptsDir(absolute_run.output);
  options.tasks = static_cast<int>(tasks);
  options.cpus_per_task = static_cast<int>(cpus);
  options.max_parallel = static_cast<int>(max_parallel);
  options.partition = partition;
  options.time = time;
  options.mem = mem;
  if (!mix.empty()) {
    Result<MixConfig> mix_config = LoadMixConfig(mix);
    if (!mix_config.ok()) {
      std::cerr << "tamis slurm: --mix: " << mix_config.status().ToString() << "\n";
      return 1;
    }
    options.mix_file = fs::absolute(mix, ec).string();
    options.mix_manifest = fs::absolute(mix_config->output + ".manifest.json", ec).string();
  }
  std::vector<PlanPart> parts = PlanParts(*plan, absolute_run);
  const std::vector<SlurmJob> jobs = SlurmJobs(parts, options);
  if (!mix.empty()) parts.push_back(SlurmMixPart(options));
  for (const char* sub : {"/logs", "/exit"}) fs::create_directories(options.scripts_dir + sub, ec);
  if (ec) {
    std::cerr << "tamis slurm: " << options.scripts_dir << ": " << ec.message() << "\n";
    return 1;
  }
  for (const SlurmJob& job : jobs) {
    if (Status s = WriteFileAtomically(job.script_path, job.script); !s.ok()) {
      std::cerr << "tamis slurm: " << s.ToString() << "\n";
      return 1;
    }
    fs::permissions(job.script_path,
                    fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                        fs::perms::others_read | fs::perms::others_exec,
                    ec);
  }
  std::vector<std::string> ids;
  for (const SlurmJob& job : jobs) {
    const std::string after = ids.empty() ? std::string() : ids.back();
    if (dry_run) {
      std::printf("%s", job.script.c_str());
      std::printf(
          "# sbatch --parsable%s %s\n\n",
          after.empty() ? "" : " --dependency=afterok:<previous job> --kill-on-invalid-dep=yes",
          ShellQuote(job.script_path).c_str());
      ids.emplace_back("<" + job.part + ">");
      continue;
    }
    Result<std::string> id = Submit(job.script_path, after);
    if (!id.ok()) {
      std::cerr << "tamis slurm: " << id.status().ToString() << "\n";
      return 1;
    }
    std::printf(
        "%-40s job %s%s\n", job.label.c_str(), id->c_str(),
        job.array_tasks ? (" (array of " + std::to_string(job.array_tasks) + ")").c_str() : "");
    ids.push_back(std::move(id).value());
  }
  const std::string plan_file = options.scripts_dir + "/plan.json";
  if (Status s = WriteFileAtomically(
          plan_file,
          ToJson(SlurmPlanRecord(parts, jobs, dry_run ? std::vector<std::string>{} : ids, options),
                 2) +
              "\n");
      !s.ok()) {
    std::cerr << "tamis slurm: " << s.ToString() << "\n";
    return 1;
  }
  if (!dry_run) std::printf("follow with: tamis slurm status %s\n", absolute_run.output.c_str());
  return 0;
}

}  // namespace

int SlurmCommand(const Args& args) {
  if (!args.empty() && args[0] == "status")
    return StatusCommand(Args(args.begin() + 1, args.end()));
  return SubmitCommand(args);
}

}  // namespace tamis::cli
