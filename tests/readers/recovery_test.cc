// Damaged inputs built from real files: every intact record must come out byte-identical to
// the undamaged run, and each loss must be counted by reason.
#include <zlib.h>
#include <zstd.h>

#include <map>
#include <set>

#include <catch2/catch.hpp>

#include "readers/file_reader.h"
#include "readers/reader_source.h"
#include "readers/warc_record_reader.h"
#include "tests/io/temp_dir.h"
#include "tests/readers/read_all.h"

#include "tests/io/gzip_members.h"

namespace tamis {
namespace {

using testing::Gunzip;
using testing::Gzip;
using testing::ReadRaw;
using testing::TempDir;

const std::string kHandbook = std::string(TAMIS_TEST_DATA) + "/readers/handbook.warc.gz";
const std::string kMixed = std::string(TAMIS_TEST_DATA) + "/readers/mixed.jsonl";

// A zstd frame with a checksum, as the zstd tool writes by default.
std::string ZstdFrame(std::string_view data) {
  ZSTD_CCtx* c = ZSTD_createCCtx();
  ZSTD_CCtx_setParameter(c, ZSTD_c_checksumFlag, 1);
  std::string out(ZSTD_compressBound(data.size()), '\0');
  out.resize(ZSTD_compress2(c, out.data(), out.size(), data.data(), data.size()));
  ZSTD_freeCCtx(c);
  return out;
}

// Overwrites `n` bytes at `at` with a pattern no deflate or zstd stream survives unnoticed.
std::string Damage(std::string bytes, size_t at, size_t n) {
  for (size_t i = 0; i < n && at + i < bytes.size(); ++i) bytes[at + i] ^= 0x5a;
  return bytes;
}

// What a read gave: record id -> block, in order, and the skips by reason.
struct Read {
  std::vector<std::pair<std::string, std::string>> records;
  std::map<std::string, int> reasons;
  std::vector<std::string> messages;
  Status status;
};

Read ReadWarc(const std::string& path, WarcReaderOptions options = {}) {
  Read r;
  options.on_skip = [&](std::string_view reason, const std::string& message) {
    ++r.reasons[std::string(reason)];
    r.messages.push_back(message);
  };
  auto reader = WarcRecordReader::Open(path, options);
  REQUIRE(reader.ok());
  WarcRecord record;
  while (true) {
    auto more = (*reader)->Next(&record);
    if (!more.ok()) {
      r.status = more.status();
      break;
    }
    if (!*more) break;
    r.records.emplace_back(std::string(record.Header("WARC-Record-ID")), record.block);
  }
  return r;
}

// The real crawl, one member per record: compressed members and the text each holds.
struct Crawl {
  std::vector<std::string> members;
  std::vector<std::string> texts;
  Read pristine;
};

const Crawl& Handbook() {
  static const Crawl crawl = [] {
    Crawl c;
    c.pristine = ReadWarc(kHandbook);
    std::string bytes = ReadRaw(kHandbook);
    auto reader = WarcRecordReader::Open(kHandbook);
    std::vector<uint64_t> offsets;
    WarcRecord record;
    while (*(*reader)->Next(&record)) offsets.push_back(record.offset);
    offsets.push_back(bytes.size());
    for (size_t i = 0; i + 1 < offsets.size(); ++i) {
      c.members.push_back(bytes.substr(offsets[i], offsets[i + 1] - offsets[i]));
      c.texts.push_back(Gunzip(c.members.back()));
    }
    return c;
  }();
  return crawl;
}

std::string Join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += p;
  return out;
}

// Checks that `got` is the pristine read minus the records numbered in `lost`.
void CheckIntactExcept(const Read& got, const std::set<size_t>& lost) {
  const auto& pristine = Handbook().pristine.records;
  std::vector<std::pair<std::string, std::string>> expected;
  for (size_t i = 0; i < pristine.size(); ++i) {
    if (!lost.count(i)) expected.push_back(pristine[i]);
  }
  REQUIRE(got.records.size() == expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    CHECK(got.records[i].first == expected[i].first);
    CHECK(got.records[i].second == expected[i].second);
  }
}

// The largest record in the middle of the crawl, so damage lands in its deflate data.
size_t MiddleRecord() {
  const auto& members = Handbook().members;
  size_t best = members.size() / 3;
  for (size_t i = members.size() / 3; i < 2 * members.size() / 3; ++i) {
    if (members[i].size() > members[best].size()) best = i;
  }
  return best;
}

// The record `text` with its WARC Content-Length set to `length`.
std::string SetContentLength(const std::string& text, long length) {
  size_t at = text.find("Content-Length: ") + 16;
  size_t end = text.find('\r', at);
  return text.substr(0, at) + std::to_string(length) + text.substr(end);
}

std::string WithContentLength(const std::string& text, long delta) {
  size_t at = text.find("Content-Length: ") + 16;
  return SetContentLength(text, std::stol(text.substr(at)) + delta);
}

TEST_CASE("The handbook crawl has one record per gzip member", "[readers][recovery]") {
  REQUIRE(Handbook().members.size() == 32);
  REQUIRE(Handbook().pristine.records.size() == 32);
  CHECK(Handbook().pristine.reasons.empty());
}

TEST_CASE("A corrupt gzip member in the middle of a WARC.gz costs only its own record",
          "[readers][recovery]") {
  TempDir dir;
  size_t k = MiddleRecord();
  std::vector<std::string> members = Handbook().members;
  members[k] = Damage(members[k], members[k].size() / 2, 32);
  Read got = ReadWarc(dir.Write("hole.warc.gz", Join(members)));
  REQUIRE(got.status.ok());
  CheckIntactExcept(got, {k});
  CHECK(got.reasons["gzip_corrupt_member"] == 1);
  bool named = false;
  for (const auto& m : got.messages) {
    named |= m.find("hole.warc.gz") != std::string::npos &&
             m.find("compressed offset") != std::string::npos &&
             m.find("skipped") != std::string::npos;
  }
  CHECK(named);
}

TEST_CASE("Every page document of a WARC.gz with a hole comes out as in the undamaged run",
          "[readers][recovery]") {
  TempDir dir;
  size_t k = MiddleRecord();
  std::vector<std::string> members = Handbook().members;
  members[k] = Damage(members[k], members[k].size() / 2, 32);
  testing::ReadResult pristine = testing::ReadAll(kHandbook);
  testing::ReadResult got = testing::ReadAll(dir.Write("hole.warc.gz", Join(members)));
  REQUIRE(pristine.status.ok());
  REQUIRE(got.status.ok());
  // The damaged record is a page: one document fewer, every other one byte-identical.
  REQUIRE(got.documents.size() + 1 == pristine.documents.size());
  size_t j = 0;
  for (const Document& doc : got.documents) {
    while (j < pristine.documents.size() && pristine.documents[j].id != doc.id) ++j;
    REQUIRE(j < pristine.documents.size());
    CHECK(doc.text == pristine.documents[j].text);
    CHECK(doc.metadata.GetString("url") == pristine.documents[j].metadata.GetString("url"));
  }
  CHECK(got.skipped["gzip_corrupt_member"] == 1);
}

TEST_CASE("The reader report counts a damaged member by reason and its bytes",
          "[readers][recovery]") {
  TempDir dir;
  size_t k = MiddleRecord();
  std::vector<std::string> members = Handbook().members;
  members[k] = Damage(members[k], members[k].size() / 2, 32);
  std::string path = dir.Write("hole.warc.gz", Join(members));
  ReaderOptions options;
  std::vector<std::string> messages;
  options.on_skip = [&](std::string_view, const std::string& m) { messages.push_back(m); };
  ReaderSource source({path}, options);
  DocumentBatch batch;
  while (*source.NextBatch(&batch)) {
  }
  Value report = source.Report();
  CHECK(report.Find("skipped")->Find("gzip_corrupt_member")->as_int() == 1);
  CHECK(report.Find("damaged_bytes")->as_int() == static_cast<int64_t>(members[k].size()));
  REQUIRE(!messages.empty());
  CHECK(messages[0].find(path) != std::string::npos);

  options.strict = true;
  ReaderSource strict({path}, options);
  Result<bool> more = true;
  while (more.ok() && *more) more = strict.NextBatch(&batch);
  CHECK(more.status().code() == StatusCode::kCorruption);
}

TEST_CASE("One flipped bit in any gzip member costs only that member's record",
          "[readers][recovery]") {
  TempDir dir;
  for (size_t k = 0; k < Handbook().members.size(); ++k) {
    std::vector<std::string> members = Handbook().members;
    members[k][members[k].size() / 2] ^= 1;
    Read got = ReadWarc(dir.Write("bit.warc.gz", Join(members)));
    INFO("member " << k);
    REQUIRE(got.status.ok());
    CheckIntactExcept(got, {k});
  }
}

TEST_CASE("A gzip member with a damaged header costs only its own record", "[readers][recovery]") {
  TempDir dir;
  size_t k = MiddleRecord();
  std::vector<std::string> members = Handbook().members;
  members[k] = Damage(members[k], 0, 4);
  Read got = ReadWarc(dir.Write("header.warc.gz", Join(members)));
  REQUIRE(got.status.ok());
  CheckIntactExcept(got, {k});
  CHECK(got.reasons["gzip_corrupt_member"] == 1);
}

TEST_CASE("A WARC.gz whose first gzip header is damaged still yields every later record",
          "[readers][recovery]") {
  TempDir dir;
  std::vector<std::string> members = Handbook().members;
  members[0] = Damage(members[0], 0, 2);
  Read got = ReadWarc(dir.Write("first.warc.gz", Join(members)));
  REQUIRE(got.status.ok());
  CheckIntactExcept(got, {0});
  CHECK(got.reasons["gzip_corrupt_member"] == 1);
}

TEST_CASE("In strict mode a corrupt gzip member is fatal", "[readers][recovery]") {
  TempDir dir;
  size_t k = MiddleRecord();
  std::vector<std::string> members = Handbook().members;
  members[k] = Damage(members[k], members[k].size() / 2, 32);
  WarcReaderOptions strict;
  strict.strict = true;
  Read got = ReadWarc(dir.Write("hole.warc.gz", Join(members)), strict);
  CHECK(got.status.code() == StatusCode::kCorruption);
  CHECK(got.records.size() <= k);
}

TEST_CASE("Stray newlines after the last gzip member lose nothing, even in strict mode",
          "[readers][recovery]") {
  TempDir dir;
  std::string path = dir.Write("stray.warc.gz", ReadRaw(kHandbook) + "\r\n\n");
  Read got = ReadWarc(path);
  REQUIRE(got.status.ok());
  CheckIntactExcept(got, {});
  CHECK(got.reasons["gzip_trailing_bytes"] == 1);
  WarcReaderOptions strict;
  strict.strict = true;
  Read strict_read = ReadWarc(path, strict);
  REQUIRE(strict_read.status.ok());
  CheckIntactExcept(strict_read, {});
}

TEST_CASE("Garbage after the last gzip member is counted and every record kept",
          "[readers][recovery]") {
  TempDir dir;
  Read got = ReadWarc(dir.Write("junk.warc.gz", ReadRaw(kHandbook) + "<html>oops</html>"));
  REQUIRE(got.status.ok());
  CheckIntactExcept(got, {});
  CHECK(got.reasons["gzip_trailing_bytes"] == 1);
}

TEST_CASE("A WARC.gz cut inside a member keeps every record before the cut",
          "[readers][recovery]") {
  TempDir dir;
  size_t k = MiddleRecord();
  std::vector<std::string> members(Handbook().members.begin(), Handbook().members.begin() + k);
  std::string cut =
      Join(members) + Handbook().members[k].substr(0, Handbook().members[k].size() / 2);
  Read got = ReadWarc(dir.Write("cut.warc.gz", cut));
  REQUIRE(got.status.ok());
  std::set<size_t> lost;
  for (size_t i = k; i < Handbook().members.size(); ++i) lost.insert(i);
  CheckIntactExcept(got, lost);
  CHECK(got.reasons["gzip_truncated"] == 1);
}

TEST_CASE("A record whose Content-Length runs past its gzip member loses only itself",
          "[readers][recovery]") {
  TempDir dir;
  size_t k = MiddleRecord();
  std::vector<std::string> members = Handbook().members;
  members[k] = Gzip(WithContentLength(Handbook().texts[k], 57));
  Read got = ReadWarc(dir.Write("long.warc.gz", Join(members)));
  REQUIRE(got.status.ok());
  CheckIntactExcept(got, {k});
  CHECK(got.reasons["warc_crosses_member"] == 1);
}

TEST_CASE("A Content-Length slightly too large never pastes the next record into the text",
          "[readers][recovery]") {
  TempDir dir;
  size_t k = MiddleRecord();
  std::vector<std::string> texts = Handbook().texts;
  texts[k] = WithContentLength(texts[k], 57);
  Read got = ReadWarc(dir.Write("long.warc", Join(texts)));
  REQUIRE(got.status.ok());
  CheckIntactExcept(got, {k});
  CHECK(got.reasons["warc_bad_content_length"] == 1);
}

TEST_CASE("A Content-Length too small costs only the lying record", "[readers][recovery]") {
  TempDir dir;
  size_t k = MiddleRecord();
  std::vector<std::string> texts = Handbook().texts;
  texts[k] = WithContentLength(texts[k], -57);
  Read got = ReadWarc(dir.Write("short.warc", Join(texts)));
  REQUIRE(got.status.ok());
  CheckIntactExcept(got, {k});
  CHECK(got.reasons["warc_bad_content_length"] == 1);
}

TEST_CASE("A Content-Length one past the end of the file loses no later record",
          "[readers][recovery]") {
  TempDir dir;
  size_t k = MiddleRecord();
  std::vector<std::string> texts = Handbook().texts;
  std::string tail = Join({texts.begin() + k + 1, texts.end()});
  // However many digits the length has, the bytes from the block's start to the end of the
  // file stay the same.
  texts[k] = SetContentLength(texts[k], 0);
  size_t to_end = texts[k].size() - (texts[k].find("\r\n\r\n") + 4) + tail.size();
  texts[k] = SetContentLength(texts[k], static_cast<long>(to_end + 1));
  Read got = ReadWarc(dir.Write("past.warc", Join(texts)));
  REQUIRE(got.status.ok());
  CheckIntactExcept(got, {k});
  CHECK(got.reasons["warc_bad_content_length"] == 1);
}

TEST_CASE("Garbage after the last record of an uncompressed WARC loses nothing",
          "[readers][recovery]") {
  TempDir dir;
  Read got = ReadWarc(dir.Write("tail.warc", Join(Handbook().texts) + "\xff"
                                                                      "1\xff\n\n"));
  REQUIRE(got.status.ok());
  CheckIntactExcept(got, {});
  CHECK(got.reasons["warc_trailing_bytes"] == 1);
}

TEST_CASE("Garbled blank lines between WARC records cost only the record before them",
          "[readers][recovery]") {
  TempDir dir;
  size_t k = MiddleRecord();
  std::vector<std::string> texts = Handbook().texts;
  texts[k] = Damage(texts[k], texts[k].size() - 4, 4);  // The CRLF CRLF after its block.
  Read got = ReadWarc(dir.Write("garbled.warc", Join(texts)));
  REQUIRE(got.status.ok());
  CheckIntactExcept(got, {k});
  CHECK(got.reasons["warc_bad_content_length"] == 1);
}

TEST_CASE("A damaged version line costs its own record, not the one before",
          "[readers][recovery]") {
  TempDir dir;
  size_t k = MiddleRecord();
  std::vector<std::string> texts = Handbook().texts;
  texts[k] = Damage(texts[k], 3, 1);  // "WARC/1.0" -> "WARB/1.0".
  Read got = ReadWarc(dir.Write("version.warc", Join(texts)));
  REQUIRE(got.status.ok());
  CheckIntactExcept(got, {k});
  CHECK(got.reasons["warc_malformed_header"] == 1);
}

TEST_CASE("A header line longer than the cap is a malformed record, not held in memory",
          "[readers][recovery]") {
  TempDir dir;
  size_t k = MiddleRecord();
  std::vector<std::string> texts = Handbook().texts;
  size_t at = texts[k].find("\r\n") + 2;
  texts[k].insert(at, "WARC-Comment: " + std::string(100000, 'x') + "\r\n");
  WarcReaderOptions options;
  options.max_header_line = 4096;
  Read got = ReadWarc(dir.Write("header.warc", Join(texts)), options);
  REQUIRE(got.status.ok());
  CheckIntactExcept(got, {k});
  CHECK(got.reasons["warc_malformed_header"] == 1);
}

TEST_CASE("A corrupt frame of a multi-frame WARC.zst costs only its own record",
          "[readers][recovery]") {
  TempDir dir;
  size_t k = MiddleRecord();
  std::vector<std::string> frames;
  for (const auto& text : Handbook().texts) frames.push_back(ZstdFrame(text));
  frames[k] = Damage(frames[k], frames[k].size() / 2, 32);
  Read got = ReadWarc(dir.Write("hole.warc.zst", Join(frames)));
  REQUIRE(got.status.ok());
  CheckIntactExcept(got, {k});
  CHECK(got.reasons["zstd_corrupt_frame"] == 1);
}

TEST_CASE("A corrupt single-frame WARC.zst keeps what was decoded and reports the offset",
          "[readers][recovery]") {
  TempDir dir;
  std::string frame = ZstdFrame(Join(Handbook().texts));
  // Near the end of the frame: in its last block, after blocks that decode.
  size_t at = frame.size() - frame.size() / 10;
  Read got = ReadWarc(dir.Write("one.warc.zst", Damage(frame, at, 32)));
  REQUIRE(got.status.ok());
  CHECK(got.reasons["zstd_corrupt_frame"] == 1);
  REQUIRE(!got.records.empty());
  const auto& pristine = Handbook().pristine.records;
  for (size_t i = 0; i + 1 < got.records.size(); ++i) CHECK(got.records[i] == pristine[i]);
  bool offset = false;
  for (const auto& m : got.messages) offset |= m.find("compressed offset") != std::string::npos;
  CHECK(offset);
}

TEST_CASE("Garbage after the last zstd frame loses nothing", "[readers][recovery]") {
  TempDir dir;
  std::vector<std::string> frames;
  for (const auto& text : Handbook().texts) frames.push_back(ZstdFrame(text));
  Read got = ReadWarc(dir.Write("stray.warc.zst", Join(frames) + "\n\n"));
  REQUIRE(got.status.ok());
  CheckIntactExcept(got, {});
  CHECK(got.reasons["zstd_trailing_bytes"] == 1);
}

// The JSONL lines a read gives, with skips by reason.
struct Lines {
  std::vector<std::string> lines;
  std::map<std::string, uint64_t> skipped;
  Status status;
};

Lines ReadJsonl(const std::string& path) {
  Lines r;
  ReaderOptions options;
  auto reader = FileReader::Open(path, options);
  REQUIRE(reader.ok());
  Document doc;
  while (true) {
    auto more = (*reader)->Next(&doc);
    if (!more.ok()) {
      r.status = more.status();
      break;
    }
    if (!*more) break;
    r.lines.push_back(doc.text);
  }
  r.skipped = (*reader)->skipped();
  return r;
}

std::vector<std::string> MixedLines() {
  std::string text = ReadRaw(kMixed);
  std::vector<std::string> lines;
  for (size_t at = 0; at < text.size();) {
    size_t nl = text.find('\n', at);
    lines.push_back(text.substr(at, nl - at));
    at = nl + 1;
  }
  return lines;
}

TEST_CASE("A corrupt member of a multi-member JSONL.gz costs only its lines",
          "[readers][recovery]") {
  TempDir dir;
  std::vector<std::string> lines = MixedLines();
  std::vector<std::string> members;
  for (const auto& line : lines) members.push_back(Gzip(line + "\n"));
  members[2] = Damage(members[2], members[2].size() / 2, 16);
  Lines got = ReadJsonl(dir.Write("hole.jsonl.gz", Join(members)));
  REQUIRE(got.status.ok());
  std::vector<std::string> expected;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i != 2 && !lines[i].empty()) expected.push_back(lines[i]);
  }
  CHECK(got.lines == expected);
  CHECK(got.skipped["gzip_corrupt_member"] == 1);
}

