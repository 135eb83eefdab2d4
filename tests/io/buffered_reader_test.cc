#include "io/buffered_reader.h"

#include <catch2/catch.hpp>

#include "tests/io/temp_dir.h"

namespace tamis {
namespace {

using testing::TempDir;

BufferedReader Open(const std::string& path, size_t max_line = BufferedReader::kDefaultMaxLine) {
  return BufferedReader(std::move(InputStream::Open(path).value()), max_line);
}

TEST_CASE("Buffered reader returns lines, including a last line without newline", "[io]") {
  TempDir dir;
  auto in = Open(dir.Write("a.txt", "one\n\nthree\r\nfour"));
  std::string_view line;
  std::vector<std::string> lines;
  while (*in.ReadLine(&line) == BufferedReader::LineStatus::kLine) lines.emplace_back(line);
  CHECK(lines == std::vector<std::string>{"one", "", "three\r", "four"});
}

TEST_CASE("Buffered reader skips a line longer than its cap and goes on", "[io]") {
  TempDir dir;
  auto in = Open(dir.Write("a.txt", "short\n" + std::string(5000, 'y') + "\nafter\n"), 1000);
  std::string_view line;
  CHECK(*in.ReadLine(&line) == BufferedReader::LineStatus::kLine);
  CHECK(line == "short");
  CHECK(*in.ReadLine(&line) == BufferedReader::LineStatus::kTooLong);
  CHECK(*in.ReadLine(&line) == BufferedReader::LineStatus::kLine);
  CHECK(line == "after");
  CHECK(*in.ReadLine(&line) == BufferedReader::LineStatus::kEnd);
}

TEST_CASE("Buffered reader mixes lines and exact-length blocks and tracks position", "[io]") {
  TempDir dir;
  auto in = Open(dir.Write("a.txt", "Content-Length: 5\n\nhello\nnext\n"));
  std::string_view line;
  REQUIRE(*in.ReadLine(&line) == BufferedReader::LineStatus::kLine);
  REQUIRE(*in.ReadLine(&line) == BufferedReader::LineStatus::kLine);
  std::string block;
  CHECK(*in.ReadBlock(5, &block) == 5);
  CHECK(block == "hello");
  CHECK(in.position() == 24);
  REQUIRE(*in.ReadLine(&line) == BufferedReader::LineStatus::kLine);
  CHECK(line.empty());
  REQUIRE(*in.ReadLine(&line) == BufferedReader::LineStatus::kLine);
  CHECK(line == "next");
}

}  // namespace
}  // namespace tamis
