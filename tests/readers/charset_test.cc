#include "readers/charset.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

namespace tamis {
namespace {

// Fixtures made by scripts/make_charset_fixtures.sh: handbook paragraphs re-encoded by iconv.
std::string ReadFixture(const std::string& name) {
  const std::string path = std::string(TAMIS_TEST_DATA) + "/readers/charset/" + name;
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in.good());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string Page(std::string_view head, std::string_view body) {
  return "<!DOCTYPE html>\n<html><head>" + std::string(head) +
         "<title>Debian</title></head><body><p>" + std::string(body) + "</p></body></html>";
}

std::string Body(const std::string& decoded_page) {
  const size_t open = decoded_page.find("<p>");
  const size_t close = decoded_page.find("</p>");
  REQUIRE(open != std::string::npos);
  REQUIRE(close != std::string::npos);
  return decoded_page.substr(open + 3, close - open - 3);
}

TEST_CASE("An HTTP charset of iso-8859-1 decodes as windows-1252, as browsers do", "[charset]") {
  const std::string page = Page("", ReadFixture("fr.windows-1252.txt"));
  auto decoded = DecodeToUtf8(page, "text/html; charset=ISO-8859-1");
  REQUIRE(decoded.ok());
  CHECK(decoded->charset == "windows-1252");
  CHECK(decoded->source == CharsetSource::kHttp);
  CHECK(decoded->replaced == 0);
  // True ISO-8859-1 would turn byte 0x9C into the C1 control U+009C instead of "œ".
  CHECK(Body(decoded->text) == ReadFixture("fr.utf8.txt"));
}

TEST_CASE("A meta charset of ISO-8859-15 decodes the oe ligature from 0xBD", "[charset]") {
  const std::string page =
      Page("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-15\">",
           ReadFixture("fr.iso-8859-15.txt"));
  auto decoded = DecodeToUtf8(page, "text/html");
  REQUIRE(decoded.ok());
  CHECK(decoded->charset == "ISO-8859-15");
  CHECK(decoded->source == CharsetSource::kMeta);
  CHECK(Body(decoded->text) == ReadFixture("fr.utf8.txt"));
}

TEST_CASE("A meta charset alias x-sjis decodes Shift_JIS Japanese", "[charset]") {
  const std::string page = Page("<meta charset=x-sjis>", ReadFixture("ja.shift_jis.txt"));
  auto decoded = DecodeToUtf8(page, "");
  REQUIRE(decoded.ok());
  CHECK(decoded->charset == "Shift_JIS");
  CHECK(decoded->source == CharsetSource::kMeta);
  CHECK(decoded->replaced == 0);
  CHECK(Body(decoded->text) == ReadFixture("ja.utf8.txt"));
}

TEST_CASE("The HTTP charset overrides a conflicting meta charset", "[charset]") {
  // The page claims windows-1251 but the server is right: the bytes are KOI8-R.
  const std::string page = Page("<meta charset=\"windows-1251\">", ReadFixture("ru.koi8-r.txt"));
  auto decoded = DecodeToUtf8(page, "text/html;charset=\"KOI8-R\"");
  REQUIRE(decoded.ok());
  CHECK(decoded->charset == "KOI8-R");
  CHECK(decoded->source == CharsetSource::kHttp);
  CHECK(Body(decoded->text) == ReadFixture("ru.utf8.txt"));

  // Without the header the meta wins, and the same bytes read as windows-1251 are wrong.
  auto by_meta = DecodeToUtf8(page, "text/html");
  REQUIRE(by_meta.ok());
  CHECK(by_meta->charset == "windows-1251");
  CHECK(by_meta->source == CharsetSource::kMeta);
  CHECK(Body(by_meta->text) != ReadFixture("ru.utf8.txt"));
}

TEST_CASE("An unknown HTTP charset label falls through to the meta declaration", "[charset]") {
  const std::string page = Page("<meta charset=koi8-r>", ReadFixture("ru.koi8-r.txt"));
  auto decoded = DecodeToUtf8(page, "text/html; charset=no-such-charset");
  REQUIRE(decoded.ok());
  CHECK(decoded->source == CharsetSource::kMeta);
  CHECK(Body(decoded->text) == ReadFixture("ru.utf8.txt"));
}

TEST_CASE("Undeclared KOI8-R Russian is detected", "[charset]") {
  const std::string page = Page("", ReadFixture("ru.koi8-r.txt"));
  auto decoded = DecodeToUtf8(page, "");
  REQUIRE(decoded.ok());
  CHECK(decoded->source == CharsetSource::kDetected);
  CHECK(decoded->charset == "KOI8-R");
  CHECK(Body(decoded->text) == ReadFixture("ru.utf8.txt"));
}

TEST_CASE("Undeclared Shift_JIS Japanese is detected", "[charset]") {
  const std::string page = Page("", ReadFixture("ja.shift_jis.txt"));
  auto decoded = DecodeToUtf8(page, "text/html");
  REQUIRE(decoded.ok());
  CHECK(decoded->source == CharsetSource::kDetected);
  CHECK(decoded->charset == "Shift_JIS");
  CHECK(Body(decoded->text) == ReadFixture("ja.utf8.txt"));
}

TEST_CASE("Undeclared windows-1252 French is detected", "[charset]") {
  const std::string page = Page("", ReadFixture("fr.windows-1252.txt"));
  auto decoded = DecodeToUtf8(page, "");
  REQUIRE(decoded.ok());
  CHECK(decoded->source == CharsetSource::kDetected);
  CHECK(decoded->charset == "windows-1252");
  CHECK(Body(decoded->text) == ReadFixture("fr.utf8.txt"));
}

TEST_CASE("Undeclared well-formed UTF-8 is detected as UTF-8 and copied", "[charset]") {
  const std::string page = Page("", ReadFixture("ja.utf8.txt"));
  auto decoded = DecodeToUtf8(page, "");
  REQUIRE(decoded.ok());
  CHECK(decoded->source == CharsetSource::kDetected);
  CHECK(decoded->charset == "UTF-8");
  CHECK(decoded->text == page);
}

TEST_CASE("A UTF-8 byte-order mark wins over the HTTP header and is stripped", "[charset]") {
  const std::string bytes = ReadFixture("de.utf8-bom.txt");
  auto decoded = DecodeToUtf8(bytes, "text/html; charset=windows-1252");
  REQUIRE(decoded.ok());
  CHECK(decoded->source == CharsetSource::kBom);
  CHECK(decoded->charset == "UTF-8");
  CHECK(decoded->text == ReadFixture("de.utf8.txt"));
}

TEST_CASE("Invalid UTF-8 is repaired with one U+FFFD per bad sequence and counted", "[charset]") {
  const std::string bytes = ReadFixture("mixed.invalid-utf8.txt");
  auto decoded = DecodeToUtf8(bytes, "text/html; charset=utf-8");
  REQUIRE(decoded.ok());
  CHECK(decoded->charset == "UTF-8");
  CHECK(decoded->replaced == 3);  // E9 'j', E0 ' ', and the truncated last character.
  CHECK(decoded->text.find("disposant d\xEF\xBF\xBDj\xEF\xBF\xBD d'autres") != std::string::npos);
  CHECK(decoded->text.ends_with("\xE3\x83\x86\xEF\xBF\xBD"));  // "テ" then U+FFFD.
}

TEST_CASE("Undecodable bytes in a legacy charset become U+FFFD and are counted", "[charset]") {
  // 0x81 0x20 is not a Shift_JIS character: the lead byte needs a trail byte >= 0x40.
  const std::string bytes = ReadFixture("ja.shift_jis.txt") + "\x81 ";
  auto decoded = DecodeToUtf8(bytes, "text/plain; charset=Shift_JIS");
  REQUIRE(decoded.ok());
  CHECK(decoded->replaced == 1);
  CHECK(decoded->text.starts_with(ReadFixture("ja.utf8.txt")));
  CHECK(decoded->text.find("\xEF\xBF\xBD") != std::string::npos);
}

TEST_CASE("UTF-16 with a byte-order mark is decoded", "[charset]") {
  // "Debian" in UTF-16LE behind FF FE.
  const std::string bytes(
      "\xFF\xFE"
      "D\0e\0b\0i\0a\0n\0",
      14);
  auto decoded = DecodeToUtf8(bytes, "");
  REQUIRE(decoded.ok());
  CHECK(decoded->source == CharsetSource::kBom);
  CHECK(decoded->text == "Debian");
}

TEST_CASE("The Content-Type charset parameter is parsed with quotes and spacing", "[charset]") {
  CHECK(CharsetFromContentType("text/html; charset=UTF-8") == "UTF-8");
  CHECK(CharsetFromContentType("text/html;charset=\"koi8-r\"") == "koi8-r");
  CHECK(CharsetFromContentType("text/html; format=flowed ; Charset = 'Shift_JIS' ;") ==
        "Shift_JIS");
  CHECK(CharsetFromContentType("text/html") == "");
  CHECK(CharsetFromContentType("") == "");
}

TEST_CASE("The meta prescan follows the WHATWG rules", "[charset]") {
  CHECK(PrescanMetaCharset("<meta charset=utf-8>") == "UTF-8");
  CHECK(PrescanMetaCharset("<META HTTP-EQUIV='Content-Type' CONTENT='text/html; "
                           "charset=Shift_JIS'>") == "Shift_JIS");
  // content= without http-equiv=Content-Type does not count.
  CHECK(PrescanMetaCharset("<meta content=\"text/html; charset=koi8-r\">") == "");
  // A commented-out meta does not count; the next one does.
  CHECK(PrescanMetaCharset("<!-- <meta charset=koi8-r> --><meta charset=latin1>") ==
        "windows-1252");
  // "<meta" inside another tag's attribute value is not a meta element.
  CHECK(PrescanMetaCharset("<a title='<meta charset=koi8-r>'>x</a>") == "");
  // An unknown label is passed over for the next meta.
  CHECK(PrescanMetaCharset("<meta charset=bogus><meta charset=gb2312>") == "GBK");
  // A declared UTF-16 means UTF-8.
  CHECK(PrescanMetaCharset("<meta charset=utf-16>") == "UTF-8");
  // Only the first kMetaPrescanBytes are looked at.
  CHECK(PrescanMetaCharset(std::string(kMetaPrescanBytes, ' ') + "<meta charset=koi8-r>") == "");
  // The real handbook pages declare UTF-8 in XHTML style after an <?xml?> prolog.
  CHECK(PrescanMetaCharset(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n<!DOCTYPE html>"
            "<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><meta http-equiv=\"Content-Type\" "
            "content=\"text/html; charset=UTF-8\" />") == "UTF-8");
}

TEST_CASE("Charset labels resolve through the WHATWG table and ICU aliases", "[charset]") {
  CHECK(CanonicalCharset("latin1") == "windows-1252");
  CHECK(CanonicalCharset(" ISO-8859-1 ") == "windows-1252");
  CHECK(CanonicalCharset("us-ascii") == "windows-1252");
  CHECK(CanonicalCharset("x-sjis") == "Shift_JIS");
  CHECK(CanonicalCharset("ks_c_5601-1987") == "EUC-KR");
  CHECK(CanonicalCharset("gb2312") == "GBK");
  CHECK(CanonicalCharset("cp1251") == "windows-1251");
  CHECK(CanonicalCharset("UTF8") == "UTF-8");
  CHECK(CanonicalCharset("koi8-r") == "KOI8-R");
  // Refused: not an encoding, or one the WHATWG standard excludes.
  CHECK(CanonicalCharset("utf-7") == "");
  CHECK(CanonicalCharset("iso-2022-kr") == "");
  CHECK(CanonicalCharset("hz-gb-2312") == "");
  CHECK(CanonicalCharset("no-such-charset") == "");
  CHECK(CanonicalCharset("") == "");
}

TEST_CASE("Undeclared bytes that are neither UTF-8 nor detectable fall back to windows-1252",
          "[charset]") {
  // A few high bytes too short for ICU to be confident about anything.
  auto decoded = DecodeToUtf8("\xE9", "");
  REQUIRE(decoded.ok());
  CHECK(
      (decoded->source == CharsetSource::kDefault || decoded->source == CharsetSource::kDetected));
  CHECK_FALSE(decoded->text.empty());
  CHECK(CharsetSourceName(CharsetSource::kDefault) == "default");
}

}  // namespace
}  // namespace tamis
