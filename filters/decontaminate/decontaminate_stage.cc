#include "filters/decontaminate/decontaminate_stage.h"

#include <algorithm>
#include <filesystem>

#include "filters/decontaminate/contamination_report_format.h"
#include "filters/decontaminate/contamination_report_html.h"
#include "filters/decontaminate/contamination_report_markdown.h"
#include "filters/decontaminate/item_matcher.h"
#include "filters/decontaminate/ngram_index.h"
#include "filters/decontaminate/ngram_index_format.h"
#include "io/output_file.h"
#include "pipeline/check.h"
#include "pipeline/options.h"
#include "pipeline/task_files.h"
#include "pipeline/utf8_steps.h"

namespace tamis {
namespace {

namespace fs = std::filesystem;
namespace format = contamination_report;

constexpr std::string_view kStageName = "decontaminate";
constexpr std::string_view kUnknown = "unknown";  // Source or language a document lacks.
constexpr size_t kMaxItemsInDetail = 8;           // Ledger details name at most this many.

std::string PartialReportFile(const std::string& work_dir, int task) {
  return work_dir + "/" + PerTaskName(format::kPartialStem, task) +
         std::string(format::kPartialExtension);
}

std::string_view ActionName(ContaminationAction action) {
  switch (action) {
    case ContaminationAction::kTag: return "tag";
    case ContaminationAction::kDrop: return "drop";
    case ContaminationAction::kCut: return "cut";
  }
  return "tag";
}

std::string_view MetadataOr(const Document& doc, const std::string& key, std::string_view none) {
  const std::string_view value = doc.metadata.GetString(key);
  return value.empty() ? none : value;
}

class DetectScratch final : public Scratch {
 public:
  DetectScratch(std::unique_ptr<ItemMatcher> m, ContaminationReport empty)
      : matcher(std::move(m)), report(std::move(empty)) {}
  std::unique_ptr<ItemMatcher> matcher;
  ContaminationReport report;
  std::vector<const ItemMatch*> contaminated;
  std::vector<ByteSpan> cuts;
  std::vector<bool> benchmark_hit;
  int64_t documents_hit = 0;
  int64_t truncated_scans = 0;
  int64_t cut_bytes = 0;
};

// Phase K: detects, acts, and writes this task's partial report at Finish().
class DecontaminateCollector final : public Stage {
 public:
  DecontaminateCollector(const DecontaminateOptions& options, std::string work_dir)
      : options_(options), work_dir_(std::move(work_dir)) {}

  std::string_view name() const override { return kStageName; }

  Status Start(const RunContext& run) override {
    if (work_dir_.empty()) {
      return Status::FailedPrecondition(
          "decontaminate: no work directory for the partial reports (run it through the "
          "orchestrator: tamis run or tamis decontaminate)");
    }
    task_ = run.task;
    // Where the merge step will write the report (Step() chooses the same way), recorded in
    // the stats so that `tamis report` can link to it.
    report_dir_ = options_.report.empty() ? run.report_dir : options_.report;
    ContaminationReport& empty = empty_report_;
    empty.settings = {.ngram = options_.ngram,
                      .threshold = options_.threshold,
                      .strip_diacritics = options_.normalization.strip_diacritics,
                      .action = std::string(ActionName(options_.action)),
                      .max_documents_per_item = options_.max_documents_per_item};
    for (const BenchmarkSpec& spec : options_.benchmarks) {
      TAMIS_ASSIGN_OR_RETURN(BenchmarkFile file, LoadBenchmarkFile(spec, run.strict));
      if (file.items.empty()) {
        return Status::InvalidArgument(
            spec.path + ": benchmark " + spec.name + " has no item" +
            (file.first_skip.empty() ? "" : " (" + file.first_skip + ")"));
      }
      benchmarks_.push_back(std::move(file));
    }
    TAMIS_ASSIGN_OR_RETURN(std::unique_ptr<NormalizedWords> words,
                           NormalizedWords::Create(options_.normalization));
    TAMIS_RETURN_IF_ERROR(LoadOrBuildIndex(*words));
    for (uint32_t b = 0; b < benchmarks_.size(); ++b) {
      BenchmarkReport r;
      r.name = benchmarks_[b].spec.name;
      r.file = benchmarks_[b].spec.path;
      r.items = static_cast<int64_t>(benchmarks_[b].items.size());
      r.items_too_short = index_.too_short(b);
      r.skipped_lines = benchmarks_[b].skipped_lines;
      r.first_skip = benchmarks_[b].first_skip;
      empty.benchmarks.push_back(std::move(r));
    }
    return Status::Ok();
  }

