#include "cli/pipeline_execution.h"

#include <unistd.h>

#include <iostream>
#include <memory>

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
  size_t parts = 0;
  auto on_part = [&](const PipelineOutcome::Part& part) {
    ++parts;
    if (quiet) return;
    const bool several =
        selection.kind == RunSelection::Kind::kEverything && part.what.rfind("task ", 0) != 0;
    if (several) std::cerr << "== " << part.what << "\n";
    if (part.what.rfind("step ", 0) == 0) {
      std::cerr << (part.already_complete ? "step already complete (marker found)\n"
                                          : "step done\n");
      return;
    }
    std::cerr << FormatSummary(part.summary);
  };
  Result<PipelineOutcome> outcome = RunPipelineParts(spec, selection, on_part);
  if (!outcome.ok()) {
    std::cerr << "tamis " << command << ": " << outcome.status().ToString() << "\n";
    return outcome.status().code() == StatusCode::kInvalidArgument ? 2 : 1;
  }
  // A whole pipeline ends with the whole run at a glance, all phases and tasks together; not
  // one task of an array (it would read the others' outputs only to say they are missing).
  const bool whole_run = outcome->parts.size() > 1 || spec.run.tasks == 1;
  if (command == "run" && selection.kind == RunSelection::Kind::kEverything && whole_run &&
      !quiet) {
    RunReportOptions options;
    options.max_documents = kSummaryDocuments;
    Result<Value> report = GatherRunReport(spec.run.output, options);
    if (report.ok()) std::cerr << "\n" << FormatRunSummary(*report);
  }
  return 0;
}

}  // namespace tamis::cli
