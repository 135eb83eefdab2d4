// GatherRunReport: what `tamis report OUT` shows about a run, gathered from the run's output
// directory alone (its stats, markers and outputs; run_layout.h names them) into one Value,
// so that the page (runner/run_report_html.h) is a pure function of it.
//
// Sources, each optional but the stats:
//   stats of every task of every phase, merged phase by phase (stats_merge.h): the funnel of
//     documents and bytes per stage, removal reasons, run time, tasks, threads, inputs;
//   task and step markers: whether the run is finished (a missing task, a phase whose
//     documents were handed on but which has no stats yet, a corpus stage whose step has not
//     run are listed in "problems" and make "complete" false: the page says so and shows what
//     exists);
//   the langid stage's report (languages detected before any filter), the tokenize stage's
//     report (tokens, shards, and its per-split "by_split" breakdown when the stage has one),
//     the decontaminate stage's report (where its report is: contaminated items counted from
//     its report.json), mixture manifests (`*.manifest.json` beside the token shards, or
//     given): tokens per source available / requested / achieved;
//   the kept documents' metadata (language, tokens, source, quality_* scores), read from the
//     output's JSONL files up to `max_documents` documents ("scan" says how many and whether
//     it stopped early).
//
// Paths: the stats record them as the run saw them (relative to the directory it ran in, or
// absolute); they are given here as seen from the caller's directory — a relative one from
// the run's directory (found by matching the recorded output with OUT), an absolute one
// under the recorded output moved with it — so that the report works from anywhere.
//
// The Value (every count an integer):
//   {"output", "meta_dir", "complete", "problems": [..], "tamis_version", "phases", "tasks",
//    "threads", "seconds" (task seconds added up), "inputs": [..], "reader": {..},
//    "stages": [{"phase", "stage", "documents_in", "documents_out", "bytes_in", "bytes_out",
//                "seconds", "removed": {reason: n}, "changed": {rule: n}}],
//    "outputs": {"kept", "rejects", "tokens": [prefix..], "contamination", "stats"},
//    "languages": {code: {"documents", "bytes", "tokens"}}     (kept documents)
//    "languages_detected": {code: n}, "scripts": {script: n}   (langid / kept documents)
//    "tokens": {"total", "documents", "by_language": {code: n}, "by_source": {name: n},
//               "by_language_from": "tokenize report" | "kept documents"},
//    "mixtures": [{"path", "tokens_requested", "tokens_achieved",
//                  "sources": [{"name", "tokens_available", "tokens_requested",
//                               "tokens_achieved"}]}],
//    "quality": {"key": metadata key, "buckets": [10 counts of [0,.1), …, [.9,1]]},
//    "contamination": {"dir", "html", "contaminated_items", "documents_hit"},
//    "scan": {"documents", "files", "truncated"},
//    "warnings": [..]}   (a manifest or output file that could not be read)
// Keys without data are left out. kNotFound, naming OUT, when OUT is not a tamis run (no
// .tamis/ folder, or no stats beside a single-file output).
// Thread rule: a blocking call; reads only.
#ifndef TAMIS_RUNNER_RUN_REPORT_DATA_H_
#define TAMIS_RUNNER_RUN_REPORT_DATA_H_

#include <cstdint>
#include <string>
#include <vector>

#include "pipeline/status.h"
#include "pipeline/value.h"

namespace tamis {

struct RunReportOptions {
  int64_t max_documents = 1'000'000;   // Kept documents read for their metadata; 0: none.
  std::vector<std::string> manifests;  // Mixture manifests to show besides those found.
};

Result<Value> GatherRunReport(const std::string& output, const RunReportOptions& options = {});

}  // namespace tamis

#endif  // TAMIS_RUNNER_RUN_REPORT_DATA_H_