  std::unique_ptr<Scratch> NewScratch() const override {
    // Start() created a NormalizedWords with the same options, so this cannot fail.
    Result<std::unique_ptr<NormalizedWords>> words =
        NormalizedWords::Create(options_.normalization);
    TAMIS_CHECK(words.ok());
    return std::make_unique<DetectScratch>(
        std::make_unique<ItemMatcher>(index_, std::move(words).value()), empty_report_);
  }

  Status Process(DocumentBatch& batch, Scratch* scratch) const override {
    auto& s = *static_cast<DetectScratch*>(scratch);
    for (Document& doc : batch.documents) ProcessDocument(doc, s);
    return Status::Ok();
  }

  Status Finish(Scratches scratches, StageReport& report) override {
    ContaminationReport merged = empty_report_;
    int64_t documents_hit = 0, truncated = 0, cut_bytes = 0;
    for (Scratch* scratch : scratches) {
      const auto& s = *static_cast<const DetectScratch*>(scratch);
      TAMIS_RETURN_IF_ERROR(merged.Merge(s.report));
      documents_hit += s.documents_hit;
      truncated += s.truncated_scans;
      cut_bytes += s.cut_bytes;
    }
    report.extra.Set("documents_hit", documents_hit);
    report.extra.Set("truncated_scans", truncated);
    report.extra.Set("cut_bytes", cut_bytes);
    report.extra.Set("index_loaded", index_loaded_ ? 1 : 0);
    report.extra.Set("report_dir", report_dir_);
    return WriteContaminationReport(merged, PartialReportFile(work_dir_, task_));
  }

