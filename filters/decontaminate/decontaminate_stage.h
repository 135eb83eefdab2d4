// DecontaminateStage (`- stage: decontaminate`): finds benchmark items in the corpus by
// normalised word n-grams, acts on the documents that contain them, and writes an auditable
// report. A corpus stage without applier (pipeline/corpus_stage.h):
//
//   phase K    collector "decontaminate": at Start() loads the benchmarks and builds the
//              n-gram index (ngram_index.h), or loads the one an earlier task of the run
//              saved in the work dir (ngram-index.bin, ngram_index_format.md) when it was
//              built from the same files and settings; per document finds the items it overlaps
//              (item_matcher.h); an item is contaminated in a document when the document
//              covers at least `threshold` of the item's distinct n-grams. Then, per `action`:
//                tag   metadata.contamination = [{benchmark, item, coverage}], ledger note
//                      "contaminated" (detail "mmlu:17")
//                drop  the document is removed, rule "contaminated", the best coverage as
//                      the score
//                cut   every matching span of a contaminated item is cut out with
//                      `cut_context` characters each side (GPT-3: 200), ledger note "cut";
//                      a document left without a word is dropped, rule "cut_to_empty"
//              At Finish() each task writes contamination-<task>.json into the work dir
//              (contamination_report_format.md). Its stats report says where the merged
//              report will be (`report_dir`), so `tamis report` can link to it.
//   step       "merge": merges every task's partial report and writes report.json,
//              report.md and report.html into `report` (default: the run's report dir).
//
// Options:
//   benchmarks: ["mmlu=mmlu.jsonl", {name: arc, path: arc.jsonl, preset: arc,
//                fields: [question, choices.text], id_field: id}]   required
//   ngram: 13            words per n-gram, in [8, 50]
//   threshold: 0.5       coverage in (0, 1] that makes an item contaminated
//   action: tag | drop | cut
//   cut_context: 200     characters kept out each side of a cut span
//   diacritics: keep | strip
//   report: DIR          where the merged report goes
//   url_key: url, source_key: source, language_key: language    metadata for the report
//   max_documents_per_item: 100, max_matched_bytes: 1000   report size caps
//   max_document_bytes: 67108864   a longer document is scanned up to this many bytes
//                                  (counted as "truncated_scans")
// Thread rule: the collector is parallel; the index is shared read-only after Start(), each
// thread has its own matcher and partial report (merged at Finish()).
#ifndef TAMIS_FILTERS_DECONTAMINATE_DECONTAMINATE_STAGE_H_
#define TAMIS_FILTERS_DECONTAMINATE_DECONTAMINATE_STAGE_H_

#include <memory>
#include <string>
#include <vector>

#include "filters/decontaminate/benchmark_file.h"
#include "filters/decontaminate/contamination_report.h"
#include "filters/decontaminate/normalized_words.h"
#include "pipeline/corpus_stage.h"
#include "pipeline/value.h"

namespace tamis {

enum class ContaminationAction { kTag, kDrop, kCut };

struct DecontaminateOptions {
  std::vector<BenchmarkSpec> benchmarks;
  int ngram = 13;
  double threshold = 0.5;
  ContaminationAction action = ContaminationAction::kTag;
  int64_t cut_context = 200;
  NormalizationOptions normalization;
  std::string report;
  std::string url_key = "url";
  std::string source_key = "source";
  std::string language_key = "language";
  int64_t max_documents_per_item = 100;
  int64_t max_matched_bytes = 1000;
  int64_t max_document_bytes = int64_t{64} << 20;
};

class DecontaminateStage final : public CorpusStage {
 public:
  static constexpr std::string_view kMergeStep = "merge";

  explicit DecontaminateStage(DecontaminateOptions options) : options_(std::move(options)) {}

  std::string_view name() const override { return "decontaminate"; }
  std::vector<std::string> steps() const override { return {std::string(kMergeStep)}; }
  bool HasApplier() const override { return false; }
  Result<std::unique_ptr<Stage>> Collector(const std::string& work_dir) const override;
  Status Step(std::string_view step, const StepContext& context) const override;
  Result<std::unique_ptr<Stage>> Applier(const std::string& work_dir) const override;

 private:
  DecontaminateOptions options_;
};

Result<std::unique_ptr<CorpusStage>> CreateDecontaminateStage(const Value& options);

// The partial report files in `dir` (contamination-*.json, in name order); when there are
// none, its report.json. kNotFound when it has neither. `dir` may also be a report file.
Result<std::vector<std::string>> FindContaminationReports(const std::string& dir);

// Merges the reports at `paths` (at least one) and writes report.json, report.md and
// report.html into `report_dir` (created if missing). Used by the merge step and by
// `tamis decontaminate merge`.
Result<ContaminationReport> MergeContaminationReports(const std::vector<std::string>& paths,
                                                      const std::string& report_dir);

}  // namespace tamis

#endif  // TAMIS_FILTERS_DECONTAMINATE_DECONTAMINATE_STAGE_H_
