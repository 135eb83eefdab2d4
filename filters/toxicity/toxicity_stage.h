// ToxicityStage ("toxicity"): scores each document against its language's list of obscene
// and offensive words (LDNOOBW, as C4 and Dolma use it; 26 languages embedded) and,
// optionally, a fastText toxicity classifier; drops (or only tags) documents above a
// per-language threshold.
//
// The language is metadata.language's ISO 639-3 part ("fra_Latn" -> fra; a macrolanguage's
// list serves its members: arb -> ara, cmn -> zho, nob -> nor); a document without one is
// checked against `fallback_language` (English by default, since web text without a language
// is mostly English). Words are whole words (word_segmenter.h; ICU word boundaries for
// languages written without spaces).
//
//   score = flagged words / max(words, min_words)
//
// so that a short text is not dropped for one stray word: with the defaults (min_words 50,
// threshold 0.04) it takes three listed words in a 50-word text, or 4% of a longer one.
// Real prose that mentions an ambiguous listed word ("anal" in "anal fin", "sex" in a
// census) stays far below; pages made of listed words score near 1.
//
// Every scored document gets metadata.toxicity {"list": "eng", "words": N, "flagged": F,
// "score": S} (+ "classifier": P when a model ran). Drop rules: "word_list" (score S), and
// "classifier" (score P) when P > classifier_threshold. With action: tag nothing is dropped.
//
// Options (pipeline YAML or CLI):
//   languages: [eng, fra, ...]     word lists to use (default: all embedded)
//   fallback_language: eng         for documents without metadata.language ("" = skip them)
//   threshold: 0.04                thresholds: {deu: 0.05}   per-language overrides
//   min_words: 50                  action: drop | tag
//   classifier_models: {eng: PATH, "*": PATH}   fastText models (fasttext_scorer.h), per
//                                  language or for any language ("*")
//   classifier_label: __label__toxic            classifier_threshold: 0.5
// Models are loaded by the factory: a bad path fails before the run starts.
//
// Concurrency: kParallel. Process() reads the immutable lists and models; segmenter and
// fastText buffers and the counts live in the thread's scratch, merged at Finish() into
// the stats report (documents, scored, without_list, dropped per rule, per-language counts).
#ifndef TAMIS_FILTERS_TOXICITY_TOXICITY_STAGE_H_
#define TAMIS_FILTERS_TOXICITY_TOXICITY_STAGE_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "filters/toxicity/fasttext_scorer.h"
#include "filters/toxicity/word_list.h"
#include "filters/toxicity/word_segmenter.h"
#include "pipeline/stage.h"

namespace tamis {

enum class ToxicityAction { kDrop, kTag };

struct ToxicityStageOptions {
  std::vector<std::string> languages;  // Empty: every embedded list.
  std::string fallback_language = "eng";
  double threshold = 0.04;
  std::map<std::string, double, std::less<>> thresholds;
  int64_t min_words = 50;
  ToxicityAction action = ToxicityAction::kDrop;
  std::map<std::string, std::string, std::less<>> classifier_models;
  std::string classifier_label = "__label__toxic";
  double classifier_threshold = 0.5;
};

class ToxicityStage final : public Stage {
 public:
  // Everything one language is checked with; either part may be missing, not both.
  struct Language {
    std::string code;
    std::unique_ptr<toxicity::WordSegmenter> segmenter;
    std::unique_ptr<toxicity::WordList> list;
    double threshold = 0;
    const toxicity::FastTextScorer* classifier = nullptr;  // Owned by the stage.
  };

  static Result<std::unique_ptr<ToxicityStage>> Create(ToxicityStageOptions options);

  std::string_view name() const override { return "toxicity"; }
  std::unique_ptr<Scratch> NewScratch() const override;
  Status Process(DocumentBatch& batch, Scratch* scratch) const override;
  Status Finish(Scratches scratches, StageReport& report) override;

 private:
  ToxicityStage() = default;
  // Index into languages_ for a document, or -1.
  int Resolve(const Document& doc) const;

  ToxicityStageOptions options_;
  std::vector<Language> languages_;
  std::vector<std::unique_ptr<toxicity::FastTextScorer>> classifiers_;
  int any_language_classifier_ = -1;  // Index into classifiers_ of the "*" model, or -1.
};

Result<std::unique_ptr<Stage>> CreateToxicityStage(const Value& options);

}  // namespace tamis

#endif  // TAMIS_FILTERS_TOXICITY_TOXICITY_STAGE_H_
