#include "io/buffered_reader.h"

#include <algorithm>
#include <cstring>

namespace tamis {
namespace {
constexpr size_t kChunk = 1 << 20;
}  // namespace

BufferedReader::BufferedReader(std::unique_ptr<InputStream> in, size_t max_line)
    : in_(std::move(in)), max_line_(max_line), buf_(kChunk, '\0') {}

Result<bool> BufferedReader::Fill() {
  if (pos_ < len_) return true;
  if (eof_) return false;
  base_ += len_;
  pos_ = len_ = 0;
  if (buf_.size() > kChunk) {
    // A long line or an unread block grew the buffer: give the memory back.
    buf_ = std::string(kChunk, '\0');
  }
  TAMIS_ASSIGN_OR_RETURN(size_t got, in_->Read(buf_.data(), buf_.size()));
  len_ = got;
  if (got == 0) eof_ = true;
  return got > 0;
}

Result<BufferedReader::LineStatus> BufferedReader::ReadLine(std::string_view* line) {
  TAMIS_ASSIGN_OR_RETURN(bool any, Fill());
  if (!any) return LineStatus::kEnd;
  size_t scanned = pos_;
  bool too_long = false;
  while (true) {
    const char* nl =
        static_cast<const char*>(std::memchr(buf_.data() + scanned, '\n', len_ - scanned));
    if (nl) {
      size_t end = nl - buf_.data();
      *line = std::string_view(buf_.data() + pos_, end - pos_);
      pos_ = end + 1;
      if (line->size() > max_line_) too_long = true;
      return too_long ? LineStatus::kTooLong : LineStatus::kLine;
    }
    if (len_ - pos_ > max_line_) {
      // Drop what we have of the runaway line and keep scanning for its end.
      too_long = true;
      base_ += len_;
      pos_ = len_ = 0;
    } else if (pos_ > 0) {
      // Move the partial line to the front to make room.
      std::memmove(buf_.data(), buf_.data() + pos_, len_ - pos_);
      base_ += pos_;
      len_ -= pos_;
      pos_ = 0;
    }
    if (len_ == buf_.size()) buf_.resize(buf_.size() * 2);
    scanned = len_;
    if (eof_) break;
    TAMIS_ASSIGN_OR_RETURN(size_t got, in_->Read(buf_.data() + len_, buf_.size() - len_));
    if (got == 0) {
      eof_ = true;
      break;
    }
    len_ += got;
  }
  // Last line without a newline.
  *line = std::string_view(buf_.data() + pos_, len_ - pos_);
  pos_ = len_;
  if (line->size() > max_line_) too_long = true;
  if (too_long) return LineStatus::kTooLong;
  return line->empty() ? LineStatus::kEnd : LineStatus::kLine;
}

Result<size_t> BufferedReader::ReadBlock(size_t n, std::string* out) {
  size_t done = 0;
  while (done < n) {
    TAMIS_ASSIGN_OR_RETURN(bool any, Fill());
    if (!any) break;
    size_t take = std::min(n - done, len_ - pos_);
    out->append(buf_.data() + pos_, take);
    pos_ += take;
    done += take;
  }
  return done;
}

Result<size_t> BufferedReader::Skip(size_t n) {
  size_t done = 0;
  while (done < n) {
    TAMIS_ASSIGN_OR_RETURN(bool any, Fill());
    if (!any) break;
    size_t take = std::min(n - done, len_ - pos_);
    pos_ += take;
    done += take;
  }
  return done;
}

Result<int> BufferedReader::Peek() {
  TAMIS_ASSIGN_OR_RETURN(bool any, Fill());
  if (!any) return -1;
  return static_cast<unsigned char>(buf_[pos_]);
}

Result<std::string_view> BufferedReader::PeekBytes(size_t n) {
  TAMIS_ASSIGN_OR_RETURN(bool any, Fill());
  if (!any) return std::string_view();
  if (len_ - pos_ < n) {
    std::memmove(buf_.data(), buf_.data() + pos_, len_ - pos_);
    base_ += pos_;
    len_ -= pos_;
    pos_ = 0;
    if (buf_.size() < n) buf_.resize(n);
    while (len_ < n && !eof_) {
      TAMIS_ASSIGN_OR_RETURN(size_t got, in_->Read(buf_.data() + len_, buf_.size() - len_));
      if (got == 0) eof_ = true;
      len_ += got;
    }
  }
  return std::string_view(buf_.data() + pos_, std::min(n, len_ - pos_));
}

void BufferedReader::Unread(std::string_view bytes) {
  if (bytes.size() <= pos_) {
    // Still in the buffer just before pos_ unless a refill replaced it: check, then step back.
    if (std::string_view(buf_.data() + pos_ - bytes.size(), bytes.size()) == bytes) {
      pos_ -= bytes.size();
      return;
    }
  }
  std::string rest(buf_.data() + pos_, len_ - pos_);
  uint64_t start = position() - bytes.size();
  buf_.assign(bytes);
  buf_ += rest;
  if (buf_.size() < kChunk) buf_.resize(kChunk);
  len_ = bytes.size() + rest.size();
  pos_ = 0;
  base_ = start;
}

}  // namespace tamis
