// C4's quality rules (Raffel et al. 2020, section 2.2; as datatrove's C4QualityFilter applies
// them with split_paragraph): each line is stripped and judged, and the document is rewritten
// with the lines that pass; some rules drop the whole document instead.
//   line rules (the line is removed; counted in the report's line_counts):
//     c4_line_too_long_word     a whitespace-separated word longer than max_word_length
//     c4_line_no_terminal_punct  no terminal punctuation (terminal_punctuation.h), or "..."
//                               (only with filter_no_terminal_punct)
//     c4_line_too_few_words     fewer than min_words_per_line ICU words
//     c4_line_javascript        mentions "javascript"
//     c4_line_policy            mentions terms of use, privacy / cookie policy, cookies use
//   document rules (the document is dropped):
//     c4_lorem_ipsum            "lorem ipsum" in a kept line
//     c4_curly_bracket          "{" in a kept line
//     c4_too_few_sentences      fewer than min_num_sentences sentences (ICU) in kept lines
// Wikipedia citation marks ([1], [edit], [citation needed]) are removed from kept lines.
// Words per line are ICU words, not whitespace tokens, so Chinese and Thai lines are judged
// on their real words (datatrove's line.split() sees one "word" in a Chinese line).
#ifndef TAMIS_FILTERS_QUALITY_C4_FILTER_H_
#define TAMIS_FILTERS_QUALITY_C4_FILTER_H_

#include "filters/quality/heuristic_filter.h"
#include "pipeline/options.h"

namespace tamis::quality {

struct C4Options {
  bool remove_citations = true;
  bool filter_no_terminal_punct = true;
  int64_t min_num_sentences = 5;  // 0: no minimum.
  int64_t min_words_per_line = 3;
  int64_t max_word_length = 1000;  // 0: no maximum.
  bool filter_lorem_ipsum = true;
  bool filter_javascript = true;
  bool filter_curly_bracket = true;
  bool filter_policy = true;

  static Result<C4Options> Read(Options& opts, C4Options defaults);
};

class C4Filter final : public HeuristicFilter {
 public:
  explicit C4Filter(C4Options options) : options_(options) {}
  std::string_view name() const override { return "c4_quality"; }
  Judgement Judge(TextAnalysis& text, const LanguageProfile& profile,
                  FilterScratch* scratch) const override;

 private:
  C4Options options_;
};

// Removes [12], [edit] and [citation needed] marks from `line` into `out`.
void RemoveCitations(std::string_view line, std::string* out);

}  // namespace tamis::quality

#endif  // TAMIS_FILTERS_QUALITY_C4_FILTER_H_
