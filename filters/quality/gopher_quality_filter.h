// Gopher quality rules (Rae et al. 2021, appendix A; as datatrove's GopherQualityFilter
// implements them), measured on ICU words (text_analysis.h):
//   gopher_short_doc / gopher_long_doc       words outside [min_doc_words, max_doc_words]
//   gopher_below_avg_threshold / _above_     mean word length (code points) outside the
//                                            profile's [min_avg_word_length, max_avg_word_length]
//   gopher_too_many_hashes                   '#' per word above max_symbol_word_ratio
//   gopher_too_many_ellipsis                 "..." and "…" per word above the same ratio
//   gopher_too_many_bullets                  share of lines starting with • or - above
//                                            max_bullet_lines_ratio
//   gopher_too_many_end_ellipsis             share of lines ending with ... or … above
//                                            max_ellipsis_lines_ratio
//   gopher_below_alpha_threshold             share of words with a letter below the
//                                            profile's max_non_alpha_words_ratio
//   gopher_too_few_stop_words                fewer than min_stop_words of the profile's stop
//                                            words (skipped when the profile has none)
// A limit of 0 turns its rule off, as None does in datatrove.
#ifndef TAMIS_FILTERS_QUALITY_GOPHER_QUALITY_FILTER_H_
#define TAMIS_FILTERS_QUALITY_GOPHER_QUALITY_FILTER_H_

#include "filters/quality/heuristic_filter.h"
#include "pipeline/options.h"

namespace tamis::quality {

struct GopherQualityOptions {
  int64_t min_doc_words = 50;
  int64_t max_doc_words = 100'000;
  double max_symbol_word_ratio = 0.1;
  double max_bullet_lines_ratio = 0.9;
  double max_ellipsis_lines_ratio = 0.3;
  int64_t min_stop_words = 2;

  // Reads the keys above from `opts` (unread keys are the caller's to check).
  static Result<GopherQualityOptions> Read(Options& opts);
};

class GopherQualityFilter final : public HeuristicFilter {
 public:
  explicit GopherQualityFilter(GopherQualityOptions options) : options_(options) {}
  std::string_view name() const override { return "gopher_quality"; }
  Judgement Judge(TextAnalysis& text, const LanguageProfile& profile,
                  FilterScratch* scratch) const override;

 private:
  GopherQualityOptions options_;
};

}  // namespace tamis::quality

#endif  // TAMIS_FILTERS_QUALITY_GOPHER_QUALITY_FILTER_H_
