// HTML to main text: what tamis keeps of a web page for training.
//
// The page is parsed with gumbo (an HTML5-conformant parser; it decodes entities and repairs
// markup the way browsers do) and the tree is walked once, writing one line per block:
// headings, paragraphs, list items, table cells, dt/dd, blockquote and pre each start a new line;
// <br> breaks a line; whitespace inside a block collapses to single spaces, except inside <pre>,
// whose text is kept as written. Removed:
//   - elements that are never text (script, style, noscript, template, svg, iframe, forms and
//     their controls, media) and page furniture by tag (nav, header, footer, aside; a <header>
//     inside <article> or <main> is the article's own and is kept);
//   - hidden elements: the `hidden` attribute, aria-hidden="true", style display:none or
//     visibility:hidden (not on <html> or <body>, which pages hide until a script has run);
//   - furniture by ARIA role (navigation, menu, menubar, banner, contentinfo, complementary);
//   - containers (div, section, ul, ol, dl, menu, table) whose class or id names furniture
//     (nav, menu, breadcrumb, footer, header, sidebar, cookie, banner, masthead, and forms like
//     "docnav", "navbar", "site-footer", "cookieConsent"), unless they hold more than
//     kMaxFurnitureProseBytes of non-link text: a layout class on a wrapper
//     (<div class="main with-sidebar">) must not take the article with it;
//   - link lists: a container whose kept text is more than `max_link_density` link text.
// U+00A0 (no-break space) outside <pre> collapses like an ASCII space.
// Metadata: <title>, the lang attribute of <html> (or xml:lang), <meta name=description>.
//
// The walk is iterative (a deep tree cannot overflow the stack) and linear in the size of the
// page: a container is written out as it is walked and cut back if it turns out to be a link
// list. The function keeps no state between calls and is safe to call from many threads.
#ifndef TAMIS_READERS_HTML_TEXT_H_
#define TAMIS_READERS_HTML_TEXT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace tamis {

// A container with more link text than this fraction of its text is a list of links.
inline constexpr double kDefaultMaxLinkDensity = 0.5;
// A container named as furniture by class or id is still kept if it holds more non-link text
// than this (bytes of UTF-8, spaces not counted): two or three real paragraphs.
inline constexpr size_t kMaxFurnitureProseBytes = 1500;

struct HtmlTextOptions {
  double max_link_density = kDefaultMaxLinkDensity;
  bool drop_furniture_by_class = true;  // The class/id rule above.
  bool drop_link_lists = true;          // The link-density rule above.
  bool drop_hidden = true;
};

struct HtmlText {
  std::string text;         // UTF-8 lines separated by '\n', no trailing newline.
  std::string title;        // Whitespace-collapsed <title>, empty if none.
  std::string lang;         // lang (or xml:lang) of <html>, as written; empty if none.
  std::string description;  // content of <meta name="description">, whitespace-collapsed.
  // What was removed, for the stats.
  uint64_t furniture_blocks = 0;  // By tag, role, class or id.
  uint64_t link_list_blocks = 0;  // By link density.
  uint64_t hidden_elements = 0;
};

// Extracts the main text of `utf8_html`. Invalid UTF-8 in the input becomes U+FFFD (gumbo's
// behaviour); the output is always valid UTF-8. Never fails: a page with no text gives an
// empty `text`.
HtmlText ExtractText(std::string_view utf8_html, const HtmlTextOptions& options = {});

}  // namespace tamis

#endif  // TAMIS_READERS_HTML_TEXT_H_
