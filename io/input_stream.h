// InputStream: the bytes of one input file, decompressed.
//
// The compression is recognised from the first bytes, not the file name, so a mislabelled
// file still reads: gzip (any number of concatenated members, as WARC.gz and pigz write),
// zstd (any number of frames) or none. A truncated or corrupt compressed stream is a
// kCorruption Status naming the file and the compressed offset where it broke; every byte
// decoded before that point has already been returned, so the caller loses only the tail.
//
// For record formats stored one record per gzip member (WARC.gz), MemberStart() maps an
// uncompressed position back to the compressed offset of the member holding it: that is the
// offset other tools (Common Crawl indexes, warcio) use to address a record.
//
// Not thread-safe; one reader per stream.
#ifndef TAMIS_IO_INPUT_STREAM_H_
#define TAMIS_IO_INPUT_STREAM_H_

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <utility>

#include "pipeline/status.h"

namespace tamis {

enum class Compression { kNone, kGzip, kZstd };

class InputStream {
 public:
  virtual ~InputStream() = default;

  // Opens `path` ("-" is standard input). kNotFound when it does not exist.
  static Result<std::unique_ptr<InputStream>> Open(const std::string& path);

  // Reads up to `n` decompressed bytes into `buf`; 0 means end of input.
  virtual Result<size_t> Read(char* buf, size_t n) = 0;

  const std::string& path() const { return path_; }
  Compression compression() const { return compression_; }
  // Bytes of the underlying file consumed so far (progress reporting).
  uint64_t compressed_position() const { return compressed_position_; }
  // Compressed offset of the gzip member holding uncompressed position `pos` (plain files and
  // zstd: `pos` itself for plain, frame start for zstd). Positions must be asked in
  // non-decreasing order: older member records are forgotten.
  uint64_t MemberStart(uint64_t pos);

 protected:
  InputStream(std::string path, Compression c) : path_(std::move(path)), compression_(c) {}
  // Called by decompressors when a new member starts at uncompressed `pos`.
  void RecordMemberStart(uint64_t uncompressed_pos, uint64_t compressed_pos);

  std::string path_;
  Compression compression_;
  uint64_t compressed_position_ = 0;

 private:
  // (uncompressed start, compressed start) of recent members, oldest first.
  std::deque<std::pair<uint64_t, uint64_t>> members_;
};

}  // namespace tamis

#endif  // TAMIS_IO_INPUT_STREAM_H_
