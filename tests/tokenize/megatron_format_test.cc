// The Megatron writer and reader against each other, against hand-computed bytes, against
// corrupted files, and against an independent Python reader (megatron_check.py).
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "tests/tokenize/test_dir.h"
#include "tokenize/megatron_format.h"
#include "tokenize/megatron_reader.h"
#include "tokenize/megatron_writer.h"

namespace tamis::megatron {
namespace {

using testing::ReadFile;
using testing::Run;
using testing::TestDir;
using testing::WriteFile;

// Deterministic documents of varied lengths, including an empty one.
std::vector<std::vector<int32_t>> MakeDocuments(size_t n, int32_t max_id, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<std::vector<int32_t>> docs(n);
  for (size_t d = 0; d < n; ++d) {
    size_t len = d == 3 ? 0 : rng() % 300;
    for (size_t i = 0; i < len; ++i) docs[d].push_back(static_cast<int32_t>(rng() % (max_id + 1)));
  }
  return docs;
}

void WriteDataset(const std::string& prefix, DType dtype,
                  const std::vector<std::vector<int32_t>>& docs) {
  auto w = IndexedDatasetWriter::Create(prefix, dtype);
  REQUIRE(w.ok());
  for (const auto& d : docs) REQUIRE((*w)->AddDocument(d).ok());
  REQUIRE((*w)->Finish().ok());
}

// Runs the independent reader; returns its stdout, or "" with `*exit_code` set on failure.
std::string PythonCheck(const std::string& args, const TestDir& dir, int* exit_code) {
  std::string out = dir / "python.out";
  *exit_code = Run("python3 " TAMIS_TOKENIZE_TEST_DIR "/megatron_check.py " + args + " > " + out +
                   " 2> " + (dir / "python.err"));
  return ReadFile(out);
}

std::string ExpectedDump(const std::string& prefix, std::string_view dtype,
                         const std::vector<std::vector<int32_t>>& docs) {
  uint64_t tokens = 0;
  for (const auto& d : docs) tokens += d.size();
  std::ostringstream s;
  s << "dataset " << prefix << " dtype=" << dtype << " sequences=" << docs.size()
    << " documents=" << docs.size() << " tokens=" << tokens << "\n";
  for (size_t k = 0; k < docs.size(); ++k) {
    s << "doc " << k << ":";
    for (int32_t t : docs[k]) s << " " << t;
    s << "\n";
  }
  return s.str();
}

TEST_CASE("Megatron writer produces the published byte layout", "[megatron]") {
  TestDir dir;
  const std::string prefix = dir / "tiny";
  WriteDataset(prefix, DType::kUint16, {{5, 6, 7}, {}, {65535, 1}});
  std::string idx = ReadFile(prefix + ".idx");
  std::string bin = ReadFile(prefix + ".bin");
  // Hand-assembled from the layout: magic, version 1, dtype 8, 3 sequences, 4 doc indices,
  // lengths 3 0 2, pointers 0 6 6, document indices 0 1 2 3.
  std::string expected("MMIDIDX\0\0", 9);
  auto put = [&](uint64_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) expected.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
  };
  put(1, 8);
  put(8, 1);
  put(3, 8);
  put(4, 8);
  for (uint64_t len : {3, 0, 2}) put(len, 4);
  for (uint64_t ptr : {0, 6, 6}) put(ptr, 8);
  for (uint64_t d : {0, 1, 2, 3}) put(d, 8);
  CHECK(idx == expected);
  CHECK(bin == std::string("\x05\x00\x06\x00\x07\x00\xff\xff\x01\x00", 10));
  // Nothing but the pair is left in the directory (temporaries were renamed or removed).
  size_t files = 0;
  for ([[maybe_unused]] auto& e : std::filesystem::directory_iterator(dir.path())) ++files;
  CHECK(files == 2);
}

TEST_CASE("Megatron reader returns what the writer was given, for both token dtypes",
          "[megatron]") {
  TestDir dir;
  for (DType dtype : {DType::kUint16, DType::kInt32}) {
    const int32_t max_id = dtype == DType::kUint16 ? 65535 : 2000000000;
    auto docs = MakeDocuments(200, max_id, 42);
    const std::string prefix = dir / std::string(DTypeName(dtype));
    WriteDataset(prefix, dtype, docs);
    auto ds = IndexedDataset::Open(prefix);
    REQUIRE(ds.ok());
    CHECK((*ds)->dtype() == dtype);
    REQUIRE((*ds)->document_count() == docs.size());
    REQUIRE((*ds)->sequence_count() == docs.size());
    std::vector<int32_t> tokens;
    std::vector<int64_t> wide;
    for (size_t d = 0; d < docs.size(); ++d) {
      (*ds)->ReadTokens(d, &tokens);
      CHECK(tokens == docs[d]);
      (*ds)->ReadDocument(d, &wide);
      CHECK(std::vector<int32_t>(wide.begin(), wide.end()) == docs[d]);
    }
  }
}

TEST_CASE("Megatron dtype follows Megatron's optimal_dtype bound of 65500", "[megatron]") {
  CHECK(OptimalDType(32000) == DType::kUint16);
  CHECK(OptimalDType(65499) == DType::kUint16);
  CHECK(OptimalDType(65500) == DType::kInt32);
  CHECK(OptimalDType(256000) == DType::kInt32);
}

TEST_CASE("Megatron writer refuses an id its dtype cannot hold", "[megatron]") {
  TestDir dir;
  auto w = IndexedDatasetWriter::Create(dir / "x", DType::kUint16);
  REQUIRE(w.ok());
  std::vector<int32_t> too_big = {1, 65536};
  CHECK((*w)->AddDocument(too_big).code() == StatusCode::kInvalidArgument);
  std::vector<int32_t> negative = {-1};
  CHECK((*w)->AddDocument(negative).code() == StatusCode::kInvalidArgument);
  CHECK((*w)->documents() == 0);
}

TEST_CASE("Megatron writer leaves nothing behind when not finished", "[megatron]") {
  TestDir dir;
  {
    auto w = IndexedDatasetWriter::Create(dir / "abandoned", DType::kInt32);
    REQUIRE(w.ok());
    std::vector<int32_t> ids = {1, 2, 3};
    REQUIRE((*w)->AddDocument(ids).ok());
  }
  CHECK(std::filesystem::is_empty(dir.path()));
}

TEST_CASE("Megatron reader rejects every broken invariant", "[megatron]") {
  TestDir dir;
  const std::string good = dir / "good";
  WriteDataset(good, DType::kUint16, {{1, 2, 3}, {4}, {5, 6}});
  const std::string idx = ReadFile(good + ".idx");
  const std::string bin = ReadFile(good + ".bin");
  REQUIRE(IndexedDataset::Open(good).ok());

  auto patch = [](std::string s, size_t at, uint64_t value, int bytes) {
    for (int i = 0; i < bytes; ++i) s[at + i] = static_cast<char>((value >> (8 * i)) & 0xff);
    return s;
  };
  const size_t lengths = kIndexHeaderSize, pointers = lengths + 3 * 4, docidx = pointers + 3 * 8;
  struct Case {
    const char* name;
    std::string idx, bin;
  } cases[] = {
      {"magic", patch(idx, 0, 'X', 1), bin},
      {"version", patch(idx, 9, 2, 8), bin},
      {"dtype", patch(idx, 17, 9, 1), bin},
      {"sequence_count", patch(idx, 18, 4, 8), bin},
      {"document_count", patch(idx, 26, 3, 8), bin},
      {"truncated_index", idx.substr(0, idx.size() - 1), bin},
      {"trailing_index_bytes", idx + std::string(1, '\0'), bin},
      {"negative_length", patch(idx, lengths, 0xffffffff, 4), bin},
      {"pointer", patch(idx, pointers + 8, 8, 8), bin},
      {"first_document_index", patch(idx, docidx, 1, 8), bin},
      {"decreasing_document_index", patch(idx, docidx + 16, 0, 8), bin},
      {"last_document_index", patch(idx, docidx + 24, 2, 8), bin},
      {"short_bin", idx, bin.substr(0, bin.size() - 2)},
      {"long_bin", idx, bin + std::string(2, '\0')},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    const std::string prefix = dir / c.name;
    WriteFile(prefix + ".idx", c.idx);
    WriteFile(prefix + ".bin", c.bin);
    auto ds = IndexedDataset::Open(prefix);
    CHECK(ds.status().code() == StatusCode::kCorruption);
    // The independent reader must reject it too.
    int code = 0;
    PythonCheck(prefix, dir, &code);
    CHECK(code == 1);
  }
  CHECK(IndexedDataset::Open(dir / "missing").status().code() == StatusCode::kNotFound);
}

TEST_CASE("Independent Python reader validates and reproduces every written shard",
          "[megatron][python]") {
  TestDir dir;
  for (DType dtype : {DType::kUint16, DType::kInt32}) {
    INFO(DTypeName(dtype));
    const int32_t max_id = dtype == DType::kUint16 ? 65535 : 1 << 30;
    auto docs = MakeDocuments(500, max_id, 7);
    ShardOptions options;
    options.dtype = dtype;
    options.max_tokens = 10000;
    const std::string prefix = dir / ("mix_" + std::string(DTypeName(dtype)));
    auto w = ShardWriter::Create(prefix, options);
    REQUIRE(w.ok());
    for (const auto& d : docs) REQUIRE((*w)->AddDocument(d).ok());
    REQUIRE((*w)->Finish().ok());
    const auto& shards = (*w)->shards();
    REQUIRE(shards.size() > 3);  // ~75k tokens at 10k per shard.
    CHECK((*w)->documents() == docs.size());

    size_t next = 0;
    std::string args, expected;
    std::string blend;
    for (size_t s = 0; s < shards.size(); ++s) {
      CHECK(shards[s].prefix == ShardWriter::ShardPrefix(prefix, s));
      CHECK(shards[s].tokens <= options.max_tokens);
      std::vector<std::vector<int32_t>> part(docs.begin() + next,
                                             docs.begin() + next + shards[s].documents);
      next += shards[s].documents;
      args += " " + shards[s].prefix;
      expected += ExpectedDump(shards[s].prefix, DTypeName(dtype), part);
      blend +=
          (blend.empty() ? "" : " ") + std::to_string(shards[s].tokens) + " " + shards[s].prefix;
    }
    CHECK(next == docs.size());
    CHECK((*w)->BlendString() == blend);
    int code = 0;
    std::string dump = PythonCheck(args, dir, &code);
    CHECK(code == 0);
    CHECK(dump == expected);
  }
}

TEST_CASE("Shard writer writes no empty .bin when there is no document", "[megatron]") {
  TestDir dir;
  auto w = ShardWriter::Create(dir / "none", ShardOptions());
  REQUIRE(w.ok());
  REQUIRE((*w)->Finish().ok());
  CHECK((*w)->shards().empty());
  CHECK((*w)->BlendString().empty());
  CHECK(!std::filesystem::exists(ShardWriter::ShardPrefix(dir / "none", 0) + ".bin"));
  CHECK(std::filesystem::is_empty(dir.path()));
}

TEST_CASE("The --data-path blend quotes a prefix with spaces as one shell word", "[megatron]") {
  TestDir dir;
  std::filesystem::create_directories(dir / "my data");
  const std::string prefix = dir / "my data/it's";
  auto w = ShardWriter::Create(prefix, ShardOptions());
  REQUIRE(w.ok());
  REQUIRE((*w)->AddDocument(std::vector<int32_t>{1, 2, 3}).ok());
  REQUIRE((*w)->Finish().ok());
  const std::string blend = (*w)->BlendString();
  // The shell splits the blend back into the weight and the one prefix.
  const std::string command = "for a in " + blend + "; do printf '%s\\n' \"$a\"; done";
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string words;
  char buf[512];
  while (std::fgets(buf, sizeof(buf), pipe) != nullptr) words += buf;
  ::pclose(pipe);
  CHECK(words == "3\n" + ShardWriter::ShardPrefix(prefix, 0) + "\n");
}

TEST_CASE("Shard writer gives an oversized document a shard of its own", "[megatron]") {
  TestDir dir;
  ShardOptions options;
  options.max_bytes = 20;  // 10 uint16 tokens.
  auto w = ShardWriter::Create(dir / "s", options);
  REQUIRE(w.ok());
  std::vector<int32_t> small(4, 1), big(25, 2);
  REQUIRE((*w)->AddDocument(small).ok());
  REQUIRE((*w)->AddDocument(small).ok());
  REQUIRE((*w)->AddDocument(small).ok());  // 12 tokens > 10: new shard.
  REQUIRE((*w)->AddDocument(big).ok());    // Alone.
  REQUIRE((*w)->AddDocument(small).ok());
  REQUIRE((*w)->Finish().ok());
  std::vector<uint64_t> docs;
  for (const auto& s : (*w)->shards()) docs.push_back(s.documents);
  CHECK(docs == std::vector<uint64_t>{2, 1, 1, 1});
}

}  // namespace
}  // namespace tamis::megatron
