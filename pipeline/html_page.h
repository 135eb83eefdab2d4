// The building blocks of tamis's self-contained HTML pages (the contamination report, the run
// report of `tamis report`): no network and no external file — inline CSS, inline SVG charts
// and a few lines of inline script.
//
// The script only marks the page as rendered once the DOM is built (`data-rendered="charts:N"`
// on <body>, N the number of SVG charts) and records script errors (`data-errors`), so a
// headless browser test can tell a page that ran cleanly from one that did not.
// Every text that comes from data (reasons, ids, language codes, file names) must go through
// EscapeHtml; the chart escapes its own title and labels. Pure functions; deterministic.
#ifndef TAMIS_PIPELINE_HTML_PAGE_H_
#define TAMIS_PIPELINE_HTML_PAGE_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tamis {

// `&`, `<`, `>`, `"` and `'` as entities: safe in element content and in quoted attributes.
std::string EscapeHtml(std::string_view text);

// `value` through a printf format of one double ("%.2f%%").
std::string FormatDouble(const char* format, double value);

// "<!DOCTYPE html>…<body>\n": the head with `title` (escaped), `style` (trusted CSS) and the
// rendered/errors script. The caller appends the body and "</body></html>\n".
std::string HtmlPageStart(std::string_view title, std::string_view style);

// One row of a horizontal bar chart: stacked segments drawn left to right (segment 0 with CSS
// class "bar", segment i > 0 with "bar s<i>", so a page's style colours them), and the text
// printed after the bar.
struct ChartRow {
  std::string label;
  std::vector<double> segments;
  std::string text;
};

struct ChartOptions {
  int width = 640;
  int label_width = 180;
  int value_width = 90;         // Room right of the longest bar for its text.
  size_t max_rows = 20;         // Longer charts show their first (largest) rows.
  bool largest_first = true;    // False keeps the rows in the order given (a funnel).
  size_t max_label_bytes = 40;  // Labels are cut at a UTF-8 character boundary.
};

// A <figure> with the escaped `title` and an inline SVG: one row per bar, scaled so that a
// row whose segments add up to `max_value` spans the chart.
std::string BarChart(std::string_view title, std::vector<ChartRow> rows, double max_value,
                     const ChartOptions& options = {});

}  // namespace tamis

#endif  // TAMIS_PIPELINE_HTML_PAGE_H_
