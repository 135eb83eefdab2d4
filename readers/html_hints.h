// What an element's class, id and role say about it: the names web pages give their furniture
// ("comment-body", "related-posts", "sharedaddy", "cookieConsent", "sidebar") and their content
// ("entry-content", "article"). Hints are evidence for the main-content scorer
// (html_main_content.h), not verdicts: a hinted element with paragraphs of prose may still be
// kept, and an element holding the main content is never removed for its name.
//
// Pure functions; thread-safe. The word lists are pinned: changing them changes extracted text.
#ifndef TAMIS_READERS_HTML_HINTS_H_
#define TAMIS_READERS_HTML_HINTS_H_

#include <cstdint>
#include <string_view>

namespace tamis {

// A set of HtmlHint bits.
using HtmlHints = uint16_t;

inline constexpr HtmlHints kHintNone = 0;

enum HtmlHint : HtmlHints {
  // Strong: boilerplate whatever it is made of (comment threads are prose, too).
  kHintNav = 1 << 0,      // nav, menu, breadcrumb, toc, pagination, skip links.
  kHintComment = 1 << 1,  // comment, comments, disqus, respond.
  kHintShare = 1 << 2,    // share, social, subscribe, newsletter, follow.
  kHintRelated = 1 << 3,  // related, teaser, recommended, popular, "more-stories".
  kHintPromo = 1 << 4,    // promo, ad, advert, sponsor.
  kHintCookie = 1 << 5,   // cookie, consent, gdpr.
  kHintTicker = 1 << 6,   // ticker, breaking, marquee.
  // Weak: page chrome that sometimes holds content (tip boxes, a preamble in <header>).
  kHintChrome = 1 << 7,  // header, sidebar, masthead, banner, widget, toolbar.
  kHintFooter = 1 << 8,  // footer.
  kHintMeta = 1 << 9,    // byline, author, meta, dateline, tags, categories.
  // Content.
  kHintPositive = 1 << 10,  // article, content, entry, post, story, text, main, blog.
};

inline constexpr HtmlHints kStrongHints =
    kHintNav | kHintComment | kHintShare | kHintRelated | kHintPromo | kHintCookie | kHintTicker;
inline constexpr HtmlHints kWeakHints = kHintChrome | kHintFooter | kHintMeta;

// Hints from a class or id value. The value is split into lower-case words at non-letters and
// camelCase humps ("site-footer main_navBar" -> site, footer, main, nav, bar); each word, and
// each run of letters between spaces as a whole ("more-stories" -> morestories), is looked up.
HtmlHints HintsOfName(std::string_view class_or_id);

// Hints from an ARIA role attribute (a list of tokens): navigation, menu, menubar -> nav;
// banner, contentinfo, complementary -> chrome; main, article -> positive.
HtmlHints HintsOfRole(std::string_view role);

}  // namespace tamis

#endif  // TAMIS_READERS_HTML_HINTS_H_
