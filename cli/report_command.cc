// tamis report OUT [-o FILE.html]: one self-contained HTML page about a run (funnel, removal
// reasons, languages, tokens, contamination, where everything is), gathered by
// runner/run_report_data.h and drawn by runner/run_report_html.h. The page goes to
// OUT/.tamis/report.html by default (beside the run's stats, inside the hidden folder every
// reader skips, so a later run reading OUT never takes it for a document), or OUT.report.html
// for a single-file output. An unfinished run still gets its page, marked as such.
#include <filesystem>
#include <iostream>

#include "cli/commands.h"
#include "cli/flags.h"
#include "io/output_file.h"
#include "pipeline/json.h"
#include "runner/run_layout.h"
#include "runner/run_report_data.h"
#include "runner/run_report_html.h"

namespace tamis::cli {
namespace {

namespace fs = std::filesystem;

// Why `page` may not be written: it must be an .html file and none of the run's inputs.
std::string RefusalFor(const std::string& page, const Value& report) {
  if (!page.ends_with(".html") && !page.ends_with(".htm")) return "the page must be a .html file";
  if (const Value* inputs = report.Find("inputs")) {
    for (const Value& input : inputs->as_array()) {
      std::error_code ec;
      if (input.is_string() && fs::equivalent(page, input.as_string(), ec)) {
        return "it is an input of the run";
      }
    }
  }
  return {};
}

}  // namespace

int ReportCommand(const Args& args) {
  Flags flags("tamis report",
              "Writes one self-contained HTML page about a run: documents and bytes kept and "
              "removed per stage, the reasons, languages and scripts, tokens per language and "
              "per source, quality scores, the contamination report, where each output is. An "
              "unfinished run gets a page of what exists, marked unfinished.");
  std::string page;
  std::vector<std::string> positional, manifests;
  int64_t max_documents = RunReportOptions{}.max_documents;
  bool json = false;
  flags.String("--output", "FILE.html",
               "where the page goes (default OUT/.tamis/report.html, or OUT.report.html for a "
               "single-file output)",
               &page);
  flags.Alias("-o", "--output");
  flags.List("--manifest", "FILE", "a mixture manifest to show too (repeatable)", &manifests);
  flags.Int("--max-documents", "N",
            "kept documents read for languages, tokens and scores (0: none; default 1000000)",
            &max_documents);
  flags.Bool("--json", "print the gathered data as JSON instead of writing the page", &json);
  flags.Positional("OUT", "a run's output directory (or single output file)", &positional, 1);
  flags.Epilogue(
      "examples:\n"
      "  tamis report examples/out/clean\n"
      "  tamis report out/clean -o /tmp/run.html\n");
  if (int code; !flags.Parse(args, &code)) return code;
  if (positional.size() != 1) {
    std::cerr << "tamis report: give exactly one run output\n";
    return 2;
  }
  if (max_documents < 0) {
    std::cerr << "tamis report: --max-documents must be >= 0\n";
    return 2;
  }
  const std::string output = positional[0];
  RunReportOptions options;
  options.max_documents = max_documents;
  options.manifests = manifests;
  Result<Value> report = GatherRunReport(output, options);
  if (!report.ok()) {
    std::cerr << "tamis report: " << report.status().ToString() << "\n";
    return 1;
  }
  if (json) {
    std::cout << ToJson(*report, 2) << "\n";
    return 0;
  }
  if (page.empty()) page = RunLayout(output, 1).ReportPage();
  if (const std::string why = RefusalFor(page, *report); !why.empty()) {
    std::cerr << "tamis report: " << page << ": refused: " << why << "\n";
    return 2;
  }
  const std::string page_dir = fs::path(page).parent_path().string();
  std::error_code ec;
  if (!page_dir.empty()) fs::create_directories(page_dir, ec);
  const Status written =
      WriteFileAtomically(page, RenderRunReportHtml(*report, page_dir.empty() ? "." : page_dir));
  if (!written.ok()) {
    std::cerr << "tamis report: " << page << ": " << written.ToString() << "\n";
    return 1;
  }
  std::cout << "report: " << page << "\n";
  const Value* problems = report->Find("problems");
  if (problems && !problems->as_array().empty()) {
    std::cout << "the run is unfinished:\n";
    for (const Value& p : problems->as_array()) std::cout << "  " << p.as_string() << "\n";
  }
  return 0;
}

}  // namespace tamis::cli
