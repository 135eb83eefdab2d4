// TrainQualityModel: trains a fastText quality classifier from labelled documents and
// measures it on documents it did not see.
//
// Input: JSONL, one document a line, with "text" and a "label" (a string such as "hq"/"lq",
// or an integer; top level or under "metadata"), however it was obtained — by hand, by an
// LLM annotator as FineWeb-Edu did, or by a script. Every fifth labelled document (by
// position) is held out; the rest trains fastText (libfasttext's C++ API) on the text exactly
// as the quality stage will show it (quality_text.h). A model path ending in .ftz is
// quantized, so the default model stays small.
//
// Reproducible: one thread and a pinned seed, so the same input gives the same model bytes.
// Lines that are not JSON objects with a text and a label are counted, never fatal; a file
// that cannot be read, or that leaves no labelled document for either side, is an error.
// Thread rule: a plain function; it uses one thread of its own.
#ifndef TAMIS_FILTERS_QUALITY_QUALITY_TRAINER_H_
#define TAMIS_FILTERS_QUALITY_QUALITY_TRAINER_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "pipeline/status.h"

namespace tamis::quality {

struct TrainOptions {
  std::vector<std::string> label_files;
  std::string output;  // The model file (.bin, or .ftz to quantize).
  int epoch = 25;
  double lr = 0.5;
  int word_ngrams = 2;
  int dim = 32;
  int min_count = 2;
  int hold_out_every = 5;  // Every Nth document is held out for evaluation.
};

struct LabelMetrics {
  int64_t support = 0;  // Held-out documents carrying this label.
  double precision = 0, recall = 0, f1 = 0;
};

struct TrainReport {
  int64_t train_documents = 0, held_out_documents = 0, skipped_lines = 0;
  double accuracy = 0;
  std::map<std::string, LabelMetrics> labels;  // Without "__label__".
};

Result<TrainReport> TrainQualityModel(const TrainOptions& options);

}  // namespace tamis::quality

#endif  // TAMIS_FILTERS_QUALITY_QUALITY_TRAINER_H_
