// HtmlPage: a parsed page reduced to what main-text extraction needs, built in one pass of
// libxml2's HTML parser in SAX mode (the parser lxml, and so trafilatura, use; it repairs
// markup and decodes entities, and streaming it skips building libxml2's own tree).
//
// The page is a tree of element nodes in document order plus a flat event list (open, text,
// close) that replays the document. Elements that are never text (script, style, form
// controls, media, <template>) and hidden subtrees (the `hidden` attribute, aria-hidden="true",
// style display:none or visibility:hidden; <html> and <body> excepted, which pages hide until a
// script has run) are skipped while parsing: they get no node, no event and no text. Each node
// carries text statistics of its subtree, computed as it closes, so the scorer can judge any
// element without walking it again:
//   - chars / link_chars: visible characters (code points other than white space), and those
//     inside <a href>;
//   - own_chars / own_link_chars / own_commas: the same for the text of the node's own lines
//     (not inside a descendant block), which is what makes a <p> or a text-holding <div> a
//     paragraph;
//   - own_sentences: sentence ends in the own text ('.', '!', '?' and their CJK forms followed
//     by white space or the end of a text run);
//   - prose_blocks: blocks in the subtree whose own text is a paragraph of prose (IsProse());
//   - linked_headings: headings in the subtree whose text is mostly link text to another page,
//     the mark of a list of teasers ("<h3><a>Title</a></h3><p>summary</p>" repeated).
// Metadata read on the way: <title>, lang of <html>, meta description, author and publication
// date (meta name/property/itemprop, <time itemprop=datePublished>).
//
// Invalid UTF-8 is replaced by U+FFFD before parsing (libxml2 would otherwise switch to
// Latin-1 for the rest of the page); <meta charset> is ignored, the input is UTF-8 already.
// Parsing is iterative: deep nesting cannot overflow the stack. Thread-safe: each call builds
// its own page (libxml2 is initialised once per process, on first use).
#ifndef TAMIS_READERS_HTML_PAGE_H_
#define TAMIS_READERS_HTML_PAGE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "readers/html_hints.h"
#include "readers/html_tags.h"

namespace tamis {

// A block with this many visible characters of own text, or kShortProseChars and two
// sentences, and little link text, is a paragraph of prose: about one full sentence in
// alphabetic scripts, two or three in CJK.
inline constexpr uint32_t kProseChars = 80;
inline constexpr uint32_t kShortProseChars = 40;
inline constexpr double kProseMaxLinkDensity = 0.3;

inline constexpr uint32_t kNoNode = UINT32_MAX;

struct HtmlNode {
  HtmlTag tag = HtmlTag::kDocument;
  TagRole role = TagRole::kBlock;
  HtmlHints hints = kHintNone;  // From class, id and role.
  uint32_t parent = kNoNode;
  uint32_t subtree_end = 0;  // One past the last node of the subtree (nodes are preorder).
  uint32_t open_event = 0;
  uint32_t close_event = 0;
  uint32_t element_children = 0;
  uint32_t chars = 0;
  uint32_t link_chars = 0;
  uint32_t own_chars = 0;
  uint32_t own_link_chars = 0;
  uint32_t own_commas = 0;
  uint32_t own_sentences = 0;
  uint32_t prose_blocks = 0;
  uint32_t linked_headings = 0;
  uint32_t links = 0;      // <a href> elements in the subtree.
  uint32_t url_chars = 0;  // Link text that spells a URL ("https://..."): a reference, not a menu.
  uint32_t self_link_chars = 0;  // Link text of <a href="#...">, links within the page.

  double link_density() const { return chars == 0 ? 0.0 : double(link_chars) / double(chars); }
  // Whether the node's own text is a paragraph of prose.
  bool IsProse() const {
    return role != TagRole::kInline &&
           (own_chars >= kProseChars || (own_chars >= kShortProseChars && own_sentences >= 2)) &&
           double(own_link_chars) <= kProseMaxLinkDensity * double(own_chars);
  }
};

enum class HtmlEventType : uint8_t { kOpen, kClose, kText };

struct HtmlEvent {
  HtmlEventType type;
  bool in_link;     // kText: inside <a href>.
  uint32_t index;   // kOpen/kClose: the node; kText: offset of the text in HtmlPage::text.
  uint32_t length;  // kText: its length in bytes.
};

struct HtmlPage {
  std::vector<HtmlNode> nodes;  // nodes[0] is the document.
  std::vector<HtmlEvent> events;
  std::string text;  // Character data of the kText events, as written (entities decoded).
  std::string title;
  std::string lang;
  std::string description;
  std::string author;
  std::string date;
  uint64_t hidden_elements = 0;

  std::string_view TextOf(const HtmlEvent& e) const { return {text.data() + e.index, e.length}; }
};

// Parses `html` (UTF-8; invalid bytes are repaired) into `page`, which is cleared first and may
// be reused between calls to keep its capacity. `skip_hidden` false keeps hidden subtrees.
void ParseHtmlPage(std::string_view html, HtmlPage* page, bool skip_hidden = true);

}  // namespace tamis

#endif  // TAMIS_READERS_HTML_PAGE_H_
