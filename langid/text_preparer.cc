#include "langid/text_preparer.h"

#include <algorithm>
#include <cctype>

namespace tamis::langid {
namespace {

// fastText's own token separators (Dictionary::readWord), minus nothing: a token boundary
// for us is a token boundary for the model.
bool IsSpace(char c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\v' || c == '\f' || c == '\0';
}

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  }
  return true;
}

// Moves `pos` back to the start of a UTF-8 sequence.
size_t CharBoundary(std::string_view s, size_t pos) {
  while (pos > 0 && pos < s.size() && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80) --pos;
  return pos;
}

}  // namespace

bool IsUrlToken(std::string_view t) {
  // Leading punctuation such as "(" or "<" often wraps a link.
  while (!t.empty() && (t.front() == '(' || t.front() == '<' || t.front() == '[' ||
                        t.front() == '"' || t.front() == '\'')) {
    t.remove_prefix(1);
  }
  return StartsWithNoCase(t, "http://") || StartsWithNoCase(t, "https://") ||
         StartsWithNoCase(t, "ftp://") || StartsWithNoCase(t, "www.");
}

bool IsEmailToken(std::string_view t) {
  size_t at = t.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= t.size()) return false;
  size_t dot = t.find('.', at + 2);
  return dot != std::string_view::npos && dot + 1 < t.size();
}

bool IsDigitToken(std::string_view t) {
  bool digit = false;
  for (char c : t) {
    if (c >= '0' && c <= '9') {
      digit = true;
    } else if (!std::ispunct(static_cast<unsigned char>(c))) {
      return false;  // A letter (or any non-ASCII byte): the token may carry language.
    }
  }
  return digit;
}

void PrepareText(std::string_view text, const PrepareOptions& options, std::string* out) {
  out->clear();
  const bool filter = options.strip_urls || options.strip_emails || options.strip_digit_tokens;
  if (!filter) {
    out->assign(text);
    for (char& c : *out) {
      if (c == '\n' || c == '\r') c = ' ';
    }
  } else {
    out->reserve(text.size());
    size_t i = 0;
    while (i < text.size()) {
      while (i < text.size() && IsSpace(text[i])) ++i;
      size_t start = i;
      while (i < text.size() && !IsSpace(text[i])) ++i;
      if (start == i) break;
      std::string_view token = text.substr(start, i - start);
      if ((options.strip_urls && IsUrlToken(token)) ||
          (options.strip_emails && IsEmailToken(token)) ||
          (options.strip_digit_tokens && IsDigitToken(token))) {
        continue;
      }
      if (!out->empty()) out->push_back(' ');
      out->append(token);
    }
  }
  if (options.max_bytes == 0 || out->size() <= options.max_bytes) return;

  // Deterministic sample: kSampleWindows windows at evenly spaced offsets.
  const std::string full = std::move(*out);
  out->clear();
  const size_t window = options.max_bytes / kSampleWindows;
  const size_t last_start = full.size() - window;
  for (size_t w = 0; w < kSampleWindows; ++w) {
    size_t begin = CharBoundary(full, last_start * w / (kSampleWindows - 1));
    size_t end = CharBoundary(full, std::min(full.size(), begin + window));
    // Drop the partial tokens at both cuts so no invented word reaches the model.
    if (begin > 0 && !IsSpace(full[begin - 1])) {
      size_t space = full.find(' ', begin);
      begin = space == std::string::npos || space >= end ? end : space + 1;
    }
    if (end < full.size() && !IsSpace(full[end])) {
      size_t space = full.rfind(' ', end);
      end = space == std::string::npos || space <= begin ? begin : space;
    }
    if (begin >= end) continue;
    if (!out->empty()) out->push_back(' ');
    out->append(full, begin, end - begin);
  }
}

}  // namespace tamis::langid
