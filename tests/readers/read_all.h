// ReadAll: a whole input file read as the graph reads it, for reader tests.
#ifndef TAMIS_TESTS_READERS_READ_ALL_H_
#define TAMIS_TESTS_READERS_READ_ALL_H_

#include <map>
#include <string>
#include <vector>

#include "pipeline/document.h"
#include "readers/document_decoder.h"
#include "readers/reader_options.h"
#include "readers/reader_source.h"

namespace tamis::testing {

// Reads a whole file through the serial framing and the parallel decoding, as the graph does.
struct ReadResult {
  std::vector<Document> documents;
  std::map<std::string, uint64_t> skipped;
  std::vector<std::string> messages;
  Status status;
};

inline ReadResult ReadAll(const std::string& path, ReaderOptions options = {}) {
  ReadResult result;
  options.on_skip = [&](std::string_view, const std::string& m) { result.messages.push_back(m); };
  ReaderSource source({path}, options);
  DocumentDecoder decoder(options);
  DocumentDecoder::Scratch scratch;
  while (true) {
    DocumentBatch batch;
    auto more = source.NextBatch(&batch);
    if (!more.ok()) {
      result.status = more.status();
      return result;
    }
    Status s = decoder.Decode(batch, scratch);
    if (!s.ok()) {
      result.status = s;
      return result;
    }
    for (auto& d : batch.documents) {
      // A record that is not a document is marked for the graph to take out; only counted.
      if (d.verdict == Verdict::kDiscard) continue;
      result.documents.push_back(std::move(d));
    }
    for (auto& [reason, n] : batch.skipped) result.skipped[reason] += n;
    if (!*more) break;
  }
  Value report = source.Report();
  for (const auto& [reason, n] : report.Find("skipped")->as_object()) {
    result.skipped[reason] += n.as_int();
  }
  return result;
}

}  // namespace tamis::testing

#endif  // TAMIS_TESTS_READERS_READ_ALL_H_
