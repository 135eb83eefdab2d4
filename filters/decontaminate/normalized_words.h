// NormalizedWords: splits UTF-8 text into normalised words, each with its byte range in the
// text and a 64-bit hash, so that benchmark items and corpus documents compare word for word
// whatever their case, punctuation, spacing or Unicode form.
//
// A word is a maximal run of letters, marks and digits (Unicode general categories L*, M*,
// N*); everything else (spaces, punctuation, symbols) only separates words, so "Paris,  the
// CAPITAL" and "paris the capital" give the same words. Each word is normalised with ICU's
// NFKC_Casefold (case folding plus compatibility forms: full-width letters, ligatures), and,
// with `strip_diacritics`, decomposed with its combining marks removed ("Été" -> "ete").
// ASCII words skip ICU (lower-casing is all NFKC_Casefold would do to them). Runs of scripts
// written without spaces (pipeline/unspaced_script.h: Han, Kana, Thai, Lao, Khmer, Myanmar,
// Tibetan) are split into words by ICU's dictionary-based word break iterator.
//
// Hashes are pinned (STYLE.md item 12): XXH3-64 with seed kWordHashSeed of the normalised
// word's UTF-8 bytes. Changing the seed or the normalisation changes which n-grams match.
//
// Thread rule: one NormalizedWords per thread (it owns an ICU break iterator and buffers);
// Split() reuses them, so the spans it returns are valid until the next Split().
#ifndef TAMIS_FILTERS_DECONTAMINATE_NORMALIZED_WORDS_H_
#define TAMIS_FILTERS_DECONTAMINATE_NORMALIZED_WORDS_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <unicode/uversion.h>

#include "pipeline/status.h"

U_NAMESPACE_BEGIN
class BreakIterator;
class Normalizer2;
U_NAMESPACE_END

namespace tamis {

inline constexpr uint64_t kWordHashSeed = 0x7461'6d69'7331'3467;  // "tamis14g": pinned.

struct NormalizationOptions {
  bool strip_diacritics = false;
};

class NormalizedWords {
 public:
  static Result<std::unique_ptr<NormalizedWords>> Create(NormalizationOptions options);
  ~NormalizedWords();
  NormalizedWords(const NormalizedWords&) = delete;
  NormalizedWords& operator=(const NormalizedWords&) = delete;

  // Splits `text` (valid UTF-8; invalid bytes only separate words). Offsets are bytes into
  // `text`, so text.size() must be below 4 GiB (callers cap what they scan).
  void Split(std::string_view text);

  size_t size() const { return hashes_.size(); }
  std::span<const uint64_t> hashes() const { return hashes_; }
  uint32_t begin(size_t i) const { return begins_[i]; }
  uint32_t end(size_t i) const { return ends_[i]; }
  // The normalised form of word i (for tests and messages; computed again on demand).
  std::string Normalized(std::string_view text, size_t i);

 private:
  NormalizedWords(NormalizationOptions options, std::unique_ptr<icu::BreakIterator> breaker,
                  const icu::Normalizer2* casefold, const icu::Normalizer2* decompose);
  void AddWord(std::string_view text, uint32_t begin, uint32_t end);
  void SplitWithoutSpaces(std::string_view text, uint32_t begin, uint32_t end);
  // Writes the normalised form of text[begin, end) into normalized_.
  void Normalize(std::string_view word);

  NormalizationOptions options_;
  std::unique_ptr<icu::BreakIterator> breaker_;
  const icu::Normalizer2* casefold_;  // ICU singletons: never deleted.
  const icu::Normalizer2* decompose_;
  std::vector<uint64_t> hashes_;
  std::vector<uint32_t> begins_;
  std::vector<uint32_t> ends_;
  std::string normalized_;
  std::string decomposed_;
};

}  // namespace tamis

#endif  // TAMIS_FILTERS_DECONTAMINATE_NORMALIZED_WORDS_H_
