#include "pipeline/html_page.h"

#include <algorithm>
#include <cstdio>
#include <numeric>

#include "pipeline/utf8_steps.h"

namespace tamis {
namespace {

constexpr int kBarHeight = 22;

// Marks the page rendered once every chart is in the DOM, and records script errors.
constexpr char kScript[] =
    "window.addEventListener('error',function(e){document.body.dataset.errors="
    "(document.body.dataset.errors||'')+e.message+';';});"
    "document.addEventListener('DOMContentLoaded',function(){"
    "var charts=document.querySelectorAll('svg').length;"
    "document.body.dataset.rendered='charts:'+charts;});";

double Total(const ChartRow& row) {
  return std::accumulate(row.segments.begin(), row.segments.end(), 0.0);
}

}  // namespace

std::string EscapeHtml(std::string_view text) {
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

std::string FormatDouble(const char* format, double value) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), format, value);
  return buf;
}

std::string HtmlPageStart(std::string_view title, std::string_view style) {
  std::string html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>";
  html += EscapeHtml(title);
  html += "</title><style>";
  html += style;
  html += "</style><script>";
  html += kScript;
  html += "</script></head>\n<body>\n";
  return html;
}

std::string BarChart(std::string_view title, std::vector<ChartRow> rows, double max_value,
                     const ChartOptions& options) {
  if (options.largest_first) {
    std::stable_sort(rows.begin(), rows.end(),
                     [](const ChartRow& a, const ChartRow& b) { return Total(a) > Total(b); });
  }
  if (rows.size() > options.max_rows) rows.resize(options.max_rows);
  const int height = static_cast<int>(rows.size()) * kBarHeight + 10;
  const std::string w = std::to_string(options.width), h = std::to_string(height);
  std::string svg = "<figure><figcaption>" + EscapeHtml(title) + "</figcaption>\n";
  svg += "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"" + w + "\" height=\"" +
         h + "\" viewBox=\"0 0 " + w + " " + h + "\">\n";
  const double span = options.width - options.label_width - options.value_width;
  for (size_t i = 0; i < rows.size(); ++i) {
    const ChartRow& row = rows[i];
    const std::string y = std::to_string(static_cast<int>(i) * kBarHeight + 5);
    const std::string baseline = std::to_string(static_cast<int>(i) * kBarHeight + 20);
    svg += "<text x=\"" + std::to_string(options.label_width - 6) + "\" y=\"" + baseline +
           "\" text-anchor=\"end\">" + EscapeHtml(Utf8Prefix(row.label, options.max_label_bytes)) +
           "</text>";
    // An empty row still gets a sliver, so that a zero reads as a bar of zero.
    double x = options.label_width;
    for (size_t s = 0; s < row.segments.size(); ++s) {
      double width = max_value > 0 ? span * row.segments[s] / max_value : 0;
      if (s == 0) width = std::max(width, 1.0);
      if (width <= 0) continue;
      svg += "<rect x=\"" + FormatDouble("%.1f", x) + "\" y=\"" + y + "\" width=\"" +
             FormatDouble("%.1f", width) + "\" height=\"" + std::to_string(kBarHeight - 6) +
             "\" class=\"bar" + (s == 0 ? std::string() : " s" + std::to_string(s)) + "\"/>";
      x += width;
    }
    svg += "<text x=\"" + FormatDouble("%.1f", x + 6) + "\" y=\"" + baseline + "\">" +
           EscapeHtml(row.text) + "</text>\n";
  }
  return svg + "</svg></figure>\n";
}

}  // namespace tamis
