#include "readers/html_page.h"

#include <catch2/catch.hpp>

#include <string>

namespace tamis {
namespace {

size_t CountTag(const HtmlPage& page, HtmlTag tag) {
  size_t n = 0;
  for (const HtmlNode& node : page.nodes) n += node.tag == tag;
  return n;
}

TEST_CASE("Scripts, styles, form controls and hidden subtrees get no node and no text",
          "[html_page]") {
  HtmlPage page;
  ParseHtmlPage(
      "<html><head><title>APT</title><style>p{}</style></head><body>"
      "<script>var s = '<p>no</p>';</script><p>Debian uses APT.</p>"
      "<div hidden><p>Skip me</p></div><select><option>Menu</option></select>"
      "<p style=\"display: none\">Loading</p></body></html>",
      &page);
  CHECK(CountTag(page, HtmlTag::kScript) == 0);
  CHECK(CountTag(page, HtmlTag::kStyle) == 0);
  CHECK(CountTag(page, HtmlTag::kSelect) == 0);
  CHECK(CountTag(page, HtmlTag::kP) == 1);
  CHECK(page.text.find("Debian uses APT.") != std::string::npos);
  CHECK(page.text.find("no") == std::string::npos);
  CHECK(page.text.find("Skip") == std::string::npos);
  CHECK(page.text.find("Loading") == std::string::npos);
  CHECK(page.hidden_elements == 2);
  CHECK(page.title == "APT");
}

TEST_CASE("Nodes carry the text statistics of their subtree", "[html_page]") {
  HtmlPage page;
  ParseHtmlPage(
      "<div><p>Debian is a free operating system, developed by volunteers, since 1993. It "
      "runs on <a href=/ports>many architectures</a>.</p><h3><a href=/x>Next page</a></h3></div>",
      &page);
  const HtmlNode* div = nullptr;
  const HtmlNode* p = nullptr;
  for (const HtmlNode& node : page.nodes) {
    if (node.tag == HtmlTag::kDiv) div = &node;
    if (node.tag == HtmlTag::kP) p = &node;
  }
  REQUIRE(div != nullptr);
  REQUIRE(p != nullptr);
  CHECK(p->own_commas == 2);
  CHECK(p->own_sentences == 2);
  CHECK(p->link_chars == 17);  // "many architectures" less its space.
  CHECK(p->IsProse());
  CHECK(div->prose_blocks == 1);
  CHECK(div->linked_headings == 1);
  CHECK(div->chars == p->chars + 8);
  CHECK(div->own_chars == 0);  // All its text sits in its blocks.
  // The event list replays the document: the div's events enclose the p's.
  CHECK(div->open_event < p->open_event);
  CHECK(p->close_event < div->close_event);
}

TEST_CASE("Invalid UTF-8 is repaired and a declared charset does not re-decode the text",
          "[html_page]") {
  HtmlPage page;
  ParseHtmlPage("<meta charset=iso-8859-1><p>caf\xC3\xA9 \xFF</p>", &page);
  CHECK(page.text.find("caf\xC3\xA9 \xEF\xBF\xBD") != std::string::npos);
}

TEST_CASE("Metadata comes from meta tags and microdata", "[html_page]") {
  HtmlPage page;
  ParseHtmlPage(
      "<html lang=fr><head><meta property=\"og:title\" content=\"Guide APT\">"
      "<meta name=\"Author\" content=\" Raphaël  Hertzog \">"
      "<meta property=\"article:author\" content=\"https://example.org/rh\"></head>"
      "<body><time itemprop=datePublished datetime=\"2021-08-14\">14 août</time></body></html>",
      &page);
  CHECK(page.lang == "fr");
  CHECK(page.title == "Guide APT");  // No <title>: og:title.
  CHECK(page.author == "Raphaël Hertzog");
  CHECK(page.date == "2021-08-14");
}

}  // namespace
}  // namespace tamis
