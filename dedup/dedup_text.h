// DedupText: the normalised form of a document that both exact and fuzzy dedup compare —
// words separated by single spaces, so that two documents differing only in case, accents,
// punctuation, spacing or numbers have the same form.
//
// The folding, pinned because it changes which documents are duplicates (FineWeb's
// simplify_text, in ICU terms):
//   - letters: canonical decomposition (NFD) with the non-spacing marks (Mn) removed, then
//     simple case folding: "Élève" and "eleve" are one word;
//   - a run of decimal digits (Nd, any script) becomes "0": "2023" and "1999" are one word;
//   - punctuation, symbols, separators, controls and invalid UTF-8 end a word;
//   - letters of scripts written without spaces (Han, Hiragana, Katakana, Thai, Lao, Khmer,
//     Myanmar, Tibetan) are collected into runs that ICU's dictionary word-break iterator
//     splits into words; they are kept as written, since the segmenter needs them whole.
// ASCII takes a direct path; other code points are folded once per thread and cached
// (a 256 KB table per thread for the Basic Multilingual Plane).
//
// Thread rule: one DedupText per thread (it owns an ICU break iterator and a cache).
#ifndef TAMIS_DEDUP_DEDUP_TEXT_H_
#define TAMIS_DEDUP_DEDUP_TEXT_H_

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "pipeline/status.h"

namespace tamis {

class DedupText {
 public:
  // kInternal when ICU's data is missing.
  static Result<std::unique_ptr<DedupText>> Create();

  // Replaces `*out` with the normalised words of `text`, separated by single spaces.
  void Normalize(std::string_view text, std::string* out);

 private:
  enum class Class : uint8_t { kSeparator, kLetters, kDigit, kNoSpace, kMark };
  struct Folded {
    Class kind = Class::kSeparator;
    std::string utf8;  // kLetters: the folded form.
  };

  DedupText(const icu::Normalizer2* nfd, std::unique_ptr<icu::BreakIterator> words)
      : nfd_(nfd), words_(std::move(words)) {}
  // The folding of `c`, computed once per thread: the Basic Multilingual Plane through a flat
  // table (most text), the rest through a hash map. The reference lives until the next call.
  const Folded& Fold(int32_t c);
  void Classify(int32_t c, Folded* folded);
  // Appends the words of the pending run of no-space letters and empties it.
  void FlushRun(std::string* out);

  const icu::Normalizer2* nfd_;  // Owned by ICU.
  std::unique_ptr<icu::BreakIterator> words_;
  static constexpr int32_t kBmpSize = 0x10000;
  std::vector<uint32_t> bmp_slots_;  // 1 + index into bmp_folded_; 0: not folded yet.
  std::deque<Folded> bmp_folded_;
  std::unordered_map<int32_t, Folded> other_folded_;
  icu::UnicodeString run_;
  std::string segment_;
};

}  // namespace tamis

#endif  // TAMIS_DEDUP_DEDUP_TEXT_H_
