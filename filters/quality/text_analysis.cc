#include "filters/quality/text_analysis.h"

#include <cctype>

namespace tamis::quality {
namespace {

// The length of the whitespace code point at the start of `s`, 0 when there is none.
size_t LeadingSpaceLength(std::string_view s) {
  if (s.empty()) return 0;
  unsigned char c = static_cast<unsigned char>(s[0]);
  if (c == ' ' || (c >= '\t' && c <= '\r')) return 1;
  if (s.starts_with("\xC2\xA0")) return 2;      // U+00A0 no-break space
  if (s.starts_with("\xE3\x80\x80")) return 3;  // U+3000 ideographic space
  return 0;
}

size_t TrailingSpaceLength(std::string_view s) {
  if (s.empty()) return 0;
  unsigned char c = static_cast<unsigned char>(s.back());
  if (c == ' ' || (c >= '\t' && c <= '\r')) return 1;
  if (s.ends_with("\xC2\xA0")) return 2;
  if (s.ends_with("\xE3\x80\x80")) return 3;
  return 0;
}

}  // namespace

std::string_view StripLeadingSpace(std::string_view s) {
  for (size_t n = LeadingSpaceLength(s); n > 0; n = LeadingSpaceLength(s)) s.remove_prefix(n);
  return s;
}

std::string_view StripTrailingSpace(std::string_view s) {
  for (size_t n = TrailingSpaceLength(s); n > 0; n = TrailingSpaceLength(s)) s.remove_suffix(n);
  return s;
}

std::string_view StripSpace(std::string_view s) {
  return StripTrailingSpace(StripLeadingSpace(s));
}

bool ContainsIgnoringCase(std::string_view haystack, std::string_view lower_needle) {
  if (lower_needle.empty()) return true;
  const char first = lower_needle[0];
  for (size_t i = 0; i + lower_needle.size() <= haystack.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(haystack[i])) != first) continue;
    size_t k = 1;
    while (k < lower_needle.size() &&
           std::tolower(static_cast<unsigned char>(haystack[i + k])) == lower_needle[k]) {
      ++k;
    }
    if (k == lower_needle.size()) return true;
  }
  return false;
}

void TextAnalysis::Reset(std::string_view text) {
  text_ = text;
  have_chars_ = have_lines_ = have_paragraphs_ = have_words_ = false;
}

size_t TextAnalysis::chars() {
  if (!have_chars_) {
    chars_ = CodePoints(text_);
    have_chars_ = true;
  }
  return chars_;
}

const std::vector<std::string_view>& TextAnalysis::lines() {
  if (have_lines_) return lines_;
  lines_.clear();
  std::string_view rest = text_;
  while (true) {
    size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    if (line.ends_with('\r')) line.remove_suffix(1);
    lines_.push_back(line);
    if (nl == std::string_view::npos) break;
    rest.remove_prefix(nl + 1);
  }
  have_lines_ = true;
  return lines_;
}

const std::vector<std::string_view>& TextAnalysis::paragraphs() {
  if (have_paragraphs_) return paragraphs_;
  paragraphs_.clear();
  std::string_view rest = StripSpace(text_);
  while (true) {
    size_t blank = rest.find("\n\n");
    if (blank == std::string_view::npos) {
      paragraphs_.push_back(rest);
      break;
    }
    paragraphs_.push_back(rest.substr(0, blank));
    size_t next = blank;
    while (next < rest.size() && rest[next] == '\n') ++next;
    rest.remove_prefix(next);
  }
  have_paragraphs_ = true;
  return paragraphs_;
}

const std::vector<Word>& TextAnalysis::words() {
  if (!have_words_) {
    TextSegmenter::Words(text_, segmenter_, &words_);
    have_words_ = true;
  }
  return words_;
}

}  // namespace tamis::quality
