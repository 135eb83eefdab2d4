#include "io/input_stream.h"

#include <zlib.h>
#include <zstd.h>

#include <catch2/catch.hpp>

#include "io/output_file.h"
#include "tests/io/temp_dir.h"

namespace tamis {
namespace {

using testing::TempDir;

std::string Gzip(const std::string& data) {
  z_stream z{};
  deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, data.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = data.size();
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = out.size();
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string Zstd(const std::string& data) {
  std::string out(ZSTD_compressBound(data.size()), '\0');
  out.resize(ZSTD_compress(out.data(), out.size(), data.data(), data.size(), 3));
  return out;
}

Result<std::string> ReadAll(InputStream& in) {
  std::string out;
  char buf[7];  // Deliberately tiny: exercises every buffer boundary.
  while (true) {
    TAMIS_ASSIGN_OR_RETURN(size_t got, in.Read(buf, sizeof(buf)));
    if (got == 0) return out;
    out.append(buf, got);
  }
}

const std::string kText = "Debian est une distribution GNU/Linux.\nDebian ist frei.\n";

TEST_CASE("Input streams read plain, gzip and zstd files alike", "[io]") {
  TempDir dir;
  for (auto [name, bytes] : {std::pair{"a.txt", kText}, std::pair{"a.gz", Gzip(kText)},
                             std::pair{"a.zst", Zstd(kText)}}) {
    auto in = InputStream::Open(dir.Write(name, bytes));
    REQUIRE(in.ok());
    auto all = ReadAll(**in);
    REQUIRE(all.ok());
    CHECK(*all == kText);
  }
}

TEST_CASE("Input streams recognise compression by content, not by name", "[io]") {
  TempDir dir;
  auto in = InputStream::Open(dir.Write("mislabelled.jsonl", Gzip(kText)));
  REQUIRE(in.ok());
  CHECK((*in)->compression() == Compression::kGzip);
  CHECK(*ReadAll(**in) == kText);
}

TEST_CASE("A plain file named .gz or .zst reads as plain", "[io]") {
  TempDir dir;
  for (const char* name : {"plain.jsonl.gz", "plain.jsonl.zst"}) {
    auto in = InputStream::Open(dir.Write(name, kText));
    REQUIRE(in.ok());
    CHECK((*in)->compression() == Compression::kNone);
    CHECK(*ReadAll(**in) == kText);
  }
}

TEST_CASE("Gzip streams of several members read as one and map offsets to members", "[io]") {
  TempDir dir;
  std::string first = Gzip("record one\n"), second = Gzip("record two\n");
  auto in = InputStream::Open(dir.Write("multi.gz", first + second));
  REQUIRE(in.ok());
  auto all = ReadAll(**in);
  REQUIRE(all.ok());
  CHECK(*all == "record one\nrecord two\n");
  CHECK((*in)->MemberStart(0) == 0);
  CHECK((*in)->MemberStart(11) == first.size());
}

TEST_CASE("A truncated gzip stream returns its intact data, then a corruption error", "[io]") {
  TempDir dir;
  std::string big;
  for (int i = 0; i < 2000; ++i) big += "line " + std::to_string(i) + " of a long text\n";
  std::string gz = Gzip(big);
  auto in = InputStream::Open(dir.Write("cut.gz", gz.substr(0, gz.size() / 2)));
  REQUIRE(in.ok());
  std::string got;
  Status error;
  char buf[4096];
  while (true) {
    auto r = (*in)->Read(buf, sizeof(buf));
    if (!r.ok()) {
      error = r.status();
      break;
    }
    if (*r == 0) break;
    got.append(buf, *r);
  }
  CHECK(error.code() == StatusCode::kCorruption);
  CHECK(error.message().find("cut.gz") != std::string::npos);
  CHECK(error.message().find("truncated") != std::string::npos);
  CHECK(!got.empty());
  CHECK(big.compare(0, got.size(), got) == 0);
}

TEST_CASE("A truncated zstd stream is reported as corruption naming the file", "[io]") {
  TempDir dir;
  std::string big(200000, 'x');
  for (size_t i = 0; i < big.size(); i += 7) big[i] = static_cast<char>('a' + i % 26);
  std::string z = Zstd(big);
  auto in = InputStream::Open(dir.Write("cut.zst", z.substr(0, z.size() - 10)));
  REQUIRE(in.ok());
  auto all = ReadAll(**in);
  REQUIRE_FALSE(all.ok());
  CHECK(all.status().message().find("cut.zst") != std::string::npos);
}

TEST_CASE("Opening a missing file is a not-found error naming it", "[io]") {
  auto in = InputStream::Open("/nonexistent/tamis/input.jsonl");
  REQUIRE_FALSE(in.ok());
  CHECK(in.status().code() == StatusCode::kNotFound);
  CHECK(in.status().message().find("/nonexistent/tamis/input.jsonl") != std::string::npos);
}

}  // namespace
}  // namespace tamis
