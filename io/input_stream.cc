#include "io/input_stream.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

namespace tamis {
namespace {

// Large enough that syscalls and decompressor calls are amortised, small enough to stay in L2.
constexpr size_t kFileChunk = 1 << 20;
// A resynchronisation candidate is accepted once it decodes this much without error (or ends
// cleanly first): random bytes that happen to look like a header fail within a few hundred.
constexpr size_t kProbeBytes = 256 << 10;
// Trailing bytes longer than this are never "a stray newline" and count as lost data.
constexpr size_t kMaxPadding = 64 << 10;

// A raw file descriptor with the errors tamis reports.
class RawFile {
 public:
  RawFile(int fd, std::string path) : fd_(fd), path_(std::move(path)) {
    struct stat st;
    seekable_ = ::fstat(fd_, &st) == 0 && S_ISREG(st.st_mode);
  }
  ~RawFile() {
    if (fd_ >= 0) ::close(fd_);
  }
  RawFile(const RawFile&) = delete;
  RawFile& operator=(const RawFile&) = delete;

  Result<size_t> Read(char* buf, size_t n) {
    while (true) {
      ssize_t got = ::read(fd_, buf, n);
      if (got >= 0) return static_cast<size_t>(got);
      if (errno == EINTR) continue;
      return Status::IoError(path_ + ": read failed: " + std::strerror(errno));
    }
  }
  // Reads at `offset` without moving the position Read() uses. Seekable files only.
  Result<size_t> ReadAt(uint64_t offset, char* buf, size_t n) {
    while (true) {
      ssize_t got = ::pread(fd_, buf, n, static_cast<off_t>(offset));
      if (got >= 0) return static_cast<size_t>(got);
      if (errno == EINTR) continue;
      return Status::IoError(path_ + ": read failed: " + std::strerror(errno));
    }
  }
  Status Seek(uint64_t offset) {
    if (::lseek(fd_, static_cast<off_t>(offset), SEEK_SET) < 0) {
      return Status::IoError(path_ + ": seek failed: " + std::strerror(errno));
    }
    return Status::Ok();
  }
  uint64_t Size() const {
    struct stat st;
    return ::fstat(fd_, &st) == 0 ? static_cast<uint64_t>(st.st_size) : 0;
  }
  bool seekable() const { return seekable_; }

 private:
  int fd_;
  std::string path_;
  bool seekable_ = false;
};

class PlainStream final : public InputStream {
 public:
  PlainStream(std::unique_ptr<RawFile> file, std::string path, std::string prefix)
      : InputStream(std::move(path), Compression::kNone),
        file_(std::move(file)),
        prefix_(std::move(prefix)) {}

  Result<size_t> Read(char* buf, size_t n) override {
    if (prefix_pos_ < prefix_.size()) {
      size_t take = std::min(n, prefix_.size() - prefix_pos_);
      std::memcpy(buf, prefix_.data() + prefix_pos_, take);
      prefix_pos_ += take;
      compressed_position_ += take;
      return take;
    }
    TAMIS_ASSIGN_OR_RETURN(size_t got, file_->Read(buf, n));
    compressed_position_ += got;
    return got;
  }

 private:
  std::unique_ptr<RawFile> file_;
  std::string prefix_;  // Bytes read to sniff the format, served first.
  size_t prefix_pos_ = 0;
};

// One trial decoder, used to check that a resynchronisation candidate really starts a member.
class Probe {
 public:
  enum class Step { kMore, kEnd, kError };
  virtual ~Probe() = default;
  // Decodes from `in`; sets how much input was used and output made.
  virtual Step Feed(const char* in, size_t len, size_t* used, char* out, size_t cap,
                    size_t* made) = 0;
};

// Decompressors share the buffering of compressed input and the recovery from damage: a
// "unit" is a gzip member or a zstd frame.
class CompressedStream : public InputStream {
 protected:
  CompressedStream(std::unique_ptr<RawFile> file, std::string path, Compression c,
                   std::string prefix, std::string_view magic)
      : InputStream(std::move(path), c), file_(std::move(file)), in_(kFileChunk), magic_(magic) {
    std::memcpy(in_.data(), prefix.data(), prefix.size());
    in_len_ = prefix.size();
  }

  virtual std::unique_ptr<Probe> NewProbe() const = 0;

 public:
  // True when a unit after the first byte decodes: the file is this format with a damaged
  // start. Seekable files only (false otherwise).
  Result<bool> ResumesLater() {
    if (!file_->seekable()) return false;
    TAMIS_ASSIGN_OR_RETURN(uint64_t next, FindUnit(1));
    return next != 0;
  }
  // Gives the file back, unread, for another kind of stream.
  std::unique_ptr<RawFile> ReleaseFile() { return std::move(file_); }

