#include "filters/toxicity/toxicity_stage.h"

#include <algorithm>
#include <cstdio>

#include "filters/toxicity/embedded_word_lists.h"
#include "langid/language_registry.h"
#include "pipeline/options.h"

namespace tamis {
namespace {

constexpr std::string_view kAnyLanguage = "*";

struct LanguageCounts {
  uint64_t scored = 0;
  uint64_t dropped = 0;
};

class ToxicityScratch final : public Scratch {
 public:
  // Same index as the stage's languages_; made on first use (a thread sees few languages).
  std::vector<std::unique_ptr<toxicity::WordSegmenter::Scratch>> segmenters;
  std::vector<std::unique_ptr<toxicity::FastTextScorer::Scratch>> classifiers;
  std::vector<LanguageCounts> per_language;
  toxicity::Words words;
  uint64_t documents = 0;
  uint64_t without_list = 0;
  uint64_t dropped_word_list = 0;
  uint64_t dropped_classifier = 0;
};

std::string FormatScore(double score) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.4f", score);
  return buf;
}

Result<std::map<std::string, double, std::less<>>> ParseThresholds(const Value& v) {
  std::map<std::string, double, std::less<>> out;
  if (!v.is_object()) {
    return Status::InvalidArgument("stage toxicity: thresholds must be a map language -> number");
  }
  for (const auto& [language, t] : v.as_object()) {
    if (!t.is_number() || t.as_number() < 0) {
      return Status::InvalidArgument("stage toxicity: the threshold for " + language +
                                     " must be a number >= 0");
    }
    out[language] = t.as_number();
  }
  return out;
}

Result<std::map<std::string, std::string, std::less<>>> ParseModels(const Value& v) {
  std::map<std::string, std::string, std::less<>> out;
  if (!v.is_object()) {
    return Status::InvalidArgument(
        "stage toxicity: classifier_models must be a map language -> model path");
  }
  for (const auto& [language, path] : v.as_object()) {
    if (!path.is_string() || path.as_string().empty()) {
      return Status::InvalidArgument("stage toxicity: the classifier model for " + language +
                                     " must be a path");
    }
    out[language] = path.as_string();
  }
  return out;
}

}  // namespace

Result<std::unique_ptr<ToxicityStage>> ToxicityStage::Create(ToxicityStageOptions options) {
  std::unique_ptr<ToxicityStage> stage(new ToxicityStage());
  const auto wanted = [&](std::string_view code) {
    return options.languages.empty() ||
           std::find(options.languages.begin(), options.languages.end(), code) !=
               options.languages.end();
  };
  for (const std::string& code : options.languages) {
    const auto lists = toxicity::EmbeddedWordLists();
    if (std::none_of(lists.begin(), lists.end(),
                     [&](const auto& l) { return l.language == code; })) {
      std::string known;
      for (const auto& l : lists) known += (known.empty() ? "" : ", ") + std::string(l.language);
      return Status::InvalidArgument("stage toxicity: no word list for '" + code +
                                     "' in languages (lists: " + known + ")");
    }
  }
  const auto threshold_of = [&](std::string_view code) {
    auto it = options.thresholds.find(code);
    return it != options.thresholds.end() ? it->second : options.threshold;
  };
  for (const toxicity::EmbeddedWordList& embedded : toxicity::EmbeddedWordLists()) {
    if (!wanted(embedded.language)) continue;
    Language language;
    language.code = std::string(embedded.language);
    TAMIS_ASSIGN_OR_RETURN(language.segmenter, toxicity::WordSegmenter::Create(language.code));
    TAMIS_ASSIGN_OR_RETURN(
        language.list,
        toxicity::WordList::Create(language.code, embedded.entries, language.segmenter.get()));
    language.threshold = threshold_of(language.code);
    stage->languages_.push_back(std::move(language));
  }
  for (const auto& model : options.classifier_models) {
    // Named, not a structured binding: lambdas cannot capture those before clang 16.
    const std::string& code = model.first;
    TAMIS_ASSIGN_OR_RETURN(std::unique_ptr<toxicity::FastTextScorer> scorer,
                           toxicity::FastTextScorer::Load(model.second, options.classifier_label));
    const toxicity::FastTextScorer* classifier = scorer.get();
    stage->classifiers_.push_back(std::move(scorer));
    if (code == kAnyLanguage) {
      stage->any_language_classifier_ = static_cast<int>(stage->classifiers_.size()) - 1;
    }
    auto it = std::find_if(stage->languages_.begin(), stage->languages_.end(),
                           [&](const Language& l) { return l.code == code; });
    if (it == stage->languages_.end()) {
      // A classifier for a language without a list ("*" included): scored by the model only.
      Language language;
      language.code = code;
      language.threshold = threshold_of(code);
      stage->languages_.push_back(std::move(language));
      it = stage->languages_.end() - 1;
    }
    it->classifier = classifier;
  }
  if (stage->any_language_classifier_ >= 0) {
    for (Language& language : stage->languages_) {
      if (!language.classifier) {
        language.classifier =
            stage->classifiers_[static_cast<size_t>(stage->any_language_classifier_)].get();
      }
    }
  }
  stage->options_ = std::move(options);
  return stage;
}

