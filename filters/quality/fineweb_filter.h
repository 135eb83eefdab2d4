// FineWeb's quality rules (Penedo et al. 2024; as datatrove's FineWebQualityFilter applies
// them), on lines split at '\n':
//   fineweb_line_punct_ratio  share of lines ending in terminal punctuation at or below the
//                             profile's line_punct_thr (0.12 in English)
//   fineweb_short_line_ratio  share of lines of at most short_line_length (30) code points at
//                             or above short_line_thr (0.67)
//   fineweb_char_dup_ratio    characters of repeated non-empty lines over the characters of
//                             the text without its newlines, at or above char_duplicates_ratio
//                             (0.01)
//   fineweb_list_ratio        newlines per ICU word above the profile's new_line_ratio (0.3)
#ifndef TAMIS_FILTERS_QUALITY_FINEWEB_FILTER_H_
#define TAMIS_FILTERS_QUALITY_FINEWEB_FILTER_H_

#include "filters/quality/heuristic_filter.h"
#include "pipeline/options.h"

namespace tamis::quality {

struct FinewebOptions {
  bool line_punct_exclude_zero = false;
  double short_line_thr = 0.67;
  int64_t short_line_length = 30;
  double char_duplicates_ratio = 0.01;

  static Result<FinewebOptions> Read(Options& opts);
};

class FinewebFilter final : public HeuristicFilter {
 public:
  explicit FinewebFilter(FinewebOptions options) : options_(options) {}
  std::string_view name() const override { return "fineweb_quality"; }
  Judgement Judge(TextAnalysis& text, const LanguageProfile& profile,
                  FilterScratch* scratch) const override;

 private:
  FinewebOptions options_;
};

}  // namespace tamis::quality

#endif  // TAMIS_FILTERS_QUALITY_FINEWEB_FILTER_H_
