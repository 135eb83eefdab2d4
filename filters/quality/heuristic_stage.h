// The heuristic quality stages: each runs one or more HeuristicFilters on every document,
// with the thresholds of the document's language (metadata.language, see
// language_profile.h), and records each removal as ledger stage = the filter's name, rule =
// the rule that failed, score = the measured value, detail = "value > limit (label)".
//
//   gopher_quality     gopher_quality_filter.h      gopher_repetition  gopher_repetition_filter.h
//   c4_quality         c4_filter.h                  fineweb_quality    fineweb_filter.h
//   quality_heuristics all four in FineWeb's order (repetition, quality, C4 without the
//                      terminal punctuation rule, FineWeb), sharing one segmentation of the
//                      text; options per filter under its name, `false` to leave one out.
//
// Options of every heuristic stage: languages_dir (extra or replacement profiles, one
// <label>.yml each), default_language (the profile for documents without
// metadata.language), and any profile key (min_avg_word_length: 2, stopwords: [...],
// top_n_grams: [[2, 0.2]], ...) to override it in every language; then the filter's own keys.
// C4 rewrites the text without the lines it removes (ledger note c4_lines_removed).
//
// Mode: parallel. Filters and profiles are shared read-only; each worker thread's Scratch
// holds the ICU iterators, the analysis buffers and the counts that Finish() adds up.
#ifndef TAMIS_FILTERS_QUALITY_HEURISTIC_STAGE_H_
#define TAMIS_FILTERS_QUALITY_HEURISTIC_STAGE_H_

#include <memory>
#include <string>
#include <vector>

#include "filters/quality/heuristic_filter.h"
#include "filters/quality/language_profile.h"
#include "pipeline/stage.h"

namespace tamis {

class HeuristicStage final : public Stage {
 public:
  HeuristicStage(std::string name, std::vector<std::unique_ptr<quality::HeuristicFilter>> filters,
                 quality::LanguageProfiles profiles, std::string default_language);

  std::string_view name() const override { return name_; }
  std::unique_ptr<Scratch> NewScratch() const override;
  Status Start(const RunContext& run) override;
  Status Process(DocumentBatch& batch, Scratch* scratch) const override;
  Status Finish(Scratches scratches, StageReport& report) override;

 private:
  std::string name_;
  std::vector<std::unique_ptr<quality::HeuristicFilter>> filters_;
  quality::LanguageProfiles profiles_;
  std::string default_language_;
};

Result<std::unique_ptr<Stage>> CreateGopherQualityStage(const Value& options);
Result<std::unique_ptr<Stage>> CreateGopherRepetitionStage(const Value& options);
Result<std::unique_ptr<Stage>> CreateC4QualityStage(const Value& options);
Result<std::unique_ptr<Stage>> CreateFinewebQualityStage(const Value& options);
Result<std::unique_ptr<Stage>> CreateQualityHeuristicsStage(const Value& options);

}  // namespace tamis

#endif  // TAMIS_FILTERS_QUALITY_HEURISTIC_STAGE_H_