int ToxicityStage::Resolve(const Document& doc) const {
  std::string_view label = doc.metadata.GetString("language");
  if (label.empty() || label.starts_with("und") || label.starts_with("zxx")) {
    label = options_.fallback_language;
  }
  const std::string_view code = label.substr(0, label.find('_'));
  const auto find = [this](std::string_view c) {
    for (size_t i = 0; i < languages_.size(); ++i) {
      if (languages_[i].code == c) return static_cast<int>(i);
    }
    return -1;
  };
  if (code.empty()) return find(kAnyLanguage);
  int index = find(code);
  if (index < 0) {
    const std::string_view macro = langid::LanguageRegistry::Default().MacrolanguageOf(code);
    if (!macro.empty()) index = find(macro);
  }
  return index >= 0 ? index : find(kAnyLanguage);
}

std::unique_ptr<Scratch> ToxicityStage::NewScratch() const {
  auto scratch = std::make_unique<ToxicityScratch>();
  scratch->segmenters.resize(languages_.size());
  scratch->classifiers.resize(languages_.size());
  scratch->per_language.resize(languages_.size());
  return scratch;
}

Status ToxicityStage::Process(DocumentBatch& batch, Scratch* scratch) const {
  auto* s = static_cast<ToxicityScratch*>(scratch);
  for (Document& doc : batch.documents) {
    ++s->documents;
    const int index = Resolve(doc);
    if (index < 0) {
      ++s->without_list;
      continue;
    }
    const Language& language = languages_[static_cast<size_t>(index)];
    ++s->per_language[static_cast<size_t>(index)].scored;
    Value verdict = Value::EmptyObject();
    verdict.Set("list", language.code);
    double score = 0;
    if (language.list) {
      auto& segmenter_scratch = s->segmenters[static_cast<size_t>(index)];
      if (!segmenter_scratch) segmenter_scratch = language.segmenter->NewScratch();
      language.segmenter->Segment(doc.text, segmenter_scratch.get(), &s->words);
      const uint64_t flagged = language.list->CountFlagged(s->words);
      const uint64_t words = s->words.size();
      score = static_cast<double>(flagged) / static_cast<double>(std::max<uint64_t>(
                                                 words, static_cast<uint64_t>(options_.min_words)));
      if (words == 0) score = 0;
      verdict.Set("words", words);
      verdict.Set("flagged", flagged);
      verdict.Set("score", score);
    }
    double probability = 0;
    if (language.classifier) {
      auto& classifier_scratch = s->classifiers[static_cast<size_t>(index)];
      if (!classifier_scratch) classifier_scratch = language.classifier->NewScratch();
      TAMIS_ASSIGN_OR_RETURN(probability,
                             language.classifier->Score(doc.text, classifier_scratch.get()));
      verdict.Set("classifier", probability);
    }
    doc.metadata.Set("toxicity", std::move(verdict));
    if (options_.action == ToxicityAction::kTag) continue;
    if (language.list && score > language.threshold) {
      ++s->dropped_word_list;
      ++s->per_language[static_cast<size_t>(index)].dropped;
      doc.Drop(name(), "word_list",
               language.code + " " + FormatScore(score) + " > " + FormatScore(language.threshold),
               score);
    } else if (language.classifier && probability > options_.classifier_threshold) {
      ++s->dropped_classifier;
      ++s->per_language[static_cast<size_t>(index)].dropped;
      doc.Drop(name(), "classifier",
               language.code + " " + FormatScore(probability) + " > " +
                   FormatScore(options_.classifier_threshold),
               probability);
    }
  }
  return Status::Ok();
}

