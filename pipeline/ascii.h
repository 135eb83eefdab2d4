// ASCII comparisons and trimming for protocol text (HTTP and WARC headers, robots.txt,
// charset labels), where case-insensitivity and whitespace are ASCII by specification and a
// locale must never change the answer.
#ifndef TAMIS_PIPELINE_ASCII_H_
#define TAMIS_PIPELINE_ASCII_H_

#include <string_view>

namespace tamis {

inline char AsciiLower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
}

inline bool AsciiEqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (AsciiLower(a[i]) != AsciiLower(b[i])) return false;
  }
  return true;
}

// Without leading and trailing ASCII whitespace (space, tab, LF, VT, FF, CR: what isspace()
// means in the C locale; HTML's whitespace is the same less VT).
inline std::string_view TrimAsciiWhitespace(std::string_view s) {
  constexpr std::string_view kWhitespace = " \t\n\v\f\r";
  const size_t begin = s.find_first_not_of(kWhitespace);
  if (begin == std::string_view::npos) return {};
  return s.substr(begin, s.find_last_not_of(kWhitespace) - begin + 1);
}

}  // namespace tamis

#endif  // TAMIS_PIPELINE_ASCII_H_
