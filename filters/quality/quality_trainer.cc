#include "filters/quality/quality_trainer.h"

#include <fasttext/fasttext.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "filters/quality/quality_text.h"
#include "langid/fasttext_model.h"
#include "pipeline/json.h"

namespace tamis::quality {
namespace {

constexpr std::string_view kLabelPrefix = "__label__";
// Pinned so that the same labelled file always trains the same model.
constexpr int kSeed = 20251201;

struct Example {
  std::string label;
  std::string text;  // Prepared: one line.
};

// The label of a parsed line, empty when it has none usable.
std::string LabelOf(const Value& doc) {
  const Value* label = doc.Find("label");
  if (!label) {
    if (const Value* meta = doc.Find("metadata")) label = meta->Find("label");
  }
  if (!label) return "";
  if (label->is_string()) {
    std::string s = label->as_string();
    for (char& c : s) {
      if (c == ' ' || c == '\t' || c == '\n') c = '_';
    }
    return s;
  }
  if (label->is_int()) return std::to_string(label->as_int());
  if (label->is_bool()) return label->as_bool() ? "1" : "0";
  return "";
}

Status ReadExamples(const std::string& path, std::vector<Example>* out, int64_t* skipped) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot open labelled file '" + path + "'");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    auto parsed = ParseJson(line);
    if (!parsed.ok() || !parsed->is_object()) {
      ++*skipped;
      continue;
    }
    const Value* text = parsed->Find("text");
    std::string label = LabelOf(*parsed);
    if (!text || !text->is_string() || label.empty()) {
      ++*skipped;
      continue;
    }
    Example ex;
    ex.label = std::move(label);
    PrepareQualityText(text->as_string(), &ex.text);
    out->push_back(std::move(ex));
  }
  if (in.bad()) return Status::IoError("error reading '" + path + "'");
  return Status::Ok();
}

}  // namespace

Result<TrainReport> TrainQualityModel(const TrainOptions& options) {
  if (options.hold_out_every < 2) {
    return Status::InvalidArgument("hold_out_every must be at least 2");
  }
  TrainReport report;
  std::vector<Example> examples;
  for (const std::string& file : options.label_files) {
    TAMIS_RETURN_IF_ERROR(ReadExamples(file, &examples, &report.skipped_lines));
  }
  std::vector<Example> train, held_out;
  for (size_t i = 0; i < examples.size(); ++i) {
    (i % options.hold_out_every == static_cast<size_t>(options.hold_out_every - 1) ? held_out
                                                                                   : train)
        .push_back(std::move(examples[i]));
  }
  if (train.empty() || held_out.empty()) {
    return Status::InvalidArgument("too few labelled documents (" +
                                   std::to_string(examples.size()) +
                                   "): need some for training and some held out");
  }
  // fastText reads its training data from a file; shuffled so that labels alternate.
  std::mt19937 rng(kSeed);
  std::shuffle(train.begin(), train.end(), rng);
  const std::string train_path = options.output + ".train.txt";
  {
    std::ofstream out(train_path, std::ios::binary | std::ios::trunc);
    if (!out) return Status::IoError("cannot write '" + train_path + "'");
    for (const Example& ex : train) {
      out << kLabelPrefix << ex.label << ' ' << ex.text << '\n';
    }
    if (!out) return Status::IoError("error writing '" + train_path + "'");
  }

  fasttext::Args args;
  args.input = train_path;
  args.output = options.output;
  args.model = fasttext::model_name::sup;
  args.loss = fasttext::loss_name::softmax;
  args.epoch = options.epoch;
  args.lr = options.lr;
  args.wordNgrams = options.word_ngrams;
  args.dim = options.dim;
  args.minCount = options.min_count;
  args.bucket = 200000;  // Enough for a few MB of text; keeps the model small.
  args.thread = 1;       // Deterministic.
  args.seed = kSeed;
  args.verbose = 0;
  const bool quantize = options.output.ends_with(".ftz");
  try {
    fasttext::FastText trainer;
    trainer.train(args);
    if (quantize) {
      fasttext::Args q = args;
      q.qnorm = true;
      q.retrain = false;
      q.cutoff = 50000;
      q.dsub = 2;
      trainer.quantize(q);
    }
    trainer.saveModel(options.output);
  } catch (const std::exception& e) {
    std::filesystem::remove(train_path);
    return Status::Internal("fastText training failed: " + std::string(e.what()));
  }
  std::filesystem::remove(train_path);

  TAMIS_ASSIGN_OR_RETURN(std::unique_ptr<langid::FastTextModel> model,
                         langid::FastTextModel::Load(options.output));
  auto scratch = model->NewScratch();
  std::map<std::string, int64_t> true_pos, predicted, actual;
  int64_t correct = 0;
  std::vector<langid::LabelProbability> best;
  for (const Example& ex : held_out) {
    TAMIS_RETURN_IF_ERROR(model->Predict(ex.text, 1, 0.0, scratch.get(), &best));
    std::string guess =
        best.empty() ? "" : model->labels()[best[0].label].substr(kLabelPrefix.size());
    ++actual[ex.label];
    ++predicted[guess];
    if (guess == ex.label) {
      ++true_pos[ex.label];
      ++correct;
    }
  }
  report.train_documents = static_cast<int64_t>(train.size());
  report.held_out_documents = static_cast<int64_t>(held_out.size());
  report.accuracy = static_cast<double>(correct) / static_cast<double>(held_out.size());
  for (const auto& [label, n] : actual) {
    LabelMetrics m;
    m.support = n;
    double tp = static_cast<double>(true_pos[label]);
    m.precision = predicted[label] ? tp / static_cast<double>(predicted[label]) : 0;
    m.recall = tp / static_cast<double>(n);
    m.f1 = m.precision + m.recall > 0 ? 2 * m.precision * m.recall / (m.precision + m.recall) : 0;
    report.labels[label] = m;
  }
  return report;
}

}  // namespace tamis::quality
