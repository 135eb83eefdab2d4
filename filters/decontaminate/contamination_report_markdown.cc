#include "filters/decontaminate/contamination_report_markdown.h"

#include <cstdio>

#include "pipeline/utf8_steps.h"

namespace tamis {
namespace {

// Table cells and quotes must stay on one line and not open Markdown syntax.
std::string Cell(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n' || c == '\r' || c == '\t') {
      out += ' ';
    } else if (c == '`' || c == '*' || c == '_' || c == '<' || c == '[') {
      out += '\\';
      out += c;
    } else {
      out += c;
    }
  }
  return out;
}

std::string Percent(double value) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.2f%%", value);
  return buf;
}

std::string Fraction(double value) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.3f", value);
  return buf;
}

void CountsTable(std::string_view title, const std::map<std::string, int64_t>& hit,
                 const std::map<std::string, int64_t>& scanned, std::string* out) {
  if (hit.empty()) return;
  *out += "\n| " + std::string(title) + " | documents hit | documents scanned |\n|---|---:|---:|\n";
  for (const auto& [key, count] : hit) {
    auto it = scanned.find(key);
    *out += "| " + Cell(key) + " | " + std::to_string(count) + " | " +
            (it == scanned.end() ? std::string("-") : std::to_string(it->second)) + " |\n";
  }
}

}  // namespace

std::string RenderContaminationMarkdown(const ContaminationReport& report, size_t max_quote_bytes,
                                        size_t max_items) {
  const ContaminationSettings& s = report.settings;
  std::string out = "# Benchmark contamination report\n\n";
  out += "Scanned " + std::to_string(report.documents) + " documents (" +
         std::to_string(report.bytes) + " bytes) for " + std::to_string(s.ngram) +
         "-gram overlaps; an item is contaminated when a document covers at least " +
         Fraction(s.threshold) + " of its n-grams (diacritics " +
         (s.strip_diacritics ? "stripped" : "kept") + ", action: " + s.action + ").\n\n";
  out += "| benchmark | items | contaminated | % | documents hit | too short | skipped lines |\n";
  out += "|---|---:|---:|---:|---:|---:|---:|\n";
  for (const BenchmarkReport& b : report.benchmarks) {
    const double percent =
        b.items ? 100.0 * static_cast<double>(b.contaminated.size()) / b.items : 0.0;
    out += "| " + Cell(b.name) + " | " + std::to_string(b.items) + " | " +
           std::to_string(b.contaminated.size()) + " | " + Percent(percent) + " | " +
           std::to_string(b.documents_hit) + " | " + std::to_string(b.items_too_short) + " | " +
           std::to_string(b.skipped_lines) + " |\n";
  }
  for (const BenchmarkReport& b : report.benchmarks) {
    out += "\n## " + Cell(b.name) + "\n\nFile: " + Cell(b.file) + "\n";
    if (!b.first_skip.empty()) out += "\nFirst skipped line: " + Cell(b.first_skip) + "\n";
    CountsTable("source", b.documents_hit_by_source, report.documents_by_source, &out);
    CountsTable("language", b.documents_hit_by_language, report.documents_by_language, &out);
    if (b.contaminated.empty()) {
      out += "\nNo contaminated item.\n";
      continue;
    }
    size_t listed = 0;
    for (const auto& [index, item] : b.contaminated) {
      if (listed++ == max_items) {
        out += "\n… and " + std::to_string(b.contaminated.size() - max_items) +
               " more contaminated item(s): see report.json.\n";
        break;
      }
      out += "\n### Item " + Cell(item.id) + " (line item " + std::to_string(index + 1) +
             "): coverage " + Fraction(item.coverage) + ", " +
             std::to_string(item.documents_total) + " document(s)\n\n";
      for (const DocumentHit& hit : item.documents) {
        out += "- document " + Cell(hit.id) + (hit.url.empty() ? "" : " (" + Cell(hit.url) + ")") +
               (hit.source.empty() ? "" : ", source " + Cell(hit.source)) + ", coverage " +
               Fraction(hit.coverage) + ", bytes " + std::to_string(hit.offset) + "-" +
               std::to_string(hit.offset + hit.length) + "\n";
        const std::string_view quote = Utf8Prefix(hit.matched, max_quote_bytes);
        out += "  > " + Cell(quote) + (quote.size() < hit.matched.size() ? " …" : "") + "\n";
      }
      if (item.documents_total > static_cast<int64_t>(item.documents.size())) {
        out += "- … and " + std::to_string(item.documents_total - item.documents.size()) +
               " more document(s)\n";
      }
    }
  }
  return out;
}

}  // namespace tamis
