// FastTextModel: a supervised fastText model (lid.176 .ftz/.bin, GlotLID model_v3.bin,
// OpenLID, or one trained by tamis's tests) behind a tamis interface.
//
// Load() validates the file (exists, fastText magic and version, every declared size fits in
// the file (fasttext_file_check.h), supervised) and
// turns every fastText exception into a Status naming the file, so no exception crosses this
// interface. Predict() returns the top labels with probabilities, exactly as
// `fasttext predict-prob` computes them for the same line of text.
//
// Threads: FastText::predict is const and allocates its own Model::State per call, so one
// loaded model may serve many threads at once. What is not shareable is the input side (the
// token id buffers and the stream fastText tokenizes from): each thread owns a Scratch from
// NewScratch(). Ownership: the model is immutable after Load(); Scratch is per thread.
#ifndef TAMIS_LANGID_FASTTEXT_MODEL_H_
#define TAMIS_LANGID_FASTTEXT_MODEL_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/status.h"

namespace fasttext {
class FastText;
}

namespace tamis::langid {

struct LabelProbability {
  int32_t label;       // Index into FastTextModel::labels().
  double probability;  // In [0, 1].
};

class FastTextModel {
 public:
  // Per-thread input buffers (the token stream and id vectors fastText fills); opaque.
  class Scratch {
   public:
    Scratch();
    ~Scratch();

   private:
    friend class FastTextModel;
    struct Impl;
    std::unique_ptr<Impl> impl_;
  };

  static Result<std::unique_ptr<FastTextModel>> Load(const std::string& path);
  ~FastTextModel();

  std::unique_ptr<Scratch> NewScratch() const;

  // Predicts on one line of text (it must not contain '\n': use PrepareText). Writes up to
  // `k` labels (all when k <= 0) whose probability is at least `threshold`, best first.
  // Errors only when fastText itself fails (a bug or resource exhaustion).
  Status Predict(std::string_view line, int k, double threshold, Scratch* scratch,
                 std::vector<LabelProbability>* out) const;

  // The model's raw labels ("__label__fr", "__label__fra_Latn"), by index.
  const std::vector<std::string>& labels() const { return labels_; }
  const std::string& path() const { return path_; }

 private:
  FastTextModel() = default;

  std::string path_;
  std::unique_ptr<fasttext::FastText> model_;
  std::vector<std::string> labels_;
};

}  // namespace tamis::langid

#endif  // TAMIS_LANGID_FASTTEXT_MODEL_H_
