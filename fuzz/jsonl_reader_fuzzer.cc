// Fuzzes JSONL reading: framing lines from any (possibly compressed) bytes, then parsing each
// line into a document. Every document that survives must have valid UTF-8 text.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "fuzz/memfd_input.h"
#include "pipeline/document.h"
#include "readers/document_decoder.h"
#include "readers/jsonl_file_reader.h"
#include "readers/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  tamis::fuzz::MemfdInput input(data, size);
  tamis::ReaderOptions options;
  options.max_record_bytes = 1 << 20;
  auto in = tamis::InputStream::Open(input.path());
  if (!in.ok()) return 0;
  std::string path = input.path();
  tamis::JsonlFileReader reader(path, std::move(*in), options);
  tamis::DocumentBatch batch;
  for (int i = 0; i < 10000; ++i) {
    tamis::Document doc;
    auto more = reader.Next(&doc);
    if (!more.ok() || !*more) break;
    batch.documents.push_back(std::move(doc));
  }
  tamis::DocumentDecoder decoder(options);
  tamis::DocumentDecoder::Scratch scratch;
  if (!decoder.Decode(batch, scratch).ok()) return 0;
  for (const tamis::Document& doc : batch.documents) {
    if (!tamis::IsValidUtf8(doc.text)) std::abort();
  }
  return 0;
}