 protected:
  // Makes the decoder ready for a fresh unit after damage.
  virtual void ResetDecoder() = 0;

  // Refills the compressed buffer when empty; false at end of file.
  Result<bool> Fill() {
    if (in_pos_ < in_len_) return true;
    TAMIS_ASSIGN_OR_RETURN(size_t got, file_->Read(in_.data(), in_.size()));
    in_pos_ = 0;
    in_len_ = got;
    return got > 0;
  }
  // Compressed offset of the next unconsumed input byte.
  uint64_t consumed() const { return compressed_position_; }
  void Consume(size_t n) {
    in_pos_ += n;
    compressed_position_ += n;
  }
  // The stream ends at uncompressed `pos`: recorded like a member start, so that the last
  // member's end is known too.
  void MarkEnd(uint64_t pos) {
    if (end_marked_) return;
    end_marked_ = true;
    RecordMemberStart(pos, consumed(), false);
  }
  // A unit starts at the next unconsumed byte, uncompressed position `pos`.
  void StartUnit(uint64_t pos) {
    unit_start_ = consumed();
    unit_produced_ = 0;
    RecordMemberStart(pos, unit_start_, resumed_);
    resumed_ = false;
  }

  // Handles damage found in the current unit: `what` says what went wrong. Finds the next unit that
  // decodes, reports the skipped stretch and positions the input there; false when the stream ends
  // here instead (no later unit, a pipe, or a handler error now held in pending_).
  Result<bool> Recover(const std::string& what, const char* format, const char* unit_name) {
    bool empty_unit = unit_produced_ == 0;
    uint64_t next = 0;  // Offset of the unit decoding resumes at; 0 for none.
    uint64_t end = consumed();
    if (file_->seekable()) {
      TAMIS_ASSIGN_OR_RETURN(next, FindUnit(unit_start_ + 1));
      end = next != 0 ? next : file_->Size();
    }
    uint64_t skipped = end - unit_start_;
    std::string reason = std::string(format) + "_corrupt_" + unit_name;
    bool lost = true;
    bool at_magic = false;
    if (file_->seekable()) {
      std::string head(magic_.size(), '\0');
      TAMIS_ASSIGN_OR_RETURN(size_t got, file_->ReadAt(unit_start_, head.data(), head.size()));
      at_magic = got == head.size() && head == magic_;
    }
    // Bytes that never started a unit, with nothing decodable after them, are a tail.
    if (empty_unit && !at_magic && next == 0) {
      reason = std::string(format) + "_trailing_bytes";
      if (file_->seekable()) {
        TAMIS_ASSIGN_OR_RETURN(bool padding, IsPadding(unit_start_, end));
        lost = !padding;
      }
    } else if (!next && what.find("truncated") != std::string::npos) {
      reason = std::string(format) + "_truncated";
    }
    if (!empty_unit) MarkDamaged();
    std::string message = path_ + ": " + what + " near compressed offset " +
                          std::to_string(consumed()) + " (" + unit_name + " starting at " +
                          std::to_string(unit_start_) + "); ";
    if (next) {
      message += "skipped " + std::to_string(skipped) + " bytes, resumed at the " + unit_name +
                 " at compressed offset " + std::to_string(next);
    } else if (file_->seekable()) {
      message += "no intact " + std::string(unit_name) + " follows; the last " +
                 std::to_string(skipped) + " bytes are skipped";
    } else {
      message += "cannot resynchronise on a non-seekable input; the rest is skipped";
    }
    pending_ = ReportDamage(reason, message, lost, skipped);
    if (!pending_.ok() || next == 0) {
      at_end_ = true;
      return false;
    }
    TAMIS_RETURN_IF_ERROR(file_->Seek(next));
    in_pos_ = in_len_ = 0;
    compressed_position_ = next;
    ResetDecoder();
    resumed_ = true;
    return true;
  }

  std::unique_ptr<RawFile> file_;
  std::vector<char> in_;
  size_t in_pos_ = 0;
  size_t in_len_ = 0;
  uint64_t produced_ = 0;       // Decompressed bytes returned so far.
  uint64_t unit_start_ = 0;     // Compressed offset of the unit being decoded.
  uint64_t unit_produced_ = 0;  // Decompressed bytes of that unit so far.
  bool at_end_ = false;         // Damage ended the stream.
  bool end_marked_ = false;     // MarkEnd() was called.
  Status pending_;              // A handler's error, returned after the intact bytes.

