// Fuzzes JSONL reading: framing lines from any (possibly compressed) bytes, then parsing each
// line into a document. Every document that survives must have valid UTF-8 text.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "fuzz/jsonl_batch.h"
#include "pipeline/document.h"
#include "readers/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  tamis::ReaderOptions options;
  options.max_record_bytes = 1 << 20;
  tamis::DocumentBatch batch;
  if (!tamis::fuzz::ReadJsonlBatch(data, size, options, 10000, &batch)) return 0;
  for (const tamis::Document& doc : batch.documents) {
    if (!tamis::IsValidUtf8(doc.text)) std::abort();
  }
  return 0;
}
