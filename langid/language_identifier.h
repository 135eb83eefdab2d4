// LanguageIdentifier: one document's text in, its language label, score and runner-up
// languages out; optionally the language mix of its paragraphs.
//
// It chains PrepareText (GlotLID/FineWeb-2 preparation, optional normalisation, bounded
// sample), FastTextModel::Predict, and the label mapping to "xxx_Scrp" (lid.176 codes to ISO
// 639-3; the script from the label, else the script of the text's letters via ICU, chosen
// among the scripts the language is written in: see script_detector.h). Several
// model labels can map to one tamis label; their probabilities are then summed.
//
// Threads: Identify() is const; each thread passes its own Scratch (NewScratch()).
// Ownership: the identifier owns its model.
#ifndef TAMIS_LANGID_LANGUAGE_IDENTIFIER_H_
#define TAMIS_LANGID_LANGUAGE_IDENTIFIER_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "langid/fasttext_model.h"
#include "langid/label_mapper.h"
#include "langid/text_preparer.h"
#include "pipeline/status.h"

namespace tamis::langid {

// FineWeb-2 keeps every label above 0.01 as a "top language" of a document.
inline constexpr double kDefaultTopFloor = 0.01;
// A paragraph shorter than this (in bytes, after preparation) is too short to identify on
// its own; it counts towards no language in the mix.
inline constexpr size_t kMinParagraphBytes = 32;
// The label given to a document that has no text at all to identify.
inline constexpr std::string_view kUndeterminedLabel = "und_Zzzz";

struct IdentifierOptions {
  std::string model_path;
  PrepareOptions prepare;
  int top_k = 0;                        // Most labels to report (0: all above the floor).
  double top_floor = kDefaultTopFloor;  // Lowest probability reported in `top`.
};

struct LanguageScore {
  std::string label;  // "fra_Latn".
  double score = 0;
};

struct Identification {
  std::string language;            // Best label, kUndeterminedLabel for empty text.
  double score = 0;                // Its probability.
  std::vector<LanguageScore> top;  // Labels at or above the floor, best first.
};

struct ParagraphShare {
  std::string label;
  double share = 0;  // Fraction of the identified paragraph bytes in this language.
  int64_t paragraphs = 0;
};

class LanguageIdentifier {
 public:
  // Per-thread buffers.
  class Scratch {
   private:
    friend class LanguageIdentifier;
    std::unique_ptr<FastTextModel::Scratch> model;
    std::string prepared;
    std::vector<LabelProbability> predictions;
  };

  static Result<std::unique_ptr<LanguageIdentifier>> Create(const IdentifierOptions& options);
  ~LanguageIdentifier();

  std::unique_ptr<Scratch> NewScratch() const;

  Result<Identification> Identify(std::string_view text, Scratch* scratch) const;

  // Splits the text into paragraphs (blocks separated by blank lines; each line when the text
  // has no blank line), identifies each one long enough, and returns the language mix by
  // share of bytes, largest first. Empty when no paragraph is long enough.
  Result<std::vector<ParagraphShare>> IdentifyParagraphs(std::string_view text,
                                                         Scratch* scratch) const;

  const FastTextModel& model() const { return *model_; }

 private:
  explicit LanguageIdentifier(const IdentifierOptions& options) : options_(options) {}

  IdentifierOptions options_;
  std::unique_ptr<FastTextModel> model_;
  std::vector<MappedLabel> mapped_;  // By model label index.
  // For labels without a script: the scripts their language is written in (by label index).
  std::vector<std::vector<std::string>> label_scripts_;
  bool any_label_without_script_ = false;
};

// The paragraphs IdentifyParagraphs() looks at, exposed for tests.
std::vector<std::string_view> SplitParagraphs(std::string_view text);

}  // namespace tamis::langid

#endif  // TAMIS_LANGID_LANGUAGE_IDENTIFIER_H_
