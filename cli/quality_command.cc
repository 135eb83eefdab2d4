// tamis quality INPUT... -o OUT: the default quality set — language ID, the heuristic filters
// with the document's language profile (Gopher repetition, Gopher quality, C4, FineWeb), then
// the fastText quality classifier — and `tamis quality train`, which trains a classifier from
// labelled documents and prints its held-out precision, recall and F1.
#include <cstdio>
#include <iostream>

#include "cli/commands.h"
#include "cli/pipeline_execution.h"
#include "filters/quality/quality_classifier_stage.h"
#include "filters/quality/quality_trainer.h"

namespace tamis::cli {
namespace {

constexpr const char* kUsage =
    "usage: tamis quality INPUT... -o OUT [--rejects R] [--threads N] [flags]\n"
    "       tamis quality train --labels LABELLED.jsonl -o MODEL.ftz\n\n"
    "'tamis quality --help' and 'tamis quality train --help' describe each.\n";

constexpr std::string_view kHeuristics[] = {"gopher_repetition", "gopher_quality", "c4_quality",
                                            "fineweb_quality"};

int TrainCommand(const Args& args) {
  Flags flags("tamis quality train",
              "Trains a fastText quality classifier from labelled JSONL documents ({\"text\", "
              "\"label\"}; label a string such as hq/lq, or an integer), holding out every "
              "fifth document, and prints held-out precision, recall and F1 per label.");
  quality::TrainOptions o;
  int64_t epoch = o.epoch, ngrams = o.word_ngrams, dim = o.dim;
  double lr = o.lr;
  flags.List("--labels", "FILE", "labelled documents (repeatable)", &o.label_files);
  flags.String("--output", "MODEL", "the model to write (.ftz: quantized, small)", &o.output, true);
  flags.Alias("-o", "--output");
  flags.Int("--epoch", "N", "training epochs (default 25)", &epoch);
  flags.Double("--lr", "R", "learning rate (default 0.5)", &lr);
  flags.Int("--word-ngrams", "N", "word n-gram features (default 2)", &ngrams);
  flags.Int("--dim", "N", "vector size (default 32)", &dim);
  if (int code; !flags.Parse(args, &code)) return code;
  if (o.label_files.empty()) {
    std::cerr << "tamis quality train: --labels FILE is required\n";
    return 2;
  }
  if (epoch < 1 || ngrams < 1 || dim < 1 || lr <= 0) {
    std::cerr << "tamis quality train: --epoch, --word-ngrams, --dim and --lr must be > 0\n";
    return 2;
  }
  o.epoch = static_cast<int>(epoch);
  o.word_ngrams = static_cast<int>(ngrams);
  o.dim = static_cast<int>(dim);
  o.lr = lr;
  auto report = quality::TrainQualityModel(o);
  if (!report.ok()) {
    std::cerr << "tamis quality train: " << report.status().ToString() << "\n";
    return report.status().code() == StatusCode::kInvalidArgument ||
                   report.status().code() == StatusCode::kNotFound
               ? 2
               : 1;
  }
  std::printf("model %s: %lld training documents, %lld held out, %lld lines skipped\n",
              o.output.c_str(), static_cast<long long>(report->train_documents),
              static_cast<long long>(report->held_out_documents),
              static_cast<long long>(report->skipped_lines));
  std::printf("%-12s %8s %10s %8s %8s\n", "label", "support", "precision", "recall", "f1");
  for (const auto& [label, m] : report->labels) {
    std::printf("%-12s %8lld %10.4f %8.4f %8.4f\n", label.c_str(),
                static_cast<long long>(m.support), m.precision, m.recall, m.f1);
  }
  std::printf("accuracy %.4f\n", report->accuracy);
  return 0;
}

int FilterCommand(const Args& args) {
  Flags flags("tamis quality",
              "Runs the default quality set: language ID, then Gopher repetition, Gopher "
              "quality, C4 and FineWeb heuristics with the thresholds and stop words of each "
              "document's language, then the fastText quality classifier, which writes "
              "metadata.quality_default.");
  CommonFlags common;
  common.Declare(flags);
  std::vector<std::string> inputs, filters;
  std::string model, languages_dir;
  double min_quality = 0;
  bool no_langid = false, no_classifier = false;
  flags.String("--model", "FILE",
               "quality classifier (default: tamis-quality.ftz from $TAMIS_MODELS_DIR, "
               "<prefix>/share/tamis/models or the checkout's models/)",
               &model);
  flags.Double("--min-quality", "P",
               "drop documents the classifier scores below P (default 0: score only)",
               &min_quality);
  flags.List("--filter", "NAME",
             "run only these heuristics (repeatable: gopher_repetition, gopher_quality, "
             "c4_quality, fineweb_quality)",
             &filters);
  flags.String("--languages-dir", "DIR", "extra or replacement language profiles (<label>.yml)",
               &languages_dir);
  flags.Bool("--no-langid", "keep the input's metadata.language instead of identifying it",
             &no_langid);
  flags.Bool("--no-classifier", "heuristics only", &no_classifier);
  flags.Positional("INPUT", "JSONL, WARC/WET files, directories or glob patterns", &inputs, 1);
  flags.Epilogue(
      "examples:\n"
      "  tamis quality crawl/*.jsonl.zst -o clean/ --rejects rejected/ --threads 8\n"
      "  tamis quality docs.jsonl -o out/ --min-quality 0.5\n"
      "  tamis quality train --labels labelled.jsonl -o my-quality.ftz\n"
      "keep the top 10% per language instead: examples/quality_top_fraction.yaml\n");
  if (int code; !flags.Parse(args, &code)) return code;
  if (!common.Resolve()) return 2;

  Value heuristics = Value::EmptyObject();
  if (!languages_dir.empty()) heuristics.Set("languages_dir", languages_dir);
  for (const std::string& f : filters) {
    bool known = false;
    for (std::string_view h : kHeuristics) known |= f == h;
    if (!known) {
      std::cerr << "tamis quality: unknown --filter '" << f << "'\n";
      return 2;
    }
  }
  if (!filters.empty()) {
    for (std::string_view h : kHeuristics) {
      bool wanted = false;
      for (const std::string& f : filters) wanted |= f == h;
      if (!wanted) heuristics.Set(h, false);
    }
  }
  PipelineSpec pipeline;
  pipeline.run.inputs = inputs;
  ApplyCommonFlags(common, &pipeline.run);
  if (!no_langid) pipeline.stages.push_back({"langid", Value::EmptyObject()});
  pipeline.stages.push_back({"quality_heuristics", std::move(heuristics)});
  if (!no_classifier) {
    Value classifier = Value::EmptyObject();
    if (!model.empty()) classifier.Set("model", model);
    if (min_quality > 0) classifier.Set("threshold", min_quality);
    pipeline.stages.push_back({"quality", std::move(classifier)});
  }
  return ExecutePipeline("quality", pipeline, {}, common.quiet);
}

}  // namespace

int QualityCommand(const Args& args) {
  if (!args.empty() && args[0] == "train") return TrainCommand(Args(args.begin() + 1, args.end()));
  if (args.empty()) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  return FilterCommand(args);
}

}  // namespace tamis::cli
