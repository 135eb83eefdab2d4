#include <catch2/catch.hpp>

#include "langid/script_detector.h"

using tamis::langid::DominantScript;

TEST_CASE("Dominant script is the script of most letters", "[langid]") {
  CHECK(DominantScript("Le chat est sur la table.") == "Latn");
  CHECK(DominantScript("Кошка сидит на столе, 2024.") == "Cyrl");
  CHECK(DominantScript("Η γάτα είναι στο τραπέζι") == "Grek");
  CHECK(DominantScript("القطة على الطاولة") == "Arab");
  CHECK(DominantScript("बिल्ली मेज पर है") == "Deva");
  CHECK(DominantScript("แมวอยู่บนโต๊ะ") == "Thai");
  // Mostly Serbian Cyrillic with a Latin brand name.
  CHECK(DominantScript("Ово је Debian систем за све кориснике") == "Cyrl");
}

TEST_CASE("Japanese kana with Han is Jpan, Korean Hangul is Hang, Chinese is Hani", "[langid]") {
  CHECK(DominantScript("猫はテーブルの上にいます。") == "Jpan");
  CHECK(DominantScript("日本語の文章です") == "Jpan");
  CHECK(DominantScript("고양이가 테이블 위에 있습니다") == "Hang");
  CHECK(DominantScript("韓國語 고양이가 테이블 위에") == "Hang");
  CHECK(DominantScript("猫在桌子上。") == "Hani");
}

TEST_CASE("Text without letters has the uncoded script Zzzz", "[langid]") {
  CHECK(DominantScript("") == "Zzzz");
  CHECK(DominantScript("123 456 -- !!") == "Zzzz");
  CHECK(DominantScript("\xff\xfe 12") == "Zzzz");
}

TEST_CASE("A language's own script wins over a Latin majority on a mixed page", "[langid]") {
  // From the zh-CN Debian handbook: more Latin letters (package names) than Han characters.
  const std::string chinese =
      "使用 apt-get install debian-archive-keyring 或 aptitude safe-upgrade 更新 Debian "
      "GNU/Linux";
  tamis::langid::ScriptCounts counts(chinese);
  CHECK(counts.Dominant() == "Latn");
  CHECK(counts.Count("Hani") == 5);
  CHECK(counts.DominantAmong({"Hani"}) == "Hani");
  // Serbian is written in both; the text decides between them.
  CHECK(tamis::langid::ScriptCounts("Ово је Debian систем").DominantAmong({"Cyrl", "Latn"}) ==
        "Cyrl");
  CHECK(tamis::langid::ScriptCounts("Ovo je Debian sistem").DominantAmong({"Cyrl", "Latn"}) ==
        "Latn");
  // Romanised text with none of the language's scripts keeps the majority.
  CHECK(tamis::langid::ScriptCounts("Privet, kak dela").DominantAmong({"Cyrl"}) == "Latn");
  // Han alone is not Japanese or Korean.
  CHECK(tamis::langid::ScriptCounts("猫在桌子上").Count("Jpan") == 0);
  CHECK(tamis::langid::ScriptCounts("猫在桌子上").DominantAmong({"Jpan", "Hani"}) == "Hani");
}
