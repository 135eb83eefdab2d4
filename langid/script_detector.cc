#include "langid/script_detector.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

namespace tamis::langid {

ScriptCounts::ScriptCounts(std::string_view utf8) : counts_(USCRIPT_CODE_LIMIT, 0) {
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const int32_t length = static_cast<int32_t>(utf8.size());
  int32_t i = 0;
  while (i < length && letters_ < kMaxScriptCodePoints) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) continue;  // Invalid UTF-8 byte: skip it.
    if (c < 0x80) {
      // ASCII fast path: most web text is mostly ASCII, and ICU's lookup costs a call each.
      if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
        ++counts_[USCRIPT_LATIN];
        ++letters_;
      }
      continue;
    }
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode script = uscript_getScript(c, &status);
    if (U_FAILURE(status) || script == USCRIPT_COMMON || script == USCRIPT_INHERITED ||
        script == USCRIPT_UNKNOWN || script < 0 || script >= USCRIPT_CODE_LIMIT) {
      continue;
    }
    ++counts_[script];
    ++letters_;
  }
}

uint32_t ScriptCounts::Count(std::string_view script) const {
  const uint32_t han = counts_[USCRIPT_HAN];
  if (script == "Jpan") {
    const uint32_t kana = counts_[USCRIPT_HIRAGANA] + counts_[USCRIPT_KATAKANA];
    return kana > 0 ? kana + han : 0;
  }
  if (script == "Hang" || script == "Kore") {
    const uint32_t hangul = counts_[USCRIPT_HANGUL];
    return hangul > 0 ? hangul + han : 0;
  }
  if (script == "Hani" || script == "Hans" || script == "Hant") return han;
  const std::string name(script);
  const UScriptCode code =
      static_cast<UScriptCode>(u_getPropertyValueEnum(UCHAR_SCRIPT, name.c_str()));
  if (code < 0 || code >= USCRIPT_CODE_LIMIT) return 0;
  return counts_[code];
}

std::string ScriptCounts::Dominant() const {
  if (letters_ == 0) return "Zzzz";
  int best = -1;
  uint32_t best_count = 0;
  for (int script = 0; script < USCRIPT_CODE_LIMIT; ++script) {
    if (counts_[script] > best_count) {
      best = script;
      best_count = counts_[script];
    }
  }
  if (Count("Jpan") >= best_count && Count("Jpan") > 0) return "Jpan";
  if (Count("Hang") >= best_count && Count("Hang") > 0) return "Hang";
  return uscript_getShortName(static_cast<UScriptCode>(best));
}

std::string ScriptCounts::DominantAmong(const std::vector<std::string>& candidates) const {
  const std::string* best = nullptr;
  uint32_t best_count = 0;
  for (const std::string& candidate : candidates) {
    const uint32_t n = Count(candidate);
    if (n > best_count) {
      best = &candidate;
      best_count = n;
    }
  }
  return best != nullptr ? *best : Dominant();
}

std::string DominantScript(std::string_view utf8) {
  return ScriptCounts(utf8).Dominant();
}

}  // namespace tamis::langid
