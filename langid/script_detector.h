// DominantScript: the ISO 15924 script most of a text's letters are written in, found with
// ICU's uscript_getScript per code point. Used for labels that carry no script (lid.176's
// "fr", "sr", "ja"), so that every tamis language label is "code_Script".
//
// Common and inherited characters (digits, punctuation, combining marks) do not vote. Japanese
// mixes Han with kana: any kana makes Han+Hiragana+Katakana count as "Jpan". Korean mixes
// Hangul with Han: Hangul+Han count as "Hang" when Hangul is present (GlotLID's kor_Hang).
// Only the first kMaxScriptCodePoints letters are examined (enough for a stable majority).
// Returns "Zzzz" (uncoded script) when the text has no letters. Pure function: thread-safe.
#ifndef TAMIS_LANGID_SCRIPT_DETECTOR_H_
#define TAMIS_LANGID_SCRIPT_DETECTOR_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace tamis::langid {

inline constexpr size_t kMaxScriptCodePoints = 1024;

std::string DominantScript(std::string_view utf8);

}  // namespace tamis::langid

#endif  // TAMIS_LANGID_SCRIPT_DETECTOR_H_
