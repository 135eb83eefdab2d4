// HtmlTextWriter: lays out kept text as lines, the way tamis writes a page for training.
//
// Blocks start and end lines; <br> ends one; whitespace inside a line collapses to single
// spaces (U+00A0 included, which pages use for layout) with none leading or trailing; inside
// <pre> text is written as is, except for blank lines before its first visible one and the
// whitespace it ends with. No trailing newline once Finish() is called.
//
// Not thread-safe; one writer per page. Writes into a caller-owned string that must outlive it.
#ifndef TAMIS_READERS_HTML_TEXT_WRITER_H_
#define TAMIS_READERS_HTML_TEXT_WRITER_H_

#include <string>
#include <string_view>

namespace tamis {

class HtmlTextWriter {
 public:
  explicit HtmlTextWriter(std::string* out) : out_(out) {}

  void EndLine();
  // Flowing text: whitespace collapses.
  void Text(std::string_view text);
  void BeginPre();
  // Preformatted text: written as is, except for blank lines before the first visible one.
  void PreText(std::string_view text);
  // Ends a <pre>: drops the whitespace it ended with, then ends the line.
  void EndPre();
  // Drops the trailing newlines.
  void Finish();

 private:
  std::string* out_;
  bool at_line_start_ = true;
  bool pending_space_ = false;
  bool pre_fresh_ = false;      // In a <pre> that has written nothing visible yet.
  std::string pending_indent_;  // Its leading spaces on the current line, until text comes.
};

}  // namespace tamis

#endif  // TAMIS_READERS_HTML_TEXT_WRITER_H_
