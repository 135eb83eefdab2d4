// HtmlTextOptions: what main-text extraction keeps of a page (html_text.h), settable from the
// `reader:` section of a pipeline (`html_focus`, `html_tables`, `html_comments`,
// `html_link_text`). Plain values; copy freely.
#ifndef TAMIS_READERS_HTML_TEXT_OPTIONS_H_
#define TAMIS_READERS_HTML_TEXT_OPTIONS_H_

#include <cstdint>

namespace tamis {

// The trade-off between keeping boilerplate and losing content, as trafilatura's
// favor_precision / favor_recall.
enum class ExtractionFocus : uint8_t {
  kBalanced,
  kPrecision,  // Drops doubtful blocks: chrome-named boxes need two paragraphs of prose, no
               // prose outside the main content is rescued, link-heavy paragraphs go too.
  kRecall,     // Keeps doubtful blocks: any paragraph of prose outside the main content that
               // no furniture name marks is kept, link lists need more links to go.
};

// A block with more link text than this fraction of its text is a list of links.
inline constexpr double kDefaultMaxLinkDensity = 0.5;

struct HtmlTextOptions {
  ExtractionFocus focus = ExtractionFocus::kBalanced;
  bool keep_tables = true;
  bool keep_comments = false;  // Comment threads (class/id "comment", "disqus", ...).
  bool keep_link_text = true;  // False drops the text of <a href> everywhere.
  double max_link_density = kDefaultMaxLinkDensity;
  // Readability-style scoring picks the main content; false keeps the whole page (the rules
  // below still apply).
  bool find_main_content = true;
  bool drop_furniture_by_class = true;  // Class, id, role and tag hints (html_hints.h).
  bool drop_link_lists = true;          // The max_link_density rule.
  bool drop_hidden = true;
};

}  // namespace tamis

#endif  // TAMIS_READERS_HTML_TEXT_OPTIONS_H_
