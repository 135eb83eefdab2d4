// RenderContaminationHtml: report.html, one self-contained page (inline CSS, inline SVG
// charts, a few lines of inline script; no network, no external file) with the same content
// as report.md plus charts: contaminated items (%) per benchmark and documents hit by source
// and by language. Every text from the corpus or the benchmarks is HTML-escaped.
// The inline script only marks the page as rendered (`data-rendered` on <body>) and records
// script errors (`data-errors`), so a headless browser test can check both.
// At most `max_items` contaminated items are listed per benchmark (report.json has them all).
// Pure function of the report; deterministic.
#ifndef TAMIS_FILTERS_DECONTAMINATE_CONTAMINATION_REPORT_HTML_H_
#define TAMIS_FILTERS_DECONTAMINATE_CONTAMINATION_REPORT_HTML_H_

#include <string>

#include "filters/decontaminate/contamination_report.h"

namespace tamis {

std::string RenderContaminationHtml(const ContaminationReport& report, size_t max_quote_bytes = 600,
                                    size_t max_items = 1000);

}  // namespace tamis

#endif  // TAMIS_FILTERS_DECONTAMINATE_CONTAMINATION_REPORT_HTML_H_
