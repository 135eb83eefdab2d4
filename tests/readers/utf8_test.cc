#include "readers/utf8.h"

#include <unicode/ucnv.h>

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

namespace tamis {
namespace {

constexpr std::string_view kFffd = "\xEF\xBF\xBD";

// ICU's own UTF-8 decoder, re-encoded to UTF-8: the reference for the maximal-subpart rule.
std::string IcuRepair(std::string_view bytes) {
  UErrorCode err = U_ZERO_ERROR;
  std::u16string utf16(bytes.size() + 1, u'\0');
  UConverter* conv = ucnv_open("UTF-8", &err);
  REQUIRE(U_SUCCESS(err));
  const int32_t n = ucnv_toUChars(conv, utf16.data(), static_cast<int32_t>(utf16.size()),
                                  bytes.data(), static_cast<int32_t>(bytes.size()), &err);
  ucnv_close(conv);
  REQUIRE(U_SUCCESS(err));
  utf16.resize(n);
  std::string out(utf16.size() * 3 + 1, '\0');
  err = U_ZERO_ERROR;
  conv = ucnv_open("UTF-8", &err);
  const int32_t m = ucnv_fromUChars(conv, out.data(), static_cast<int32_t>(out.size()),
                                    utf16.data(), static_cast<int32_t>(utf16.size()), &err);
  ucnv_close(conv);
  REQUIRE(U_SUCCESS(err));
  out.resize(m);
  return out;
}

TEST_CASE("Unicode table 3-8's example is repaired with one U+FFFD per maximal subpart", "[utf8]") {
  const std::string bytes = "\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64";
  uint64_t replaced = 0;
  const std::string repaired = RepairUtf8(bytes, &replaced);
  CHECK(replaced == 6);
  CHECK(repaired == "a" + std::string(kFffd) + std::string(kFffd) + std::string(kFffd) + "b" +
                        std::string(kFffd) + "c" + std::string(kFffd) + std::string(kFffd) + "d");
  CHECK_FALSE(IsValidUtf8(bytes));
}

TEST_CASE("Overlongs, surrogates and code points above U+10FFFF are invalid", "[utf8]") {
  CHECK_FALSE(IsValidUtf8("\xC0\xAF"));          // Overlong '/'.
  CHECK_FALSE(IsValidUtf8("\xE0\x80\xAF"));      // Overlong '/'.
  CHECK_FALSE(IsValidUtf8("\xED\xA0\x80"));      // U+D800.
  CHECK_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // U+110000.
  CHECK_FALSE(IsValidUtf8("\xF5\x80\x80\x80"));
  CHECK(IsValidUtf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF.
  CHECK(IsValidUtf8("\xED\x9F\xBF"));      // U+D7FF.
  CHECK(IsValidUtf8(std::string_view("a\0b", 3)));
  uint64_t replaced = 0;
  CHECK(RepairUtf8("\xED\xA0\x80", &replaced) ==
        std::string(kFffd) + std::string(kFffd) + std::string(kFffd));
  CHECK(replaced == 3);
}

TEST_CASE("Repair agrees with ICU's UTF-8 decoder on real and corrupted text", "[utf8]") {
  std::ifstream in(std::string(TAMIS_TEST_DATA) + "/readers/charset/ja.utf8.txt", std::ios::binary);
  REQUIRE(in.good());
  std::ostringstream s;
  s << in.rdbuf();
  const std::string text = s.str();
  REQUIRE(IsValidUtf8(text));
  CHECK(RepairUtf8(text, nullptr) == text);
  // Corrupt one byte at every position in turn, with values that hit each class of byte.
  for (unsigned char value : {0x00, 0x41, 0x80, 0xBF, 0xC0, 0xC2, 0xE0, 0xED, 0xF0, 0xF4, 0xFF}) {
    for (size_t i = 0; i < text.size(); i += 7) {
      std::string bad = text;
      bad[i] = static_cast<char>(value);
      uint64_t replaced = 0;
      const std::string repaired = RepairUtf8(bad, &replaced);
      INFO("byte " << i << " set to " << static_cast<int>(value));
      CHECK(repaired == IcuRepair(bad));
      CHECK(IsValidUtf8(repaired));
      CHECK(IsValidUtf8(bad) == (replaced == 0));
    }
  }
}

TEST_CASE("RepairUtf8 adds to the caller's count", "[utf8]") {
  uint64_t replaced = 5;
  RepairUtf8("\xFF", &replaced);
  CHECK(replaced == 6);
  std::string out = "x";
  CHECK(AppendRepairedUtf8("\xFF\xFEok", &out) == 2);
  CHECK(out == "x" + std::string(kFffd) + std::string(kFffd) + "ok");
}

}  // namespace
}  // namespace tamis