TEST_CASE("A line glued across damaged JSONL.gz data is skipped", "[readers][recovery]") {
  TempDir dir;
  std::vector<std::string> lines = MixedLines();
  // Members cut mid-line: the damaged member's head of a line would join the next member's tail.
  std::string text = ReadRaw(kMixed);
  size_t third = text.size() / 3;
  std::vector<std::string> members = {Gzip(text.substr(0, third)), Gzip(text.substr(third, third)),
                                      Gzip(text.substr(2 * third))};
  members[1] = Damage(members[1], members[1].size() / 2, 16);
  Lines got = ReadJsonl(dir.Write("glued.jsonl.gz", Join(members)));
  REQUIRE(got.status.ok());
  CHECK(got.skipped["gzip_corrupt_member"] == 1);
  CHECK(got.skipped["jsonl_damaged_line"] == 1);
  // Every line returned is a real line of the file.
  std::set<std::string> real(lines.begin(), lines.end());
  for (const auto& line : got.lines) CHECK(real.count(line) == 1);
  CHECK(got.lines.back() == lines.back());
}

TEST_CASE("Stray newlines after a JSONL.gz lose no line", "[readers][recovery]") {
  TempDir dir;
  std::string text = ReadRaw(kMixed);
  Lines got = ReadJsonl(dir.Write("stray.jsonl.gz", Gzip(text) + "\n\n"));
  REQUIRE(got.status.ok());
  std::vector<std::string> expected;
  for (const auto& line : MixedLines()) {
    if (!line.empty()) expected.push_back(line);
  }
  CHECK(got.lines == expected);
  CHECK(got.skipped["gzip_trailing_bytes"] == 1);
}

}  // namespace
}  // namespace tamis
