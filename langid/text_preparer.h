// PrepareText: the exact text a language-ID model is shown for a document.
//
// As GlotLID and FineWeb-2 do, line breaks become spaces: fastText reads one line per
// prediction, so an unreplaced newline would end the input early. Optionally (off by default,
// so that tamis and `fasttext predict` see identical input) whitespace-separated tokens that
// carry no language are removed: URLs, e-mail addresses and tokens made only of digits and
// punctuation ("2024-05-01", "+41", "3.14").
//
// Long documents are predicted on a bounded, deterministic sample: when the prepared text is
// longer than `max_bytes`, kSampleWindows equal windows spread evenly from the start to the
// end are kept (cut at token boundaries), so the same document always yields the same
// sample, and the cost per document is bounded. Pure function: thread-safe.
#ifndef TAMIS_LANGID_TEXT_PREPARER_H_
#define TAMIS_LANGID_TEXT_PREPARER_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace tamis::langid {

inline constexpr size_t kSampleWindows = 4;
// 32 KiB holds a typical web page whole, and is far more than fastText needs for a stable
// prediction; longer documents are sampled.
inline constexpr size_t kDefaultMaxBytes = 32 * 1024;

struct PrepareOptions {
  bool strip_urls = false;
  bool strip_emails = false;
  bool strip_digit_tokens = false;
  size_t max_bytes = kDefaultMaxBytes;  // 0: no limit.

  // All normalisations on.
  static PrepareOptions Normalizing() { return {true, true, true, kDefaultMaxBytes}; }
};

// Writes the prepared text into `*out` (cleared first; its capacity is reused).
void PrepareText(std::string_view text, const PrepareOptions& options, std::string* out);

// Token classifiers, exposed for tests.
bool IsUrlToken(std::string_view token);
bool IsEmailToken(std::string_view token);
bool IsDigitToken(std::string_view token);

}  // namespace tamis::langid

#endif  // TAMIS_LANGID_TEXT_PREPARER_H_
