// Fuzzes WARC framing and response decoding: any byte string, plain or compressed, must be
// read without crashing, hanging or reading out of bounds, and every record the reader returns
// must carry a block of exactly its Content-Length.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "fuzz/memfd_input.h"
#include "pipeline/document.h"
#include "readers/document_decoder.h"
#include "readers/warc_file_reader.h"
#include "readers/warc_record_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  tamis::fuzz::MemfdInput input(data, size);
  tamis::WarcReaderOptions options;
  options.max_record_bytes = 1 << 20;
  auto reader = tamis::WarcRecordReader::Open(input.path(), options);
  if (!reader.ok()) return 0;
  tamis::WarcRecord record;
  for (int i = 0; i < 1000; ++i) {
    auto more = (*reader)->Next(&record);
    if (!more.ok() || !*more) break;
    std::string_view length = record.Header("Content-Length");
    if (std::to_string(record.block.size()) != length &&
        std::strtoull(std::string(length).c_str(), nullptr, 10) != record.block.size()) {
      std::abort();
    }
  }
  // The same bytes through the document path: framing, then parallel-step decoding.
  tamis::ReaderOptions reader_options;
  reader_options.max_record_bytes = 1 << 20;
  auto in = tamis::InputStream::Open(input.path());
  if (!in.ok()) return 0;
  std::string path = input.path();
  tamis::WarcFileReader file(path, std::move(*in), reader_options);
  tamis::DocumentBatch batch;
  for (int i = 0; i < 1000; ++i) {
    tamis::Document doc;
    auto more = file.Next(&doc);
    if (!more.ok() || !*more) break;
    batch.documents.push_back(std::move(doc));
  }
  tamis::DocumentDecoder decoder(reader_options);
  tamis::DocumentDecoder::Scratch scratch;
  (void)decoder.Decode(batch, scratch);
  return 0;
}
