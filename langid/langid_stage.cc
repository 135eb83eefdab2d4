#include "langid/langid_stage.h"

#include <cstdio>
#include <cstdlib>

#include "langid/language_registry.h"
#include "pipeline/model_path.h"
#include "pipeline/options.h"

namespace tamis {
namespace {

constexpr std::string_view kStage = "langid";
constexpr std::string_view kDefaultModelFile = "lid.176.ftz";

class LangidScratch : public Scratch {
 public:
  std::unique_ptr<langid::LanguageIdentifier::Scratch> identifier;
  std::map<std::string, int64_t> language_counts;  // This thread's documents, by label.
  std::map<std::string, int64_t> drop_counts;      // By rule.
};

std::string FormatScore(double score) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.4f", score);
  return buf;
}

}  // namespace

Result<std::string> DefaultLangidModelPath() {
  return FindModel(kDefaultModelFile);
}

Result<std::unique_ptr<LangidStage>> LangidStage::Create(LangidStageOptions options) {
  const langid::LanguageRegistry& registry = langid::LanguageRegistry::Default();
  for (const std::string& wanted : options.languages) {
    std::string_view code, script;
    langid::SplitLabel(wanted, &code, &script);
    if (registry.ToIso639_3(code).empty() && code != "und" && code != "zxx") {
      return Status::InvalidArgument("stage langid: unknown language '" + wanted +
                                     "' in languages (use ISO 639-1/639-3, optionally _Script)");
    }
  }
  if (options.min_score < 0 || options.min_score > 1) {
    return Status::InvalidArgument("stage langid: min_score must lie in [0, 1]");
  }
  auto stage = std::unique_ptr<LangidStage>(new LangidStage(std::move(options)));
  auto identifier = langid::LanguageIdentifier::Create(stage->options_.identifier);
  if (!identifier.ok()) return identifier.status().WithContext("stage langid");
  stage->identifier_ = std::move(identifier).value();
  return stage;
}

std::unique_ptr<Scratch> LangidStage::NewScratch() const {
  auto scratch = std::make_unique<LangidScratch>();
  scratch->identifier = identifier_->NewScratch();
  return scratch;
}

Status LangidStage::ProcessDocument(Document& doc, langid::LanguageIdentifier::Scratch* scratch,
                                    std::map<std::string, int64_t>* counts) const {
  TAMIS_ASSIGN_OR_RETURN(langid::Identification id, identifier_->Identify(doc.text, scratch));
  doc.metadata.Set("language", id.language);
  doc.metadata.Set("language_score", id.score);
  if (options_.write_top_languages) {
    Value top = Value::EmptyObject();
    for (const langid::LanguageScore& s : id.top) top.Set(s.label, s.score);
    doc.metadata.Set("top_languages", std::move(top));
  }
  if (options_.paragraphs) {
    TAMIS_ASSIGN_OR_RETURN(std::vector<langid::ParagraphShare> mix,
                           identifier_->IdentifyParagraphs(doc.text, scratch));
    Value shares = Value::EmptyObject();
    for (const langid::ParagraphShare& s : mix) shares.Set(s.label, s.share);
    doc.metadata.Set("language_mix", std::move(shares));
  }
  (*counts)[id.language] += 1;

  if (!options_.languages.empty()) {
    const langid::LanguageRegistry& registry = langid::LanguageRegistry::Default();
    bool wanted = false;
    for (const std::string& w : options_.languages) {
      if (registry.Matches(id.language, w)) {
        wanted = true;
        break;
      }
    }
    if (!wanted) {
      doc.Drop(kStage, "language", id.language, id.score);
      return Status::Ok();
    }
  }
  if (id.score < options_.min_score) {
    doc.Drop(kStage, "min_score",
             id.language + " " + FormatScore(id.score) + " < " + FormatScore(options_.min_score),
             id.score);
    return Status::Ok();
  }
  if (options_.thresholds) {
    double threshold = options_.threshold_table.For(id.language);
    if (id.score < threshold) {
      doc.Drop(kStage, "language_threshold",
               id.language + " " + FormatScore(id.score) + " < " + FormatScore(threshold),
               id.score);
    }
  }
  return Status::Ok();
}

Status LangidStage::Process(DocumentBatch& batch, Scratch* scratch) const {
  auto* s = static_cast<LangidScratch*>(scratch);
  for (Document& doc : batch.documents) {
    TAMIS_RETURN_IF_ERROR(ProcessDocument(doc, s->identifier.get(), &s->language_counts));
    if (doc.dropped()) s->drop_counts[doc.drop_entry()->rule] += 1;
  }
  return Status::Ok();
}

Status LangidStage::Finish(Scratches scratches, StageReport& report) {
  std::map<std::string, int64_t> language_counts, drop_counts;
  for (Scratch* scratch : scratches) {
    const auto* s = static_cast<const LangidScratch*>(scratch);
    for (const auto& [label, n] : s->language_counts) language_counts[label] += n;
    for (const auto& [rule, n] : s->drop_counts) drop_counts[rule] += n;
  }
  report.extra.Set("model", identifier_->model().path());
  Value languages = Value::EmptyObject();
  for (const auto& [label, n] : language_counts) languages.Set(label, n);
  report.extra.Set("languages", std::move(languages));
  Value drops = Value::EmptyObject();
  for (const auto& [rule, n] : drop_counts) drops.Set(rule, n);
  report.extra.Set("dropped", std::move(drops));
  return Status::Ok();
}

Result<std::unique_ptr<Stage>> CreateLangidStage(const Value& options) {
  Options opts(options, "stage langid");
  LangidStageOptions o;
  o.identifier.model_path = opts.String("model");
  if (opts.Bool("normalize", false)) o.identifier.prepare = langid::PrepareOptions::Normalizing();
  int64_t max_bytes = opts.Int("max_bytes", static_cast<int64_t>(langid::kDefaultMaxBytes));
  int64_t top_k = opts.Int("top_k", 0);
  o.identifier.top_floor = opts.Number("top_floor", langid::kDefaultTopFloor);
  o.write_top_languages = opts.Bool("top_languages", true);
  o.paragraphs = opts.Bool("paragraphs", false);
  o.languages = opts.StringList("languages");
  o.min_score = opts.Number("min_score", 0.0);
  o.thresholds = opts.Bool("thresholds", false);
  std::string thresholds_file = opts.String("thresholds_file");
  TAMIS_RETURN_IF_ERROR(opts.Finish());
  if (o.identifier.model_path.empty()) {
    auto found = DefaultLangidModelPath();
    if (!found.ok()) return found.status().WithContext("stage langid");
    o.identifier.model_path = std::move(found).value();
  }
  if (max_bytes < 0) return Status::InvalidArgument("stage langid: max_bytes must be >= 0");
  if (top_k < 0) return Status::InvalidArgument("stage langid: top_k must be >= 0");
  o.identifier.prepare.max_bytes = static_cast<size_t>(max_bytes);
  o.identifier.top_k = static_cast<int>(top_k);
  if (!thresholds_file.empty()) {
    auto table = langid::ThresholdTable::FromFile(thresholds_file);
    if (!table.ok()) return table.status().WithContext("stage langid: thresholds_file");
    o.threshold_table = std::move(table).value();
    o.thresholds = true;
  }
  TAMIS_ASSIGN_OR_RETURN(std::unique_ptr<LangidStage> stage, LangidStage::Create(std::move(o)));
  return std::unique_ptr<Stage>(std::move(stage));
}

}  // namespace tamis
