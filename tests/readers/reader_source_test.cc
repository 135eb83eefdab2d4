#include "readers/reader_source.h"

#include <fstream>

#include <catch2/catch.hpp>

#include "tests/io/temp_dir.h"

namespace tamis {
namespace {

const std::string kHandbook = std::string(TAMIS_TEST_DATA) + "/readers/handbook-en-apt-get.html";

// A JSONL file of `n` documents of about `bytes` each, from a real page's text.
std::string WriteDocuments(const testing::TempDir& dir, int n, size_t bytes) {
  std::string page = testing::ReadRaw(kHandbook);
  std::string text;
  for (char c : page) {
    if (c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t') continue;
    text.push_back(c);
    if (text.size() == bytes) break;
  }
  std::string lines;
  for (int i = 0; i < n; ++i) {
    lines += "{\"id\":\"" + std::to_string(i) + "\",\"text\":\"" + text + "\"}\n";
  }
  return dir.Write("docs.jsonl", lines);
}

TEST_CASE("A small input is cut into enough batches to keep every thread busy",
          "[readers][batches]") {
  testing::TempDir dir;
  // 532 documents of 10 KB, one file, as a UDHR-sized input: one 1,024-document batch before.
  const std::string file = WriteDocuments(dir, 532, 10000);
  for (int threads : {2, 8}) {
    const size_t batch_bytes = ReaderSource::BatchBytesFor({file}, threads);
    ReaderOptions options;
    ReaderSource source({file}, options, ReaderSource::kDefaultBatchDocuments, batch_bytes);
    size_t batches = 0, documents = 0;
    for (bool more = true; more;) {
      DocumentBatch batch;
      auto next = source.NextBatch(&batch);
      REQUIRE(next.ok());
      more = *next;
      if (batch.documents.empty()) continue;
      ++batches;
      documents += batch.documents.size();
    }
    CHECK(documents == 532);
    CHECK(batches >= ReaderSource::kBatchesPerThread * static_cast<size_t>(threads));
  }
}

TEST_CASE("Batch sizes stay within their bounds", "[readers][batches]") {
  testing::TempDir dir;
  const std::string tiny = dir.Write("tiny.jsonl", "{\"id\":\"a\",\"text\":\"b\"}\n");
  CHECK(ReaderSource::BatchBytesFor({tiny}, 64) == ReaderSource::kMinBatchBytes);
  CHECK(ReaderSource::BatchBytesFor({"-"}, 2) == ReaderSource::kDefaultBatchBytes);
  CHECK(ReaderSource::BatchBytesFor({dir.File("absent")}, 2) == ReaderSource::kDefaultBatchBytes);
}

}  // namespace
}  // namespace tamis
