#include "runner/run_report_html.h"

#include <algorithm>
#include <filesystem>
#include <tuple>
#include <vector>

#include "pipeline/html_page.h"
#include "pipeline/human_units.h"

namespace tamis {
namespace {

namespace fs = std::filesystem;

constexpr size_t kMaxListed = 20;  // Inputs, shard prefixes and reasons shown per list.

constexpr char kStyle[] =
    "body{font-family:system-ui,sans-serif;margin:0;background:#f3f5f8;color:#222}"
    "header{background:#1f3a5f;color:#fff;padding:1.2em 2em}header h1{margin:0;font-size:1.6em}"
    "header p{margin:.3em 0 0;opacity:.85}main{padding:.5em 2em 2em;max-width:80em}"
    ".banner{background:#fff3cd;border:1px solid #d4a000;padding:.6em 1.2em;margin:1em 0;"
    "border-radius:6px}.banner h2{color:#8a6100}"
    ".cards{display:flex;flex-wrap:wrap;gap:.8em;margin:1em 0}"
    ".card{background:#fff;border-radius:8px;padding:.7em 1.2em;min-width:9em;"
    "box-shadow:0 1px 3px rgba(0,0,0,.12)}.card b{display:block;font-size:1.5em;color:#1f3a5f}"
    ".card span{color:#555;font-size:.85em}"
    "section{background:#fff;border-radius:8px;padding:.8em 1.5em 1em;margin:1em 0;"
    "box-shadow:0 1px 3px rgba(0,0,0,.12)}h2{margin:.3em 0 .5em;font-size:1.2em;color:#1f3a5f}"
    "table{border-collapse:collapse;margin:.5em 0}td,th{border-bottom:1px solid #e3e6ea;"
    "padding:.25em .7em;text-align:left;vertical-align:top}"
    "td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}"
    "figure{margin:.6em 0}figcaption{font-weight:600;margin-bottom:.2em}"
    "svg text{font-size:12px;fill:#222}.bar{fill:#2e86de}.s1{fill:#e74c3c}"
    ".langs .bar{fill:#8e44ad}.tokens .bar{fill:#16a085}.quality .bar{fill:#d68910}"
    ".reasons .bar{fill:#e74c3c}.legend i{display:inline-block;width:.9em;height:.9em;"
    "margin:0 .3em 0 1em;vertical-align:-.1em}.grid{display:flex;flex-wrap:wrap;gap:0 2em}"
    "code{background:#eef1f4;padding:0 .3em;border-radius:3px;word-break:break-all}"
    ".note{color:#666;font-size:.9em}.ok{color:#1e8449;font-weight:600}"
    ".bad{color:#b03a2e;font-weight:600}footer{color:#666;font-size:.85em;padding:0 2em 2em}";

int64_t IntOf(const Value& v, std::string_view key) {
  const Value* x = v.Find(key);
  return x && x->is_int() ? x->as_int() : 0;
}

std::string Percent(int64_t part, int64_t whole) {
  return whole > 0 ? FormatDouble("%.1f%%",
                                  100.0 * static_cast<double>(part) / static_cast<double>(whole))
                   : "–";
}

std::string Duration(double seconds) {
  if (seconds < 10) return FormatDouble("%.2f s", seconds);
  if (seconds < 120) return FormatDouble("%.1f s", seconds);
  if (seconds < 7200) return FormatDouble("%.1f min", seconds / 60);
  return FormatDouble("%.1f h", seconds / 3600);
}

// A path as a URL path: bytes outside the unreserved set and '/' percent-encoded, so that a
// name with '#', '?', '%' or a space still links to itself.
std::string UrlPath(const std::string& path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// A link to one of the run's files, relative to the page; the text is the path as the run
// wrote it.
std::string Link(const std::string& path, const std::string& page_dir) {
  std::error_code ec;
  const fs::path target = fs::absolute(path, ec).lexically_normal();
  const fs::path from = fs::absolute(page_dir, ec).lexically_normal();
  std::string relative = target.lexically_relative(from).string();
  if (relative.empty()) relative = target.string();
  return "<a href=\"" + EscapeHtml(UrlPath(relative)) + "\"><code>" + EscapeHtml(path) +
         "</code></a>";
}

std::string Card(const std::string& value, const std::string& label) {
  return "<div class=\"card\"><b>" + EscapeHtml(value) + "</b><span>" + EscapeHtml(label) +
         "</span></div>\n";
}

// A chart of one count per key, in a <div> whose class picks its colour.
std::string CountChart(std::string_view css, std::string_view title, const Value& counts) {
  if (!counts.is_object() || counts.as_object().empty()) return {};
  std::vector<ChartRow> rows;
  double max = 0;
  for (const auto& [key, n] : counts.as_object()) {
    const double x = n.is_number() ? n.as_number() : 0;
    max = std::max(max, x);
    rows.push_back({key, {x}, GroupDigits(static_cast<int64_t>(x))});
  }
  std::string title_text(title);
  if (rows.size() > ChartOptions{}.max_rows) {
    title_text += " (largest " + std::to_string(ChartOptions{}.max_rows) + " of " +
                  std::to_string(rows.size()) + ")";
  }
  ChartOptions options;
  options.width = 540;
  options.label_width = 150;
  return "<div class=\"" + std::string(css) + "\">" +
         BarChart(title_text, std::move(rows), max, options) + "</div>\n";
}

// One field of every row of a table: {key: {field: n, ...}} to {key: n}.
Value Field(const Value& table, std::string_view field) {
  Value out = Value::EmptyObject();
  for (const auto& [key, row] : table.as_object()) out.Set(key, IntOf(row, field));
  return out;
}

std::string Banner(const Value& report) {
  const Value* problems = report.Find("problems");
  std::string html =
      "<div class=\"banner\"><h2>Incomplete run</h2><p>This run has not finished: the page "
      "shows what its finished tasks wrote.</p><ul>\n";
  if (problems && problems->is_array()) {
    for (const Value& p : problems->as_array()) {
      if (p.is_string()) html += "<li>" + EscapeHtml(p.as_string()) + "</li>\n";
    }
  }
  return html + "</ul></div>\n";
}

std::string Headline(const Value& report, const Value::Array& stages) {
  const Value& first = stages.front();
  const Value& last = stages.back();
  const int64_t in = IntOf(first, "documents_out"), kept = IntOf(last, "documents_out");
  std::string html = "<div class=\"cards\">\n";
  html += Card(GroupDigits(in), "documents read");
  html += Card(GroupDigits(kept), "kept (" + Percent(kept, in) + ")");
  html += Card(HumanBytes(static_cast<double>(IntOf(first, "bytes_out"))), "text read");
  html += Card(HumanBytes(static_cast<double>(IntOf(last, "bytes_out"))), "text kept");
  if (const Value* tokens = report.Find("tokens"); tokens && tokens->Find("total")) {
    html += Card(GroupDigits(IntOf(*tokens, "total")), "tokens");
  }
  if (const Value* languages = report.Find("languages")) {
    html += Card(std::to_string(languages->as_object().size()), "languages kept");
  }
  if (const Value* c = report.Find("contamination"); c && c->Find("contaminated_items")) {
    html += Card(GroupDigits(IntOf(*c, "contaminated_items")), "contaminated items");
  }
  const Value* seconds = report.Find("seconds");
  html += Card(Duration(seconds && seconds->is_number() ? seconds->as_number() : 0), "run time");
  html += Card(
      std::to_string(IntOf(report, "tasks")) + " × " + std::to_string(IntOf(report, "threads")),
      "tasks × threads, " + std::to_string(IntOf(report, "phases")) + " phase(s)");
  return html + "</div>\n";
}

std::string StageLabel(const Value& stage, bool several_phases) {
  const std::string name(stage.GetString("stage"));
  return several_phases ? std::to_string(IntOf(stage, "phase")) + " · " + name : name;
}

// Kept and removed per stage, documents then bytes, and the same as a table.
std::string Funnel(const Value::Array& stages, bool several_phases) {
  std::string html =
      "<section><h2>Funnel</h2><p class=\"legend\"><i style=\"background:#2e86de\"></i>kept "
      "by the stage<i style=\"background:#e74c3c\"></i>removed by the stage";
  if (several_phases) html += " (rows: phase · stage)";
  html +=
      "</p><p class=\"note\">The read stage takes records in and gives documents out: what it "
      "removes are records that are no document (HTTP errors, redirects, pages that are not "
      "HTML).</p>\n";
  ChartOptions options;
  options.width = 1000;
  options.label_width = 200;
  options.value_width = 300;
  options.largest_first = false;
  options.max_rows = 100;
  for (const auto& [what, in_key, out_key] :
       {std::tuple{"Documents", "documents_in", "documents_out"},
        std::tuple{"Bytes of text", "bytes_in", "bytes_out"}}) {
    const bool bytes = std::string_view(what) == "Bytes of text";
    std::vector<ChartRow> rows;
    double max = 0;
    for (const Value& stage : stages) {
      const int64_t in = IntOf(stage, in_key), out = IntOf(stage, out_key);
      max = std::max(max, static_cast<double>(std::max(in, out)));
      const auto show = [bytes](int64_t n) {
        return bytes ? HumanBytes(static_cast<double>(n)) : GroupDigits(n);
      };
      std::string text = show(out) + " kept";
      if (in > out) text += ", " + show(in - out) + " removed (" + Percent(in - out, in) + ")";
      rows.push_back(
          {StageLabel(stage, several_phases),
           {static_cast<double>(out), static_cast<double>(std::max<int64_t>(in - out, 0))},
           text});
    }
    html += BarChart(std::string(what) + " per stage", std::move(rows), max, options);
  }
  html +=
      "<table><tr><th>stage</th><th class=\"n\">documents in</th><th class=\"n\">out</th>"
      "<th class=\"n\">removed</th><th class=\"n\">bytes in</th><th class=\"n\">bytes out</th>"
      "<th class=\"n\">seconds</th></tr>\n";
  for (const Value& stage : stages) {
    const int64_t in = IntOf(stage, "documents_in"), out = IntOf(stage, "documents_out");
    const Value* seconds = stage.Find("seconds");
    html += "<tr><td>" + EscapeHtml(StageLabel(stage, several_phases)) + "</td><td class=\"n\">" +
            GroupDigits(in) + "</td><td class=\"n\">" + GroupDigits(out) + "</td><td class=\"n\">" +
            GroupDigits(in - out) + "</td><td class=\"n\">" +
            HumanBytes(static_cast<double>(IntOf(stage, "bytes_in"))) + "</td><td class=\"n\">" +
            HumanBytes(static_cast<double>(IntOf(stage, "bytes_out"))) + "</td><td class=\"n\">" +
            FormatDouble("%.2f", seconds && seconds->is_number() ? seconds->as_number() : 0) +
            "</td></tr>\n";
  }
  return html + "</table></section>\n";
}

// The largest reasons of all stages in one chart, then every stage's reasons and changes.
std::string Reasons(const Value::Array& stages, bool several_phases) {
  std::vector<ChartRow> rows;
  double max = 0;
  std::string table =
      "<table><tr><th>stage</th><th>removed for</th><th class=\"n\">documents</th>"
      "<th class=\"n\">% of its input</th></tr>\n";
  std::string changes;
  for (const Value& stage : stages) {
    const std::string label = StageLabel(stage, several_phases);
    const int64_t in = IntOf(stage, "documents_in");
    if (const Value* removed = stage.Find("removed")) {
      std::vector<std::pair<std::string, int64_t>> reasons;
      for (const auto& [reason, n] : removed->as_object()) {
        reasons.emplace_back(reason, n.is_int() ? n.as_int() : 0);
      }
      std::stable_sort(reasons.begin(), reasons.end(),
                       [](const auto& a, const auto& b) { return a.second > b.second; });
      for (size_t i = 0; i < reasons.size(); ++i) {
        const auto& [reason, n] = reasons[i];
        rows.push_back({label + ": " + reason, {static_cast<double>(n)}, GroupDigits(n)});
        max = std::max(max, static_cast<double>(n));
        if (i == kMaxListed) {
          table += "<tr><td>" + EscapeHtml(label) + "</td><td colspan=\"3\">… " +
                   std::to_string(reasons.size() - kMaxListed) + " more in the stats</td></tr>\n";
        }
        if (i >= kMaxListed) continue;
        table += "<tr><td>" + EscapeHtml(label) + "</td><td>" + EscapeHtml(reason) +
                 "</td><td class=\"n\">" + GroupDigits(n) + "</td><td class=\"n\">" +
                 Percent(n, in) + "</td></tr>\n";
      }
    }
    if (const Value* changed = stage.Find("changed")) {
      for (const auto& [rule, n] : changed->as_object()) {
        changes += "<tr><td>" + EscapeHtml(label) + "</td><td>" + EscapeHtml(rule) +
                   "</td><td class=\"n\">" + GroupDigits(n.is_int() ? n.as_int() : 0) +
                   "</td></tr>\n";
      }
    }
  }
  std::string html = "<section><h2>Why documents were removed</h2>\n";
  if (rows.empty()) {
    html += "<p>No document was removed.</p>\n";
  } else {
    ChartOptions options;
    options.width = 960;
    options.label_width = 340;
    options.max_label_bytes = 56;
    html += "<div class=\"reasons\">" +
            BarChart("Top removal reasons (stage: reason)", std::move(rows), max, options) +
            "</div>\n" + table + "</table>\n";
  }
  if (!changes.empty()) {
    html +=
        "<h2>Documents changed (kept, with parts rewritten)</h2><table><tr><th>stage</th>"
        "<th>rule</th><th class=\"n\">documents</th></tr>\n" +
        changes + "</table>\n";
  }
  return html + "</section>\n";
}

std::string Languages(const Value& report) {
  const Value* kept = report.Find("languages");
  const Value* detected = report.Find("languages_detected");
  const Value* scripts = report.Find("scripts");
  if (!kept && !detected) return {};
  std::string html = "<section><h2>Languages and scripts</h2><div class=\"grid langs\">\n";
  if (kept) html += CountChart("langs", "Kept documents per language", Field(*kept, "documents"));
  if (detected) {
    html +=
        CountChart("langs", "Documents per language found by langid (before filters)", *detected);
  }
  if (scripts) html += CountChart("langs", "Documents per script", *scripts);
  html += "</div>\n";
  if (kept) {
    html +=
        "<table><tr><th>language</th><th class=\"n\">kept documents</th><th class=\"n\">text"
        "</th><th class=\"n\">tokens</th></tr>\n";
    for (const auto& [code, row] : kept->as_object()) {
      html += "<tr><td>" + EscapeHtml(code) + "</td><td class=\"n\">" +
              GroupDigits(IntOf(row, "documents")) + "</td><td class=\"n\">" +
              HumanBytes(static_cast<double>(IntOf(row, "bytes"))) + "</td><td class=\"n\">" +
              GroupDigits(IntOf(row, "tokens")) + "</td></tr>\n";
    }
    html += "</table>\n";
  }
  return html + "</section>\n";
}

std::string Tokens(const Value& report) {
  const Value* tokens = report.Find("tokens");
  const Value* mixtures = report.Find("mixtures");
  if (!tokens && !mixtures) return {};
  std::string html = "<section><h2>Tokens</h2>\n";
  if (tokens) {
    html += "<p>" + GroupDigits(IntOf(*tokens, "total")) + " tokens";
    if (tokens->Find("documents"))
      html += " in " + GroupDigits(IntOf(*tokens, "documents")) + " documents";
    html += ".";
    if (tokens->Find("by_language_from")) {
      html += " <span class=\"note\">Per language from the " +
              EscapeHtml(tokens->GetString("by_language_from")) + ".</span>";
    }
    html += "</p><div class=\"grid tokens\">\n";
    if (const Value* v = tokens->Find("by_language")) {
      html += CountChart("tokens", "Tokens per language", *v);
    }
    if (const Value* v = tokens->Find("by_source")) {
      html += CountChart("tokens", "Tokens per source", *v);
    }
    html += "</div>\n";
  }
  if (mixtures) {
    for (const Value& m : mixtures->as_array()) {
      html += "<h2>Mixture <code>" + EscapeHtml(m.GetString("path")) + "</code></h2><p>" +
              GroupDigits(IntOf(m, "tokens_achieved")) + " tokens of " +
              GroupDigits(IntOf(m, "tokens_requested")) +
              " requested.</p><table><tr><th>source</th><th class=\"n\">available</th>"
              "<th class=\"n\">requested</th><th class=\"n\">achieved</th></tr>\n";
      for (const Value& s : m.Find("sources")->as_array()) {
        html += "<tr><td>" + EscapeHtml(s.GetString("name")) + "</td><td class=\"n\">" +
                GroupDigits(IntOf(s, "tokens_available")) + "</td><td class=\"n\">" +
                GroupDigits(IntOf(s, "tokens_requested")) + "</td><td class=\"n\">" +
                GroupDigits(IntOf(s, "tokens_achieved")) + "</td></tr>\n";
      }
      html += "</table>\n";
    }
  }
  return html + "</section>\n";
}

std::string Quality(const Value& report) {
  const Value* quality = report.Find("quality");
  if (!quality) return {};
  const Value* buckets = quality->Find("buckets");
  if (!buckets || !buckets->is_array()) return {};
  std::vector<ChartRow> rows;
  double max = 0;
  const size_t n = buckets->as_array().size();
  for (size_t i = 0; i < n; ++i) {
    const Value& b = buckets->as_array()[i];
    const double x = b.is_number() ? b.as_number() : 0;
    max = std::max(max, x);
    rows.push_back({FormatDouble("%.1f", static_cast<double>(i) / static_cast<double>(n)) + " – " +
                        FormatDouble("%.1f", static_cast<double>(i + 1) / static_cast<double>(n)),
                    {x},
                    GroupDigits(static_cast<int64_t>(x))});
  }
  ChartOptions options;
  options.largest_first = false;
  return "<section><h2>Quality scores of the kept documents</h2><div class=\"quality\">" +
         BarChart(
             "Kept documents per metadata." + std::string(quality->GetString("key")) + " score",
             std::move(rows), max, options) +
         "</div></section>\n";
}

std::string Contamination(const Value& report, const std::string& page_dir) {
  const Value* c = report.Find("contamination");
  if (!c) return {};
  std::string html = "<section><h2>Benchmark contamination</h2><p>";
  if (c->Find("contaminated_items")) {
    const int64_t items = IntOf(*c, "contaminated_items");
    html += std::string(items > 0 ? "<span class=\"bad\">" : "<span class=\"ok\">") +
            GroupDigits(items) + " contaminated benchmark item(s)</span> in " +
            GroupDigits(IntOf(*c, "documents_hit")) + " document(s). ";
  }
  if (c->Find("html")) {
    html += "Full report: " + Link(std::string(c->GetString("html")), page_dir) + ".";
  } else {
    html += "The report in " + Link(std::string(c->GetString("dir")), page_dir) +
            " is not written yet (the stage's merge step has not run).";
  }
  return html + "</p></section>\n";
}

std::string PathList(const Value& paths, const std::string& page_dir) {
  std::string html;
  size_t shown = 0;
  for (const Value& p : paths.as_array()) {
    if (!p.is_string()) continue;
    if (shown++ == kMaxListed) {
      html += "<br>… " + std::to_string(paths.as_array().size() - kMaxListed) + " more";
      break;
    }
    html += (shown > 1 ? "<br>" : "") + Link(p.as_string(), page_dir);
  }
  return html;
}

std::string Outputs(const Value& report, const std::string& page_dir) {
  std::string html = "<section><h2>Where everything is</h2><table>\n";
  auto row = [&html](const std::string& what, const std::string& cell) {
    html += "<tr><th>" + what + "</th><td>" + cell + "</td></tr>\n";
  };
  if (const Value* outputs = report.Find("outputs")) {
    for (const auto& [key, label] :
         {std::pair{"kept", "kept documents"},
          std::pair{"rejects",
                    "rejected documents (with "
                    "their ledger)"},
          std::pair{"contamination", "contamination report"}, std::pair{"stats", "stats"}}) {
      const Value* path = outputs->Find(key);
      if (path && path->is_string()) row(label, Link(path->as_string(), page_dir));
    }
    if (const Value* tokens = outputs->Find("tokens")) {
      row("token shards (prefixes)", PathList(*tokens, page_dir));
    }
  }
  if (const Value* inputs = report.Find("inputs"); inputs && !inputs->as_array().empty()) {
    row("inputs", PathList(*inputs, page_dir));
  }
  if (const Value* reader = report.Find("reader")) {
    std::string read = GroupDigits(IntOf(*reader, "records")) + " records from " +
                       GroupDigits(IntOf(*reader, "files")) + " file(s), " +
                       HumanBytes(static_cast<double>(IntOf(*reader, "input_bytes")));
    if (const Value* skipped = reader->Find("skipped"); skipped && skipped->is_object()) {
      for (const auto& [reason, n] : skipped->as_object()) {
        read += "; not a document (" + EscapeHtml(reason) +
                "): " + GroupDigits(n.is_int() ? n.as_int() : 0);
      }
    }
    row("read", read);
  }
  return html + "</table></section>\n";
}

std::string Footer(const Value& report) {
  std::string html = "<footer>tamis " + EscapeHtml(report.GetString("tamis_version"));
  if (const Value* scan = report.Find("scan")) {
    html += " · languages, tokens and scores of kept documents read from " +
            GroupDigits(IntOf(*scan, "documents")) + " document(s) in " +
            GroupDigits(IntOf(*scan, "files")) + " file(s)";
    if (const Value* t = scan->Find("truncated"); t && t->is_bool() && t->as_bool()) {
      html += " (stopped at the limit: the rest was not read)";
    }
  }
  if (const Value* warnings = report.Find("warnings")) {
    for (const Value& w : warnings->as_array()) {
      if (w.is_string()) html += "<br>warning: " + EscapeHtml(w.as_string());
    }
  }
  return html + "</footer>\n";
}

}  // namespace

std::string RenderRunReportHtml(const Value& report, const std::string& page_dir) {
  std::string html =
      HtmlPageStart("tamis run report: " + std::string(report.GetString("output")), kStyle);
  const Value* complete = report.Find("complete");
  const bool finished = complete && complete->is_bool() && complete->as_bool();
  html += "<header><h1>tamis run report</h1><p>" + EscapeHtml(report.GetString("output")) +
          (finished ? " — finished" : " — <b>unfinished</b>") + "</p></header>\n<main>\n";
  if (!finished) html += Banner(report);
  const Value* stages = report.Find("stages");
  if (stages && stages->is_array() && !stages->as_array().empty()) {
    const Value::Array& list = stages->as_array();
    const bool several_phases = IntOf(report, "phases") > 1;
    html += Headline(report, list);
    html += Funnel(list, several_phases);
    html += Reasons(list, several_phases);
  }
  html += Languages(report);
  html += Tokens(report);
  html += Quality(report);
  html += Contamination(report, page_dir);
  html += Outputs(report, page_dir);
  html += "</main>\n" + Footer(report);
  return html + "</body></html>\n";
}

}  // namespace tamis