 private:
  // The offset of the first unit at or after `from` (> 0) that decodes; 0 when none does.
  Result<uint64_t> FindUnit(uint64_t from) {
    std::vector<char> chunk(kFileChunk);
    uint64_t at = from;
    while (true) {
      TAMIS_ASSIGN_OR_RETURN(size_t got, file_->ReadAt(at, chunk.data(), chunk.size()));
      if (got < magic_.size()) return uint64_t{0};
      std::string_view view(chunk.data(), got);
      for (size_t i = view.find(magic_); i != std::string_view::npos;
           i = view.find(magic_, i + 1)) {
        TAMIS_ASSIGN_OR_RETURN(bool decodes, DecodesAt(at + i));
        if (decodes) return uint64_t{at + i};
      }
      // Overlap chunks so a magic number split across two is still seen.
      at += got - (magic_.size() - 1);
    }
  }

  // True when a unit starting at `offset` decodes without error for kProbeBytes, to its end,
  // or to the end of the file after producing something.
  Result<bool> DecodesAt(uint64_t offset) {
    std::unique_ptr<Probe> probe = NewProbe();
    std::vector<char> in(64 << 10), out(64 << 10);
    size_t total = 0;
    uint64_t at = offset;
    while (total < kProbeBytes) {
      TAMIS_ASSIGN_OR_RETURN(size_t got, file_->ReadAt(at, in.data(), in.size()));
      if (got == 0) return total > 0;
      size_t pos = 0;
      while (pos < got && total < kProbeBytes) {
        size_t used = 0, made = 0;
        Probe::Step step =
            probe->Feed(in.data() + pos, got - pos, &used, out.data(), out.size(), &made);
        pos += used;
        total += made;
        if (step == Probe::Step::kEnd) return true;
        if (step == Probe::Step::kError) return false;
      }
      at += pos;
    }
    return true;
  }

  // True when [begin, end) is short and only whitespace or NULs.
  Result<bool> IsPadding(uint64_t begin, uint64_t end) {
    if (end - begin > kMaxPadding) return false;
    std::string bytes(end - begin, '\0');
    TAMIS_ASSIGN_OR_RETURN(size_t got, file_->ReadAt(begin, bytes.data(), bytes.size()));
    bytes.resize(got);
    return bytes.find_first_not_of(std::string_view(" \t\r\n\0", 5)) == std::string::npos;
  }

  std::string_view magic_;
  bool resumed_ = false;  // The next unit is where reading resumed after damage.
};

class GzipProbe final : public Probe {
 public:
  GzipProbe() { inflateInit2(&z_, 15 + 16); }
  ~GzipProbe() override { inflateEnd(&z_); }
  Step Feed(const char* in, size_t len, size_t* used, char* out, size_t cap,
            size_t* made) override {
    z_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in));
    z_.avail_in = static_cast<uInt>(len);
    z_.next_out = reinterpret_cast<Bytef*>(out);
    z_.avail_out = static_cast<uInt>(cap);
    int rc = inflate(&z_, Z_NO_FLUSH);
    *used = len - z_.avail_in;
    *made = cap - z_.avail_out;
    if (rc == Z_STREAM_END) return Step::kEnd;
    if (rc != Z_OK && rc != Z_BUF_ERROR) return Step::kError;
    return Step::kMore;
  }

 private:
  z_stream z_{};
};

class GzipStream final : public CompressedStream {
 public:
  GzipStream(std::unique_ptr<RawFile> file, std::string path, std::string prefix)
      : CompressedStream(std::move(file), std::move(path), Compression::kGzip, std::move(prefix),
                         std::string_view("\x1f\x8b\x08", 3)) {
    std::memset(&z_, 0, sizeof(z_));
    // 15 + 16: gzip wrapper only, maximum window.
    inflateInit2(&z_, 15 + 16);
    StartUnit(0);
  }
  ~GzipStream() override { inflateEnd(&z_); }

