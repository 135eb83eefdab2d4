// HTML to main text: what tamis keeps of a web page for training.
//
// Three steps, each its own file:
//   1. html_page.h parses the page with libxml2's HTML parser in SAX mode into a compact tree
//      of blocks with text statistics, skipping what can never be text (script, style, form
//      controls, media, hidden subtrees) before any node is built;
//   2. html_main_content.h finds the main content the way Mozilla Readability scores it, then
//      judges every block by what it holds (paragraphs of prose, link density) and what it is
//      called (class, id, role, tag: strong names such as "comment" or "related" remove a
//      block, weak ones such as "sidebar" or <header> only when it holds no prose);
//   3. html_text_writer.h lays the kept blocks out as lines.
// Lines: headings, paragraphs, list items, table cells, dt/dd, blockquote and pre each start a
// new line; <br> breaks a line; whitespace inside a block collapses to single spaces, except
// inside <pre>, whose text is kept as written. U+00A0 outside <pre> collapses like a space.
// Output is in document order. Metadata: <title> (or og:title), the lang attribute of <html>
// (or xml:lang), meta description, author and publication date when the page declares them.
//
// ExtractText keeps no state between calls and is safe to call from many threads.
#ifndef TAMIS_READERS_HTML_TEXT_H_
#define TAMIS_READERS_HTML_TEXT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "readers/html_text_options.h"

namespace tamis {

struct HtmlText {
  std::string text;         // UTF-8 lines separated by '\n', no trailing newline.
  std::string title;        // Whitespace-collapsed <title>, empty if none.
  std::string lang;         // lang (or xml:lang) of <html>, as written; empty if none.
  std::string description;  // content of <meta name="description">, whitespace-collapsed.
  std::string author;       // <meta name="author"> and the like; empty if none.
  std::string date;         // article:published_time and the like, as written; empty if none.
  // What was removed, for the stats.
  uint64_t furniture_blocks = 0;  // By name, role or tag.
  uint64_t comment_blocks = 0;    // Comment threads.
  uint64_t link_list_blocks = 0;  // By link density.
  uint64_t teaser_blocks = 0;     // Lists of linked headings with summaries.
  uint64_t table_blocks = 0;      // With keep_tables off.
  uint64_t outside_blocks = 0;    // Outside the main content, no prose, no furniture name.
  uint64_t hidden_elements = 0;
};

// Extracts the main text of `utf8_html`. Invalid UTF-8 in the input becomes U+FFFD; the output
// is always valid UTF-8. Never fails: a page with no text gives an empty `text`.
HtmlText ExtractText(std::string_view utf8_html, const HtmlTextOptions& options = {});

}  // namespace tamis

#endif  // TAMIS_READERS_HTML_TEXT_H_
