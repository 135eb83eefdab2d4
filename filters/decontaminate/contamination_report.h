// ContaminationReport: what a decontamination scan found, in a form that merges.
//
// One report covers some documents (one thread, one task, one run, or many runs merged):
// per benchmark its items, the contaminated ones with the documents that contain them, and
// counts of the documents hit by source and language. Merge() adds another report over other
// documents: counts add, an item's coverage is the highest of any document, its documents are
// united — so merging task reports in any grouping and order gives the same result. Documents
// listed per item are capped (`max_documents_per_item`); `documents_total` stays exact. The
// cap keeps the best: highest coverage first, then document id.
//
// On disk it is contamination_report_format.md (JSON; constants in
// contamination_report_format.h): the partial report of each task and the merged report.json
// are the same format, so merged reports merge again.
// Thread rule: a plain value; one per thread while scanning, merged at Finish().
#ifndef TAMIS_FILTERS_DECONTAMINATE_CONTAMINATION_REPORT_H_
#define TAMIS_FILTERS_DECONTAMINATE_CONTAMINATION_REPORT_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/status.h"
#include "pipeline/value.h"

namespace tamis {

// What decided the report's numbers; reports made with different settings do not merge.
struct ContaminationSettings {
  int ngram = 13;
  double threshold = 0.5;
  bool strip_diacritics = false;
  std::string action = "tag";
  int64_t max_documents_per_item = 100;
  bool operator==(const ContaminationSettings&) const = default;
};

struct DocumentHit {
  std::string id;
  std::string url;
  std::string source;
  std::string language;
  double coverage = 0;
  int64_t ngrams_matched = 0;
  uint64_t offset = 0;  // Byte offset of the longest matching span in the document's text.
  uint64_t length = 0;  // Its length in bytes.
  std::string matched;  // Its text (cut at a UTF-8 boundary when longer than the cap).
};

struct ContaminatedItem {
  std::string id;
  int64_t item_ngrams = 0;
  double coverage = 0;  // The highest of any document.
  int64_t documents_total = 0;
  std::vector<DocumentHit> documents;  // Best first, at most max_documents_per_item.
};

struct BenchmarkReport {
  std::string name;
  std::string file;
  int64_t items = 0;
  int64_t items_too_short = 0;  // Fewer words than the n-gram size: cannot be detected.
  int64_t skipped_lines = 0;
  std::string first_skip;
  int64_t documents_hit = 0;
  std::map<std::string, int64_t> documents_hit_by_source;
  std::map<std::string, int64_t> documents_hit_by_language;
  std::map<int64_t, ContaminatedItem> contaminated;  // By index of the item in its file.
};

struct ContaminationReport {
  ContaminationSettings settings;
  int64_t documents = 0;
  int64_t bytes = 0;
  std::map<std::string, int64_t> documents_by_source;
  std::map<std::string, int64_t> documents_by_language;
  std::vector<BenchmarkReport> benchmarks;

  // Adds `other` (same settings, same benchmarks in the same order with the same item
  // counts); kInvalidArgument naming what differs otherwise.
  [[nodiscard]] Status Merge(const ContaminationReport& other);
  // Records `hit` for item `index` of benchmark `b`, keeping the cap.
  void AddHit(size_t b, int64_t index, std::string_view item_id, int64_t item_ngrams,
              DocumentHit hit);

  Value ToValue() const;
  // `where` names the file in messages.
  static Result<ContaminationReport> FromValue(const Value& value, std::string_view where);
};

// Reads a report file written by WriteContaminationReport or merged by the merge step.
Result<ContaminationReport> ReadContaminationReport(const std::string& path);
[[nodiscard]] Status WriteContaminationReport(const ContaminationReport& report,
                                              const std::string& path);

}  // namespace tamis

#endif  // TAMIS_FILTERS_DECONTAMINATE_CONTAMINATION_REPORT_H_
