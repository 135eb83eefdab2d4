#include "dedup/dedup_file.h"

#include <catch2/catch.hpp>

namespace tamis {
namespace {

using dedup_file::Kind;

TEST_CASE("Dedup records and strings round-trip through their files", "[dedup]") {
  const std::vector<uint64_t> words = {9, 1, 12, 0, 12, 5};
  const std::string bytes = SerializeDedupRecords(Kind::kBandKeys, 3, words);
  auto back = ParseDedupRecords(bytes, Kind::kBandKeys, "band.bin");
  REQUIRE(back.ok());
  CHECK(back->band == 3);
  CHECK(back->words == words);

  const std::vector<std::string> ids = {"doc-1", "", "ドキュメント"};
  auto strings = ParseDedupStrings(SerializeDedupStrings(ids), "ids.bin");
  REQUIRE(strings.ok());
  CHECK(*strings == ids);
}

TEST_CASE("A truncated, damaged or foreign dedup file is an error naming it", "[dedup]") {
  const std::string bytes = SerializeDedupRecords(Kind::kEdges, 0, std::vector<uint64_t>{4, 2});
  for (size_t cut : {size_t{0}, size_t{7}, size_t{31}, bytes.size() - 1}) {
    auto truncated = ParseDedupRecords(bytes.substr(0, cut), Kind::kEdges, "edges-00-00001.bin");
    REQUIRE_FALSE(truncated.ok());
    CHECK(truncated.status().code() == StatusCode::kCorruption);
    CHECK(truncated.status().message().find("edges-00-00001.bin") != std::string::npos);
  }
  std::string damaged = bytes;
  damaged[34] ^= 1;
  CHECK(ParseDedupRecords(damaged, Kind::kEdges, "e").status().message().find("checksum") !=
        std::string::npos);
  CHECK(ParseDedupRecords(bytes, Kind::kForest, "e").status().message().find("kind") !=
        std::string::npos);
  CHECK_FALSE(ParseDedupStrings(bytes, "e").ok());
}

TEST_CASE("A missing dedup file says the part that writes it has not run", "[dedup]") {
  auto missing = ReadDedupRecords("/nonexistent/decisions-00000.bin", Kind::kDecisions);
  CHECK(missing.status().code() == StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace tamis
