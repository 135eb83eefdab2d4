// Moving through UTF-8 text by code points without decoding it: used to cut a contaminated
// span plus N characters around it (GPT-3 cut 200 characters each side) and to quote matched
// text in reports without splitting a character. Positions are byte offsets; a position is
// never left inside a multi-byte sequence (continuation bytes are 10xxxxxx).
#ifndef TAMIS_PIPELINE_UTF8_STEPS_H_
#define TAMIS_PIPELINE_UTF8_STEPS_H_

#include <cstddef>
#include <string_view>

namespace tamis {

inline bool IsUtf8Continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// The position `count` code points before `pos` (or 0).
inline size_t StepBackCodePoints(std::string_view text, size_t pos, size_t count) {
  for (; count > 0 && pos > 0; --count) {
    --pos;
    while (pos > 0 && IsUtf8Continuation(text[pos])) --pos;
  }
  return pos;
}

// The position `count` code points after `pos` (or text.size()).
inline size_t StepForwardCodePoints(std::string_view text, size_t pos, size_t count) {
  for (; count > 0 && pos < text.size(); --count) {
    ++pos;
    while (pos < text.size() && IsUtf8Continuation(text[pos])) ++pos;
  }
  return pos;
}

// The longest prefix of `text` of at most `max_bytes` that ends on a code point boundary.
inline std::string_view Utf8Prefix(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  size_t end = max_bytes;
  while (end > 0 && IsUtf8Continuation(text[end])) --end;
  return text.substr(0, end);
}

}  // namespace tamis

#endif  // TAMIS_PIPELINE_UTF8_STEPS_H_
