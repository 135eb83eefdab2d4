#include "filters/decontaminate/contamination_report.h"

#include <algorithm>

#include "filters/decontaminate/contamination_report_format.h"
#include "io/output_file.h"
#include "pipeline/json.h"

namespace tamis {
namespace {

bool BetterHit(const DocumentHit& a, const DocumentHit& b) {
  if (a.coverage != b.coverage) return a.coverage > b.coverage;
  if (a.id != b.id) return a.id < b.id;
  return a.offset < b.offset;
}

void KeepBest(std::vector<DocumentHit>* hits, int64_t cap) {
  std::sort(hits->begin(), hits->end(), BetterHit);
  if (static_cast<int64_t>(hits->size()) > cap) hits->resize(static_cast<size_t>(cap));
}

void AddCounts(const std::map<std::string, int64_t>& from, std::map<std::string, int64_t>* into) {
  for (const auto& [key, count] : from) (*into)[key] += count;
}

Value CountsValue(const std::map<std::string, int64_t>& counts) {
  Value v = Value::EmptyObject();
  for (const auto& [key, count] : counts) v.Set(key, count);
  return v;
}

// Reads typed members of a report, remembering the first problem (with its path) so a
// damaged file gives one clear message instead of a crash or a silently wrong merge.
class FieldReader {
 public:
  explicit FieldReader(std::string_view where) : where_(where) {}

  const Value* Member(const Value& object, std::string_view key, Value::Type type,
                      std::string_view path) {
    const Value* v = object.is_object() ? object.Find(key) : nullptr;
    const bool number_ok = type == Value::Type::kDouble && v && v->is_number();
    if (!v || (v->type() != type && !number_ok)) {
      Fail(std::string(path) + "." + std::string(key) + " is missing or has the wrong type");
      return nullptr;
    }
    return v;
  }
  int64_t Int(const Value& o, std::string_view key, std::string_view path) {
    const Value* v = Member(o, key, Value::Type::kInt, path);
    return v ? v->as_int() : 0;
  }
  double Number(const Value& o, std::string_view key, std::string_view path) {
    const Value* v = Member(o, key, Value::Type::kDouble, path);
    return v ? v->as_number() : 0;
  }
  std::string String(const Value& o, std::string_view key, std::string_view path) {
    const Value* v = Member(o, key, Value::Type::kString, path);
    return v ? v->as_string() : std::string();
  }
  std::map<std::string, int64_t> Counts(const Value& o, std::string_view key,
                                        std::string_view path) {
    std::map<std::string, int64_t> counts;
    const Value* v = Member(o, key, Value::Type::kObject, path);
    if (!v) return counts;
    for (const auto& [name, count] : v->as_object()) {
      if (!count.is_int())
        Fail(std::string(path) + "." + std::string(key) + "." + name + " is not an integer");
      counts[name] = count.is_int() ? count.as_int() : 0;
    }
    return counts;
  }
  const Value::Array* Array(const Value& o, std::string_view key, std::string_view path) {
    const Value* v = Member(o, key, Value::Type::kArray, path);
    return v ? &v->as_array() : nullptr;
  }
  void Fail(std::string message) {
    if (error_.empty()) error_ = std::move(message);
  }
  Status status() const {
    return error_.empty() ? Status::Ok() : Status::Corruption(std::string(where_) + ": " + error_);
  }

