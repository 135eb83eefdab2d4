#include "filters/toxicity/word_segmenter.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace tamis::toxicity {
namespace {

std::vector<std::string> WordsOf(std::string_view language, std::string_view text) {
  Result<std::unique_ptr<WordSegmenter>> segmenter = WordSegmenter::Create(language);
  REQUIRE(segmenter.ok());
  auto scratch = (*segmenter)->NewScratch();
  Words words;
  (*segmenter)->Segment(text, scratch.get(), &words);
  std::vector<std::string> out;
  for (size_t i = 0; i < words.size(); ++i) out.emplace_back(words.Run(i, i));
  return out;
}

TEST_CASE("Spaced languages split at non-letters and lower-case every script", "[toxicity]") {
  CHECK(WordsOf("fra", "L'ÉCOLE, c'est 2 fois: « Öl »!") ==
        std::vector<std::string>{"l", "école", "c", "est", "2", "fois", "öl"});
  CHECK(WordsOf("rus", "Привет, МИР") == std::vector<std::string>{"привет", "мир"});
  // Invalid bytes separate words; nothing else happens to them.
  CHECK(WordsOf("eng",
                "ab\xff"
                "cd \xc3") == std::vector<std::string>{"ab", "cd"});
  CHECK(WordsOf("eng", "").empty());
}

TEST_CASE("Japanese and Chinese are cut into words by ICU's dictionaries", "[toxicity]") {
  const std::vector<std::string> ja = WordsOf("jpn", "日本語の文章を単語に分割します。");
  CHECK(ja.size() >= 5);
  CHECK(ja.front() == "日本語");
  const std::vector<std::string> zh = WordsOf("zho", "我们今天去北京。");
  CHECK(zh.size() >= 3);
  CHECK(std::find(zh.begin(), zh.end(), "北京") != zh.end());
}

TEST_CASE("A run of words is one contiguous view joined by single spaces", "[toxicity]") {
  Result<std::unique_ptr<WordSegmenter>> segmenter = WordSegmenter::Create("eng");
  REQUIRE(segmenter.ok());
  auto scratch = (*segmenter)->NewScratch();
  Words words;
  (*segmenter)->Segment("  Two\tGIRLS -- one   cup ", scratch.get(), &words);
  REQUIRE(words.size() == 4);
  CHECK(words.Run(0, 3) == "two girls one cup");
  CHECK(words.Run(1, 2) == "girls one");
}

}  // namespace
}  // namespace tamis::toxicity
