#include "io/output_file.h"

#include <filesystem>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "tests/io/temp_dir.h"

namespace tamis {
namespace {

using testing::TempDir;

size_t EntriesIn(const std::string& dir) {
  size_t n = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir)) ++n;
  return n;
}

TEST_CASE("Output files appear only when committed", "[io]") {
  TempDir dir;
  std::string path = dir.File("out.jsonl");
  {
    auto out = OutputFile::Create(path);
    REQUIRE(out.ok());
    REQUIRE((*out)->Write("{\"id\":\"1\"}\n").ok());
    CHECK_FALSE(std::filesystem::exists(path));
    REQUIRE((*out)->Commit().ok());
  }
  CHECK(testing::ReadRaw(path) == "{\"id\":\"1\"}\n");
  CHECK(EntriesIn(dir.path()) == 1);  // No temporary file left behind.
}

TEST_CASE("An output file abandoned before commit leaves nothing behind", "[io]") {
  TempDir dir;
  {
    auto out = OutputFile::Create(dir.File("sub/out.jsonl.zst"));
    REQUIRE(out.ok());
    REQUIRE((*out)->Write("partial").ok());
  }
  CHECK(EntriesIn(dir.File("sub")) == 0);
}

TEST_CASE("Compressed outputs read back through the input stream", "[io]") {
  TempDir dir;
  std::string text;
  for (int i = 0; i < 10000; ++i) text += "Ligne " + std::to_string(i) + " : données réelles\n";
  for (std::string name : {"x.jsonl.gz", "x.jsonl.zst", "x.jsonl"}) {
    REQUIRE(WriteFileAtomically(dir.File(name), text).ok());
    auto back = ReadWholeFile(dir.File(name));
    REQUIRE(back.ok());
    CHECK(*back == text);
  }
  CHECK(std::filesystem::file_size(dir.File("x.jsonl.zst")) < text.size() / 4);
}

TEST_CASE("zstd outputs are the same bytes for any number of compression workers", "[io]") {
  TempDir dir;
  auto page = ReadWholeFile(std::string(TAMIS_TEST_DATA) + "/readers/handbook-en-apt-get.html");
  REQUIRE(page.ok());
  // Several of zstd's multithreaded jobs (8 MiB each at level 3), written line by line as the
  // JSONL writer does.
  std::string text;
  for (int copy = 0; text.size() < (size_t{20} << 20); ++copy) {
    text += std::to_string(copy) + " " + *page + "\n";
  }
  std::vector<std::string> files;
  for (int workers : {0, 1, 2}) {
    std::string path = dir.File("w" + std::to_string(workers) + ".jsonl.zst");
    auto out = OutputFile::Create(path, workers);
    REQUIRE(out.ok());
    for (size_t pos = 0; pos < text.size(); pos += 7919) {
      REQUIRE((*out)->Write(std::string_view(text).substr(pos, 7919)).ok());
    }
    REQUIRE((*out)->Commit().ok());
    auto back = ReadWholeFile(path);
    REQUIRE(back.ok());
    CHECK(*back == text);
    files.push_back(testing::ReadRaw(path));
  }
  CHECK(files[1] == files[2]);
}

TEST_CASE("Writing into a missing, unwritable place is an I/O error naming the path", "[io]") {
  auto out = OutputFile::Create("/proc/tamis-cannot-write-here/out.jsonl");
  REQUIRE_FALSE(out.ok());
  CHECK(out.status().message().find("/proc/tamis-cannot-write-here") != std::string::npos);
}

}  // namespace
}  // namespace tamis