Status ToxicityStage::Finish(Scratches scratches, StageReport& report) {
  uint64_t documents = 0, without_list = 0, dropped_word_list = 0, dropped_classifier = 0;
  std::vector<LanguageCounts> per_language(languages_.size());
  for (Scratch* scratch : scratches) {
    const auto* s = static_cast<const ToxicityScratch*>(scratch);
    documents += s->documents;
    without_list += s->without_list;
    dropped_word_list += s->dropped_word_list;
    dropped_classifier += s->dropped_classifier;
    for (size_t i = 0; i < languages_.size(); ++i) {
      per_language[i].scored += s->per_language[i].scored;
      per_language[i].dropped += s->per_language[i].dropped;
    }
  }
  report.extra.Set("documents", documents);
  report.extra.Set("documents_without_list", without_list);
  report.extra.Set("dropped_word_list", dropped_word_list);
  report.extra.Set("dropped_classifier", dropped_classifier);
  Value languages = Value::EmptyObject();
  for (size_t i = 0; i < languages_.size(); ++i) {
    if (per_language[i].scored == 0) continue;
    Value counts = Value::EmptyObject();
    counts.Set("scored", per_language[i].scored);
    counts.Set("dropped", per_language[i].dropped);
    languages.Set(languages_[i].code, std::move(counts));
  }
  report.extra.Set("languages", std::move(languages));
  return Status::Ok();
}

Result<std::unique_ptr<Stage>> CreateToxicityStage(const Value& options) {
  Options opts(options, "stage toxicity");
  ToxicityStageOptions o;
  o.languages = opts.StringList("languages");
  o.fallback_language = opts.String("fallback_language", o.fallback_language);
  o.threshold = opts.Number("threshold", o.threshold);
  o.min_words = opts.Int("min_words", o.min_words);
  const std::string action = opts.String("action", "drop");
  o.classifier_label = opts.String("classifier_label", o.classifier_label);
  o.classifier_threshold = opts.Number("classifier_threshold", o.classifier_threshold);
  const Value* thresholds = opts.Raw("thresholds");
  const Value* models = opts.Raw("classifier_models");
  TAMIS_RETURN_IF_ERROR(opts.Finish());
  if (action != "drop" && action != "tag") {
    return Status::InvalidArgument("stage toxicity: action must be drop or tag, not '" + action +
                                   "'");
  }
  o.action = action == "tag" ? ToxicityAction::kTag : ToxicityAction::kDrop;
  if (o.threshold < 0 || o.min_words < 1) {
    return Status::InvalidArgument("stage toxicity: threshold must be >= 0 and min_words >= 1");
  }
  if (thresholds) {
    TAMIS_ASSIGN_OR_RETURN(o.thresholds, ParseThresholds(*thresholds));
  }
  if (models) {
    TAMIS_ASSIGN_OR_RETURN(o.classifier_models, ParseModels(*models));
  }
  TAMIS_ASSIGN_OR_RETURN(std::unique_ptr<ToxicityStage> stage, ToxicityStage::Create(std::move(o)));
  return std::unique_ptr<Stage>(std::move(stage));
}

}  // namespace tamis