  Result<size_t> Read(char* buf, size_t n) override {
    size_t out = 0;
    while (out < n && !at_end_) {
      if (member_done_) {
        // Between members: trailing zero padding (some writers pad to a block) ends the
        // stream quietly; anything else must be a member (or is recovered from as damage).
        TAMIS_ASSIGN_OR_RETURN(bool more, Fill());
        if (!more) {
          MarkEnd(produced_ + out);
          break;
        }
        while (in_pos_ < in_len_ && in_[in_pos_] == 0) Consume(1);
        if (in_pos_ == in_len_) continue;
        inflateReset(&z_);
        member_done_ = false;
        StartUnit(produced_ + out);
      }
      TAMIS_ASSIGN_OR_RETURN(bool more, Fill());
      if (!more) {
        TAMIS_ASSIGN_OR_RETURN(bool resumed, Recover("gzip stream is truncated", "gzip", "member"));
        if (!resumed) break;
        continue;
      }
      z_.next_in = reinterpret_cast<Bytef*>(in_.data() + in_pos_);
      z_.avail_in = static_cast<uInt>(in_len_ - in_pos_);
      z_.next_out = reinterpret_cast<Bytef*>(buf + out);
      z_.avail_out = static_cast<uInt>(n - out);
      int rc = inflate(&z_, Z_NO_FLUSH);
      size_t used = (in_len_ - in_pos_) - z_.avail_in;
      size_t made = (n - out) - z_.avail_out;
      Consume(used);
      out += made;
      unit_produced_ += made;
      if (rc == Z_STREAM_END) {
        member_done_ = true;
      } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        std::string what = std::string("corrupt gzip data: ") + (z_.msg ? z_.msg : "inflate error");
        TAMIS_ASSIGN_OR_RETURN(bool resumed, Recover(what, "gzip", "member"));
        if (!resumed) break;
      }
    }
    if (at_end_) MarkEnd(produced_ + out);
    produced_ += out;
    if (out == 0 && !pending_.ok()) return pending_;
    return out;
  }

 private:
  std::unique_ptr<Probe> NewProbe() const override { return std::make_unique<GzipProbe>(); }
  // The next Read starts a member at the resumed offset.
  void ResetDecoder() override { member_done_ = true; }

  z_stream z_;
  bool member_done_ = false;
};

class ZstdProbe final : public Probe {
 public:
  ZstdProbe() : z_(ZSTD_createDStream()) { ZSTD_initDStream(z_); }
  ~ZstdProbe() override { ZSTD_freeDStream(z_); }
  Step Feed(const char* in, size_t len, size_t* used, char* out, size_t cap,
            size_t* made) override {
    ZSTD_inBuffer input{in, len, 0};
    ZSTD_outBuffer output{out, cap, 0};
    size_t rc = ZSTD_decompressStream(z_, &output, &input);
    *used = input.pos;
    *made = output.pos;
    if (ZSTD_isError(rc)) return Step::kError;
    return rc == 0 ? Step::kEnd : Step::kMore;
  }

 private:
  ZSTD_DStream* z_;
};

class ZstdStream final : public CompressedStream {
 public:
  ZstdStream(std::unique_ptr<RawFile> file, std::string path, std::string prefix)
      : CompressedStream(std::move(file), std::move(path), Compression::kZstd, std::move(prefix),
                         std::string_view("\x28\xb5\x2f\xfd", 4)),
        z_(ZSTD_createDStream()) {
    first_hint_ = hint_ = ZSTD_initDStream(z_);
  }
  ~ZstdStream() override { ZSTD_freeDStream(z_); }

  Result<size_t> Read(char* buf, size_t n) override {
    ZSTD_outBuffer out{buf, n, 0};
    while (out.pos < out.size && !at_end_) {
      TAMIS_ASSIGN_OR_RETURN(bool more, Fill());
      if (!more) {
        if (!frame_open_) {
          MarkEnd(produced_ + out.pos);
          break;
        }
        TAMIS_ASSIGN_OR_RETURN(bool resumed, Recover("zstd stream is truncated", "zstd", "frame"));
        if (!resumed) break;
        continue;
      }
      if (!frame_open_) {
        StartUnit(produced_ + out.pos);
        frame_open_ = true;
      }
      // On an error zstd returns no output for the whole call, so each call gets only the
      // input zstd asks for next (one block at a time): damage then takes only its own block.
      ZSTD_inBuffer in{in_.data() + in_pos_, std::min(in_len_ - in_pos_, hint_), 0};
      size_t before = out.pos;
      size_t rc = ZSTD_decompressStream(z_, &out, &in);
      Consume(in.pos);
      unit_produced_ += out.pos - before;
      if (ZSTD_isError(rc)) {
        std::string what = std::string("corrupt zstd data: ") + ZSTD_getErrorName(rc);
        TAMIS_ASSIGN_OR_RETURN(bool resumed, Recover(what, "zstd", "frame"));
        if (!resumed) break;
        continue;
      }
      frame_open_ = rc != 0;
      hint_ = rc != 0 ? rc : first_hint_;
    }
    if (at_end_) MarkEnd(produced_ + out.pos);
    produced_ += out.pos;
    if (out.pos == 0 && !pending_.ok()) return pending_;
    return out.pos;
  }

