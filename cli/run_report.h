// What a person sees of a run on the terminal: the summary of a task (or of merged stats),
// the live progress line, and the messages about skipped records. The library reports
// through RunSpec::on_progress and ReaderOptions::on_skip; this is where they are printed.
#ifndef TAMIS_CLI_RUN_REPORT_H_
#define TAMIS_CLI_RUN_REPORT_H_

#include <cstdint>
#include <iostream>
#include <mutex>
#include <string>
#include <string_view>

#include "pipeline/human_units.h"
#include "pipeline/value.h"
#include "runner/runner.h"

namespace tamis::cli {

// Skip messages can come from every thread: print them whole, one per line, and stop printing
// (not counting) after a limit so a badly broken input does not flood the terminal.
class SkipReporter {
 public:
  static constexpr uint64_t kMaxPrinted = 20;
  void Report(std::string_view reason, const std::string& message) {
    std::lock_guard<std::mutex> lock(mu_);
    if (++count_ <= kMaxPrinted) {
      std::cerr << "tamis: skipped (" << reason << "): " << message << "\n";
    } else if (count_ == kMaxPrinted + 1) {
      std::cerr << "tamis: further skipped records are only counted (see the stats)\n";
    }
  }

 private:
  std::mutex mu_;
  uint64_t count_ = 0;
};

// Per stage: documents in and out, removals by reason, changes by rule; what stages reported
// (one line each); then where the outputs are. Works on one task's stats and on merged ones.
std::string FormatSummary(const RunSummary& summary);

// One line about a finished task, as a whole `tamis run` prints it after each part:
// "9 documents read, 8 kept, 1 rejected in 0.05 s" (or that its marker was found).
std::string FormatPartLine(const RunSummary& summary);

// The end of a whole `tamis run`, from GatherRunReport's Value (runner/run_report_data.h), on
// at most 100 columns: documents and text in and out per stage (tokens at the tokenize
// stage), the top languages kept, the top removal reasons, tokens, and where every output is
// (kept, rejects, token shards, contamination report, the HTML page of `tamis report`).
std::string FormatRunSummary(const Value& report);

// A progress printer for RunSpec::on_progress: one self-erasing line on stderr.
void PrintProgress(uint64_t documents, uint64_t input_bytes, double seconds);

}  // namespace tamis::cli

#endif  // TAMIS_CLI_RUN_REPORT_H_
