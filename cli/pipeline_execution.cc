#include "cli/pipeline_execution.h"

#include <unistd.h>

#include <iostream>
#include <memory>
#include <optional>

#include "cli/run_report.h"
#include "runner/run_report_data.h"

namespace tamis::cli {
namespace {

// Kept documents the end summary reads for their languages and tokens: enough for any demo,
// bounded for a real corpus (`tamis report --max-documents` reads more).
constexpr int64_t kSummaryDocuments = 100'000;

}  // namespace

void ApplyCommonFlags(const CommonFlags& flags, RunSpec* spec) {
  if (!flags.output.empty()) spec->output = flags.output;
  if (!flags.rejects.empty()) spec->rejects = flags.rejects;
  spec->threads = static_cast<int>(flags.threads);
  spec->task = static_cast<int>(flags.task);
  spec->tasks = static_cast<int>(flags.tasks);
  if (flags.strict) spec->reader.strict = true;
  if (flags.ledger) spec->kept_ledger = true;
  if (!flags.quiet && ::isatty(STDERR_FILENO)) spec->on_progress = &PrintProgress;
}

int ExecutePipeline(std::string_view command, const PipelineSpec& pipeline,
                    const RunSelection& selection, bool quiet) {
  PipelineSpec spec = pipeline;
  // Skip messages come from every thread; the reporter prints the first few.
  auto skips = std::make_shared<SkipReporter>();
  if (!spec.run.reader.on_skip) {
    spec.run.reader.on_skip = [skips](std::string_view reason, const std::string& message) {
      skips->Report(reason, message);
    };
  }
  // `tamis run` of a whole pipeline prints a line per part as it goes and the whole run at the
  // end; a single part (--phase, --step, other commands) prints its own summary.
  const bool run_all = command == "run" && selection.kind == RunSelection::Kind::kEverything;
  std::optional<RunSummary> last_task;
  auto on_part = [&](const PipelineOutcome::Part& part) {
    if (quiet) return;
    const bool step = part.what.rfind("step ", 0) == 0;
    if (run_all) {
      std::cerr << "== " << part.what << ": "
                << (step ? (part.already_complete ? "already complete (marker found)" : "done")
                         : FormatPartLine(part.summary))
                << "\n";
      if (!step) last_task = part.summary;
      return;
    }
    const bool several =
        selection.kind == RunSelection::Kind::kEverything && part.what.rfind("task ", 0) != 0;
    if (several) std::cerr << "== " << part.what << "\n";
    if (step) {
      std::cerr << (part.already_complete ? "step already complete (marker found)\n"
                                          : "step done\n");
      if (!part.detail.empty()) std::cerr << part.detail << "\n";
      return;
    }
    std::cerr << FormatSummary(part.summary);
  };
  Result<PipelineOutcome> outcome = RunPipelineParts(spec, selection, on_part);
  if (!outcome.ok()) {
    std::cerr << "tamis " << command << ": " << outcome.status().ToString() << "\n";
    return outcome.status().code() == StatusCode::kInvalidArgument ? 2 : 1;
  }
  if (!run_all || quiet) return 0;
  // The whole run at a glance, all phases and tasks together; one task of an array (no step)
  // gets its own summary instead of a page of what the other tasks have not done yet.
  if (outcome->parts.size() > 1 || spec.run.tasks == 1) {
    RunReportOptions options;
    options.max_documents = kSummaryDocuments;
    Result<Value> report = GatherRunReport(spec.run.output, options);
    if (report.ok()) {
      std::cerr << "\n" << FormatRunSummary(*report);
      return 0;
    }
  }
  if (last_task) std::cerr << FormatSummary(*last_task);
  return 0;
}

}  // namespace tamis::cli
