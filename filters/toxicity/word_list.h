// WordList: one language's list of flagged words and phrases (LDNOOBW), matched as whole
// words in a segmented text (word_segmenter.h).
//
// Entries are segmented by the language's segmenter when the list is built, so "blow job",
// "2 girls 1 cup" and "他妈的" are matched as runs of the same words the text is cut into.
// Entries made only of digits after segmentation ("13." in the Chinese list) are left out:
// they would flag every page that mentions the number. Matching is greedy longest-first at
// each word, and a matched phrase counts all the words it covers, so the score (flagged
// words / words) is a share of the text.
//
// Immutable after Create(); Count() is const and thread-safe.
#ifndef TAMIS_FILTERS_TOXICITY_WORD_LIST_H_
#define TAMIS_FILTERS_TOXICITY_WORD_LIST_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "filters/toxicity/word_segmenter.h"
#include "pipeline/status.h"

namespace tamis::toxicity {

class WordList {
 public:
  // `entries`: one entry per line (UTF-8; blank lines ignored). `segmenter` must outlive the
  // list (the stage owns both).
  static Result<std::unique_ptr<WordList>> Create(std::string language, std::string_view entries,
                                                  const WordSegmenter* segmenter);

  // The number of words of `words` covered by listed entries.
  uint64_t CountFlagged(const Words& words) const;

  const std::string& language() const { return language_; }
  const WordSegmenter& segmenter() const { return *segmenter_; }
  size_t entry_count() const { return entries_; }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  // What a single word is to the list: one lookup per word of the text answers both.
  enum WordRole : uint8_t { kEntry = 1, kStartsPhrase = 2 };

  WordList() = default;

  std::string language_;
  const WordSegmenter* segmenter_ = nullptr;
  // Every word that is an entry or begins a multi-word entry, with its WordRole bits.
  std::unordered_map<std::string, uint8_t, Hash, std::equal_to<>> words_;
  // Entries of two words or more, segmented, words joined by one space.
  std::unordered_set<std::string, Hash, std::equal_to<>> phrases_;
  size_t entries_ = 0;
  size_t longest_ = 1;  // Words in the longest entry.
};

}  // namespace tamis::toxicity

#endif  // TAMIS_FILTERS_TOXICITY_WORD_LIST_H_
