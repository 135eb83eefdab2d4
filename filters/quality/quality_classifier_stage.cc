#include "filters/quality/quality_classifier_stage.h"

#include <cstdio>
#include <cstdlib>
#include <map>

#include "filters/quality/quality_text.h"
#include "pipeline/model_path.h"
#include "pipeline/options.h"

namespace tamis {
namespace {

constexpr std::string_view kStage = "quality";
constexpr std::string_view kDefaultModelFile = "tamis-quality.ftz";
constexpr std::string_view kLabelPrefix = "__label__";

class ClassifierScratch : public Scratch {
 public:
  std::vector<std::unique_ptr<langid::FastTextModel::Scratch>> models;  // One per classifier.
  std::string prepared;
  std::vector<langid::LabelProbability> predictions;
  std::map<std::string, int64_t> dropped;    // By rule.
  std::map<std::string, double> score_sums;  // By metadata key, for the report's means.
  int64_t scored = 0;
};

Result<QualityClassifier> ReadClassifier(const Value& v, std::string where) {
  Options opts(v, where);
  QualityClassifier c;
  c.model_path = opts.String("model");
  c.name = opts.String("name", "default");
  c.positive_label = opts.String("label", "hq");
  c.threshold = opts.Number("threshold", 0);
  TAMIS_RETURN_IF_ERROR(opts.Finish());
  if (c.model_path.empty()) {
    auto found = DefaultQualityModelPath();
    if (!found.ok()) return found.status().WithContext("stage quality");
    c.model_path = std::move(found).value();
  }
  return c;
}

}  // namespace

Result<std::string> DefaultQualityModelPath() {
  return FindModel(kDefaultModelFile);
}

Result<std::unique_ptr<QualityClassifierStage>> QualityClassifierStage::Create(
    std::vector<QualityClassifier> classifiers) {
  if (classifiers.empty()) return Status::InvalidArgument("stage quality: no classifier");
  auto stage = std::unique_ptr<QualityClassifierStage>(new QualityClassifierStage());
  for (QualityClassifier& c : classifiers) {
    if (c.name.empty() || c.name.find_first_of(" \t\n.") != std::string::npos) {
      return Status::InvalidArgument("stage quality: classifier name '" + c.name +
                                     "' must be a non-empty word");
    }
    if (c.threshold < 0 || c.threshold > 1) {
      return Status::InvalidArgument("stage quality: threshold of '" + c.name +
                                     "' must lie in [0, 1]");
    }
    for (const Loaded& other : stage->classifiers_) {
      if (other.spec.name == c.name) {
        return Status::InvalidArgument("stage quality: two classifiers named '" + c.name + "'");
      }
    }
    auto model = langid::FastTextModel::Load(c.model_path);
    if (!model.ok()) return model.status();  // The runner names the stage.
    Loaded loaded;
    loaded.model = std::move(model).value();
    const std::vector<std::string>& labels = loaded.model->labels();
    const std::string wanted = std::string(kLabelPrefix) + c.positive_label;
    for (size_t i = 0; i < labels.size(); ++i) {
      if (labels[i] == wanted) loaded.positive = static_cast<int32_t>(i);
    }
    if (loaded.positive < 0) {
      std::string known;
      for (const std::string& l : labels) known += (known.empty() ? "" : ", ") + l;
      return Status::InvalidArgument("stage quality: model " + c.model_path + " has no label " +
                                     wanted + " (it has " + known + ")");
    }
    loaded.metadata_key = "quality_" + c.name;
    loaded.spec = std::move(c);
    stage->classifiers_.push_back(std::move(loaded));
  }
  return stage;
}

std::unique_ptr<Scratch> QualityClassifierStage::NewScratch() const {
  auto scratch = std::make_unique<ClassifierScratch>();
  for (const Loaded& c : classifiers_) scratch->models.push_back(c.model->NewScratch());
  return scratch;
}

Status QualityClassifierStage::Process(DocumentBatch& batch, Scratch* scratch) const {
  auto* s = static_cast<ClassifierScratch*>(scratch);
  for (Document& doc : batch.documents) {
    quality::PrepareQualityText(doc.text, &s->prepared);
    ++s->scored;
    bool dropped_here = false;  // The first classifier that rejects a document records it.
    for (size_t i = 0; i < classifiers_.size(); ++i) {
      const Loaded& c = classifiers_[i];
      TAMIS_RETURN_IF_ERROR(
          c.model->Predict(s->prepared, -1, 0.0, s->models[i].get(), &s->predictions));
      double score = 0;
      for (const langid::LabelProbability& p : s->predictions) {
        if (p.label == c.positive) score = p.probability;
      }
      doc.metadata.Set(c.metadata_key, score);
      s->score_sums[c.metadata_key] += score;
      if (!dropped_here && score < c.spec.threshold) {
        dropped_here = true;
        char detail[64];
        std::snprintf(detail, sizeof(detail), "%.4f < %.4f", score, c.spec.threshold);
        doc.Drop(kStage, c.metadata_key, detail, score);
        ++s->dropped[c.metadata_key];
      }
    }
  }
  return Status::Ok();
}

Status QualityClassifierStage::Finish(Scratches scratches, StageReport& report) {
  std::map<std::string, int64_t> dropped;
  std::map<std::string, double> sums;
  int64_t scored = 0;
  for (Scratch* scratch : scratches) {
    const auto* s = static_cast<const ClassifierScratch*>(scratch);
    for (const auto& [k, n] : s->dropped) dropped[k] += n;
    for (const auto& [k, x] : s->score_sums) sums[k] += x;
    scored += s->scored;
  }
  Value models = Value::EmptyObject();
  for (const Loaded& c : classifiers_) models.Set(c.metadata_key, c.model->path());
  report.extra.Set("models", std::move(models));
  report.extra.Set("scored", scored);
  Value score_sums = Value::EmptyObject();
  for (const auto& [k, x] : sums) score_sums.Set(k, x);
  // Sums, not means, so that reports of several tasks add up (divide by `scored`).
  report.extra.Set("score_sums", std::move(score_sums));
  Value drops = Value::EmptyObject();
  for (const auto& [k, n] : dropped) drops.Set(k, n);
  report.extra.Set("dropped", std::move(drops));
  return Status::Ok();
}

Result<std::unique_ptr<Stage>> CreateQualityClassifierStage(const Value& options) {
  std::vector<QualityClassifier> classifiers;
  if (const Value* list = options.Find("models")) {
    if (!list->is_array() || list->as_array().empty()) {
      return Status::InvalidArgument("stage quality: 'models' must be a non-empty list");
    }
    if (options.as_object().size() != 1) {
      return Status::InvalidArgument(
          "stage quality: with 'models', put every option inside each model's entry");
    }
    for (const Value& entry : list->as_array()) {
      TAMIS_ASSIGN_OR_RETURN(QualityClassifier c, ReadClassifier(entry, "stage quality model"));
      classifiers.push_back(std::move(c));
    }
  } else {
    TAMIS_ASSIGN_OR_RETURN(QualityClassifier c, ReadClassifier(options, "stage quality"));
    classifiers.push_back(std::move(c));
  }
  TAMIS_ASSIGN_OR_RETURN(std::unique_ptr<QualityClassifierStage> stage,
                         QualityClassifierStage::Create(std::move(classifiers)));
  return std::unique_ptr<Stage>(std::move(stage));
}

}  // namespace tamis
