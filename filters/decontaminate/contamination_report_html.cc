#include "filters/decontaminate/contamination_report_html.h"

#include <algorithm>
#include <cstdio>
#include <utility>
#include <vector>

#include "pipeline/html_page.h"
#include "pipeline/utf8_steps.h"

namespace tamis {
namespace {

// One bar per (label, value), largest first, each value printed with `value_format`.
std::string BarChart(std::string_view title,
                     const std::vector<std::pair<std::string, double>>& bars, double max_value,
                     const char* value_format) {
  std::vector<ChartRow> rows;
  for (const auto& [label, value] : bars)
    rows.push_back({label, {value}, FormatDouble(value_format, value)});
  return tamis::BarChart(title, std::move(rows), max_value);
}

std::vector<std::pair<std::string, double>> Bars(const std::map<std::string, int64_t>& counts) {
  std::vector<std::pair<std::string, double>> bars;
  for (const auto& [key, count] : counts) bars.emplace_back(key, static_cast<double>(count));
  return bars;
}

double MaxOf(const std::vector<std::pair<std::string, double>>& bars) {
  double m = 0;
  for (const auto& bar : bars) m = std::max(m, bar.second);
  return m;
}

constexpr char kStyle[] =
    "body{font-family:system-ui,sans-serif;margin:2em;max-width:70em;color:#222}"
    "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.3em .6em}"
    "td.n{text-align:right}figure{margin:1em 0}figcaption{font-weight:bold}"
    "svg text{font-size:12px;fill:#222}.bar{fill:#c0392b}"
    "blockquote{background:#f6f6f6;border-left:4px solid #c0392b;margin:.3em 0;padding:.3em "
    ".8em;white-space:pre-wrap;word-break:break-word}details{margin:.5em 0}";

}  // namespace

std::string RenderContaminationHtml(const ContaminationReport& report, size_t max_quote_bytes,
                                    size_t max_items) {
  const ContaminationSettings& s = report.settings;
  std::string html = HtmlPageStart("Benchmark contamination report", kStyle);
  html += "<h1>Benchmark contamination report</h1>\n";
  html += "<p>Scanned " + std::to_string(report.documents) + " documents (" +
          std::to_string(report.bytes) + " bytes) for " + std::to_string(s.ngram) +
          "-gram overlaps; an item is contaminated when a document covers at least " +
          FormatDouble("%.3f", s.threshold) + " of its n-grams (diacritics " +
          (s.strip_diacritics ? "stripped" : "kept") + ", action: " + EscapeHtml(s.action) +
          ").</p>\n";
  html +=
      "<table><tr><th>benchmark</th><th>items</th><th>contaminated</th><th>%</th>"
      "<th>documents hit</th><th>too short</th><th>skipped lines</th></tr>\n";
  std::vector<std::pair<std::string, double>> percents;
  for (const BenchmarkReport& b : report.benchmarks) {
    const double percent =
        b.items ? 100.0 * static_cast<double>(b.contaminated.size()) / b.items : 0.0;
    percents.emplace_back(b.name, percent);
    html += "<tr><td>" + EscapeHtml(b.name) + "</td><td class=\"n\">" + std::to_string(b.items) +
            "</td><td class=\"n\">" + std::to_string(b.contaminated.size()) +
            "</td><td class=\"n\">" + FormatDouble("%.2f", percent) + "</td><td class=\"n\">" +
            std::to_string(b.documents_hit) + "</td><td class=\"n\">" +
            std::to_string(b.items_too_short) + "</td><td class=\"n\">" +
            std::to_string(b.skipped_lines) + "</td></tr>\n";
  }
  html += "</table>\n";
  html += BarChart("Contaminated items per benchmark (%)", percents, std::max(MaxOf(percents), 1.0),
                   "%.2f%%");
  for (const BenchmarkReport& b : report.benchmarks) {
    html += "<section><h2>" + EscapeHtml(b.name) + "</h2><p>File: <code>" + EscapeHtml(b.file) +
            "</code></p>\n";
    if (!b.first_skip.empty())
      html += "<p>First skipped line: " + EscapeHtml(b.first_skip) + "</p>\n";
    const auto by_source = Bars(b.documents_hit_by_source);
    const auto by_language = Bars(b.documents_hit_by_language);
    if (!by_source.empty()) {
      html += BarChart(b.name + ": documents hit by source", by_source, MaxOf(by_source), "%.0f");
    }
    if (!by_language.empty()) {
      html +=
          BarChart(b.name + ": documents hit by language", by_language, MaxOf(by_language), "%.0f");
    }
    if (b.contaminated.empty()) html += "<p>No contaminated item.</p>\n";
    size_t listed = 0;
    for (const auto& [index, item] : b.contaminated) {
      if (listed++ == max_items) {
        html += "<p>… and " + std::to_string(b.contaminated.size() - max_items) +
                " more contaminated item(s): see report.json.</p>\n";
        break;
      }
      html += "<details><summary>Item <b>" + EscapeHtml(item.id) + "</b>: coverage " +
              FormatDouble("%.3f", item.coverage) + ", " + std::to_string(item.documents_total) +
              " document(s)</summary>\n<ul>\n";
      for (const DocumentHit& hit : item.documents) {
        const std::string_view quote = Utf8Prefix(hit.matched, max_quote_bytes);
        // Appended piece by piece: GCC 12 at -O3 sees a false -Wrestrict overlap in
        // `"literal" + std::string&&` chains.
        html += "<li>document <code>" + EscapeHtml(hit.id) + "</code>";
        if (!hit.url.empty()) html.append(" ").append(EscapeHtml(hit.url));
        if (!hit.source.empty()) html.append(", source ").append(EscapeHtml(hit.source));
        if (!hit.language.empty()) html.append(", ").append(EscapeHtml(hit.language));
        html += std::string(", coverage ") + FormatDouble("%.3f", hit.coverage) + ", bytes " +
                std::to_string(hit.offset) + "–" + std::to_string(hit.offset + hit.length) +
                "<blockquote>" + EscapeHtml(quote) +
                (quote.size() < hit.matched.size() ? " …" : "") + "</blockquote></li>\n";
      }
      html += "</ul></details>\n";
    }
    html += "</section>\n";
  }
  return html + "</body></html>\n";
}

}  // namespace tamis
