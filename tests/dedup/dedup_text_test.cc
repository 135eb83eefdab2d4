#include "dedup/dedup_text.h"

#include <catch2/catch.hpp>

namespace tamis {
namespace {

std::string Normalized(std::string_view text) {
  auto normalizer = DedupText::Create();
  REQUIRE(normalizer.ok());
  std::string out;
  (*normalizer)->Normalize(text, &out);
  return out;
}

TEST_CASE("Dedup text folds case, punctuation and spacing", "[dedup]") {
  CHECK(Normalized("  The   Debian Project,  founded in... ") == "the debian project founded in");
  CHECK(Normalized("apt-get install\tpackage") == "apt get install package");
}

TEST_CASE("Dedup text folds diacritics and case beyond ASCII", "[dedup]") {
  CHECK(Normalized("Élève à l'ÉCOLE") == "eleve a l ecole");
  // Simple case folding: one code point each, so ß stays ß.
  CHECK(Normalized("Straße ÆON Ωμέγα") == "straße æon ωμεγα");
}

TEST_CASE("Dedup text folds every run of digits to one zero, in any script", "[dedup]") {
  CHECK(Normalized("Debian 12.4 released 2023") == "debian 0 0 released 0");
  CHECK(Normalized("version ٣٤ and ४२") == "version 0 and 0");
}

TEST_CASE("Dedup text splits scripts without spaces into dictionary words", "[dedup]") {
  // ICU's dictionary segmenter: 日本語 ("Japanese") and テキスト ("text") are words.
  const std::string ja = Normalized("日本語のテキスト");
  CHECK(ja.find(' ') != std::string::npos);
  CHECK(ja.find("日本語") != std::string::npos);
  CHECK(Normalized("ภาษาไทยง่ายนิดเดียว").find(' ') != std::string::npos);
  // Mixed with Latin and digits, the run ends where the other script begins.
  CHECK(Normalized("Debian日本語12") == "debian 日本語 0");
}

TEST_CASE("Dedup text survives invalid UTF-8 and treats it as a separator", "[dedup]") {
  CHECK(Normalized("abc\xff\xfe"
                   "def") == "abc def");
  CHECK(Normalized("") == "");
  CHECK(Normalized("\xc3") == "");
}

}  // namespace
}  // namespace tamis
