// The `quality` stage: scores every document with one or more fastText classifiers and keeps
// it by threshold.
//
// Each classifier writes metadata.quality_<name> (a number in [0, 1]: the probability the
// model gives its positive label) and, when its threshold is above 0, drops documents that
// score below it (ledger: stage "quality", rule "quality_<name>", score the probability).
// To keep the best X% of each language instead, leave the threshold at 0 and follow with the
// corpus stage top_fraction (score: quality_<name>, by: language), as
// examples/quality_top_fraction.yaml does.
//
// Options:
//   model: FILE, name: default, label: hq, threshold: 0     one classifier, or
//   models: [{model: FILE, name: edu, label: hq, threshold: 0.5}, ...]
// The default model is tamis-quality.ftz, found by FindModel (pipeline/model_path.h; trained by
// scripts/train_quality_model.sh; see the README). The text a model sees is prepared exactly
// as for training (quality_text.h: line breaks kept as a word, long texts cut).
//
// Mode: parallel; models are shared read-only, each worker has its own fastText input buffers.
#ifndef TAMIS_FILTERS_QUALITY_QUALITY_CLASSIFIER_STAGE_H_
#define TAMIS_FILTERS_QUALITY_QUALITY_CLASSIFIER_STAGE_H_

#include <memory>
#include <string>
#include <vector>

#include "langid/fasttext_model.h"
#include "pipeline/stage.h"

namespace tamis {

struct QualityClassifier {
  std::string name;  // metadata.quality_<name>
  std::string model_path;
  std::string positive_label;  // Without fastText's "__label__" prefix.
  double threshold = 0;        // Keep documents scoring at least this; 0 keeps all.
};

class QualityClassifierStage final : public Stage {
 public:
  static Result<std::unique_ptr<QualityClassifierStage>> Create(
      std::vector<QualityClassifier> classifiers);

  std::string_view name() const override { return "quality"; }
  std::unique_ptr<Scratch> NewScratch() const override;
  Status Process(DocumentBatch& batch, Scratch* scratch) const override;
  Status Finish(Scratches scratches, StageReport& report) override;

 private:
  struct Loaded {
    QualityClassifier spec;
    std::string metadata_key;
    std::unique_ptr<langid::FastTextModel> model;
    int32_t positive = -1;  // Index of the positive label in the model.
  };
  QualityClassifierStage() = default;

  std::vector<Loaded> classifiers_;
};

// The model a quality stage uses when none is named: tamis-quality.ftz, found by FindModel
// (pipeline/model_path.h) wherever the binary runs.
Result<std::string> DefaultQualityModelPath();

Result<std::unique_ptr<Stage>> CreateQualityClassifierStage(const Value& options);

}  // namespace tamis

#endif  // TAMIS_FILTERS_QUALITY_QUALITY_CLASSIFIER_STAGE_H_
