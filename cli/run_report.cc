#include "cli/run_report.h"

#include <filesystem>

#include <algorithm>
#include <cstdio>
#include <vector>

#include "pipeline/json.h"
#include "runner/run_layout.h"

namespace tamis::cli {
namespace {

// A value in a few characters: scalars as they are, objects of scalars as "a:1,b:2", lists
// and deeper objects by their size.
std::string BriefValue(const Value& v) {
  switch (v.type()) {
    case Value::Type::kString: return v.as_string();
    case Value::Type::kArray: {
      // A short list of names reads best as the names.
      std::string joined;
      for (const Value& item : v.as_array()) {
        if (!item.is_string() || v.as_array().size() > 4) {
          return "[" + std::to_string(v.as_array().size()) + "]";
        }
        joined += (joined.empty() ? "" : ",") + item.as_string();
      }
      return joined;
    }
    case Value::Type::kObject: {
      std::string out = "{";
      for (const auto& [k, item] : v.as_object()) {
        if (item.is_object() || item.is_array())
          return "{" + std::to_string(v.as_object().size()) + "}";
        out += (out.size() > 1 ? "," : "") + k + ":" + ToJson(item);
      }
      return out + "}";
    }
    default: return ToJson(v);
  }
}

// An object of at least one object: one row per key.
bool IsTable(const Value& v) {
  if (!v.is_object() || v.as_object().empty()) return false;
  for (const auto& [k, row] : v.as_object()) {
    if (!row.is_object()) return false;
  }
  return true;
}

// At most kMaxTableRows rows; columns are the first row's keys. Rows with a column named
// "*dropped*" come most-dropped first (who removed most is what a reader looks for), others
// in key order.
constexpr size_t kMaxTableRows = 20;
std::string FormatTable(const std::string& title, const Value& table) {
  std::vector<std::pair<std::string, Value>> rows(table.as_object().begin(),
                                                  table.as_object().end());
  std::string sort_column;
  for (const auto& [column, cell] : rows.front().second.as_object()) {
    if (sort_column.empty() && column.find("dropped") != std::string::npos && cell.is_int()) {
      sort_column = column;
    }
  }
  if (!sort_column.empty()) {
    std::stable_sort(rows.begin(), rows.end(), [&](const auto& a, const auto& b) {
      const Value* x = a.second.Find(sort_column);
      const Value* y = b.second.Find(sort_column);
      return (x ? x->as_int() : 0) > (y ? y->as_int() : 0);
    });
  }
  std::string out = title + " (" + std::to_string(rows.size()) + "):\n";
  std::vector<std::string> columns;
  for (const auto& [column, cell] : rows.front().second.as_object()) columns.push_back(column);
  size_t width = 8;
  for (const auto& [key, row] : rows) width = std::max(width, std::min<size_t>(key.size(), 48));
  auto pad = [](std::string s, size_t n) {
    if (s.size() < n) s.append(n - s.size(), ' ');
    return s;
  };
  out += "  " + pad("", width);
  for (const std::string& c : columns) out += "  " + c;
  out += "\n";
  size_t shown = 0;
  for (const auto& [key, row] : rows) {
    if (++shown > kMaxTableRows) {
      out += "  ... " + std::to_string(rows.size() - kMaxTableRows) + " more in the stats\n";
      break;
    }
    out += "  " + pad(key, width);
    for (const std::string& c : columns) {
      const Value* cell = row.Find(c);
      out += "  " + pad(cell ? BriefValue(*cell) : "", c.size());
    }
    out += "\n";
  }
  return out;
}

constexpr size_t kColumns = 100;

int64_t IntOf(const Value& v, std::string_view key) {
  const Value* x = v.Find(key);
  return x && x->is_int() ? x->as_int() : 0;
}

// The `n` largest counts, largest first (ties in key order).
std::vector<std::pair<std::string, int64_t>> Largest(
    std::vector<std::pair<std::string, int64_t>> counts, size_t n) {
  std::stable_sort(counts.begin(), counts.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  if (counts.size() > n) counts.resize(n);
  return counts;
}

std::vector<std::pair<std::string, int64_t>> Entries(const Value* counts,
                                                     std::string_view field = {}) {
  std::vector<std::pair<std::string, int64_t>> entries;
  if (!counts || !counts->is_object()) return entries;
  for (const auto& [key, v] : counts->as_object()) {
    entries.emplace_back(key, field.empty() ? (v.is_int() ? v.as_int() : 0) : IntOf(v, field));
  }
  return entries;
}

// "title: a 3, b 2, …" wrapped at kColumns, continuation lines indented.
std::string WrappedList(const std::string& title,
                        const std::vector<std::pair<std::string, int64_t>>& items, size_t total) {
  std::string out = title, line;
  size_t width = title.size();
  for (size_t i = 0; i < items.size(); ++i) {
    std::string item = items[i].first + " " + GroupDigits(items[i].second);
    item += i + 1 < items.size() ? "," : (total > items.size() ? ", ..." : "");
    if (width + 1 + item.size() > kColumns) {
      out += "\n ";
      width = 1;
    }
    out += " " + item;
    width += 1 + item.size();
  }
  return out + "\n";
}

}  // namespace

std::string FormatSummary(const RunSummary& summary) {
  const Value& s = summary.stats;
  std::string out;
  char line[512];
  if (summary.already_complete) {
    out +=
        "task already complete (marker found); nothing to do. Stats: " + summary.stats_path + "\n";
    return out;
  }
  const Value* reader = s.Find("reader");
  if (reader) {
    std::snprintf(line, sizeof(line), "read %lld records from %lld files (%s)\n",
                  static_cast<long long>(reader->Find("records")->as_int()),
                  static_cast<long long>(reader->Find("files")->as_int()),
                  HumanBytes(static_cast<double>(reader->Find("input_bytes")->as_int())).c_str());
    out += line;
    for (const auto& [reason, count] : reader->Find("skipped")->as_object()) {
      std::snprintf(line, sizeof(line), "  not a document: %-28s %10lld\n", reason.c_str(),
                    static_cast<long long>(count.as_int()));
      out += line;
    }
  }
  std::snprintf(line, sizeof(line), "%-20s %12s %12s %12s %9s\n", "stage", "docs in", "docs out",
                "removed", "seconds");
  out += line;
  for (const Value& st : s.Find("stages")->as_array()) {
    int64_t in = st.Find("documents_in")->as_int();
    int64_t kept = st.Find("documents_out")->as_int();
    std::snprintf(line, sizeof(line), "%-20s %12lld %12lld %12lld %9.2f\n",
                  st.GetString("stage").data(), static_cast<long long>(in),
                  static_cast<long long>(kept), static_cast<long long>(in - kept),
                  st.Find("seconds")->as_number());
    out += line;
    for (const auto& [reason, count] : st.Find("removed")->as_object()) {
      std::snprintf(line, sizeof(line), "  %-44s %10lld\n", reason.c_str(),
                    static_cast<long long>(count.as_int()));
      out += line;
    }
    if (const Value* changed = st.Find("changed")) {
      for (const auto& [rule, count] : changed->as_object()) {
        std::snprintf(line, sizeof(line), "  changed: %-35s %10lld\n", rule.c_str(),
                      static_cast<long long>(count.as_int()));
        out += line;
      }
    }
  }
  // What stages reported, flattened to one line each, and their tables (an object whose
  // values are objects: robots' blocking origins, top_fraction's groups) below it.
  for (const Value& st : s.Find("stages")->as_array()) {
    const Value* report = st.Find("report");
    if (!report || !report->is_object() || report->as_object().empty()) continue;
    const std::string stage(st.GetString("stage"));
    out += stage + ":";
    for (const auto& [key, v] : report->as_object()) {
      if (!IsTable(v)) out += " " + key + "=" + BriefValue(v);
    }
    out += "\n";
    for (const auto& [key, v] : report->as_object()) {
      if (IsTable(v)) out += FormatTable(stage + " " + key, v);
    }
  }
  const Value* o = s.Find("output");
  std::snprintf(line, sizeof(line), "kept %lld documents (%s) -> %s\n",
                static_cast<long long>(o->Find("documents")->as_int()),
                HumanBytes(static_cast<double>(o->Find("bytes")->as_int())).c_str(),
                o->GetString("path").data());
  out += line;
  if (const Value* r = s.Find("rejects")) {
    std::snprintf(line, sizeof(line), "rejected %lld documents -> %s\n",
                  static_cast<long long>(r->Find("documents")->as_int()),
                  r->GetString("path").data());
    out += line;
  }
  out += "stats: " + summary.stats_path + "\n";
  return out;
}

void PrintProgress(uint64_t documents, uint64_t input_bytes, double seconds) {
  if (seconds < 0) {
    std::fprintf(stderr, "\r\033[K");
  } else {
    std::fprintf(stderr, "\r\033[Ktamis: %llu documents, %s read, %s/s",
                 static_cast<unsigned long long>(documents), HumanBytes(input_bytes).c_str(),
                 HumanBytes(input_bytes / std::max(seconds, 1e-9)).c_str());
  }
  std::fflush(stderr);
}

}  // namespace tamis::cli

namespace tamis::cli {

std::string FormatPartLine(const RunSummary& summary) {
  if (summary.already_complete) return "already complete (marker found)";
  const Value& s = summary.stats;
  const Value* stages = s.Find("stages");
  const int64_t read = stages && !stages->as_array().empty()
                           ? IntOf(stages->as_array().front(), "documents_out")
                           : 0;
  const Value* output = s.Find("output");
  const Value* rejects = s.Find("rejects");
  const Value* seconds = s.Find("seconds");
  std::string line = GroupDigits(read) + " documents read, " +
                     GroupDigits(output ? IntOf(*output, "documents") : 0) + " kept";
  if (rejects) line += ", " + GroupDigits(IntOf(*rejects, "documents")) + " rejected";
  char time[32];
  std::snprintf(time, sizeof(time), " in %.2f s",
                seconds && seconds->is_number() ? seconds->as_number() : 0.0);
  return line + time;
}

std::string FormatRunSummary(const Value& report) {
  std::string out;
  char line[512];
  const Value* complete = report.Find("complete");
  const bool finished = complete && complete->is_bool() && complete->as_bool();
  const Value* seconds = report.Find("seconds");
  std::snprintf(
      line, sizeof(line), "== run %s: %s, %lld phase(s), %lld task(s) x %lld thread(s), %.1f s\n",
      std::string(report.GetString("output")).c_str(), finished ? "finished" : "UNFINISHED",
      static_cast<long long>(IntOf(report, "phases")),
      static_cast<long long>(IntOf(report, "tasks")),
      static_cast<long long>(IntOf(report, "threads")),
      seconds && seconds->is_number() ? seconds->as_number() : 0.0);
  out += line;
  if (const Value* problems = report.Find("problems")) {
    for (const Value& p : problems->as_array()) out += "  unfinished: " + p.as_string() + "\n";
  }
  const Value* stages = report.Find("stages");
  const bool several_phases = IntOf(report, "phases") > 1;
  if (stages && stages->is_array()) {
    std::snprintf(line, sizeof(line), "%-24s %10s %10s %10s %10s %10s\n", "stage", "docs in",
                  "docs out", "removed", "text in", "text out");
    out += line;
    for (const Value& st : stages->as_array()) {
      std::string name(st.GetString("stage"));
      if (several_phases) name = std::to_string(IntOf(st, "phase")) + " " + name;
      const int64_t in = IntOf(st, "documents_in"), kept = IntOf(st, "documents_out");
      std::snprintf(line, sizeof(line), "%-24.24s %10lld %10lld %10lld %10s %10s", name.c_str(),
                    static_cast<long long>(in), static_cast<long long>(kept),
                    static_cast<long long>(in - kept),
                    HumanBytes(static_cast<double>(IntOf(st, "bytes_in"))).c_str(),
                    HumanBytes(static_cast<double>(IntOf(st, "bytes_out"))).c_str());
      out += line;
      const Value* tokens = report.Find("tokens");
      if (st.GetString("stage") == "tokenize" && tokens) {
        out += "  " + GroupDigits(IntOf(*tokens, "total")) + " tokens";
      }
      out += "\n";
    }
  }
  if (const Value* languages = report.Find("languages")) {
    out += WrappedList("languages kept (" + std::to_string(languages->as_object().size()) + "):",
                       Largest(Entries(languages, "documents"), 10), languages->as_object().size());
  }
  std::vector<std::pair<std::string, int64_t>> reasons;
  if (stages && stages->is_array()) {
    for (const Value& st : stages->as_array()) {
      for (const auto& [reason, n] : Entries(st.Find("removed"))) {
        reasons.emplace_back(std::string(st.GetString("stage")) + "/" + reason, n);
      }
    }
  }
  if (!reasons.empty()) {
    out += WrappedList("removed for:", Largest(reasons, 8), reasons.size());
  }
  if (const Value* tokens = report.Find("tokens")) {
    const Value* by_language = tokens->Find("by_language");
    if (by_language && by_language->is_object() && !by_language->as_object().empty()) {
      out += WrappedList("tokens " + GroupDigits(IntOf(*tokens, "total")) + ", per language:",
                         Largest(Entries(by_language), 10), by_language->as_object().size());
    } else {
      out += "tokens " + GroupDigits(IntOf(*tokens, "total")) + "\n";
    }
  }
  const Value* outputs = report.Find("outputs");
  auto where = [&out](const char* what, const std::string& path) {
    out += std::string(what) + std::string(15 - std::string_view(what).size(), ' ') + path + "\n";
  };
  if (outputs) {
    where("kept", std::string(outputs->GetString("kept")));
    if (outputs->Find("rejects")) where("rejects", std::string(outputs->GetString("rejects")));
    if (const Value* tokens = outputs->Find("tokens"); tokens && !tokens->as_array().empty()) {
      const Value::Array& prefixes = tokens->as_array();
      if (prefixes.size() <= 3) {
        for (const Value& prefix : prefixes) where("token shards", prefix.as_string());
      } else {
        // Many datasets (one per language): the directory they share, and how many.
        std::filesystem::path common = std::filesystem::path(prefixes[0].as_string()).parent_path();
        for (const Value& prefix : prefixes) {
          while (!common.empty() && std::filesystem::path(prefix.as_string())
                                            .lexically_relative(common)
                                            .begin()
                                            ->string() == "..") {
            common = common.parent_path();
          }
        }
        const std::string first =
            std::filesystem::path(prefixes.front().as_string()).lexically_relative(common).string();
        where("token shards", common.string() + "/  (" + std::to_string(prefixes.size()) +
                                  " shards: " + first + ", ...)");
      }
    }
  }
  if (const Value* mixtures = report.Find("mixtures")) {
    for (const Value& m : mixtures->as_array()) {
      where("mixture", std::string(m.GetString("path")) + " (" +
                           GroupDigits(IntOf(m, "tokens_achieved")) + " tokens)");
    }
  }
  if (const Value* c = report.Find("contamination")) {
    std::string text = c->Find("html") ? std::string(c->GetString("html"))
                                       : std::string(c->GetString("dir")) + " (not written yet)";
    if (c->Find("contaminated_items")) {
      text += " (" + GroupDigits(IntOf(*c, "contaminated_items")) + " contaminated item(s))";
    }
    where("contamination", text);
  }
  const std::string output(report.GetString("output"));
  where("html report",
        "tamis report " + output + "  (writes " + RunLayout(output, 1).ReportPage() + ")");
  where("stats", "tamis stats " + output);
  return out;
}

}  // namespace tamis::cli
