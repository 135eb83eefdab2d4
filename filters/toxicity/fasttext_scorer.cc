#include "filters/toxicity/fasttext_scorer.h"

namespace tamis::toxicity {

Result<std::unique_ptr<FastTextScorer>> FastTextScorer::Load(const std::string& path,
                                                             const std::string& label) {
  Result<std::unique_ptr<langid::FastTextModel>> model = langid::FastTextModel::Load(path);
  if (!model.ok()) return model.status();
  std::unique_ptr<FastTextScorer> scorer(new FastTextScorer());
  scorer->model_ = std::move(model).value();
  const std::vector<std::string>& labels = scorer->model_->labels();
  for (size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] == label) scorer->label_ = static_cast<int32_t>(i);
  }
  if (scorer->label_ < 0) {
    std::string known;
    for (const std::string& l : labels) known += (known.empty() ? "" : ", ") + l;
    return Status::InvalidArgument(path + ": the model has no label '" + label +
                                   "' (its labels: " + known + ")");
  }
  return scorer;
}

std::unique_ptr<FastTextScorer::Scratch> FastTextScorer::NewScratch() const {
  auto scratch = std::make_unique<Scratch>();
  scratch->model = model_->NewScratch();
  return scratch;
}

Result<double> FastTextScorer::Score(std::string_view text, Scratch* scratch) const {
  scratch->line.assign(text);
  for (char& c : scratch->line) {
    if (c == '\n' || c == '\r' || c == '\t' || c == '\v' || c == '\f') c = ' ';
  }
  TAMIS_RETURN_IF_ERROR(
      model_->Predict(scratch->line, -1, 0.0, scratch->model.get(), &scratch->predictions));
  for (const langid::LabelProbability& p : scratch->predictions) {
    if (p.label == label_) return p.probability;
  }
  return 0.0;
}

}  // namespace tamis::toxicity
