// WarcRecordReader: the records of one WARC file (ISO 28500, WARC/1.0 and WARC/1.1).
//
// Reads `.warc` and `.warc.gz` (one gzip member per record, as Common Crawl and wget write, or
// one member for the whole file) and `.warc.zst`; WET and WAT files are WARC files too. A
// record is framed by its version line, its header lines up to an empty line, and a block of
// exactly Content-Length bytes; nothing in the block is interpreted here (see http_response.h
// for response blocks), so framing stays cheap and serial while the block's decoding can run
// in parallel.
//
// Bad input never stops the reader: a record with a malformed header, a missing or invalid
// Content-Length, or a block larger than `max_record_bytes` is skipped, the reader resyncs on
// the next line that starts with "WARC/1.", and `on_skip` is told what was lost and where. A
// truncated file ends the reading after reporting the cut record. With `strict`, the first
// problem is returned as a kCorruption Status instead.
//
// Not thread-safe: one reader per file, records are read in file order.
#ifndef TAMIS_READERS_WARC_RECORD_READER_H_
#define TAMIS_READERS_WARC_RECORD_READER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "io/buffered_reader.h"
#include "pipeline/status.h"

namespace tamis {

struct WarcRecord {
  std::string version;                                       // "WARC/1.0" or "WARC/1.1".
  std::vector<std::pair<std::string, std::string>> headers;  // In file order, values trimmed.
  std::string block;    // The record block, Content-Length bytes.
  uint64_t offset = 0;  // Where the record starts: the gzip member's compressed offset for
                        // .warc.gz (what CDX indexes store), the byte offset otherwise.

  // First header with this name, compared case-insensitively; empty when absent.
  std::string_view Header(std::string_view name) const;
  std::string_view type() const { return Header("WARC-Type"); }
  // WARC-Target-URI without the angle brackets that WARC/1.0 writers such as wget add.
  std::string_view target_uri() const;
};

struct WarcReaderOptions {
  // Records whose block is larger are skipped (counted as "warc_record_too_large"): a 64 MiB
  // page is never training text, and the cap bounds memory per record.
  uint64_t max_record_bytes = uint64_t{64} << 20;
  bool strict = false;
  // Told of each skipped record: a stable reason key ("warc_malformed_header",
  // "warc_truncated", "warc_record_too_large") and a message naming file and offset.
  std::function<void(std::string_view reason, const std::string& message)> on_skip;
};

class WarcRecordReader {
 public:
  static Result<std::unique_ptr<WarcRecordReader>> Open(const std::string& path,
                                                        WarcReaderOptions options = {});
  WarcRecordReader(std::unique_ptr<InputStream> in, WarcReaderOptions options);

  // Fills `record` with the next record; false at the end of the file.
  Result<bool> Next(WarcRecord* record);

  const std::string& path() const { return in_.stream().path(); }
  uint64_t skipped_records() const { return skipped_records_; }
  // Decompressed bytes of input consumed so far.
  uint64_t position() const { return in_.position(); }
  uint64_t compressed_position() { return in_.stream().compressed_position(); }

 private:
  // Reports a skipped record; non-OK in strict mode.
  Status Skip(std::string_view reason, uint64_t offset, const std::string& what);
  // Reads lines until one starts with "WARC/1."; false at end of input.
  Result<bool> Resync(std::string* version_line, uint64_t* line_start);

  BufferedReader in_;
  WarcReaderOptions options_;
  uint64_t skipped_records_ = 0;
  bool pending_version_ = false;  // Resync already consumed the next record's version line.
  std::string pending_line_;
  uint64_t pending_start_ = 0;
};

}  // namespace tamis

#endif  // TAMIS_READERS_WARC_RECORD_READER_H_
