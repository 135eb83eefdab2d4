// HeuristicFilter: one rule set of the heuristic quality filters (Gopher quality, Gopher
// repetition, C4, FineWeb), judging one document's TextAnalysis against its language's
// profile. The stage that runs filters (heuristic_stage.h) turns judgements into ledger
// entries; a filter knows nothing of documents, batches or threads.
//
// A judgement keeps the text, drops it with the rule that failed and the value it measured
// against the limit, or (C4 only) keeps a rewritten text with some lines removed.
//
// Thread rule: filters are immutable after construction; Judge() is const and may run on
// many threads at once, each with its own TextAnalysis and FilterScratch.
#ifndef TAMIS_FILTERS_QUALITY_HEURISTIC_FILTER_H_
#define TAMIS_FILTERS_QUALITY_HEURISTIC_FILTER_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "filters/quality/language_profile.h"
#include "filters/quality/text_analysis.h"

namespace tamis::quality {

enum class JudgementKind {
  kKeep,
  kDrop,     // `rule`, `value` and `limit` say why.
  kRewrite,  // Keep, with the text replaced by FilterScratch::rewritten.
};

struct Judgement {
  JudgementKind kind = JudgementKind::kKeep;
  std::string_view rule;  // A stable name ("gopher_short_doc"), static storage.
  double value = 0;       // What the document measured.
  double limit = 0;       // The threshold it crossed.

  static Judgement Keep() { return {}; }
  static Judgement Drop(std::string_view rule, double value, double limit) {
    return {JudgementKind::kDrop, rule, value, limit};
  }
};

// Per-thread working memory of filters, reused from document to document.
struct FilterScratch {
  std::string rewritten;  // The new text of a kRewrite judgement.
  std::string lowered;    // C4's lower-cased copy of the line it tests.
  // Line-level counts ("c4_line_javascript": lines removed for it), added to the report.
  std::map<std::string, int64_t, std::less<>> line_counts;
  // Open-addressing table of n-gram start indexes (gopher_repetition.cc), kept between
  // documents to avoid reallocating it.
  std::vector<uint32_t> ngram_slots;
  std::vector<uint32_t> item_slots;     // FindDuplicates' set of line/paragraph indexes.
  std::vector<std::string_view> items;  // Lines selected for FindDuplicates.
  std::vector<uint32_t> ngram_counts;
  std::vector<uint64_t> word_hashes;   // Per word.
  std::vector<uint64_t> ngram_hashes;  // Per n-gram start, for n = hashed_n.
  int hashed_n = 0;
  std::vector<uint64_t> prefix_chars;
};

class HeuristicFilter {
 public:
  virtual ~HeuristicFilter() = default;
  // The registry name of the filter's own stage ("gopher_quality"): the ledger's stage.
  virtual std::string_view name() const = 0;
  virtual Judgement Judge(TextAnalysis& text, const LanguageProfile& profile,
                          FilterScratch* scratch) const = 0;
};

}  // namespace tamis::quality

#endif  // TAMIS_FILTERS_QUALITY_HEURISTIC_FILTER_H_
