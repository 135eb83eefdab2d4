// Gopher repetition rules (Rae et al. 2021, table A1; as datatrove's GopherRepetitionFilter
// implements them), checked in this order:
//   gopher_dup_para_frac       share of paragraphs that repeat an earlier one > 0.3
//   gopher_dup_para_char_frac  their characters / the text's characters > 0.2
//   gopher_dup_line_frac       share of non-empty lines that repeat one > profile dup_line_frac
//   gopher_dup_line_char_frac  their characters / the text's characters > 0.2
//   gopher_top_<n>_gram        characters of the most frequent n-gram times its count, over
//                              the text's characters, above the profile's top_n_grams limit
//   gopher_dup_<n>_grams       characters of n-grams that repeat an earlier one (scanning
//                              left to right, skipping past each repeat), over the text's
//                              characters, above the profile's dup_n_grams limit
// An n-gram is n consecutive ICU words joined by one space; its length counts those spaces,
// as datatrove's " ".join does. Lines split at runs of '\n' (datatrove's "\n+").
//
// N-grams are found exactly (not by hash alone): a rolling 64-bit hash picks the slot of an
// open-addressing table holding start indexes, and a hit is confirmed by comparing the words.
#ifndef TAMIS_FILTERS_QUALITY_GOPHER_REPETITION_FILTER_H_
#define TAMIS_FILTERS_QUALITY_GOPHER_REPETITION_FILTER_H_

#include "filters/quality/heuristic_filter.h"
#include "pipeline/options.h"

namespace tamis::quality {

struct GopherRepetitionOptions {
  double dup_para_frac = 0.3;
  double dup_para_char_frac = 0.2;
  double dup_line_char_frac = 0.2;

  static Result<GopherRepetitionOptions> Read(Options& opts);
};

class GopherRepetitionFilter final : public HeuristicFilter {
 public:
  explicit GopherRepetitionFilter(GopherRepetitionOptions options) : options_(options) {}
  std::string_view name() const override { return "gopher_repetition"; }
  Judgement Judge(TextAnalysis& text, const LanguageProfile& profile,
                  FilterScratch* scratch) const override;

 private:
  GopherRepetitionOptions options_;
};

// Count and characters (code points) of the items that repeat an earlier item, exactly
// (a hash picks the slot, the bytes decide); datatrove's find_duplicates. FineWeb's
// character-duplicate rule uses it too.
struct Duplicates {
  double elements = 0;
  double chars = 0;
};
Duplicates FindDuplicates(const std::vector<std::string_view>& items, FilterScratch* scratch);

// The two repetition measures, exposed for tests: the top n-gram's characters times its
// count, and the characters of repeated n-grams, both for n-grams of `n` words. Both need
// HashWords() of the same words first (once for every n).
void HashWords(const std::vector<Word>& words, FilterScratch* scratch);
int64_t TopNGramChars(const std::vector<Word>& words, int n, FilterScratch* scratch);
int64_t DuplicateNGramChars(const std::vector<Word>& words, int n, FilterScratch* scratch);

}  // namespace tamis::quality

#endif  // TAMIS_FILTERS_QUALITY_GOPHER_REPETITION_FILTER_H_
