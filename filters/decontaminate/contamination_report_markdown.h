// RenderContaminationMarkdown: report.md, the contamination report as a person reads it in a
// terminal or a code review: a summary table per benchmark, documents hit by source and
// language, then per contaminated item its documents with the matched text and offsets.
// Pure function of the report; deterministic.
#ifndef TAMIS_FILTERS_DECONTAMINATE_CONTAMINATION_REPORT_MARKDOWN_H_
#define TAMIS_FILTERS_DECONTAMINATE_CONTAMINATION_REPORT_MARKDOWN_H_

#include <string>

#include "filters/decontaminate/contamination_report.h"

namespace tamis {

// Matched texts are quoted up to `max_quote_bytes` (cut at a UTF-8 boundary); at most
// `max_items` contaminated items are listed per benchmark (report.json has them all), so a
// heavily contaminated corpus still gives a page a person can open.
std::string RenderContaminationMarkdown(const ContaminationReport& report,
                                        size_t max_quote_bytes = 300, size_t max_items = 1000);

}  // namespace tamis

#endif  // TAMIS_FILTERS_DECONTAMINATE_CONTAMINATION_REPORT_MARKDOWN_H_
