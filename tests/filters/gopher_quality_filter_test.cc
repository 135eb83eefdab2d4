// Gopher quality rules on real handbook text, with values counted by hand.
#include "filters/quality/gopher_quality_filter.h"

#include <catch2/catch.hpp>

#include "quality_test_text.h"

using namespace tamis::quality;
using tamis::quality::testing::JudgeText;
using tamis::quality::testing::RoleOfDistributions;

namespace {

// 37 ICU words (text_segmenter_test.cc counts them), 5 English stop words: with, of, the,
// and, of.
const std::string kSentence =
    "A GNU/Linux distribution has two main objectives: install a free operating system on a "
    "computer (either with or without an existing system or systems), and provide a range of "
    "software covering all of the users' needs.";

const GopherQualityFilter kDefaults{GopherQualityOptions{}};

}  // namespace

TEST_CASE("Gopher quality keeps a real handbook section", "[filters][quality]") {
  const std::string text = RoleOfDistributions("en-US");
  REQUIRE_FALSE(text.empty());
  CHECK(JudgeText(kDefaults, text, "eng_Latn").kind == JudgementKind::kKeep);
}

TEST_CASE("Gopher quality drops a document of fewer than 50 words", "[filters][quality]") {
  Judgement j = JudgeText(kDefaults, kSentence, "eng_Latn");
  CHECK(j.rule == "gopher_short_doc");
  CHECK(j.value == 37);
  CHECK(j.limit == 50);
}

TEST_CASE("Gopher quality drops more than one hash per ten words", "[filters][quality]") {
  // Two sentences: 74 words. "#debian" adds a word and a hash: 8 tags give 8/82 = 0.0976,
  // which passes; 9 give 9/83 = 0.108, which fails.
  std::string text = kSentence + "\n" + kSentence + "\n";
  for (int i = 0; i < 8; ++i) text += " #debian";
  CHECK(JudgeText(kDefaults, text, "eng_Latn").kind == JudgementKind::kKeep);
  text += " #debian";
  Judgement j = JudgeText(kDefaults, text, "eng_Latn");
  CHECK(j.rule == "gopher_too_many_hashes");
  CHECK(j.value == Approx(9.0 / 83));
}

TEST_CASE("Gopher quality drops pages that are mostly bullets", "[filters][quality]") {
  // Ten lines, each "• sentence": 370 words, 10 bullet lines of 10.
  std::string text;
  for (int i = 0; i < 10; ++i) text += "\xE2\x80\xA2 " + kSentence + "\n";
  text.pop_back();
  Judgement j = JudgeText(kDefaults, text, "eng_Latn");
  CHECK(j.rule == "gopher_too_many_bullets");
  CHECK(j.value == 1.0);
  // Nine of ten is exactly the limit, 0.9, and passes (the rule is "more than").
  text = text.substr(text.find('\n') + 1) + "\n" + kSentence;
  CHECK(JudgeText(kDefaults, text, "eng_Latn").kind == JudgementKind::kKeep);
}

TEST_CASE("Gopher quality drops pages whose lines trail off in ellipses", "[filters][quality]") {
  // Three lines of ten end in "...": 0.3 passes; four do not. Each "..." is also a symbol:
  // 4 per 370 words stays far below 0.1.
  std::vector<std::string> lines(10, kSentence);
  for (int i = 0; i < 3; ++i) lines[i] += "..";  // "needs." + ".." = "needs..."
  auto join = [&] {
    std::string t;
    for (const std::string& l : lines) t += l + "\n";
    return t;
  };
  CHECK(JudgeText(kDefaults, join(), "eng_Latn").kind == JudgementKind::kKeep);
  lines[3] += "..";
  Judgement j = JudgeText(kDefaults, join(), "eng_Latn");
  CHECK(j.rule == "gopher_too_many_end_ellipsis");
  // The text ends in "\n": 11 lines, the last empty.
  CHECK(j.value == Approx(4.0 / 11));
}

TEST_CASE("Gopher quality counts the stop words of the document's language", "[filters][quality]") {
  // The Catalan translation quotes no English (most others quote an English passage).
  const std::string catalan = RoleOfDistributions("ca-ES");
  REQUIRE_FALSE(catalan.empty());
  CHECK(JudgeText(kDefaults, catalan, "cat_Latn").kind == JudgementKind::kKeep);
  // Judged as English, it has none of the, be, to, of, and, that, have, with.
  Judgement j = JudgeText(kDefaults, catalan, "eng_Latn");
  CHECK(j.rule == "gopher_too_few_stop_words");
  CHECK(j.value == 0);
  // A language without stop words skips the rule.
  CHECK(JudgeText(kDefaults, catalan, "tgl_Latn").kind == JudgementKind::kKeep);
}

TEST_CASE("Gopher quality drops text that is mostly numbers", "[filters][quality]") {
  // 37 words with letters and 50 numbers: 37/87 = 0.425 < 0.8.
  std::string text = kSentence;
  for (int i = 0; i < 50; ++i) text += " " + std::to_string(1990 + i);
  Judgement j = JudgeText(kDefaults, text, "eng_Latn");
  CHECK(j.rule == "gopher_below_alpha_threshold");
  CHECK(j.value == Approx(37.0 / 87));
}

TEST_CASE("Gopher quality uses each language's mean word length bounds", "[filters][quality]") {
  // Chinese words are short (FineWeb-2's cmn_Hani allows 1 to 5 code points): the Chinese
  // section passes as Chinese, and fails the English minimum of 3.
  const std::string chinese = RoleOfDistributions("zh-CN");
  REQUIRE_FALSE(chinese.empty());
  CHECK(JudgeText(kDefaults, chinese, "zho_Hani").kind == JudgementKind::kKeep);
  Judgement j = JudgeText(kDefaults, chinese, "eng_Latn");
  CHECK(j.rule == "gopher_below_avg_threshold");
  CHECK(j.value < 3);
}

TEST_CASE("Gopher quality options are checked", "[filters][quality]") {
  tamis::Value bad = tamis::Value::EmptyObject();
  bad.Set("min_doc_words", -1);
  tamis::Options opts(bad, "test");
  CHECK_FALSE(GopherQualityOptions::Read(opts).ok());
}
