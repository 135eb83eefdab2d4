#include "readers/warc_record_reader.h"

#include <map>

#include <catch2/catch.hpp>

#include "io/output_file.h"
#include "tests/io/temp_dir.h"

namespace tamis {
namespace {

const std::string kHandbook = std::string(TAMIS_TEST_DATA) + "/readers/handbook.warc.gz";

std::string Record(const std::string& type, const std::string& uri, const std::string& block) {
  return "WARC/1.1\r\nWARC-Type: " + type + "\r\nWARC-Target-URI: " + uri +
         "\r\nContent-Length: " + std::to_string(block.size()) + "\r\n\r\n" + block + "\r\n\r\n";
}

TEST_CASE("WARC reader frames every record of a real wget crawl", "[readers][warc]") {
  auto reader = WarcRecordReader::Open(kHandbook);
  REQUIRE(reader.ok());
  std::map<std::string, int> types;
  WarcRecord record;
  std::vector<uint64_t> offsets;
  while (true) {
    auto more = (*reader)->Next(&record);
    REQUIRE(more.ok());
    if (!*more) break;
    ++types[std::string(record.type())];
    offsets.push_back(record.offset);
    CHECK(record.version == "WARC/1.0");
    CHECK(std::to_string(record.block.size()) == record.Header("content-length"));
  }
  // The fixture's README lists what wget wrote.
  CHECK(types["warcinfo"] == 1);
  CHECK(types["request"] == 14);
  CHECK(types["response"] == 14);
  CHECK(types["metadata"] == 1);
  CHECK(types["resource"] == 2);
  CHECK((*reader)->skipped_records() == 0);
  // One gzip member per record: offsets are distinct, increasing member starts.
  for (size_t i = 1; i < offsets.size(); ++i) CHECK(offsets[i] > offsets[i - 1]);
}

TEST_CASE("WARC reader strips the angle brackets wget puts around target URIs", "[readers]") {
  WarcRecord record;
  record.headers = {{"WARC-Target-URI", "<http://127.0.0.1:8731/en-US/>"}};
  CHECK(record.target_uri() == "http://127.0.0.1:8731/en-US/");
  record.headers = {{"WARC-Target-URI", "https://example.org/a?b"}};
  CHECK(record.target_uri() == "https://example.org/a?b");
}

TEST_CASE("WARC reader skips a malformed record, resyncs and reports it", "[readers][warc]") {
  testing::TempDir dir;
  std::string good1 = Record("response", "http://a.example/", "HTTP/1.1 200 OK\r\n\r\nhello");
  std::string bad = "WARC/1.1\r\nWARC-Type: response\r\nContent-Length: twelve\r\n\r\nabc\r\n\r\n";
  std::string garbage = "this is not a WARC header at all\r\n";
  std::string good2 = Record("conversion", "http://b.example/", "Bonjour le monde");
  std::string path = dir.Write("x.warc", good1 + bad + garbage + good2);
  std::vector<std::string> reasons;
  WarcReaderOptions options;
  options.on_skip = [&](std::string_view reason, const std::string& message) {
    reasons.emplace_back(reason);
    CHECK(message.find("x.warc") != std::string::npos);
  };
  auto reader = WarcRecordReader::Open(path, options);
  REQUIRE(reader.ok());
  WarcRecord record;
  REQUIRE(*(*reader)->Next(&record));
  CHECK(record.target_uri() == "http://a.example/");
  REQUIRE(*(*reader)->Next(&record));
  CHECK(record.target_uri() == "http://b.example/");
  CHECK(record.block == "Bonjour le monde");
  CHECK_FALSE(*(*reader)->Next(&record));
  CHECK(reasons.size() == 1);
  CHECK(reasons[0] == "warc_malformed_header");
}

TEST_CASE("WARC reader in strict mode fails on the first malformed record", "[readers][warc]") {
  testing::TempDir dir;
  std::string path = dir.Write("x.warc", "WARC/1.0\r\nWARC-Type: response\r\n\r\nabc\r\n\r\n");
  WarcReaderOptions options;
  options.strict = true;
  auto reader = WarcRecordReader::Open(path, options);
  WarcRecord record;
  auto more = (*reader)->Next(&record);
  REQUIRE_FALSE(more.ok());
  CHECK(more.status().code() == StatusCode::kCorruption);
  CHECK(more.status().message().find("offset 0") != std::string::npos);
}

TEST_CASE("WARC reader reports a record cut by the end of the file", "[readers][warc]") {
  testing::TempDir dir;
  std::string whole = Record("response", "http://a.example/", std::string(1000, 'x'));
  std::string path = dir.Write("cut.warc", whole.substr(0, whole.size() - 500));
  std::vector<std::string> reasons;
  WarcReaderOptions options;
  options.on_skip = [&](std::string_view reason, const std::string&) {
    reasons.emplace_back(reason);
  };
  auto reader = WarcRecordReader::Open(path, options);
  WarcRecord record;
  CHECK_FALSE(*(*reader)->Next(&record));
  REQUIRE(reasons.size() == 1);
  CHECK(reasons[0] == "warc_truncated");
}

TEST_CASE("WARC reader skips records above the size cap without holding them", "[readers]") {
  testing::TempDir dir;
  std::string path =
      dir.Write("big.warc", Record("response", "http://big/", std::string(5000, 'b')) +
                                Record("response", "http://small/", "ok"));
  WarcReaderOptions options;
  options.max_record_bytes = 1000;
  std::vector<std::string> reasons;
  options.on_skip = [&](std::string_view reason, const std::string&) {
    reasons.emplace_back(reason);
  };
  auto reader = WarcRecordReader::Open(path, options);
  WarcRecord record;
  REQUIRE(*(*reader)->Next(&record));
  CHECK(record.target_uri() == "http://small/");
  CHECK(reasons == std::vector<std::string>{"warc_record_too_large"});
}

}  // namespace
}  // namespace tamis
