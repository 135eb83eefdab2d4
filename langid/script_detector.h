// Script detection: which ISO 15924 script a text's letters are written in, found with ICU's
// uscript_getScript per code point. Used for labels that carry no script (lid.176's "fr",
// "sr", "ja"), so that every tamis language label is "code_Script".
//
// Common and inherited characters (digits, punctuation, combining marks) do not vote. Japanese
// mixes Han with kana: any kana makes Han+Hiragana+Katakana count as "Jpan". Korean mixes
// Hangul with Han: Hangul+Han count as "Hang" when Hangul is present (GlotLID's kor_Hang).
// Only the first kMaxScriptCodePoints letters are examined (enough for a stable majority).
//
// DominantScriptAmong() exists because the plain majority is wrong for mixed pages: a Chinese
// technical page often holds more Latin letters (commands, names) than Han characters, yet it
// is Chinese written in Han. Once the model has named the language, the script is chosen among
// the scripts that language is written in (LanguageRegistry::ScriptsOf), and the plain
// majority decides only when the text has no letter of any of them (romanised text).
//
// Returns "Zzzz" (uncoded script) when the text has no letters. Pure functions and an
// immutable value type: thread-safe.
#ifndef TAMIS_LANGID_SCRIPT_DETECTOR_H_
#define TAMIS_LANGID_SCRIPT_DETECTOR_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tamis::langid {

inline constexpr size_t kMaxScriptCodePoints = 1024;

// Letters per script in the first kMaxScriptCodePoints letters of a text.
class ScriptCounts {
 public:
  explicit ScriptCounts(std::string_view utf8);

  size_t letters() const { return letters_; }
  // Letters counting towards ISO 15924 `script`: "Jpan" and "Hang" as above (without their
  // kana or Hangul they count nothing), "Hani"/"Hans"/"Hant" the Han characters.
  uint32_t Count(std::string_view script) const;
  // The majority script ("Zzzz" without letters).
  std::string Dominant() const;
  // The candidate with the most letters (the first on ties), else Dominant().
  std::string DominantAmong(const std::vector<std::string>& candidates) const;

 private:
  std::vector<uint32_t> counts_;  // By ICU UScriptCode.
  size_t letters_ = 0;
};

std::string DominantScript(std::string_view utf8);

}  // namespace tamis::langid

#endif  // TAMIS_LANGID_SCRIPT_DETECTOR_H_
