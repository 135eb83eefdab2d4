// BufferedReader: lines and exact-length blocks over an InputStream.
//
// Line-oriented formats (JSONL) and length-prefixed ones (WARC: header lines, then a block of
// Content-Length bytes) both read through this. Views returned by ReadLine point into the
// reader's buffer and stay valid only until the next call. Lines longer than `max_line`
// are not returned whole: ReadLine reports them as kTooLong and skips to the next line, so one
// runaway record cannot take all the memory. The buffer returns to its normal size once a long
// line or an Unread block is consumed. Not thread-safe.
#ifndef TAMIS_IO_BUFFERED_READER_H_
#define TAMIS_IO_BUFFERED_READER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "io/input_stream.h"
#include "pipeline/status.h"

namespace tamis {

class BufferedReader {
 public:
  // Lines longer than this are skipped as kTooLong (256 MiB: far above any real document).
  static constexpr size_t kDefaultMaxLine = size_t{256} << 20;

  explicit BufferedReader(std::unique_ptr<InputStream> in, size_t max_line = kDefaultMaxLine);

  enum class LineStatus { kLine, kEnd, kTooLong };
  // Next line without its "\n" (a trailing "\r" is kept: callers that care strip it).
  // The last line of a file need not end with "\n".
  Result<LineStatus> ReadLine(std::string_view* line);

  // Appends up to `n` bytes to `out`; fewer only at end of input. Returns the count.
  Result<size_t> ReadBlock(size_t n, std::string* out);
  // Discards up to `n` bytes; returns the count.
  Result<size_t> Skip(size_t n);
  // Peeks at the next byte without consuming it; -1 at end of input.
  Result<int> Peek();
  // Up to `n` next bytes without consuming them (fewer only at end of input); valid until the
  // next call.
  Result<std::string_view> PeekBytes(size_t n);
  // Gives back `bytes`, which must be exactly the bytes read just before position(): they are
  // read again next. Record readers use this to re-read what a lying length swallowed.
  void Unread(std::string_view bytes);

  // Uncompressed offset of the next unread byte.
  uint64_t position() const { return base_ + pos_; }
  InputStream& stream() { return *in_; }
  const InputStream& stream() const { return *in_; }

 private:
  // Makes at least one unread byte available unless at end; false at end.
  Result<bool> Fill();

  std::unique_ptr<InputStream> in_;
  size_t max_line_;
  std::string buf_;
  size_t pos_ = 0;     // Next unread byte in buf_.
  size_t len_ = 0;     // Valid bytes in buf_.
  uint64_t base_ = 0;  // Uncompressed offset of buf_[0].
  bool eof_ = false;
};

}  // namespace tamis

#endif  // TAMIS_IO_BUFFERED_READER_H_