 private:
  void ProcessDocument(Document& doc, DetectScratch& s) const {
    std::string_view text = doc.text;
    if (static_cast<int64_t>(text.size()) > options_.max_document_bytes) {
      text = Utf8Prefix(text, static_cast<size_t>(options_.max_document_bytes));
      ++s.truncated_scans;
    }
    const std::string_view source = MetadataOr(doc, options_.source_key, kUnknown);
    const std::string_view language = MetadataOr(doc, options_.language_key, kUnknown);
    ++s.report.documents;
    s.report.bytes += static_cast<int64_t>(doc.text.size());
    ++s.report.documents_by_source[std::string(source)];
    ++s.report.documents_by_language[std::string(language)];

    s.contaminated.clear();
    for (const ItemMatch& match : s.matcher->Match(text)) {
      if (match.coverage >= options_.threshold) s.contaminated.push_back(&match);
    }
    if (s.contaminated.empty()) return;
    ++s.documents_hit;
    s.benchmark_hit.assign(benchmarks_.size(), false);
    std::string detail;
    double best = 0;
    Value tags = Value::EmptyArray();
    for (size_t k = 0; k < s.contaminated.size(); ++k) {
      const ItemMatch& match = *s.contaminated[k];
      const IndexedItem& indexed = index_.item(match.item);
      const BenchmarkFile& benchmark = benchmarks_[indexed.benchmark];
      const BenchmarkItem& item = benchmark.items[indexed.index];
      DocumentHit hit;
      hit.id = doc.id;
      hit.url = std::string(doc.metadata.GetString(options_.url_key));
      hit.source = std::string(source);
      hit.language = std::string(language);
      hit.coverage = match.coverage;
      hit.ngrams_matched = match.ngrams_matched;
      hit.offset = match.longest.begin;
      hit.length = match.longest.size();
      hit.matched = std::string(Utf8Prefix(text.substr(match.longest.begin, match.longest.size()),
                                           static_cast<size_t>(options_.max_matched_bytes)));
      s.report.AddHit(indexed.benchmark, indexed.index, item.id, indexed.ngrams, std::move(hit));
      if (!s.benchmark_hit[indexed.benchmark]) {
        s.benchmark_hit[indexed.benchmark] = true;
        BenchmarkReport& b = s.report.benchmarks[indexed.benchmark];
        ++b.documents_hit;
        ++b.documents_hit_by_source[std::string(source)];
        ++b.documents_hit_by_language[std::string(language)];
      }
      best = std::max(best, match.coverage);
      if (k < kMaxItemsInDetail) {
        detail += (detail.empty() ? "" : ",") + benchmark.spec.name + ":" + item.id;
      } else if (k == kMaxItemsInDetail) {
        detail += ",…";
      }
      if (options_.action == ContaminationAction::kTag) {
        Value tag = Value::EmptyObject();
        tag.Set("benchmark", benchmark.spec.name);
        tag.Set("item", item.id);
        tag.Set("coverage", match.coverage);
        tags.as_array().push_back(std::move(tag));
      }
    }
    switch (options_.action) {
      case ContaminationAction::kTag:
        doc.metadata.Set("contamination", std::move(tags));
        doc.Note(kStageName, "contaminated", detail, best);
        break;
      case ContaminationAction::kDrop: doc.Drop(kStageName, "contaminated", detail, best); break;
      case ContaminationAction::kCut: Cut(doc, s, detail, best); break;
    }
  }

  // The index of an earlier task or run when its file in the work directory was built from
  // the same benchmarks and settings (ngram_index_format.md), else a new one, saved there for
  // the tasks after this one. A stale or damaged file is rebuilt, never trusted.
  Status LoadOrBuildIndex(NormalizedWords& words) {
    size_t items = 0;
    for (const BenchmarkFile& b : benchmarks_) items += b.items.size();
    const uint64_t fingerprint =
        IndexFingerprint(benchmarks_, options_.ngram, options_.normalization.strip_diacritics);
    const std::string path = work_dir_ + "/" + std::string(ngram_index_format::kFileName);
    std::error_code ec;
    if (fs::exists(path, ec)) {
      Result<std::string> bytes = ReadWholeFile(path);
      Result<NgramIndex> parsed = bytes.ok() ? NgramIndex::Parse(*bytes, fingerprint, path)
                                             : Result<NgramIndex>(bytes.status());
      if (parsed.ok() && parsed->items() == items) {
        index_ = std::move(parsed).value();
        index_loaded_ = true;
        return Status::Ok();
      }
    }
    index_ = NgramIndex::Build(benchmarks_, options_.ngram, words);
    return WriteFileAtomically(path, index_.Serialize(fingerprint));
  }

  // Removes every matching span of the contaminated items plus cut_context characters each
  // side; overlapping cuts merge.
  void Cut(Document& doc, DetectScratch& s, const std::string& detail, double best) const {
    s.cuts.clear();
    const size_t context = static_cast<size_t>(options_.cut_context);
    for (const ItemMatch* match : s.contaminated) {
      for (const ByteSpan& span : match->spans) {
        s.cuts.push_back(
            {static_cast<uint32_t>(StepBackCodePoints(doc.text, span.begin, context)),
             static_cast<uint32_t>(StepForwardCodePoints(doc.text, span.end, context))});
      }
    }
    std::sort(s.cuts.begin(), s.cuts.end(),
              [](const ByteSpan& a, const ByteSpan& b) { return a.begin < b.begin; });
    std::string kept;
    kept.reserve(doc.text.size());
    size_t at = 0;
    for (const ByteSpan& cut : s.cuts) {
      if (cut.end <= at) continue;
      if (cut.begin > at) kept.append(doc.text, at, cut.begin - at);
      at = cut.end;
    }
    kept.append(doc.text, at, std::string::npos);
    const int64_t removed = static_cast<int64_t>(doc.text.size() - kept.size());
    s.cut_bytes += removed;
    doc.text = std::move(kept);
    if (!s.matcher->HasWord(doc.text)) {
      doc.Drop(kStageName, "cut_to_empty", detail, best);
      return;
    }
    doc.Note(kStageName, "cut", detail + " (" + std::to_string(removed) + " bytes)", best);
  }

