// tamis decontaminate: finds benchmark items in a corpus (normalised word n-grams), tags,
// drops or cuts them, and writes report.json/.md/.html; `tamis decontaminate merge` merges
// the partial reports of many tasks or runs into one.
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/pipeline_execution.h"
#include "filters/decontaminate/decontaminate_stage.h"

namespace tamis::cli {
namespace {

constexpr char kUsage[] =
    "usage: tamis decontaminate --benchmark NAME=FILE [--benchmark ...] INPUT... --report DIR\n"
    "                           [-o OUT] [--rejects R] [--action tag|drop|cut]\n"
    "       tamis decontaminate merge DIR... --report OUT\n"
    "'tamis decontaminate --help' and 'tamis decontaminate merge --help' describe each.\n";

// "NAME=VALUE" flags that refine one benchmark (--preset mmlu=arc).
bool SplitNamed(const std::string& flag, const std::string& argument, std::string* name,
                std::string* value) {
  const size_t eq = argument.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == argument.size()) {
    std::cerr << "tamis decontaminate: " << flag << " " << argument << ": expected NAME=VALUE\n";
    return false;
  }
  *name = argument.substr(0, eq);
  *value = argument.substr(eq + 1);
  return true;
}

int ScanCommand(const Args& args) {
  Flags flags("tamis decontaminate",
              "Finds the items of evaluation benchmarks (JSONL, one item per line) in a corpus "
              "by normalised word n-grams (case, punctuation, spacing and Unicode forms "
              "ignored). An item is contaminated in a document that covers at least THRESHOLD "
              "of its n-grams. Writes report.json, report.md and report.html (charts, "
              "self-contained) into --report, and the documents (tagged, cut, or without the "
              "dropped ones) to -o.");
  CommonFlags common;
  common.Declare(flags, /*output_required=*/false);
  std::vector<std::string> benchmarks, presets, fields, inputs;
  std::string report, action = "tag", diacritics = "keep";
  int64_t ngram = 13, cut_context = 200;
  double threshold = 0.5;
  flags.List("--benchmark", "NAME=FILE", "a benchmark's JSONL file (repeatable)", &benchmarks);
  flags.List("--preset", "NAME=PRESET",
             "item fields of benchmark NAME: mmlu, arc, hellaswag, gsm8k, humaneval or auto "
             "(default: auto, every known field the line has)",
             &presets);
  flags.List("--fields", "NAME=F1,F2",
             "item fields of benchmark NAME, instead of its preset's (dotted names pick "
             "members: choices.text)",
             &fields);
  flags.String("--report", "DIR", "where report.json, report.md and report.html go", &report, true);
  flags.String("--action", "tag|drop|cut",
               "what happens to a contaminated document: metadata.contamination and a ledger "
               "note (tag, default), removal (drop), or the matching spans cut out with "
               "--cut-context characters each side (cut)",
               &action);
  flags.Int("--ngram", "N", "words per n-gram, 8 to 50 (default 13)", &ngram);
  flags.Double("--threshold", "T", "coverage of an item that makes it contaminated (default 0.5)",
               &threshold);
  flags.Int("--cut-context", "C", "characters cut each side of a span (default 200)", &cut_context);
  flags.String("--diacritics", "keep|strip", "whether é and e are the same letter (default keep)",
               &diacritics);
  flags.Positional("INPUT", "JSONL, WARC/WET files, directories or glob patterns", &inputs, 1);
  flags.Epilogue(
      "Without -o the documents are only scanned. With --task I --tasks N one task runs; "
      "merge the tasks' partial reports (OUT/.tamis/work/00-decontaminate) with\n"
      "'tamis decontaminate merge'.\n"
      "examples:\n"
      "  tamis decontaminate --benchmark mmlu=mmlu.jsonl --benchmark gsm8k=gsm8k.jsonl \\\n"
      "      crawl/*.jsonl.zst --report contamination/\n"
      "  tamis decontaminate --benchmark arc=arc.jsonl --preset arc=arc docs.jsonl \\\n"
      "      --report rep/ -o clean/ --action cut\n");
  if (int code; !flags.Parse(args, &code)) return code;
  if (!common.Resolve()) return 2;
  if (benchmarks.empty()) {
    std::cerr << "tamis decontaminate: give at least one --benchmark NAME=FILE\n";
    return 2;
  }

  Value list = Value::EmptyArray();
  for (const std::string& argument : benchmarks) {
    Result<BenchmarkSpec> spec = ParseBenchmarkArgument(argument);
    if (!spec.ok()) {
      std::cerr << "tamis decontaminate: " << spec.status().message() << "\n";
      return 2;
    }
    Value b = Value::EmptyObject();
    b.Set("name", spec->name);
    b.Set("path", spec->path);
    list.as_array().push_back(std::move(b));
  }
  // --preset and --fields refine the --benchmark of the same NAME.
  auto refine = [&](const std::string& flag, const std::string& argument, auto set) {
    std::string name, value;
    if (!SplitNamed(flag, argument, &name, &value)) return false;
    for (Value& b : list.as_array()) {
      if (b.GetString("name") == name) {
        set(b, value);
        return true;
      }
    }
    std::cerr << "tamis decontaminate: " << flag << " " << argument << ": no --benchmark " << name
              << "\n";
    return false;
  };
  for (const std::string& argument : presets) {
    if (!refine("--preset", argument, [](Value& b, const std::string& v) { b.Set("preset", v); })) {
      return 2;
    }
  }
  for (const std::string& argument : fields) {
    auto set_fields = [](Value& b, const std::string& v) {
      Value names = Value::EmptyArray();
      for (size_t at = 0; at <= v.size();) {
        const size_t comma = std::min(v.find(',', at), v.size());
        if (comma > at) names.as_array().emplace_back(v.substr(at, comma - at));
        at = comma + 1;
      }
      b.Set("fields", std::move(names));
    };
    if (!refine("--fields", argument, set_fields)) return 2;
  }
  Value options = Value::EmptyObject();
  options.Set("benchmarks", std::move(list));
  options.Set("action", action);
  options.Set("ngram", ngram);
  options.Set("threshold", threshold);
  options.Set("cut_context", cut_context);
  options.Set("diacritics", diacritics);
  options.Set("report", report);
  RunSpec spec;
  spec.inputs = inputs;
  spec.report_dir = report;
  ApplyCommonFlags(common, &spec);
  if (common.output.empty()) {
    // Only scanning: the run's markers and stats go beside the report.
    spec.output = report;
    spec.write_documents = false;
  }
  RunSelection selection;
  if (common.task_given) selection.kind = RunSelection::Kind::kPhaseTask;
  return ExecutePipeline(
      "decontaminate", {.run = spec, .stages = {{"decontaminate", std::move(options)}}, .mix = {}},
      selection, common.quiet);
}

int MergeCommand(const Args& args) {
  Flags flags("tamis decontaminate merge",
              "Merges contamination reports: the partial reports (contamination-*.json) of "
              "every task in each DIR, or a DIR's report.json, or report files named "
              "directly, into one report.json, report.md and report.html. The reports must "
              "come from the same benchmarks and settings over different documents.");
  std::vector<std::string> dirs;
  std::string report;
  flags.String("--report", "OUT", "where the merged report goes", &report, true);
  flags.Positional("DIR", "directories holding partial reports, or report files", &dirs, 1);
  if (int code; !flags.Parse(args, &code)) return code;
  std::vector<std::string> paths;
  for (const std::string& dir : dirs) {
    Result<std::vector<std::string>> found = FindContaminationReports(dir);
    if (!found.ok()) {
      std::cerr << "tamis decontaminate merge: " << found.status().ToString() << "\n";
      return 1;
    }
    paths.insert(paths.end(), found->begin(), found->end());
  }
  Result<ContaminationReport> merged = MergeContaminationReports(paths, report);
  if (!merged.ok()) {
    std::cerr << "tamis decontaminate merge: " << merged.status().ToString() << "\n";
    return merged.status().code() == StatusCode::kInvalidArgument ? 2 : 1;
  }
  int64_t contaminated = 0;
  for (const BenchmarkReport& b : merged->benchmarks) contaminated += b.contaminated.size();
  std::cerr << "merged " << paths.size() << " report(s): " << merged->documents << " documents, "
            << contaminated << " contaminated item(s) -> " << report << "\n";
  return 0;
}

}  // namespace

int DecontaminateCommand(const Args& args) {
  if (!args.empty() && args[0] == "merge") return MergeCommand(Args(args.begin() + 1, args.end()));
  if (args.empty()) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  return ScanCommand(args);
}

}  // namespace tamis::cli
