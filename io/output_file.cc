#include "io/output_file.h"

#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "io/temp_file_registry.h"

namespace tamis {
namespace {

// Raw bytes are batched to this size before a write(2).
constexpr size_t kRawFlush = 1 << 20;
// zstd level 3 is zstd's own default: ~4x faster than gzip -6 at a better ratio.
constexpr int kZstdLevel = 3;
constexpr int kGzipLevel = 6;

std::atomic<uint64_t> temp_counter{0};

class PlainOutput final : public OutputFile {
 public:
  using OutputFile::OutputFile;

 protected:
  Status Encode(std::string_view data) override { return WriteRaw(data.data(), data.size()); }
  Status FinishEncoding() override { return Status::Ok(); }
};

class GzipOutput final : public OutputFile {
 public:
  GzipOutput(std::string path, std::string temp, int fd)
      : OutputFile(std::move(path), std::move(temp), fd) {
    std::memset(&z_, 0, sizeof(z_));
    deflateInit2(&z_, kGzipLevel, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  }
  ~GzipOutput() override { deflateEnd(&z_); }

 protected:
  Status Encode(std::string_view data) override { return Deflate(data, Z_NO_FLUSH); }
  Status FinishEncoding() override { return Deflate({}, Z_FINISH); }

 private:
  Status Deflate(std::string_view data, int flush) {
    z_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z_.avail_in = static_cast<uInt>(data.size());
    char out[1 << 16];
    while (true) {
      z_.next_out = reinterpret_cast<Bytef*>(out);
      z_.avail_out = sizeof(out);
      int rc = deflate(&z_, flush);
      if (rc == Z_STREAM_ERROR) return Status::Internal(path() + ": gzip compression failed");
      TAMIS_RETURN_IF_ERROR(WriteRaw(out, sizeof(out) - z_.avail_out));
      if (flush == Z_FINISH ? rc == Z_STREAM_END : (z_.avail_in == 0 && z_.avail_out != 0)) {
        return Status::Ok();
      }
    }
  }
  z_stream z_;
};

class ZstdOutput final : public OutputFile {
 public:
  ZstdOutput(std::string path, std::string temp, int fd, int workers)
      : OutputFile(std::move(path), std::move(temp), fd), z_(ZSTD_createCCtx()) {
    ZSTD_CCtx_setParameter(z_, ZSTD_c_compressionLevel, kZstdLevel);
    ZSTD_CCtx_setParameter(z_, ZSTD_c_checksumFlag, 1);
    // A libzstd built without threads refuses this and stays single-threaded: still correct.
    if (workers > 0) ZSTD_CCtx_setParameter(z_, ZSTD_c_nbWorkers, workers);
  }
  ~ZstdOutput() override { ZSTD_freeCCtx(z_); }

 protected:
  Status Encode(std::string_view data) override { return Compress(data, ZSTD_e_continue); }
  Status FinishEncoding() override { return Compress({}, ZSTD_e_end); }

 private:
  Status Compress(std::string_view data, ZSTD_EndDirective mode) {
    ZSTD_inBuffer in{data.data(), data.size(), 0};
    char out[1 << 16];
    while (true) {
      ZSTD_outBuffer ob{out, sizeof(out), 0};
      size_t left = ZSTD_compressStream2(z_, &ob, &in, mode);
      if (ZSTD_isError(left)) {
        return Status::Internal(path() + ": zstd compression failed: " + ZSTD_getErrorName(left));
      }
      TAMIS_RETURN_IF_ERROR(WriteRaw(out, ob.pos));
      bool done = mode == ZSTD_e_end ? left == 0 : in.pos == in.size;
      if (done) return Status::Ok();
    }
  }
  ZSTD_CCtx* z_;
};

}  // namespace

Compression OutputFile::CompressionFor(std::string_view path) {
  if (path.ends_with(".gz")) return Compression::kGzip;
  if (path.ends_with(".zst")) return Compression::kZstd;
  return Compression::kNone;
}

OutputFile::OutputFile(std::string path, std::string temp_path, int fd)
    : path_(std::move(path)),
      temp_path_(std::move(temp_path)),
      fd_(fd),
      signal_slot_(RegisterTempFile(temp_path_)) {}

OutputFile::~OutputFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!committed_) ::unlink(temp_path_.c_str());
  UnregisterTempFile(signal_slot_);
}