  const DecontaminateOptions& options_;
  std::string work_dir_;
  std::string report_dir_;
  int task_ = 0;
  std::vector<BenchmarkFile> benchmarks_;
  NgramIndex index_;
  bool index_loaded_ = false;
  ContaminationReport empty_report_;
};

}  // namespace

Result<std::unique_ptr<Stage>> DecontaminateStage::Collector(const std::string& work_dir) const {
  return std::unique_ptr<Stage>(std::make_unique<DecontaminateCollector>(options_, work_dir));
}

Result<std::unique_ptr<Stage>> DecontaminateStage::Applier(const std::string&) const {
  return Status::Internal("decontaminate has no applier: its steps change no document");
}

Status DecontaminateStage::Step(std::string_view step, const StepContext& context) const {
  if (step != kMergeStep) {
    return Status::InvalidArgument("decontaminate has no step '" + std::string(step) + "'");
  }
  std::vector<std::string> paths;
  for (int task = 0; task < context.tasks; ++task) {
    paths.push_back(PartialReportFile(context.work_dir, task));
    std::error_code ec;
    if (!fs::exists(paths.back(), ec)) {
      return Status::FailedPrecondition(paths.back() + ": missing: task " + std::to_string(task) +
                                        " of the phase before has not finished");
    }
  }
  const std::string& dir = options_.report.empty() ? context.report_dir : options_.report;
  return MergeContaminationReports(paths, dir).status();
}

Result<std::vector<std::string>> FindContaminationReports(const std::string& dir) {
  std::error_code ec;
  if (fs::is_regular_file(dir, ec)) return std::vector<std::string>{dir};
  if (!fs::is_directory(dir, ec)) return Status::NotFound(dir + ": no such directory or file");
  std::vector<std::string> partials;
  const std::string prefix = std::string(format::kPartialStem) + "-";
  for (const fs::directory_entry& entry : fs::directory_iterator(dir, ec)) {
    const std::string file = entry.path().filename().string();
    if (file.starts_with(prefix) && file.ends_with(format::kPartialExtension)) {
      partials.push_back(entry.path().string());
    }
  }
  if (ec) return Status::IoError(dir + ": " + ec.message());
  std::sort(partials.begin(), partials.end());
  if (!partials.empty()) return partials;
  const std::string merged = dir + "/" + std::string(format::kJsonFile);
  if (fs::exists(merged, ec)) return std::vector<std::string>{merged};
  return Status::NotFound(dir + ": no contamination report (" + prefix + "*" +
                          std::string(format::kPartialExtension) + " or " +
                          std::string(format::kJsonFile) + ")");
}

Result<ContaminationReport> MergeContaminationReports(const std::vector<std::string>& paths,
                                                      const std::string& report_dir) {
  if (paths.empty()) return Status::InvalidArgument("no contamination report to merge");
  TAMIS_ASSIGN_OR_RETURN(ContaminationReport merged, ReadContaminationReport(paths[0]));
  for (size_t i = 1; i < paths.size(); ++i) {
    TAMIS_ASSIGN_OR_RETURN(ContaminationReport next, ReadContaminationReport(paths[i]));
    TAMIS_RETURN_IF_ERROR(merged.Merge(next).WithContext(paths[i]));
  }
  std::error_code ec;
  fs::create_directories(report_dir, ec);
  if (ec) return Status::IoError(report_dir + ": " + ec.message());
  TAMIS_RETURN_IF_ERROR(
      WriteContaminationReport(merged, report_dir + "/" + std::string(format::kJsonFile)));
  TAMIS_RETURN_IF_ERROR(WriteFileAtomically(report_dir + "/" + std::string(format::kMarkdownFile),
                                            RenderContaminationMarkdown(merged)));
  TAMIS_RETURN_IF_ERROR(WriteFileAtomically(report_dir + "/" + std::string(format::kHtmlFile),
                                            RenderContaminationHtml(merged)));
  return merged;
}

Result<std::unique_ptr<CorpusStage>> CreateDecontaminateStage(const Value& options) {
  Options opts(options, "stage decontaminate");
  DecontaminateOptions o;
  const Value* benchmarks = opts.Raw("benchmarks");
  o.ngram = static_cast<int>(opts.Int("ngram", o.ngram));
  o.threshold = opts.Number("threshold", o.threshold);
  const std::string action = opts.String("action", "tag");
  o.cut_context = opts.Int("cut_context", o.cut_context);
  const std::string diacritics = opts.String("diacritics", "keep");
  o.report = opts.String("report");
  o.url_key = opts.String("url_key", o.url_key);
  o.source_key = opts.String("source_key", o.source_key);
  o.language_key = opts.String("language_key", o.language_key);
  o.max_documents_per_item = opts.Int("max_documents_per_item", o.max_documents_per_item);
  o.max_matched_bytes = opts.Int("max_matched_bytes", o.max_matched_bytes);
  o.max_document_bytes = opts.Int("max_document_bytes", o.max_document_bytes);
  TAMIS_RETURN_IF_ERROR(opts.Finish());
  auto invalid = [](const std::string& why) {
    return Status::InvalidArgument("stage decontaminate: " + why);
  };
  if (!benchmarks || !benchmarks->is_array() || benchmarks->as_array().empty()) {
    return invalid("benchmarks: a list of NAME=PATH (or {name, path, ...}) is required");
  }
  for (const Value& v : benchmarks->as_array()) {
    TAMIS_ASSIGN_OR_RETURN(BenchmarkSpec spec, BenchmarkSpecFromValue(v, "stage decontaminate"));
    for (const BenchmarkSpec& other : o.benchmarks) {
      if (other.name == spec.name) return invalid("benchmark " + spec.name + " given twice");
    }
    o.benchmarks.push_back(std::move(spec));
  }
  if (o.ngram < kMinNgramWords || o.ngram > kMaxNgramWords) {
    return invalid("ngram must lie in [" + std::to_string(kMinNgramWords) + ", " +
                   std::to_string(kMaxNgramWords) + "]");
  }
  if (!(o.threshold > 0 && o.threshold <= 1)) return invalid("threshold must lie in (0, 1]");
  if (action == "tag") {
    o.action = ContaminationAction::kTag;
  } else if (action == "drop") {
    o.action = ContaminationAction::kDrop;
  } else if (action == "cut") {
    o.action = ContaminationAction::kCut;
  } else {
    return invalid("action must be tag, drop or cut");
  }
  if (diacritics != "keep" && diacritics != "strip")
    return invalid("diacritics must be keep or strip");
  o.normalization.strip_diacritics = diacritics == "strip";
  if (o.cut_context < 0) return invalid("cut_context must be >= 0");
  if (o.max_documents_per_item < 1) return invalid("max_documents_per_item must be >= 1");
  if (o.max_matched_bytes < 1) return invalid("max_matched_bytes must be >= 1");
  if (o.max_document_bytes < 1 || o.max_document_bytes > (int64_t{1} << 32) - 1) {
    return invalid("max_document_bytes must lie in [1, 4294967295]");
  }
  return std::unique_ptr<CorpusStage>(std::make_unique<DecontaminateStage>(std::move(o)));
}

}  // namespace tamis
