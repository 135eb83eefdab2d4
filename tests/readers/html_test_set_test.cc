// Pins main-text extraction on the test set of tests/data/readers/html_pages/: real Debian
// text in page templates (blog, news site, documentation, man-page site, magazine), per
// pattern of boilerplate that must go and of content that must stay.
#include <catch2/catch.hpp>

#include <map>
#include <string>

#include "readers/html_text.h"
#include "tests/readers/html_test_set.h"

namespace tamis {
namespace {

using testing::CollapseSpaces;
using testing::LoadTestSet;
using testing::Overlap;
using testing::TestPage;
using testing::WordOverlap;

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

const TestPage& PageNamed(const std::vector<TestPage>& pages, const std::string& name) {
  for (const TestPage& page : pages) {
    if (page.name == name) return page;
  }
  FAIL("no page " << name << " in the test set");
  return pages.front();
}

std::vector<std::string> Fragments(const TestPage& page, const std::string& pattern) {
  std::vector<std::string> fragments;
  for (const auto& pinned : page.pinned) {
    if (pinned.pattern == pattern) fragments.push_back(pinned.text);
  }
  REQUIRE_FALSE(fragments.empty());
  return fragments;
}

TEST_CASE("The test set pins kept and dropped text on every page", "[html_test_set]") {
  const std::vector<TestPage> pages = LoadTestSet();
  REQUIRE(pages.size() >= 15);
  for (const TestPage& page : pages) {
    INFO(page.name);
    size_t keep = 0;
    for (const auto& pinned : page.pinned) keep += pinned.keep;
    CHECK(keep >= 2);
    CHECK(page.pinned.size() - keep >= 2);
  }
}

TEST_CASE("Every page keeps its main text and drops its boilerplate, per pattern",
          "[html_test_set]") {
  std::map<std::string, int> checked;
  for (const TestPage& page : LoadTestSet()) {
    const std::string text = CollapseSpaces(ExtractText(page.html).text);
    for (const auto& pinned : page.pinned) {
      INFO(page.name << ": " << pinned.pattern << (pinned.keep ? " kept: " : " dropped: ")
                     << pinned.text);
      CHECK(Contains(text, pinned.text) == pinned.keep);
      ++checked[pinned.pattern];
    }
  }
  // Patterns of the issue that the set must cover.
  for (const char* pattern :
       {"comment_thread", "related_posts", "share_block", "teasers", "teaser_cards",
        "cookie_banner", "ticker", "nav_menu", "sidebar_widget", "footer", "tip_box",
        "footnote_in_aside", "prose_in_header", "code_block", "table", "paragraph"}) {
    INFO(pattern);
    CHECK(checked[pattern] > 0);
  }
}

TEST_CASE("Word-level precision and recall on the test set are at least 0.98", "[html_test_set]") {
  double precision = 0, recall = 0;
  const std::vector<TestPage> pages = LoadTestSet();
  for (const TestPage& page : pages) {
    const Overlap overlap = WordOverlap(ExtractText(page.html).text, page.gold);
    INFO(page.name << " precision " << overlap.precision << " recall " << overlap.recall);
    CHECK(overlap.f1() >= 0.9);
    precision += overlap.precision;
    recall += overlap.recall;
  }
  CHECK(precision / double(pages.size()) >= 0.98);
  CHECK(recall / double(pages.size()) >= 0.98);
}

TEST_CASE("Comment threads come back with keep_comments", "[html_test_set]") {
  const std::vector<TestPage> pages = LoadTestSet();
  const TestPage& page = PageNamed(pages, "wordpress-en-US-shell-environment");
  HtmlTextOptions options;
  const HtmlText without = ExtractText(page.html, options);
  options.keep_comments = true;
  const HtmlText with = ExtractText(page.html, options);
  for (const std::string& comment : Fragments(page, "comment_thread")) {
    CHECK_FALSE(Contains(CollapseSpaces(without.text), comment));
    CHECK(Contains(CollapseSpaces(with.text), comment));
  }
  CHECK(without.comment_blocks > 0);
  // The article is still there, before the comments.
  const std::string first = Fragments(page, "paragraph").front();
  const std::string text = CollapseSpaces(with.text);
  CHECK(text.find(first) < text.find(Fragments(page, "comment_thread").front()));
}

TEST_CASE("Tables go with keep_tables off", "[html_test_set]") {
  const std::vector<TestPage> pages = LoadTestSet();
  const TestPage& page = PageNamed(pages, "handbook-es-ES-apparmor");
  HtmlTextOptions options;
  options.keep_tables = false;
  const HtmlText page_text = ExtractText(page.html, options);
  for (const std::string& cell : Fragments(page, "table")) {
    CHECK(Contains(CollapseSpaces(ExtractText(page.html).text), cell));
    CHECK_FALSE(Contains(CollapseSpaces(page_text.text), cell));
  }
  CHECK(page_text.table_blocks > 0);
  CHECK(Contains(CollapseSpaces(page_text.text), Fragments(page, "paragraph").front()));
}

TEST_CASE("Favouring recall keeps more words than the default, favouring precision fewer",
          "[html_test_set]") {
  size_t precision_words = 0, balanced_words = 0, recall_words = 0;
  HtmlTextOptions precision, recall;
  precision.focus = ExtractionFocus::kPrecision;
  recall.focus = ExtractionFocus::kRecall;
  for (const TestPage& page : LoadTestSet()) {
    const std::string p = ExtractText(page.html, precision).text;
    const std::string b = ExtractText(page.html).text;
    const std::string r = ExtractText(page.html, recall).text;
    INFO(page.name);
    CHECK(p.size() <= b.size());
    CHECK(b.size() <= r.size());
    precision_words += p.size();
    balanced_words += b.size();
    recall_words += r.size();
  }
  CHECK(precision_words < balanced_words);
  CHECK(balanced_words <= recall_words);
}

TEST_CASE("Author and publication date come from the page's meta tags", "[html_test_set]") {
  const std::vector<TestPage> pages = LoadTestSet();
  const TestPage& page = PageNamed(pages, "wordpress-en-US-shell-environment");
  const HtmlText text = ExtractText(page.html);
  CHECK(text.author == "admin");
  CHECK(text.date == "2023-05-01T08:00:00+00:00");
  CHECK(text.title == "8.6. Shell Environment \u2013 Debian Corner");
}

}  // namespace
}  // namespace tamis
