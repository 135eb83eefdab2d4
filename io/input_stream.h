// InputStream: the bytes of one input file, decompressed.
//
// The compression is recognised from the first bytes, not the file name, so a mislabelled
// file still reads: gzip (any number of concatenated members, as WARC.gz and pigz write),
// zstd (any number of frames) or none. Only when the first bytes are no known magic number
// does a .gz or .zst name decide: the first header is then damaged, and recovery (below)
// resumes at the second member or frame.
//
// Damage does not end the stream. When a gzip member or zstd frame cannot be decoded (corrupt
// bytes, a cut, bytes that are no member at all), the stream returns every byte decoded before
// the fault, then looks for the next member (1f 8b 08) or frame (28 b5 2f fd) after the start
// of the damaged one, accepts a candidate only when decoding from it succeeds, and goes on
// from there. Each damaged stretch is told to the DamageHandler with a reason key, the
// compressed offsets and the number of compressed bytes passed over; the handler's Status
// decides whether reading goes on (strict readers make it fatal). Without a handler, lost data
// is a kCorruption Status after the intact bytes, as before recovery existed. Resynchronising
// needs a seekable file: on a pipe a damaged stream ends at the damage.
//
// Consumers that frame records (WARC, JSONL) need to know where the pieces join: every member
// start (and, once reached, the end of the stream, as if a member started there) is remembered
// with whether its data is damaged and whether reading resumed there after damage, in
// uncompressed positions, so a record that runs across a member boundary or out of a
// damaged member can be rejected without losing its neighbour.
//
// Not thread-safe; one reader per stream.
#ifndef TAMIS_IO_INPUT_STREAM_H_
#define TAMIS_IO_INPUT_STREAM_H_

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "pipeline/status.h"

namespace tamis {

enum class Compression { kNone, kGzip, kZstd };

// Told of one damaged stretch. `reason` is a stable key ("gzip_corrupt_member",
// "gzip_truncated", "gzip_trailing_bytes", and the same for zstd with "frame"); `message` names
// the file and the compressed offsets; `lost_data` is false only for bytes that decode to
// nothing anyway (newlines, spaces or NULs after the last member, a common transfer artefact).
// A non-OK return is returned by Read() once the intact bytes before the damage are delivered.
using DamageHandler =
    std::function<Status(std::string_view reason, const std::string& message, bool lost_data)>;

class InputStream {
 public:
  virtual ~InputStream() = default;

  // Opens `path` ("-" is standard input). kNotFound when it does not exist.
  static Result<std::unique_ptr<InputStream>> Open(const std::string& path);

  // Reads up to `n` decompressed bytes into `buf`; 0 means end of input.
  virtual Result<size_t> Read(char* buf, size_t n) = 0;

  void set_damage_handler(DamageHandler handler) { on_damage_ = std::move(handler); }

  const std::string& path() const { return path_; }
  Compression compression() const { return compression_; }
  // Bytes of the underlying file consumed so far (progress reporting).
  uint64_t compressed_position() const { return compressed_position_; }
  // Compressed bytes passed over because of damage so far.
  uint64_t skipped_bytes() const { return skipped_bytes_; }

  // Compressed offset of the gzip member holding uncompressed position `pos` (plain files and
  // zstd: `pos` itself for plain, frame start for zstd). Positions must be asked in
  // non-decreasing order, here and in the queries below: older member records are forgotten.
  uint64_t MemberStart(uint64_t pos);
  // True when a member (or frame) starts exactly at uncompressed `pos`.
  bool IsMemberStart(uint64_t pos);
  // The first uncompressed position strictly inside (begin, end) where a member starts (all
  // members) or where reading resumed after damage (`any_member` false); 0 when none. Only
  // members already decoded are known: ask after reading up to `end`.
  uint64_t BoundaryWithin(uint64_t begin, uint64_t end, bool any_member);
  // True when bytes in [begin, end) came from a member found damaged.
  bool DamageWithin(uint64_t begin, uint64_t end);

 protected:
  InputStream(std::string path, Compression c) : path_(std::move(path)), compression_(c) {}
  // Called by decompressors when a new member starts at uncompressed `pos`; `resumed` when it
  // is where reading went on after damage.
  void RecordMemberStart(uint64_t uncompressed_pos, uint64_t compressed_pos, bool resumed);
  // Marks the member being decoded as damaged.
  void MarkDamaged();
  // Reports damage to the handler (or turns lost data into kCorruption without one).
  Status ReportDamage(std::string_view reason, const std::string& message, bool lost_data,
                      uint64_t skipped);

  std::string path_;
  Compression compression_;
  uint64_t compressed_position_ = 0;

 private:
  struct Member {
    uint64_t uncompressed_start;
    uint64_t compressed_start;
    bool damaged;
    bool resumed;
  };
  // Forgets members that end at or before `pos`.
  void Forget(uint64_t pos);

  std::deque<Member> members_;  // Recent members, oldest first.
  DamageHandler on_damage_;
  uint64_t skipped_bytes_ = 0;
};

}  // namespace tamis

#endif  // TAMIS_IO_INPUT_STREAM_H_