Result<std::unique_ptr<OutputFile>> OutputFile::Create(const std::string& path,
                                                       int compression_workers) {
  std::filesystem::path p(path);
  std::error_code ec;
  if (p.has_parent_path()) {
    std::filesystem::create_directories(p.parent_path(), ec);
    if (ec) return Status::IoError(path + ": cannot create directory: " + ec.message());
  }
  // Hidden, unique, and in the same directory as the destination.
  std::string temp = (p.has_parent_path() ? p.parent_path().string() + "/" : std::string()) + "." +
                     p.filename().string() + ".tmp." + std::to_string(::getpid()) + "." +
                     std::to_string(temp_counter.fetch_add(1));
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Status::IoError(path + ": cannot create: " + std::strerror(errno));
  std::unique_ptr<OutputFile> out;
  switch (CompressionFor(path)) {
    case Compression::kGzip: out.reset(new GzipOutput(path, temp, fd)); break;
    case Compression::kZstd: out.reset(new ZstdOutput(path, temp, fd, compression_workers)); break;
    case Compression::kNone: out.reset(new PlainOutput(path, temp, fd)); break;
  }
  return out;
}

Status OutputFile::Write(std::string_view data) {
  bytes_in_ += data.size();
  return Encode(data);
}

Status OutputFile::WriteRaw(const char* data, size_t n) {
  raw_.append(data, n);
  if (raw_.size() >= kRawFlush) return FlushRaw();
  return Status::Ok();
}

Status OutputFile::FlushRaw() {
  size_t done = 0;
  while (done < raw_.size()) {
    ssize_t w = ::write(fd_, raw_.data() + done, raw_.size() - done);
    if (w < 0) {
      if (errno == EINTR) continue;
      return Status::IoError(path_ + ": write failed: " + std::strerror(errno));
    }
    done += static_cast<size_t>(w);
  }
  bytes_out_ += raw_.size();
  raw_.clear();
  return Status::Ok();
}

Status OutputFile::Commit() {
  TAMIS_RETURN_IF_ERROR(FinishEncoding());
  TAMIS_RETURN_IF_ERROR(FlushRaw());
  if (::fsync(fd_) != 0 && errno != EINVAL && errno != EROFS) {
    return Status::IoError(path_ + ": fsync failed: " + std::strerror(errno));
  }
  if (::close(fd_) != 0) {
    fd_ = -1;
    return Status::IoError(path_ + ": close failed: " + std::strerror(errno));
  }
  fd_ = -1;
  if (::rename(temp_path_.c_str(), path_.c_str()) != 0) {
    return Status::IoError(path_ + ": cannot move into place: " + std::strerror(errno));
  }
  committed_ = true;
  UnregisterTempFile(signal_slot_);
  signal_slot_ = -1;
  return Status::Ok();
}

std::string_view CommittedNameOf(std::string_view name) {
  const size_t tmp = name.find(".tmp.");
  if (!name.starts_with(".") || tmp == std::string_view::npos) return name;
  return name.substr(1, tmp - 1);
}

Status WriteFileAtomically(const std::string& path, std::string_view content) {
  TAMIS_ASSIGN_OR_RETURN(auto file, OutputFile::Create(path));
  TAMIS_RETURN_IF_ERROR(file->Write(content));
  return file->Commit();
}

Result<std::string> ReadWholeFile(const std::string& path) {
  TAMIS_ASSIGN_OR_RETURN(auto in, InputStream::Open(path));
  std::string out;
  char buf[1 << 16];
  while (true) {
    TAMIS_ASSIGN_OR_RETURN(size_t got, in->Read(buf, sizeof(buf)));
    if (got == 0) break;
    out.append(buf, got);
  }
  return out;
}

}  // namespace tamis
