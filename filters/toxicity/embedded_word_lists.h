// The LDNOOBW word lists compiled into tamis: filters/toxicity/data/<iso639-3>.txt, copied
// from the naughty-words npm package by scripts/update_toxicity_lists.py (licence CC BY 4.0,
// filters/toxicity/data/LICENSE). The build turns the files into a table
// (embedded_word_lists.cc.in), so the binary reads no data file at run time.
#ifndef TAMIS_FILTERS_TOXICITY_EMBEDDED_WORD_LISTS_H_
#define TAMIS_FILTERS_TOXICITY_EMBEDDED_WORD_LISTS_H_

#include <span>
#include <string_view>

namespace tamis::toxicity {

struct EmbeddedWordList {
  std::string_view language;  // ISO 639-3 ("eng").
  std::string_view entries;   // One entry per line.
};

// Sorted by language.
std::span<const EmbeddedWordList> EmbeddedWordLists();

}  // namespace tamis::toxicity

#endif  // TAMIS_FILTERS_TOXICITY_EMBEDDED_WORD_LISTS_H_
