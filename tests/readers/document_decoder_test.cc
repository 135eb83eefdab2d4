#include "readers/document_decoder.h"

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <map>

#include <catch2/catch.hpp>

#include "readers/file_reader.h"
#include "tests/readers/read_all.h"

namespace tamis {
namespace {

using testing::ReadAll;
using testing::ReadResult;

const std::string kData = std::string(TAMIS_TEST_DATA) + "/readers/";

TEST_CASE("JSONL reading keeps good lines and counts each kind of bad one", "[readers]") {
  ReadResult r = ReadAll(kData + "mixed.jsonl");
  REQUIRE(r.status.ok());
  REQUIRE(r.documents.size() == 5);
  CHECK(r.documents[0].id == "en-US-0");
  CHECK(r.documents[0].text.rfind("A GNU/Linux distribution has two main objectives", 0) == 0);
  CHECK(r.documents[0].metadata.GetString("url") ==
        "http://127.0.0.1:8731/en-US/sect.role-of-distributions.html");
  CHECK(r.documents[0].metadata.GetString("source") == "debian-handbook");
  CHECK(r.documents[3].id == "42");
  // No id: a deterministic one from file and line.
  CHECK(r.documents[4].id == kData + "mixed.jsonl:9");
  CHECK(r.skipped["jsonl_bad_json"] == 1);
  CHECK(r.skipped["jsonl_invalid_utf8"] == 1);
  CHECK(r.skipped["jsonl_missing_text"] == 1);
  REQUIRE(r.messages.size() == 3);
  CHECK(r.messages[0].find("mixed.jsonl line 5") != std::string::npos);
}

TEST_CASE("JSONL reading in strict mode stops at the first bad line, naming it", "[readers]") {
  ReaderOptions options;
  options.strict = true;
  ReadResult r = ReadAll(kData + "mixed.jsonl", options);
  REQUIRE_FALSE(r.status.ok());
  CHECK(r.status.message().find("mixed.jsonl line 5") != std::string::npos);
}

TEST_CASE("JSONL reading honours configured id and text fields", "[readers]") {
  ReaderOptions options;
  options.text_field = "content";
  options.id_field = "id";
  ReadResult r = ReadAll(kData + "mixed.jsonl", options);
  REQUIRE(r.status.ok());
  REQUIRE(r.documents.size() == 1);
  CHECK(r.documents[0].id == "no-text");
  CHECK(r.documents[0].text == "Debian");
}

TEST_CASE("The Stack's JSONL layout maps content, path, language, repository and licence",
          "[readers][code]") {
  std::string path = "/tmp/tamis-stack-" + std::to_string(::getpid()) + ".jsonl";
  {
    std::ofstream out(path);
    out << R"({"content":"import os\nprint(os.getcwd())\n","path":"tools/cwd.py",)"
        << R"("repo_name":"debian/devscripts","lang":"Python","license":"GPL-2.0"})"
        << "\n"
        << R"({"content":"int main() { return 0; }\n","path":"src/main.c",)"
        << R"("repo_name":"gnu/hello","license":"GPL-3.0"})"
        << "\n"
        << R"({"content":"module.exports = 1;\n","path":"web/node_modules/x/index.js",)"
        << R"("repo_name":"a/b","lang":"JavaScript"})"
        << "\n";
  }
  ReaderOptions options;
  options.layout = JsonlLayout::kTheStack;
  ReadResult r = ReadAll(path, options);
  std::remove(path.c_str());
  REQUIRE(r.status.ok());
  REQUIRE(r.documents.size() == 2);
  CHECK(r.documents[0].id == "debian/devscripts/tools/cwd.py");
  CHECK(r.documents[0].text == "import os\nprint(os.getcwd())\n");
  CHECK(r.documents[0].metadata.GetString("programming_language") == "Python");
  CHECK(r.documents[0].metadata.GetString("license") == "GPL-2.0");
  CHECK(r.documents[1].metadata.GetString("programming_language") == "C");  // From the path.
  CHECK(r.skipped["code_vendored"] == 1);
}

TEST_CASE("WARC reading keeps HTML 200 responses and counts everything else", "[readers]") {
  ReadResult r = ReadAll(kData + "handbook.warc.gz");
  REQUIRE(r.status.ok());
  REQUIRE(r.documents.size() == 9);
  CHECK(r.skipped["warc_request"] == 14);
  CHECK(r.skipped["warcinfo"] == 1);
  CHECK(r.skipped["warc_metadata"] == 1);
  CHECK(r.skipped["warc_resource"] == 2);
  CHECK(r.skipped["http_client_error"] == 2);
  CHECK(r.skipped["http_redirect"] == 1);
  CHECK(r.skipped["not_html"] == 2);
  const Document* french = nullptr;
  const Document* latin1 = nullptr;
  for (const Document& d : r.documents) {
    CHECK(d.payload == Payload::kText);
    CHECK(d.metadata.GetString("warc_file") == "handbook.warc.gz");
    CHECK(d.metadata.Find("warc_offset")->is_int());
    CHECK(!d.metadata.GetString("title").empty());
    std::string_view url = d.metadata.GetString("url");
    if (url.find("/fr-FR/") != std::string_view::npos) french = &d;
    if (url.find("/fr-latin1/") != std::string_view::npos) latin1 = &d;
  }
  REQUIRE(french);
  REQUIRE(latin1);
  CHECK(french->text.find("Une distribution GNU/Linux a deux objectifs principaux") !=
        std::string::npos);
  // The ISO-8859-1 copy decodes to the same French text.
  CHECK(latin1->text.find("Rôle d'une distribution") != std::string::npos);
  CHECK(latin1->metadata.GetString("charset") == "windows-1252");
}

TEST_CASE("WET conversion records become documents named after their page", "[readers]") {
  // The layout Common Crawl's WET files use: a warcinfo record, then one conversion record per
  // page, text/plain, pointing back at the response record it was made from.
  auto record = [](const std::string& type, const std::string& headers, const std::string& body) {
    return "WARC/1.0\r\nWARC-Type: " + type + "\r\n" + headers +
           "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body + "\r\n\r\n";
  };
  std::string wet =
      record("warcinfo", "WARC-Date: 2024-05-01T00:00:00Z\r\n",
             "Software-Info: ia-web-commons\r\n") +
      record("conversion",
             "WARC-Target-URI: http://127.0.0.1:8731/fr-FR/sect.role-of-distributions.html\r\n"
             "WARC-Date: 2024-05-01T00:00:01Z\r\n"
             "WARC-Record-ID: <urn:uuid:0b7e1f7c-0000-4000-8000-000000000001>\r\n"
             "WARC-Refers-To: <urn:uuid:0b7e1f7c-0000-4000-8000-000000000002>\r\n"
             "Content-Type: text/plain\r\n",
             "Rôle d'une distribution\nUne distribution GNU/Linux a deux objectifs principaux.") +
      record("conversion",
             "WARC-Target-URI: http://127.0.0.1:8731/de-DE/\r\nContent-Type: text/plain\r\n",
             std::string("Bad bytes: \xff\xfe end"));
  std::string path = "/tmp/tamis-wet-" + std::to_string(::getpid()) + ".warc.wet";
  std::ofstream(path, std::ios::binary) << wet;
  ReadResult r = ReadAll(path);
  std::remove(path.c_str());
  REQUIRE(r.status.ok());
  REQUIRE(r.documents.size() == 2);
  CHECK(r.skipped["warcinfo"] == 1);
  const Document& fr = r.documents[0];
  CHECK(fr.id == "urn:uuid:0b7e1f7c-0000-4000-8000-000000000001");
  CHECK(fr.text.rfind("Rôle d'une distribution\nUne distribution", 0) == 0);
  CHECK(fr.metadata.GetString("url") ==
        "http://127.0.0.1:8731/fr-FR/sect.role-of-distributions.html");
  CHECK(fr.metadata.GetString("content_type") == "text/plain");
  CHECK(fr.metadata.GetString("warc_refers_to") ==
        "<urn:uuid:0b7e1f7c-0000-4000-8000-000000000002>");
  // Invalid UTF-8 in a text record is repaired, not lost, and the ledger says so.
  const Document& de = r.documents[1];
  CHECK(de.text == "Bad bytes: \xEF\xBF\xBD\xEF\xBF\xBD end");
  REQUIRE(de.ledger.size() == 1);
  CHECK(de.ledger[0].rule == "utf8_repaired");
}

TEST_CASE("A truncated WARC.gz keeps the records before the cut and counts the damage",
          "[readers]") {
  std::ifstream in(kData + "handbook.warc.gz", std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), {});
  std::string path = "/tmp/tamis-cut-" + std::to_string(::getpid()) + ".warc.gz";
  std::ofstream(path, std::ios::binary) << bytes.substr(0, bytes.size() * 2 / 3);
  ReadResult r = ReadAll(path);
  std::remove(path.c_str());
  REQUIRE(r.status.ok());
  CHECK(r.documents.size() >= 4);
  CHECK(r.documents.size() < 9);
  CHECK(r.skipped["corrupt_stream"] + r.skipped["warc_truncated"] >= 1);
}

TEST_CASE("A missing input file is an error, never a silent skip", "[readers]") {
  ReadResult r = ReadAll("/nonexistent/crawl.warc.gz");
  CHECK(r.status.code() == StatusCode::kNotFound);
}

TEST_CASE("An input of unknown format is refused with the formats tamis reads", "[readers]") {
  auto format = FormatOf(kData + "README.md");
  REQUIRE_FALSE(format.ok());
  CHECK(format.status().message().find(".warc") != std::string::npos);
}

}  // namespace
}  // namespace tamis
