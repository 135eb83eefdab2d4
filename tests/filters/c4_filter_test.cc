// C4 rules on a real handbook section with real page furniture around it.
#include "filters/quality/c4_filter.h"

#include <catch2/catch.hpp>

#include "quality_test_text.h"

using namespace tamis::quality;
using tamis::quality::testing::JudgeText;
using tamis::quality::testing::RoleOfDistributions;

namespace {

// The section without its title line (the only line without terminal punctuation).
std::string Body(const std::string& lang_dir) {
  std::string s = RoleOfDistributions(lang_dir);
  return s.substr(s.find('\n') + 1);
}

const C4Filter kDefaults{C4Options{}};

}  // namespace

TEST_CASE("C4 removes navigation, javascript and cookie lines and keeps the prose",
          "[filters][quality]") {
  const std::string body = Body("en-US");
  REQUIRE_FALSE(body.empty());
  // The handbook's own navigation bar, plus a script notice and a cookie banner.
  const std::string page = "Prev\nThe Debian Administrator's Handbook\nNext\n" + body +
                           "\nPlease enable JavaScript to view the comments.\n"
                           "This site uses cookies to improve your experience.";
  FilterScratch scratch;
  Judgement j = JudgeText(kDefaults, page, "eng_Latn", &scratch);
  REQUIRE(j.kind == JudgementKind::kRewrite);
  CHECK(scratch.rewritten == body);
  CHECK(j.value == 5);  // Lines removed.
  CHECK(scratch.line_counts["c4_line_no_terminal_punct"] == 3);
  CHECK(scratch.line_counts["c4_line_javascript"] == 1);
  CHECK(scratch.line_counts["c4_line_policy"] == 1);
}

TEST_CASE("C4 drops pages with lorem ipsum or a curly bracket", "[filters][quality]") {
  const std::string body = Body("en-US");
  CHECK(
      JudgeText(kDefaults, body + "\nLorem ipsum dolor sit amet, consectetur.", "eng_Latn").rule ==
      "c4_lorem_ipsum");
  CHECK(JudgeText(kDefaults, body + "\nRun: for f in *; do { echo \"$f\"; }; done.", "eng_Latn")
            .rule == "c4_curly_bracket");
}

TEST_CASE("C4 drops a page with fewer than five sentences", "[filters][quality]") {
  // The section's first paragraph is one sentence.
  const std::string body = Body("en-US");
  Judgement j = JudgeText(kDefaults, body.substr(0, body.find('\n')), "eng_Latn");
  CHECK(j.rule == "c4_too_few_sentences");
  CHECK(j.value == 1);
  CHECK(j.limit == 5);
}

TEST_CASE("C4 counts words and sentences of Chinese lines with ICU", "[filters][quality]") {
  // Chinese lines have no spaces: whitespace splitting would see one word per line and
  // remove them all. The Chinese body keeps every line.
  const std::string body = Body("zh-CN");
  REQUIRE_FALSE(body.empty());
  FilterScratch scratch;
  Judgement j = JudgeText(kDefaults, body, "zho_Hani", &scratch);
  CHECK(j.kind == JudgementKind::kKeep);
}

TEST_CASE("C4 removes Wikipedia citation marks", "[filters][quality]") {
  std::string out;
  RemoveCitations("Debian was founded in 1993.[1] It is free.[citation needed][edit]", &out);
  CHECK(out == "Debian was founded in 1993. It is free.");
  RemoveCitations("An array a[i] stays.", &out);
  CHECK(out == "An array a[i] stays.");
}