 private:
  std::unique_ptr<Probe> NewProbe() const override { return std::make_unique<ZstdProbe>(); }
  void ResetDecoder() override {
    ZSTD_DCtx_reset(z_, ZSTD_reset_session_only);
    frame_open_ = false;
    hint_ = first_hint_;
  }

  ZSTD_DStream* z_;
  size_t first_hint_ = 0;  // Input zstd wants to start a frame.
  size_t hint_ = 0;        // Input zstd wants next.
  bool frame_open_ = false;
};

}  // namespace

void InputStream::Forget(uint64_t pos) {
  while (members_.size() > 1 && members_[1].uncompressed_start <= pos) members_.pop_front();
}

uint64_t InputStream::MemberStart(uint64_t pos) {
  if (compression_ == Compression::kNone) return pos;
  Forget(pos);
  return members_.empty() ? 0 : members_.front().compressed_start;
}

bool InputStream::IsMemberStart(uint64_t pos) {
  Forget(pos);
  return !members_.empty() && members_.front().uncompressed_start == pos;
}

uint64_t InputStream::BoundaryWithin(uint64_t begin, uint64_t end, bool any_member) {
  Forget(begin);
  for (const Member& m : members_) {
    if (m.uncompressed_start >= end) break;
    if (m.uncompressed_start > begin && (any_member || m.resumed)) return m.uncompressed_start;
  }
  return 0;
}

bool InputStream::DamageWithin(uint64_t begin, uint64_t end) {
  Forget(begin);
  for (size_t i = 0; i < members_.size() && members_[i].uncompressed_start < end; ++i) {
    if (members_[i].damaged) return true;
  }
  return false;
}

void InputStream::RecordMemberStart(uint64_t uncompressed_pos, uint64_t compressed_pos,
                                    bool resumed) {
  // Members that produce no bytes would share a position; keep only the last.
  if (!members_.empty() && members_.back().uncompressed_start == uncompressed_pos) {
    resumed = resumed || members_.back().resumed;
    members_.pop_back();
  }
  members_.push_back({uncompressed_pos, compressed_pos, false, resumed});
}

void InputStream::MarkDamaged() {
  if (!members_.empty()) members_.back().damaged = true;
}

Status InputStream::ReportDamage(std::string_view reason, const std::string& message,
                                 bool lost_data, uint64_t skipped) {
  skipped_bytes_ += skipped;
  if (on_damage_) return on_damage_(reason, message, lost_data);
  return lost_data ? Status::Corruption(message) : Status::Ok();
}

Result<std::unique_ptr<InputStream>> InputStream::Open(const std::string& path) {
  int fd = path == "-" ? ::dup(0) : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    std::string why = std::strerror(errno);
    if (errno == ENOENT) return Status::NotFound(path + ": " + why);
    return Status::IoError(path + ": cannot open: " + why);
  }
  auto file = std::make_unique<RawFile>(fd, path);
  // Sniff the magic number; the sniffed bytes are handed to the stream so stdin works too.
  std::string prefix(4, '\0');
  size_t have = 0;
  while (have < prefix.size()) {
    TAMIS_ASSIGN_OR_RETURN(size_t got, file->Read(prefix.data() + have, prefix.size() - have));
    if (got == 0) break;
    have += got;
  }
  prefix.resize(have);
  auto starts = [&](std::string_view magic) { return prefix.rfind(magic, 0) == 0; };
  bool gzip = have >= 2 && starts("\x1f\x8b");
  bool zstd = have >= 4 && starts("\x28\xb5\x2f\xfd");
  // A damaged first header hides the format: then a .gz or .zst name decides, provided a
  // later member or frame decodes, so that reading resumes there instead of returning
  // compressed bytes as text (a plain file mislabelled .gz still reads as plain).
  bool by_name = false;
  if (!gzip && !zstd && have > 0) {
    std::string_view name = path;
    gzip = name.ends_with(".gz");
    zstd = name.ends_with(".zst");
    by_name = gzip || zstd;
  }
  if (gzip || zstd) {
    std::unique_ptr<CompressedStream> stream;
    if (gzip) {
      stream = std::make_unique<GzipStream>(std::move(file), path, prefix);
    } else {
      stream = std::make_unique<ZstdStream>(std::move(file), path, prefix);
    }
    if (!by_name) return std::unique_ptr<InputStream>(std::move(stream));
    TAMIS_ASSIGN_OR_RETURN(bool resumes, stream->ResumesLater());
    if (resumes) return std::unique_ptr<InputStream>(std::move(stream));
    file = stream->ReleaseFile();
  }
  return std::unique_ptr<InputStream>(
      std::make_unique<PlainStream>(std::move(file), path, std::move(prefix)));
}

}  // namespace tamis
