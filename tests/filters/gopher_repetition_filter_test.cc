// Gopher repetition rules: n-gram measures against hand-counted values, and line and
// paragraph repetition of real handbook text.
#include "filters/quality/gopher_repetition_filter.h"

#include <catch2/catch.hpp>

#include "quality_test_text.h"

using namespace tamis::quality;
using tamis::quality::testing::JudgeText;
using tamis::quality::testing::RoleOfDistributions;

namespace {

const GopherRepetitionFilter kDefaults{GopherRepetitionOptions{}};

// Words borrow `text`: callers keep it alive.
std::vector<Word> Words(std::string_view text, TextSegmenter::Scratch* scratch) {
  std::vector<Word> words;
  TextSegmenter::Words(text, scratch, &words);
  return words;
}

}  // namespace

TEST_CASE("The top n-gram measure is its length times its count", "[filters][quality]") {
  auto scratch = TextSegmenter::NewScratch();
  REQUIRE(scratch.ok());
  FilterScratch fs;
  // "free software" x3 (13 characters each with its space) beats "software free" x2.
  auto words = Words("free software free software free software", scratch->get());
  HashWords(words, &fs);
  CHECK(TopNGramChars(words, 2, &fs) == 13 * 3);
  // Ties go to the n-gram seen first: "free software free" x2 (18 characters) and
  // "software free software" x2 (22); both twice, the first seen wins.
  CHECK(TopNGramChars(words, 3, &fs) == 18 * 2);
}

TEST_CASE("Duplicate n-grams are counted left to right, skipping past each repeat",
          "[filters][quality]") {
  auto scratch = TextSegmenter::NewScratch();
  REQUIRE(scratch.ok());
  FilterScratch fs;
  // 2-grams of [free software free software free software]: "free software" (new), "software
  // free" (new), "free software" (repeat: +13, jump 2), "free software" (repeat: +13) = 26.
  auto words = Words("free software free software free software", scratch->get());
  HashWords(words, &fs);
  CHECK(DuplicateNGramChars(words, 2, &fs) == 26);
  // No 5-gram repeats in a sentence of distinct words.
  auto sentence = Words("Debian is a free operating system for every computer", scratch->get());
  HashWords(sentence, &fs);
  CHECK(DuplicateNGramChars(sentence, 5, &fs) == 0);
}

TEST_CASE("Gopher repetition keeps real handbook sections in many scripts", "[filters][quality]") {
  for (const char* dir : {"en-US", "fr-FR", "ru-RU", "ja-JP", "zh-CN", "ar-MA", "el-GR"}) {
    INFO(dir);
    const std::string text = RoleOfDistributions(dir);
    REQUIRE_FALSE(text.empty());
    CHECK(JudgeText(kDefaults, text, "").kind == JudgementKind::kKeep);
  }
}

TEST_CASE("Gopher repetition drops a page whose lines repeat", "[filters][quality]") {
  // The section's 7 lines twice over: 7 of 14 lines repeat, 0.5 > 0.3 (English).
  const std::string text = RoleOfDistributions("en-US");
  Judgement j = JudgeText(kDefaults, text + "\n" + text, "eng_Latn");
  CHECK(j.rule == "gopher_dup_line_frac");
  CHECK(j.value == 0.5);
  CHECK(j.limit == 0.3);
}

TEST_CASE("Gopher repetition drops a page whose paragraphs repeat", "[filters][quality]") {
  // Paragraphs A, B, A: one of three repeats, 0.333 > 0.3.
  const std::string a = RoleOfDistributions("en-US"), b = RoleOfDistributions("fr-FR");
  Judgement j = JudgeText(kDefaults, a + "\n\n" + b + "\n\n" + a, "eng_Latn");
  CHECK(j.rule == "gopher_dup_para_frac");
  CHECK(j.value == Approx(1.0 / 3));
}

TEST_CASE("Gopher repetition drops a page dominated by one phrase", "[filters][quality]") {
  // A real sentence followed by a repeated slogan: "free software" covers more than 20% of
  // the characters, so the top 2-gram rule fires first.
  std::string text =
      "The Debian project is a community of developers and users who maintain a free "
      "operating system.";
  for (int i = 0; i < 10; ++i) text += " free software";
  Judgement j = JudgeText(kDefaults, text, "eng_Latn");
  CHECK(j.rule == "gopher_top_2_gram");
  CHECK(j.value == Approx(13.0 * 10 / tamis::quality::CodePoints(text)));
}

TEST_CASE("Gopher repetition keeps empty text for the length rules to judge",
          "[filters][quality]") {
  CHECK(JudgeText(kDefaults, "", "eng_Latn").kind == JudgementKind::kKeep);
}
