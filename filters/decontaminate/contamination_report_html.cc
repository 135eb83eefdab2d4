#include "filters/decontaminate/contamination_report_html.h"

#include <algorithm>
#include <cstdio>
#include <utility>
#include <vector>

#include "filters/decontaminate/utf8_steps.h"

namespace tamis {
namespace {

constexpr int kChartWidth = 640;
constexpr int kBarHeight = 22;
constexpr int kLabelWidth = 180;
constexpr size_t kMaxBars = 20;  // Longer breakdowns show their 20 largest entries.

std::string Escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string Format(const char* format, double value) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), format, value);
  return buf;
}

// A horizontal bar chart as inline SVG: one bar per (label, value), scaled to `max_value`.
std::string BarChart(std::string_view title, std::vector<std::pair<std::string, double>> bars,
                     double max_value, const char* value_format) {
  std::stable_sort(bars.begin(), bars.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  if (bars.size() > kMaxBars) bars.resize(kMaxBars);
  const int height = static_cast<int>(bars.size()) * kBarHeight + 10;
  std::string svg = "<figure><figcaption>" + Escape(title) + "</figcaption>\n";
  svg += "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"" +
         std::to_string(kChartWidth) + "\" height=\"" + std::to_string(height) +
         "\" viewBox=\"0 0 " + std::to_string(kChartWidth) + " " + std::to_string(height) + "\">\n";
  const double span = kChartWidth - kLabelWidth - 90;
  for (size_t i = 0; i < bars.size(); ++i) {
    const int y = static_cast<int>(i) * kBarHeight + 5;
    const double width = max_value > 0 ? span * bars[i].second / max_value : 0;
    svg += "<text x=\"" + std::to_string(kLabelWidth - 6) + "\" y=\"" + std::to_string(y + 15) +
           "\" text-anchor=\"end\">" + Escape(Utf8Prefix(bars[i].first, 40)) + "</text>";
    svg += "<rect x=\"" + std::to_string(kLabelWidth) + "\" y=\"" + std::to_string(y) +
           "\" width=\"" + Format("%.1f", std::max(width, 1.0)) + "\" height=\"" +
           std::to_string(kBarHeight - 6) + "\" class=\"bar\"/>";
    svg += "<text x=\"" + Format("%.1f", kLabelWidth + std::max(width, 1.0) + 6) + "\" y=\"" +
           std::to_string(y + 15) + "\">" + Format(value_format, bars[i].second) + "</text>\n";
  }
  return svg + "</svg></figure>\n";
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

// Marks the page rendered once every chart is in the DOM, and records script errors, so a
// headless browser can tell a page that ran cleanly from one that did not.
constexpr char kScript[] =
    "window.addEventListener('error',function(e){document.body.dataset.errors="
    "(document.body.dataset.errors||'')+e.message+';';});"
    "document.addEventListener('DOMContentLoaded',function(){"
    "var charts=document.querySelectorAll('svg').length;"
    "document.body.dataset.rendered='charts:'+charts;});";

}  // namespace

std::string RenderContaminationHtml(const ContaminationReport& report, size_t max_quote_bytes,
                                    size_t max_items) {
  const ContaminationSettings& s = report.settings;
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<title>Benchmark contamination report</title><style>";
  html += kStyle;
  html += "</style><script>";
  html += kScript;
  html += "</script></head>\n<body>\n<h1>Benchmark contamination report</h1>\n";
  html += "<p>Scanned " + std::to_string(report.documents) + " documents (" +
          std::to_string(report.bytes) + " bytes) for " + std::to_string(s.ngram) +
          "-gram overlaps; an item is contaminated when a document covers at least " +
          Format("%.3f", s.threshold) + " of its n-grams (diacritics " +
          (s.strip_diacritics ? "stripped" : "kept") + ", action: " + Escape(s.action) + ").</p>\n";
  html +=
      "<table><tr><th>benchmark</th><th>items</th><th>contaminated</th><th>%</th>"
      "<th>documents hit</th><th>too short</th><th>skipped lines</th></tr>\n";
  std::vector<std::pair<std::string, double>> percents;
  for (const BenchmarkReport& b : report.benchmarks) {
    const double percent =
        b.items ? 100.0 * static_cast<double>(b.contaminated.size()) / b.items : 0.0;
    percents.emplace_back(b.name, percent);
    html += "<tr><td>" + Escape(b.name) + "</td><td class=\"n\">" + std::to_string(b.items) +
            "</td><td class=\"n\">" + std::to_string(b.contaminated.size()) +
            "</td><td class=\"n\">" + Format("%.2f", percent) + "</td><td class=\"n\">" +
            std::to_string(b.documents_hit) + "</td><td class=\"n\">" +
            std::to_string(b.items_too_short) + "</td><td class=\"n\">" +
            std::to_string(b.skipped_lines) + "</td></tr>\n";
  }
  html += "</table>\n";
  html += BarChart("Contaminated items per benchmark (%)", percents, std::max(MaxOf(percents), 1.0),
                   "%.2f%%");
  for (const BenchmarkReport& b : report.benchmarks) {
    html += "<section><h2>" + Escape(b.name) + "</h2><p>File: <code>" + Escape(b.file) +
            "</code></p>\n";
    if (!b.first_skip.empty()) html += "<p>First skipped line: " + Escape(b.first_skip) + "</p>\n";
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
      html += "<details><summary>Item <b>" + Escape(item.id) + "</b>: coverage " +
              Format("%.3f", item.coverage) + ", " + std::to_string(item.documents_total) +
              " document(s)</summary>\n<ul>\n";
      for (const DocumentHit& hit : item.documents) {
        const std::string_view quote = Utf8Prefix(hit.matched, max_quote_bytes);
        // Appended piece by piece: GCC 12 at -O3 sees a false -Wrestrict overlap in
        // `"literal" + std::string&&` chains.
        html += "<li>document <code>" + Escape(hit.id) + "</code>";
        if (!hit.url.empty()) html.append(" ").append(Escape(hit.url));
        if (!hit.source.empty()) html.append(", source ").append(Escape(hit.source));
        if (!hit.language.empty()) html.append(", ").append(Escape(hit.language));
        html += std::string(", coverage ") + Format("%.3f", hit.coverage) + ", bytes " +
                std::to_string(hit.offset) + "–" + std::to_string(hit.offset + hit.length) +
                "<blockquote>" + Escape(quote) + (quote.size() < hit.matched.size() ? " …" : "") +
                "</blockquote></li>\n";
      }
      html += "</ul></details>\n";
    }
    html += "</section>\n";
  }
  return html + "</body></html>\n";
}

}  // namespace tamis
