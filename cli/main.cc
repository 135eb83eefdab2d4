// tamis: one binary, one subcommand per pipeline concern. This file only dispatches.
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string_view>

#include "cli/commands.h"
#include "io/temp_file_registry.h"

namespace {

struct Command {
  std::string_view name;
  std::string_view summary;
  int (*run)(const tamis::cli::Args&);
};

// One line per subcommand, in the order a user meets them.
constexpr Command kCommands[] = {
    {"run", "run a pipeline declared in YAML", &tamis::cli::RunCommand},
    {"extract", "WARC/WET/JSONL/code trees -> JSONL documents", &tamis::cli::ExtractCommand},
    {"langid", "language of each document (ISO 639-3 + script), optional filter",
     &tamis::cli::LangidCommand},
    {"stats", "add up and show the stats of a run's tasks", &tamis::cli::StatsCommand},
    {"report", "one HTML page about a run: funnel, reasons, languages, tokens, outputs",
     &tamis::cli::ReportCommand},
    {"explain", "which stage removed or changed a document, and why", &tamis::cli::ExplainCommand},
    {"dedup", "exact and MinHash near-duplicate removal over the whole corpus",
     &tamis::cli::DedupCommand},
    {"tokenize", "documents -> Megatron token shards (SentencePiece)",
     &tamis::cli::TokenizeCommand},
    {"mix", "token shards blended by weights/temperature/multipliers", &tamis::cli::MixCommand},
    {"inspect", "check and show Megatron token shards", &tamis::cli::InspectCommand},
    {"robots", "robots.txt compliance: check URLs, filter by a snapshot",
     &tamis::cli::RobotsCommand},
    {"decontaminate", "benchmark items in the corpus: tag/drop/cut, auditable report",
     &tamis::cli::DecontaminateCommand},
    {"quality", "heuristic and fastText quality filters per language; train a classifier",
     &tamis::cli::QualityCommand},
    {"scrub", "PII replaced by tokens; obscene/offensive documents dropped",
     &tamis::cli::ScrubCommand},
    {"slurm", "submit a pipeline to SLURM (a job per phase and step); status",
     &tamis::cli::SlurmCommand},
    {"version", "print the version", &tamis::cli::VersionCommand},
};

void PrintUsage(std::FILE* out) {
  std::fprintf(out,
               "usage: tamis <command> [flags] [args]\n\n"
               "tamis turns raw web crawls and code dumps into clean, deduplicated,\n"
               "tokenized training data.\n\ncommands:\n");
  for (const Command& c : kCommands) {
    std::fprintf(out, "  %-14.*s %.*s\n", static_cast<int>(c.name.size()), c.name.data(),
                 static_cast<int>(c.summary.size()), c.summary.data());
  }
  std::fprintf(out, "\n'tamis <command> --help' describes a command; 'tamis --version'.\n");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    PrintUsage(stderr);
    return 2;
  }
  std::string_view name = argv[1];
  if (name == "--help" || name == "-h" || name == "help") {
    PrintUsage(stdout);
    return 0;
  }
  if (name == "--version" || name == "version") {
    std::printf("tamis %s\n", TAMIS_VERSION);
    return 0;
  }
  tamis::InstallTempFileCleanup();
  tamis::cli::Args args(argv + 2, argv + argc);
  for (const Command& c : kCommands) {
    if (c.name == name) return c.run(args);
  }
  std::fprintf(stderr, "tamis: unknown command '%s'\n\n", argv[1]);
  PrintUsage(stderr);
  return 2;
}
