#include <catch2/catch.hpp>

#include <string>

#include "langid/text_preparer.h"

using tamis::langid::PrepareOptions;
using tamis::langid::PrepareText;

TEST_CASE("Preparation turns line breaks into spaces as GlotLID does", "[langid]") {
  std::string out;
  PrepareText("Bonjour\nle monde\r\nici", PrepareOptions{}, &out);
  CHECK(out == "Bonjour le monde  ici");
}

TEST_CASE("Normalisation strips URLs, e-mails and digit-only tokens", "[langid]") {
  std::string out;
  PrepareText(
      "Voir https://example.org/x et (www.debian.org) écrire à jean@example.fr le "
      "2024-05-01 à 14h, +41 22 3.14",
      PrepareOptions::Normalizing(), &out);
  CHECK(out == "Voir et écrire à le à 14h,");
  CHECK(tamis::langid::IsUrlToken("HTTPS://X.ORG"));
  CHECK(!tamis::langid::IsUrlToken("wwwhat"));
  CHECK(tamis::langid::IsEmailToken("a@b.ch"));
  CHECK(!tamis::langid::IsEmailToken("@home"));
  CHECK(tamis::langid::IsDigitToken("(1999)"));
  CHECK(!tamis::langid::IsDigitToken("1er"));
  CHECK(!tamis::langid::IsDigitToken("--"));
}

TEST_CASE("Long documents are predicted on a bounded deterministic sample", "[langid]") {
  std::string text;
  for (int i = 0; i < 5000; ++i) text += "mot" + std::to_string(i) + " é ";
  PrepareOptions options;
  options.max_bytes = 1000;
  std::string a, b;
  PrepareText(text, options, &a);
  PrepareText(text, options, &b);
  CHECK(a == b);
  CHECK(a.size() <= options.max_bytes + tamis::langid::kSampleWindows);
  CHECK(a.size() > options.max_bytes / 2);
  // The sample spans the document: its start and its end.
  CHECK(a.rfind("mot0 ", 0) == 0);
  CHECK(a.find("mot4999") != std::string::npos);
  // No token is cut in half: every sampled token exists in the source.
  for (size_t pos = 0; pos < a.size();) {
    size_t end = a.find(' ', pos);
    if (end == std::string::npos) end = a.size();
    std::string token = a.substr(pos, end - pos);
    bool exists =
        text.find(" " + token + " ") != std::string::npos || text.rfind(token + " ", 0) == 0;
    if (!token.empty()) CHECK(exists);
    pos = end + 1;
  }
  options.max_bytes = 0;
  PrepareText(text, options, &a);
  CHECK(a == text);
}
