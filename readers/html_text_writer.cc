#include "readers/html_text_writer.h"

namespace tamis {
namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

// Length of the whitespace character at text[i], 0 if there is none. U+00A0 (no-break space)
// counts: pages use it for layout ("1.5.&nbsp;Title", French "mot&nbsp;:"), and training text
// wants a plain space there. Other Unicode spaces are left to a normalisation stage.
size_t SpaceAt(std::string_view text, size_t i) {
  if (IsSpace(text[i])) return 1;
  if (text[i] == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xA0') return 2;
  return 0;
}

}  // namespace

void HtmlTextWriter::EndLine() {
  if (!at_line_start_) out_->push_back('\n');
  at_line_start_ = true;
  pending_space_ = false;
}

void HtmlTextWriter::Text(std::string_view text) {
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    const size_t space_start = i;
    size_t space;
    while (i < n && (space = SpaceAt(text, i)) > 0) i += space;
    if (i > space_start && !at_line_start_) pending_space_ = true;
    const size_t start = i;
    while (i < n && SpaceAt(text, i) == 0) ++i;
    if (i == start) break;
    if (pending_space_) out_->push_back(' ');
    out_->append(text.data() + start, i - start);
    pending_space_ = false;
    at_line_start_ = false;
  }
}

void HtmlTextWriter::BeginPre() {
  EndLine();
  pre_fresh_ = true;
}

void HtmlTextWriter::PreText(std::string_view text) {
  if (pre_fresh_) {
    size_t line_start = 0;
    size_t i = 0;
    while (i < text.size() && IsSpace(text[i])) {
      if (text[i] == '\n') line_start = i + 1;
      ++i;
    }
    if (i == text.size()) {
      // Only whitespace so far: keep what follows the last newline, it may be indentation.
      if (line_start > 0) pending_indent_.clear();
      pending_indent_.append(text.substr(line_start));
      return;
    }
    text.remove_prefix(line_start);
    pre_fresh_ = false;
    if (!pending_indent_.empty() && line_start == 0) out_->append(pending_indent_);
    pending_indent_.clear();
  }
  if (text.empty()) return;
  if (pending_space_) out_->push_back(' ');
  pending_space_ = false;
  out_->append(text);
  at_line_start_ = out_->back() == '\n';
}

void HtmlTextWriter::EndPre() {
  pre_fresh_ = false;
  pending_indent_.clear();
  while (!out_->empty() && IsSpace(out_->back())) out_->pop_back();
  at_line_start_ = out_->empty() || out_->back() == '\n';
  pending_space_ = false;
  EndLine();
}

void HtmlTextWriter::Finish() {
  while (!out_->empty() && out_->back() == '\n') out_->pop_back();
}

}  // namespace tamis
