#include "readers/html_hints.h"

#include <catch2/catch.hpp>

namespace tamis {
namespace {

TEST_CASE("Class names are split into words at dashes and camelCase humps", "[html_hints]") {
  CHECK(HintsOfName("comment-body") == kHintComment);
  CHECK(HintsOfName("commentlist") == kHintComment);
  CHECK(HintsOfName("jp-relatedposts") == kHintRelated);
  CHECK(HintsOfName("sharedaddy sd-sharing-enabled") == kHintShare);
  CHECK(HintsOfName("cookieConsent") == kHintCookie);
  CHECK(HintsOfName("main_navBar") == (kHintPositive | kHintNav));
  CHECK(HintsOfName("more-stories") == kHintRelated);
  CHECK(HintsOfName("breaking-news-ticker") == kHintTicker);
}

TEST_CASE("Short furniture words match only as whole words", "[html_hints]") {
  CHECK(HintsOfName("ad") == kHintPromo);
  CHECK(HintsOfName("thread head load") == kHintNone);  // "ad" ends them, but they are not ads.
  CHECK(HintsOfName("navigable-list") == kHintNone);
  CHECK(HintsOfName("postscript") == kHintNone);
}

TEST_CASE("A layout wrapper gets both a content and a chrome hint", "[html_hints]") {
  // The scorer decides: such a wrapper holding the article is never dropped for its name.
  CHECK(HintsOfName("page-content and-w-sidebar") == (kHintPositive | kHintChrome));
  CHECK(HintsOfName("site-footer") == kHintFooter);
}

TEST_CASE("ARIA roles name navigation, chrome and content", "[html_hints]") {
  CHECK(HintsOfRole("navigation") == kHintNav);
  CHECK(HintsOfRole(" presentation  menubar ") == kHintNav);
  CHECK(HintsOfRole("contentinfo") == kHintChrome);
  CHECK(HintsOfRole("main") == kHintPositive);
  CHECK(HintsOfRole("note") == kHintNone);
}

}  // namespace
}  // namespace tamis
