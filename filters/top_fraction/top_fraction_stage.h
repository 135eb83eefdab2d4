// TopFractionStage (`- stage: top_fraction`): keeps the best-scoring fraction of the corpus
// in each group — e.g. the top 33% of every language by a quality or language-ID score, as
// Apertus and FineWeb-Edu-style pipelines select. A corpus stage (pipeline/corpus_stage.h):
//
//   phase K    collector "top_fraction_histogram": adds each document's score to a histogram
//              per group; each task writes histogram-<task>.bin (score_histogram_format.md)
//   step       "thresholds": merges every task's histogram and picks, per group, the lowest
//              bin that keeps at least `keep` of the group's documents; writes
//              thresholds.json (per group: documents, kept, threshold bin and score)
//   phase K+1  applier "top_fraction": drops documents below their group's threshold, rule
//              "below_threshold" (detail "fra_Latn 0.412 < 0.655", the score as the score)
//
// Options:
//   score: language_score   required: the metadata key holding a number
//   keep: 0.33              required: fraction in (0, 1] to keep per group
//   by: language            optional metadata key naming the group (default: one group)
//   keep_by_group: {eng_Latn: 0.1}   optional per-group fractions (others use `keep`)
//   bins: 10000, lo: 0, hi: 1        histogram resolution and range (scores outside count
//                                    in the first or last bin)
//   missing: drop | keep     a document without a numeric score (rule "no_score"); drop
// The threshold is exact for the histogram: the same for one task or many, in any order.
#ifndef TAMIS_FILTERS_TOP_FRACTION_TOP_FRACTION_STAGE_H_
#define TAMIS_FILTERS_TOP_FRACTION_TOP_FRACTION_STAGE_H_

#include <map>
#include <memory>
#include <string>

#include "filters/top_fraction/score_histogram.h"
#include "pipeline/corpus_stage.h"
#include "pipeline/value.h"

namespace tamis {

struct TopFractionOptions {
  std::string score;
  std::string by;
  double keep = 1;
  std::map<std::string, double> keep_by_group;
  HistogramBins bins;
  bool keep_missing = false;
};

class TopFractionStage final : public CorpusStage {
 public:
  static constexpr std::string_view kThresholdsStep = "thresholds";
  static constexpr std::string_view kThresholdsFile = "thresholds.json";

  explicit TopFractionStage(TopFractionOptions options) : options_(std::move(options)) {}

  std::string_view name() const override { return "top_fraction"; }
  std::vector<std::string> steps() const override { return {std::string(kThresholdsStep)}; }
  Result<std::unique_ptr<Stage>> Collector(const std::string& work_dir) const override;
  Status Step(std::string_view step, const StepContext& context) const override;
  Result<std::unique_ptr<Stage>> Applier(const std::string& work_dir) const override;

 private:
  TopFractionOptions options_;
};

Result<std::unique_ptr<CorpusStage>> CreateTopFractionStage(const Value& options);

}  // namespace tamis

#endif  // TAMIS_FILTERS_TOP_FRACTION_TOP_FRACTION_STAGE_H_
