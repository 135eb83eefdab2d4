#include "filters/quality/terminal_punctuation.h"

namespace tamis::quality {
namespace {

// UTF-8 spellings of the multi-byte marks listed in the header, in that order.
constexpr std::string_view kMarks[] = {
    "\xE2\x80\x9D", "\xE2\x80\x9C", "\xE2\x80\x99", "\xE2\x80\x98", "\xC2\xBB",
    "\xC2\xAB",     "\xE3\x80\x82", "\xEF\xBC\x81", "\xEF\xBC\x9F", "\xEF\xBC\x8E",
    "\xE3\x80\x8D", "\xE3\x80\x8F", "\xD8\x9F",     "\xDB\x94",     "\xE0\xA5\xA4",
    "\xE0\xA5\xA5", "\xE1\x81\x8B", "\xE1\x9F\x94", "\xE1\x8D\xA2",
};

}  // namespace

bool EndsWithTerminalPunctuation(std::string_view line) {
  if (line.empty()) return false;
  switch (line.back()) {
    case '.':
    case '!':
    case '?':
    case '"':
    case '\'': return true;
    default: break;
  }
  if (static_cast<unsigned char>(line.back()) < 0x80) return false;
  for (std::string_view mark : kMarks) {
    if (line.ends_with(mark)) return true;
  }
  return false;
}

}  // namespace tamis::quality
