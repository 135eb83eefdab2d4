#include "cli/run_report.h"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "pipeline/json.h"

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

}  // namespace

std::string HumanBytes(double bytes) {
  const char* units[] = {"B", "KB", "MB", "GB", "TB"};
  int u = 0;
  while (bytes >= 1000 && u < 4) {
    bytes /= 1000;
    ++u;
  }
  char buf[32];
  std::snprintf(buf, sizeof(buf), u == 0 ? "%.0f %s" : "%.1f %s", bytes, units[u]);
  return buf;
}

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
