// What the JSONL fuzzers share: fuzz bytes read as a JSONL file (through a memfd, so the real
// open/sniff/decompress path runs) and decoded into documents, as the pipeline's reader and
// first parallel step do. At most `max_records` records are framed, so an input of many tiny
// lines stays fast.
#ifndef TAMIS_FUZZ_JSONL_BATCH_H_
#define TAMIS_FUZZ_JSONL_BATCH_H_

#include <cstdint>
#include <string>

#include "fuzz/memfd_input.h"
#include "pipeline/document.h"
#include "readers/document_decoder.h"
#include "readers/jsonl_file_reader.h"

namespace tamis::fuzz {

// False when the input cannot be opened or decoding fails as a whole (nothing to check).
inline bool ReadJsonlBatch(const uint8_t* data, size_t size, const ReaderOptions& options,
                           int max_records, DocumentBatch* batch) {
  MemfdInput input(data, size);
  auto in = InputStream::Open(input.path());
  if (!in.ok()) return false;
  std::string path = input.path();
  JsonlFileReader reader(path, std::move(*in), options);
  for (int i = 0; i < max_records; ++i) {
    Document doc;
    auto more = reader.Next(&doc);
    if (!more.ok() || !*more) break;
    batch->documents.push_back(std::move(doc));
  }
  DocumentDecoder decoder(options);
  DocumentDecoder::Scratch scratch;
  return decoder.Decode(*batch, scratch).ok();
}

}  // namespace tamis::fuzz

#endif  // TAMIS_FUZZ_JSONL_BATCH_H_
