#include "io/input_stream.h"

#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace tamis {
namespace {

// Large enough that syscalls and decompressor calls are amortised, small enough to stay in L2.
constexpr size_t kFileChunk = 1 << 20;

// A raw file descriptor with the errors tamis reports.
class RawFile {
 public:
  RawFile(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
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

 private:
  int fd_;
  std::string path_;
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

// Decompressors share the buffering of compressed input.
class CompressedStream : public InputStream {
 protected:
  CompressedStream(std::unique_ptr<RawFile> file, std::string path, Compression c,
                   std::string prefix)
      : InputStream(std::move(path), c), file_(std::move(file)), in_(kFileChunk) {
    std::memcpy(in_.data(), prefix.data(), prefix.size());
    in_len_ = prefix.size();
  }

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
  Status Truncated(const char* what) const {
    return Status::Corruption(path_ + ": " + what + " stream is truncated at compressed offset " +
                              std::to_string(compressed_position_));
  }

  std::unique_ptr<RawFile> file_;
  std::vector<char> in_;
  size_t in_pos_ = 0;
  size_t in_len_ = 0;
  uint64_t produced_ = 0;  // Decompressed bytes returned so far.
};

class GzipStream final : public CompressedStream {
 public:
  GzipStream(std::unique_ptr<RawFile> file, std::string path, std::string prefix)
      : CompressedStream(std::move(file), std::move(path), Compression::kGzip, std::move(prefix)) {
    std::memset(&z_, 0, sizeof(z_));
    // 15 + 16: gzip wrapper only, maximum window.
    inflateInit2(&z_, 15 + 16);
    RecordMemberStart(0, 0);
  }
  ~GzipStream() override { inflateEnd(&z_); }

  Result<size_t> Read(char* buf, size_t n) override {
    size_t out = 0;
    while (out < n) {
      if (member_done_) {
        // Between members: skip nothing but look for more input; trailing zero padding (some
        // writers pad to a block) ends the stream quietly.
        TAMIS_ASSIGN_OR_RETURN(bool more, Fill());
        if (!more) return out;
        while (in_pos_ < in_len_ && in_[in_pos_] == 0) Consume(1);
        if (in_pos_ == in_len_) continue;
        inflateReset(&z_);
        member_done_ = false;
        RecordMemberStart(produced_ + out, consumed());
      }
      TAMIS_ASSIGN_OR_RETURN(bool more, Fill());
      if (!more) {
        if (out > 0) return out;  // Report the truncation on the next call, after this data.
        return Truncated("gzip");
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
      if (rc == Z_STREAM_END) {
        member_done_ = true;
      } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        produced_ += out;
        return Status::Corruption(path_ + ": corrupt gzip data near compressed offset " +
                                  std::to_string(consumed()) + ": " +
                                  (z_.msg ? z_.msg : "inflate error"));
      }
    }
    produced_ += out;
    return out;
  }

 private:
  z_stream z_;
  bool member_done_ = false;
};

class ZstdStream final : public CompressedStream {
 public:
  ZstdStream(std::unique_ptr<RawFile> file, std::string path, std::string prefix)
      : CompressedStream(std::move(file), std::move(path), Compression::kZstd, std::move(prefix)),
        z_(ZSTD_createDStream()) {
    ZSTD_initDStream(z_);
    RecordMemberStart(0, 0);
  }
  ~ZstdStream() override { ZSTD_freeDStream(z_); }

  Result<size_t> Read(char* buf, size_t n) override {
    ZSTD_outBuffer out{buf, n, 0};
    while (out.pos < out.size) {
      TAMIS_ASSIGN_OR_RETURN(bool more, Fill());
      if (!more) {
        if (frame_open_) {
          if (out.pos > 0) break;
          return Truncated("zstd");
        }
        break;
      }
      if (!frame_open_) RecordMemberStart(produced_ + out.pos, consumed());
      ZSTD_inBuffer in{in_.data() + in_pos_, in_len_ - in_pos_, 0};
      size_t rc = ZSTD_decompressStream(z_, &out, &in);
      Consume(in.pos);
      if (ZSTD_isError(rc)) {
        produced_ += out.pos;
        return Status::Corruption(path_ + ": corrupt zstd data near compressed offset " +
                                  std::to_string(consumed()) + ": " + ZSTD_getErrorName(rc));
      }
      frame_open_ = rc != 0;
    }
    produced_ += out.pos;
    return out.pos;
  }

 private:
  ZSTD_DStream* z_;
  bool frame_open_ = false;
};

}  // namespace

uint64_t InputStream::MemberStart(uint64_t pos) {
  if (compression_ == Compression::kNone) return pos;
  while (members_.size() > 1 && members_[1].first <= pos) members_.pop_front();
  return members_.empty() ? 0 : members_.front().second;
}

void InputStream::RecordMemberStart(uint64_t uncompressed_pos, uint64_t compressed_pos) {
  // Members that produce no bytes would share a position; keep only the last.
  if (!members_.empty() && members_.back().first == uncompressed_pos) members_.pop_back();
  members_.emplace_back(uncompressed_pos, compressed_pos);
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
  if (have >= 2 && starts("\x1f\x8b")) {
    return std::unique_ptr<InputStream>(
        std::make_unique<GzipStream>(std::move(file), path, std::move(prefix)));
  }
  if (have >= 4 && starts("\x28\xb5\x2f\xfd")) {
    return std::unique_ptr<InputStream>(
        std::make_unique<ZstdStream>(std::move(file), path, std::move(prefix)));
  }
  return std::unique_ptr<InputStream>(
      std::make_unique<PlainStream>(std::move(file), path, std::move(prefix)));
}

}  // namespace tamis
