// Words by ICU: spaces and punctuation are not words, and scripts written without spaces get
// dictionary words.
#include "filters/quality/text_segmenter.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "quality_test_text.h"

using tamis::quality::TextSegmenter;
using tamis::quality::Word;

namespace {

std::vector<std::string> WordsOf(const std::string& text) {
  auto scratch = TextSegmenter::NewScratch();
  REQUIRE(scratch.ok());
  std::vector<Word> words;
  TextSegmenter::Words(text, scratch->get(), &words);
  std::vector<std::string> out;
  for (const Word& w : words) out.emplace_back(w.text);
  return out;
}

}  // namespace

TEST_CASE("English words exclude punctuation and split at slashes", "[filters][quality]") {
  // The handbook's first sentence of "The Role of Distributions", counted by hand: 37 words.
  auto words = WordsOf(
      "A GNU/Linux distribution has two main objectives: install a free operating system on a "
      "computer (either with or without an existing system or systems), and provide a range of "
      "software covering all of the users' needs.");
  CHECK(words.size() == 37);
  CHECK(words[1] == "GNU");
  CHECK(words[2] == "Linux");
  CHECK(words.back() == "needs");
}

TEST_CASE("Chinese is split into dictionary words", "[filters][quality]") {
  // 我们 / 学习 / 中文 ("we study Chinese"); a sentence mark is no word.
  CHECK(WordsOf("我们学习中文。") == std::vector<std::string>{"我们", "学习", "中文"});
}

TEST_CASE("Japanese is split into words across kanji and kana", "[filters][quality]") {
  // 私 / は / 学生 / です ("I am a student").
  CHECK(WordsOf("私は学生です。") == std::vector<std::string>{"私", "は", "学生", "です"});
}

TEST_CASE("Thai is split into dictionary words", "[filters][quality]") {
  // สวัสดี / ครับ ("hello", polite particle); ผม / กิน / ข้าว ("I eat rice").
  CHECK(WordsOf("สวัสดีครับ") == std::vector<std::string>{"สวัสดี", "ครับ"});
  CHECK(WordsOf("ผมกินข้าว") == std::vector<std::string>{"ผม", "กิน", "ข้าว"});
}

TEST_CASE("Khmer, Lao and Burmese get more than one word per phrase", "[filters][quality]") {
  // ខ្ញុំ / ជា / សិស្ស ("I am a student"); ພາສາ / ລາວ ("Lao language"); မြန်မာ / ပြည် ("Myanmar").
  CHECK(WordsOf("ខ្ញុំជាសិស្ស") == std::vector<std::string>{"ខ្ញុំ", "ជា", "សិស្ស"});
  CHECK(WordsOf("ພາສາລາວ") == std::vector<std::string>{"ພາສາ", "ລາວ"});
  CHECK(WordsOf("မြန်မာပြည်").size() == 2);
}

TEST_CASE("Word lengths are code points and letters are found in any script",
          "[filters][quality]") {
  auto scratch = TextSegmenter::NewScratch();
  REQUIRE(scratch.ok());
  std::vector<Word> words;
  TextSegmenter::Words("Débat 2024 学生", scratch->get(), &words);
  REQUIRE(words.size() == 3);
  CHECK(words[0].chars == 5);
  CHECK(words[0].has_letter);
  CHECK(words[1].chars == 4);
  CHECK_FALSE(words[1].has_letter);
  CHECK(words[2].chars == 2);
  CHECK(words[2].has_letter);
}

TEST_CASE("Invalid UTF-8 and empty text are segmented without crashing", "[filters][quality]") {
  CHECK(WordsOf("").empty());
  CHECK(WordsOf("caf\xC3 \xFF\xFE ok").back() == "ok");
}

TEST_CASE("Sentences are counted up to a limit", "[filters][quality]") {
  auto scratch = TextSegmenter::NewScratch();
  REQUIRE(scratch.ok());
  const std::string text = "Debian is a project. It makes a distribution! Is it free? Yes.";
  CHECK(TextSegmenter::CountSentences(text, 100, scratch->get()) == 4);
  CHECK(TextSegmenter::CountSentences(text, 2, scratch->get()) == 2);
  CHECK(TextSegmenter::CountSentences("这是一个项目。它很自由。", 100, scratch->get()) == 2);
}

TEST_CASE("The fast path finds exactly ICU's words in handbook text of 26 languages",
          "[filters][quality]") {
  auto scratch = TextSegmenter::NewScratch();
  REQUIRE(scratch.ok());
  std::vector<Word> fast, icu;
  size_t words = 0;
  for (const char* fixture : {"translated_prose.jsonl", "boilerplate.jsonl"}) {
    for (const tamis::Document& doc : tamis::quality::testing::ReadFixture(fixture)) {
      TextSegmenter::Words(doc.text, scratch->get(), &fast);
      TextSegmenter::IcuWords(doc.text, scratch->get(), &icu);
      INFO(doc.id << " " << doc.metadata.GetString("language"));
      for (size_t i = 0; i < std::min(fast.size(), icu.size()); ++i) {
        INFO("word " << i << " after '" << (i ? icu[i - 1].text : "") << "'");
        REQUIRE(fast[i].text == icu[i].text);
        REQUIRE(fast[i].chars == icu[i].chars);
        REQUIRE(fast[i].has_letter == icu[i].has_letter);
      }
      REQUIRE(fast.size() == icu.size());
      words += fast.size();
    }
  }
  CHECK(words > 15000);
}
