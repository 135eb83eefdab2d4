#include "langid/script_detector.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <array>
#include <cstdint>

namespace tamis::langid {

std::string DominantScript(std::string_view utf8) {
  std::array<uint32_t, USCRIPT_CODE_LIMIT> counts{};
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const int32_t length = static_cast<int32_t>(utf8.size());
  int32_t i = 0;
  size_t letters = 0;
  while (i < length && letters < kMaxScriptCodePoints) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) continue;  // Invalid UTF-8 byte: skip it.
    if (c < 0x80) {
      // ASCII fast path: most web text is mostly ASCII, and ICU's lookup costs a call each.
      if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
        ++counts[USCRIPT_LATIN];
        ++letters;
      }
      continue;
    }
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode script = uscript_getScript(c, &status);
    if (U_FAILURE(status) || script == USCRIPT_COMMON || script == USCRIPT_INHERITED ||
        script == USCRIPT_UNKNOWN || script < 0 || script >= USCRIPT_CODE_LIMIT) {
      continue;
    }
    ++counts[script];
    ++letters;
  }
  if (letters == 0) return "Zzzz";
  const uint32_t kana = counts[USCRIPT_HIRAGANA] + counts[USCRIPT_KATAKANA];
  const uint32_t han = counts[USCRIPT_HAN];
  const uint32_t hangul = counts[USCRIPT_HANGUL];
  int best = -1;
  uint32_t best_count = 0;
  for (int script = 0; script < USCRIPT_CODE_LIMIT; ++script) {
    if (counts[script] > best_count) {
      best = script;
      best_count = counts[script];
    }
  }
  if (kana > 0 && kana + han >= best_count) return "Jpan";
  if (hangul > 0 && hangul + han >= best_count) return "Hang";
  return uscript_getShortName(static_cast<UScriptCode>(best));
}

}  // namespace tamis::langid
