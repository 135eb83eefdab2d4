// WarcRecordReader: the records of one WARC file (ISO 28500, WARC/1.0 and WARC/1.1).
//
// Reads `.warc` and `.warc.gz` (one gzip member per record, as Common Crawl and wget write, or
// one member for the whole file) and `.warc.zst`; WET and WAT files are WARC files too. A
// record is framed by its version line, its header lines up to an empty line, and a block of
// exactly Content-Length bytes; nothing in the block is interpreted here (see http_response.h
// for response blocks), so framing stays cheap and serial while the block's decoding can run
// in parallel.
//
// Bad input never stops the reader, and one bad record costs that record only:
//  - a record with a malformed header or a missing or invalid Content-Length is skipped and the
//    reader resyncs on the next line that starts with "WARC/1.";
//  - a Content-Length that does not end the record (the bytes after the block are neither the
//    CRLF CRLF trailer nor blank lines then "WARC/1." or the end of the file) is a lie: the record
//    is skipped and reading goes on at the first "WARC/1." line inside the swallowed bytes (too
//    long) or after them (too short), so the next record's headers never become text and a length
//    past the end of the file loses no later record; bytes after the last record that hold no
//    record are a tail, reported as "warc_trailing_bytes", and cost nothing;
//  - in a compressed file stored one record per gzip member or zstd frame, a member boundary
//    is a record boundary: a record that runs across one is skipped and the next member is read
//    normally; a record read from a member the stream found damaged is skipped, as is any
//    record that spans the point where the stream resumed after damage (see input_stream.h);
//  - a block larger than `max_record_bytes` is skipped (in an uncompressed file, the skip stops
//    early at a "WARC/1." line inside it), and header lines longer than `max_header_line` are
//    malformed, so neither costs memory beyond those caps.
// `on_skip` is told what was lost and where, and every damaged stretch of the compressed
// stream too. A file cut inside a record ends the reading after reporting the cut record. With
// `strict`, the first problem is returned as a kCorruption Status instead.
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
  // Header lines are short (URLs are the longest); a longer line is a malformed header and is
  // never held whole, which bounds the memory a hostile header can take.
  size_t max_header_line = size_t{1} << 20;
  bool strict = false;
  // Told of each skipped record: a stable reason key ("warc_malformed_header",
  // "warc_truncated", "warc_record_too_large", "warc_bad_content_length",
  // "warc_crosses_member", "warc_damaged_member", or a stream damage reason such as
  // "gzip_corrupt_member") and a message naming file and offset.
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
  // Compressed bytes the stream passed over because of damage.
  uint64_t damaged_bytes() const { return in_.stream().skipped_bytes(); }

 private:
  // Reports a skipped record; non-OK in strict mode.
  Status Skip(std::string_view reason, uint64_t offset, const std::string& what);
  // Reads lines until one starts with "WARC/1." (also where a member boundary splits a line)
  // and leaves it unread; false at end of input.
  Result<bool> Resync();
  // Gives back the line just read from `line_start`, with its newline if it had one.
  void UnreadLine(std::string_view line, uint64_t line_start);
  // Reads the block of `length` bytes of the record at `start` into record_block_ (when
  // `keep`; otherwise only past it) in chunks. Stops early, with the rest given back, at a
  // member boundary (`aligned`), at a point where the stream resumed after damage, or (when not
  // kept, in an uncompressed file) at a "WARC/1." line. Returns where it stopped early, or 0.
  Result<uint64_t> ReadBlock(uint64_t start, uint64_t length, bool aligned, bool keep,
                             std::string* block);
  // What the bytes after a block say about it.
  struct Ending {
    // They end the record: blank lines, then "WARC/1.", the end of the file, or (`aligned`)
    // the next member.
    bool ends = false;
    // The record started a member (`at_member`) and its member ends soon after it (within
    // kNearMemberEnd): it is the member's only record, so damage anywhere in the member is
    // damage to it. (A damaged member can decode to junk after the record, hence "soon".)
    bool fills_member = false;
  };
  Result<Ending> LookPastBlock(bool at_member, bool aligned);

  BufferedReader in_;
  WarcReaderOptions options_;
  uint64_t skipped_records_ = 0;
  // Records are one per member until one starts elsewhere (compressed files only).
  bool one_per_member_ = false;
  std::string raw_;  // The current record's header bytes as read, to give back if need be.
};

}  // namespace tamis

#endif  // TAMIS_READERS_WARC_RECORD_READER_H_
