// TextSegmenter: words and sentences by ICU's Unicode segmentation (UAX #29 plus ICU's
// dictionaries), so that languages written without spaces — Chinese, Japanese, Thai, Khmer,
// Lao, Burmese — get real words instead of one "word" per line.
//
// A word is a segment ICU classes as a word (letters, numbers, kana, ideographs); spaces,
// punctuation and symbols ("#", "…", "|") are not words. This is the counterpart of
// datatrove's "tokens that are not punctuation". Words() gives exactly ICU's words, but
// segments tokens of space-separated scripts with its own implementation of the same rules
// (ICU's iterator is the slow part), checked word for word against ICU in the tests. ICU
// iterates the UTF-8 text in place (a UText over the bytes), so nothing is converted to
// UTF-16; invalid UTF-8 is read as U+FFFD and never crashes.
//
// Thread rule: a TextSegmenter is stateless and shareable; each thread owns a Scratch (the
// ICU break iterators, which are not thread-safe) from NewScratch(). A Word borrows the text
// it came from.
#ifndef TAMIS_FILTERS_QUALITY_TEXT_SEGMENTER_H_
#define TAMIS_FILTERS_QUALITY_TEXT_SEGMENTER_H_

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "pipeline/status.h"

namespace tamis::quality {

struct Word {
  std::string_view text;  // Into the segmented text.
  uint32_t chars = 0;     // Code points, as Python's len() counts them.
  bool has_letter = false;
};

// The number of code points of UTF-8 text (continuation bytes are not counted).
size_t CodePoints(std::string_view text);

class TextSegmenter {
 public:
  class Scratch {
   public:
    ~Scratch();

   private:
    friend class TextSegmenter;
    struct Impl;
    explicit Scratch(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
  };

  // Fails only when ICU's break rules cannot be loaded (a broken ICU installation).
  static Result<std::unique_ptr<Scratch>> NewScratch();

  // Replaces `out` with the words of `text`, in order. Tokens in scripts that separate
  // words with spaces take a fast path that applies UAX #29's rules itself (ICU's iterator
  // costs ~10x more); tokens in Thai, Lao, Khmer, Burmese, Chinese and Japanese go to ICU.
  static void Words(std::string_view text, Scratch* scratch, std::vector<Word>* out);
  // The same words from ICU's iterator alone over the whole text: the reference the fast
  // path is tested against.
  static void IcuWords(std::string_view text, Scratch* scratch, std::vector<Word>* out);
  // The number of sentences of `text`, counting at most `limit` (callers that only compare
  // against a minimum stop early). A sentence must contain a word: "..." alone is none.
  static int64_t CountSentences(std::string_view text, int64_t limit, Scratch* scratch);

 private:
  static void AppendIcuWords(std::string_view token, Scratch* scratch, std::vector<Word>* out);
};

}  // namespace tamis::quality

#endif  // TAMIS_FILTERS_QUALITY_TEXT_SEGMENTER_H_