 private:
  std::string_view where_;
  std::string error_;
};

Value HitValue(const DocumentHit& hit) {
  Value v = Value::EmptyObject();
  v.Set("id", hit.id);
  v.Set("url", hit.url);
  v.Set("source", hit.source);
  v.Set("language", hit.language);
  v.Set("coverage", hit.coverage);
  v.Set("ngrams_matched", hit.ngrams_matched);
  v.Set("offset", hit.offset);
  v.Set("length", hit.length);
  v.Set("matched", hit.matched);
  return v;
}

DocumentHit HitFromValue(const Value& v, FieldReader& r, const std::string& path) {
  DocumentHit hit;
  hit.id = r.String(v, "id", path);
  hit.url = r.String(v, "url", path);
  hit.source = r.String(v, "source", path);
  hit.language = r.String(v, "language", path);
  hit.coverage = r.Number(v, "coverage", path);
  hit.ngrams_matched = r.Int(v, "ngrams_matched", path);
  hit.offset = static_cast<uint64_t>(r.Int(v, "offset", path));
  hit.length = static_cast<uint64_t>(r.Int(v, "length", path));
  hit.matched = r.String(v, "matched", path);
  return hit;
}

}  // namespace

void ContaminationReport::AddHit(size_t b, int64_t index, std::string_view item_id,
                                 int64_t item_ngrams, DocumentHit hit) {
  ContaminatedItem& item = benchmarks[b].contaminated[index];
  if (item.id.empty()) {
    item.id = std::string(item_id);
    item.item_ngrams = item_ngrams;
  }
  item.coverage = std::max(item.coverage, hit.coverage);
  ++item.documents_total;
  item.documents.push_back(std::move(hit));
  // Trim only when well over the cap, so adding stays amortised O(log) per hit.
  if (static_cast<int64_t>(item.documents.size()) > 2 * settings.max_documents_per_item) {
    KeepBest(&item.documents, settings.max_documents_per_item);
  }
}

Status ContaminationReport::Merge(const ContaminationReport& other) {
  if (!(settings == other.settings)) {
    return Status::InvalidArgument(
        "contamination reports made with different settings (ngram, threshold, diacritics, "
        "action or max_documents_per_item) do not merge");
  }
  if (benchmarks.size() != other.benchmarks.size()) {
    return Status::InvalidArgument("contamination reports over different benchmarks (" +
                                   std::to_string(benchmarks.size()) + " and " +
                                   std::to_string(other.benchmarks.size()) + ")");
  }
  for (size_t b = 0; b < benchmarks.size(); ++b) {
    BenchmarkReport& into = benchmarks[b];
    const BenchmarkReport& from = other.benchmarks[b];
    if (into.name != from.name || into.items != from.items) {
      return Status::InvalidArgument(
          "contamination reports over different benchmarks: " + into.name + " (" +
          std::to_string(into.items) + " items) and " + from.name + " (" +
          std::to_string(from.items) + " items)");
    }
    into.documents_hit += from.documents_hit;
    AddCounts(from.documents_hit_by_source, &into.documents_hit_by_source);
    AddCounts(from.documents_hit_by_language, &into.documents_hit_by_language);
    for (const auto& [index, item] : from.contaminated) {
      ContaminatedItem& mine = into.contaminated[index];
      if (mine.id.empty()) {
        mine.id = item.id;
        mine.item_ngrams = item.item_ngrams;
      }
      mine.coverage = std::max(mine.coverage, item.coverage);
      mine.documents_total += item.documents_total;
      mine.documents.insert(mine.documents.end(), item.documents.begin(), item.documents.end());
      KeepBest(&mine.documents, settings.max_documents_per_item);
    }
  }
  documents += other.documents;
  bytes += other.bytes;
  AddCounts(other.documents_by_source, &documents_by_source);
  AddCounts(other.documents_by_language, &documents_by_language);
  return Status::Ok();
}

Value ContaminationReport::ToValue() const {
  Value root = Value::EmptyObject();
  root.Set("format", contamination_report::kFormat);
  root.Set("version", contamination_report::kVersion);
  Value s = Value::EmptyObject();
  s.Set("ngram", settings.ngram);
  s.Set("threshold", settings.threshold);
  s.Set("diacritics", settings.strip_diacritics ? "strip" : "keep");
  s.Set("action", settings.action);
  s.Set("max_documents_per_item", settings.max_documents_per_item);
  root.Set("settings", std::move(s));
  root.Set("documents", documents);
  root.Set("bytes", bytes);
  root.Set("documents_by_source", CountsValue(documents_by_source));
  root.Set("documents_by_language", CountsValue(documents_by_language));
  Value list = Value::EmptyArray();
  for (const BenchmarkReport& b : benchmarks) {
    Value v = Value::EmptyObject();
    v.Set("name", b.name);
    v.Set("file", b.file);
    v.Set("items", b.items);
    v.Set("items_too_short", b.items_too_short);
    v.Set("skipped_lines", b.skipped_lines);
    v.Set("first_skip", b.first_skip);
    v.Set("contaminated_items", static_cast<int64_t>(b.contaminated.size()));
    v.Set("contaminated_percent",
          b.items ? 100.0 * static_cast<double>(b.contaminated.size()) / b.items : 0.0);
    v.Set("documents_hit", b.documents_hit);
    v.Set("documents_hit_by_source", CountsValue(b.documents_hit_by_source));
    v.Set("documents_hit_by_language", CountsValue(b.documents_hit_by_language));
    Value items = Value::EmptyArray();
    for (const auto& [index, item] : b.contaminated) {
      Value iv = Value::EmptyObject();
      iv.Set("index", index);
      iv.Set("id", item.id);
      iv.Set("coverage", item.coverage);
      iv.Set("item_ngrams", item.item_ngrams);
      iv.Set("documents_total", item.documents_total);
      std::vector<DocumentHit> best = item.documents;
      KeepBest(&best, settings.max_documents_per_item);
      Value docs = Value::EmptyArray();
      for (const DocumentHit& hit : best) docs.as_array().push_back(HitValue(hit));
      iv.Set("documents", std::move(docs));
      items.as_array().push_back(std::move(iv));
    }
    v.Set("contaminated", std::move(items));
    list.as_array().push_back(std::move(v));
  }
  root.Set("benchmarks", std::move(list));
  return root;
}

Result<ContaminationReport> ContaminationReport::FromValue(const Value& value,
                                                           std::string_view where) {
  FieldReader r(where);
  if (!value.is_object() || value.GetString("format") != contamination_report::kFormat) {
    return Status::Corruption(std::string(where) +
                              ": not a contamination report (no \"format\": \"" +
                              std::string(contamination_report::kFormat) + "\")");
  }
  if (r.Int(value, "version", "") != contamination_report::kVersion) {
    return Status::Corruption(std::string(where) + ": contamination report version " +
                              std::to_string(r.Int(value, "version", "")) + ", this tamis reads " +
                              std::to_string(contamination_report::kVersion));
  }
  ContaminationReport report;
  if (const Value* s = r.Member(value, "settings", Value::Type::kObject, "")) {
    report.settings.ngram = static_cast<int>(r.Int(*s, "ngram", ".settings"));
    report.settings.threshold = r.Number(*s, "threshold", ".settings");
    report.settings.strip_diacritics = r.String(*s, "diacritics", ".settings") == "strip";
    report.settings.action = r.String(*s, "action", ".settings");
    report.settings.max_documents_per_item = r.Int(*s, "max_documents_per_item", ".settings");
  }
  report.documents = r.Int(value, "documents", "");
  report.bytes = r.Int(value, "bytes", "");
  report.documents_by_source = r.Counts(value, "documents_by_source", "");
  report.documents_by_language = r.Counts(value, "documents_by_language", "");
  if (const Value::Array* list = r.Array(value, "benchmarks", "")) {
    for (size_t i = 0; i < list->size(); ++i) {
      const Value& v = (*list)[i];
      const std::string path = ".benchmarks[" + std::to_string(i) + "]";
      BenchmarkReport b;
      b.name = r.String(v, "name", path);
      b.file = r.String(v, "file", path);
      b.items = r.Int(v, "items", path);
      b.items_too_short = r.Int(v, "items_too_short", path);
      b.skipped_lines = r.Int(v, "skipped_lines", path);
      b.first_skip = r.String(v, "first_skip", path);
      b.documents_hit = r.Int(v, "documents_hit", path);
      b.documents_hit_by_source = r.Counts(v, "documents_hit_by_source", path);
      b.documents_hit_by_language = r.Counts(v, "documents_hit_by_language", path);
      if (const Value::Array* items = r.Array(v, "contaminated", path)) {
        for (size_t k = 0; k < items->size(); ++k) {
          const Value& iv = (*items)[k];
          const std::string ipath = path + ".contaminated[" + std::to_string(k) + "]";
          ContaminatedItem item;
          const int64_t index = r.Int(iv, "index", ipath);
          item.id = r.String(iv, "id", ipath);
          item.coverage = r.Number(iv, "coverage", ipath);
          item.item_ngrams = r.Int(iv, "item_ngrams", ipath);
          item.documents_total = r.Int(iv, "documents_total", ipath);
          if (const Value::Array* docs = r.Array(iv, "documents", ipath)) {
            for (size_t d = 0; d < docs->size(); ++d) {
              item.documents.push_back(
                  HitFromValue((*docs)[d], r, ipath + ".documents[" + std::to_string(d) + "]"));
            }
          }
          if (index < 0 || index >= b.items) {
            r.Fail(ipath + ".index " + std::to_string(index) + " is not an item of " + b.name);
          }
          b.contaminated[index] = std::move(item);
        }
      }
      report.benchmarks.push_back(std::move(b));
    }
  }
  TAMIS_RETURN_IF_ERROR(r.status());
  return report;
}

Result<ContaminationReport> ReadContaminationReport(const std::string& path) {
  TAMIS_ASSIGN_OR_RETURN(std::string text, ReadWholeFile(path));
  Result<Value> value = ParseJson(text);
  if (!value.ok()) return value.status().WithContext(path);
  return ContaminationReport::FromValue(*value, path);
}

Status WriteContaminationReport(const ContaminationReport& report, const std::string& path) {
  return WriteFileAtomically(path, ToJson(report.ToValue(), 1) + "\n");
}

}  // namespace tamis
