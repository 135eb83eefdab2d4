// RenderRunReportHtml: the page `tamis report` writes, from GatherRunReport's Value
// (run_report_data.h). One self-contained file (pipeline/html_page.h: inline CSS and SVG, a
// few lines of script that only mark the page rendered; nothing from the network):
//   a banner when the run is unfinished (what is missing), headline numbers (documents and
//   bytes in and kept, tokens, languages, contaminated items, run time, tasks × threads),
//   the funnel of documents and of bytes per stage (kept and removed as stacked bars), the
//   top removal reasons and a table of every stage's reasons, languages and scripts, tokens
//   per language and per source, mixtures, the quality score distribution, the contamination
//   report (linked), where each output is and the inputs.
// Every string from the data is HTML-escaped; links to the run's files are relative to
// `page_dir`, the directory the page is written to, so the page and the run can move together.
// Pure function of its arguments (paths are made absolute against the working directory).
#ifndef TAMIS_RUNNER_RUN_REPORT_HTML_H_
#define TAMIS_RUNNER_RUN_REPORT_HTML_H_

#include <string>

#include "pipeline/value.h"

namespace tamis {

std::string RenderRunReportHtml(const Value& report, const std::string& page_dir);

}  // namespace tamis

#endif  // TAMIS_RUNNER_RUN_REPORT_HTML_H_
