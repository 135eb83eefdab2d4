// WordSegmenter: splits a UTF-8 text into lower-cased words, the unit the toxicity word lists
// are matched in, for one language.
//
// Languages written with spaces are split at every code point that is not a letter, a mark or
// a number (ICU character properties), in one pass that lower-cases as it goes. Languages
// written without spaces (Japanese, Chinese, Thai, Lao, Khmer, Burmese) go through ICU's
// dictionary-based word break iterator instead, keeping only the segments ICU classes as words
// (letters, numbers, kana, ideographs). The list entries are segmented by the same segmenter,
// so a listed phrase and the text are cut alike.
//
// The words are written into Words::text joined by single spaces, so that a run of
// consecutive words is itself a contiguous string_view: a phrase lookup needs no copy.
// Invalid UTF-8 bytes act as separators.
//
// Threads: the segmenter is immutable and shareable; each thread owns a Scratch (ICU's break
// iterators are not thread-safe, so each scratch holds its own clone).
#ifndef TAMIS_FILTERS_TOXICITY_WORD_SEGMENTER_H_
#define TAMIS_FILTERS_TOXICITY_WORD_SEGMENTER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <unicode/uversion.h>

#include "pipeline/status.h"

// ICU's namespace is versioned (icu_72); its macros declare it.
U_NAMESPACE_BEGIN
class BreakIterator;
U_NAMESPACE_END

namespace tamis::toxicity {

// The words of one text: `text` is "word1 word2 ...", `ends[i]` the end offset of word i.
struct Words {
  std::string text;
  std::vector<uint32_t> begins, ends;

  size_t size() const { return ends.size(); }
  void clear() {
    text.clear();
    begins.clear();
    ends.clear();
  }
  // Words [first, last] as one string_view ("word1 word2").
  std::string_view Run(size_t first, size_t last) const {
    return std::string_view(text).substr(begins[first], ends[last] - begins[first]);
  }
};

// True for ISO 639-3 codes of languages written without spaces between words.
bool WrittenWithoutSpaces(std::string_view language);

class WordSegmenter {
 public:
  class Scratch {
   public:
    ~Scratch();

   private:
    friend class WordSegmenter;
    std::unique_ptr<icu::BreakIterator> words;
  };

  // `language` selects the mode (WrittenWithoutSpaces); ICU's word rules are locale-free for
  // the dictionary languages. Fails only when ICU's break data is missing.
  static Result<std::unique_ptr<WordSegmenter>> Create(std::string_view language);
  ~WordSegmenter();

  std::unique_ptr<Scratch> NewScratch() const;
  // Replaces `out` with the words of `text`.
  void Segment(std::string_view text, Scratch* scratch, Words* out) const;

 private:
  WordSegmenter() = default;
  std::unique_ptr<icu::BreakIterator> prototype_;  // Null for languages with spaces.
};

}  // namespace tamis::toxicity

#endif  // TAMIS_FILTERS_TOXICITY_WORD_SEGMENTER_H_
