// FastTextScorer: the probability a supervised fastText model gives one label for a document,
// the interface of tamis's model-based document classifiers (toxicity here; a quality
// classifier scores "__label__hq" the same way).
//
// The document's text is turned into one line (newlines and tabs become spaces, as fastText's
// training lines have none) and scored with every label (k = -1), so the probability is that
// of `label` even when another label wins. Load() fails, naming the file, when the model
// cannot be read or does not know the label.
//
// Threads: immutable after Load(); Score() is const and may run on many threads, each with
// its own Scratch (langid::FastTextModel's rule).
#ifndef TAMIS_FILTERS_TOXICITY_FASTTEXT_SCORER_H_
#define TAMIS_FILTERS_TOXICITY_FASTTEXT_SCORER_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "langid/fasttext_model.h"
#include "pipeline/status.h"

namespace tamis::toxicity {

class FastTextScorer {
 public:
  class Scratch {
   private:
    friend class FastTextScorer;
    std::unique_ptr<langid::FastTextModel::Scratch> model;
    std::string line;
    std::vector<langid::LabelProbability> predictions;
  };

  static Result<std::unique_ptr<FastTextScorer>> Load(const std::string& path,
                                                      const std::string& label);

  std::unique_ptr<Scratch> NewScratch() const;
  // P(label | text), in [0, 1].
  Result<double> Score(std::string_view text, Scratch* scratch) const;

  const std::string& path() const { return model_->path(); }

 private:
  FastTextScorer() = default;

  std::unique_ptr<langid::FastTextModel> model_;
  int32_t label_ = -1;
};

}  // namespace tamis::toxicity

#endif  // TAMIS_FILTERS_TOXICITY_FASTTEXT_SCORER_H_
