// FineWeb rules on real handbook prose and real handbook furniture.
#include "filters/quality/fineweb_filter.h"

#include <catch2/catch.hpp>

#include "quality_test_text.h"

using namespace tamis::quality;
using tamis::quality::testing::JudgeText;
using tamis::quality::testing::RoleOfDistributions;

namespace {

const FinewebFilter kDefaults{FinewebOptions{}};

}  // namespace

TEST_CASE("FineWeb keeps a real handbook section", "[filters][quality]") {
  CHECK(JudgeText(kDefaults, RoleOfDistributions("en-US"), "eng_Latn").kind ==
        JudgementKind::kKeep);
  CHECK(JudgeText(kDefaults, RoleOfDistributions("ja-JP"), "jpn_Jpan").kind ==
        JudgementKind::kKeep);
}

TEST_CASE("FineWeb drops a table of contents: no line ends a sentence", "[filters][quality]") {
  Judgement j = JudgeText(kDefaults,
                          "Chapter 6. Maintenance and Updates: The APT Tools\n"
                          "6.1. Filling in the sources.list File\n6.1.1. Syntax\n"
                          "6.1.2. Repositories for Stable Users\n6.1.4. Using Alternate Mirrors",
                          "eng_Latn");
  CHECK(j.rule == "fineweb_line_punct_ratio");
  CHECK(j.value == 0);
  CHECK(j.limit == 0.12);
}

TEST_CASE("FineWeb drops a page made of short lines", "[filters][quality]") {
  // Navigation bar lines (Prev, Next, ...) each end in a period here to pass the punctuation
  // rule; 4 of 5 lines are at most 30 characters: 0.8 >= 0.67.
  const std::string body = RoleOfDistributions("en-US");
  const std::string first =
      body.substr(body.find('\n') + 1, body.find('\n', body.find('\n') + 1) - body.find('\n') - 1);
  Judgement j = JudgeText(kDefaults, "Prev.\nNext.\nHome.\nUp.\n" + first, "eng_Latn");
  CHECK(j.rule == "fineweb_short_line_ratio");
  CHECK(j.value == Approx(0.8));
}

TEST_CASE("FineWeb drops a page with a repeated line", "[filters][quality]") {
  // The 216-character first sentence again at the end: 216 repeated characters over the
  // text's characters without newlines, far above 0.01.
  const std::string text = RoleOfDistributions("en-US");
  const size_t start = text.find('\n') + 1;
  const std::string sentence = text.substr(start, text.find('\n', start) - start);
  Judgement j = JudgeText(kDefaults, text + "\n" + sentence, "eng_Latn");
  CHECK(j.rule == "fineweb_char_dup_ratio");
  const double chars = CodePoints(text) - 6 + CodePoints(sentence);  // 6 newlines before.
  CHECK(j.value == Approx(CodePoints(sentence) / chars));
}

TEST_CASE("FineWeb drops a list: many newlines per word", "[filters][quality]") {
  // Eight one-word lines ending in a period: 7 newlines / 8 words = 0.875 > 0.3. The short
  // line rule is set off to reach the list rule.
  FinewebOptions o;
  o.short_line_thr = 0;
  FinewebFilter filter(o);
  Judgement j = JudgeText(
      filter, "Debian.\nUbuntu.\nKnoppix.\nKali.\nGrml.\nTails.\nMint.\nDevuan.", "eng_Latn");
  CHECK(j.rule == "fineweb_list_ratio");
  CHECK(j.value == Approx(7.0 / 8));
}
