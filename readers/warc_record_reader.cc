#include "readers/warc_record_reader.h"

#include <strings.h>
#include <charconv>

namespace tamis {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.back() == '\r' || s.back() == ' ' || s.back() == '\t')) {
    s.remove_suffix(1);
  }
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  return s;
}

bool IsVersionLine(std::string_view line) {
  return line.rfind("WARC/1.", 0) == 0;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && ::strncasecmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

std::string_view WarcRecord::Header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (EqualsIgnoreCase(k, name)) return v;
  }
  return {};
}

std::string_view WarcRecord::target_uri() const {
  std::string_view uri = Header("WARC-Target-URI");
  if (uri.size() >= 2 && uri.front() == '<' && uri.back() == '>') {
    uri = uri.substr(1, uri.size() - 2);
  }
  return uri;
}

Result<std::unique_ptr<WarcRecordReader>> WarcRecordReader::Open(const std::string& path,
                                                                 WarcReaderOptions options) {
  TAMIS_ASSIGN_OR_RETURN(auto in, InputStream::Open(path));
  return std::make_unique<WarcRecordReader>(std::move(in), std::move(options));
}

WarcRecordReader::WarcRecordReader(std::unique_ptr<InputStream> in, WarcReaderOptions options)
    : in_(std::move(in)), options_(std::move(options)) {}

Status WarcRecordReader::Skip(std::string_view reason, uint64_t offset, const std::string& what) {
  ++skipped_records_;
  std::string message = path() + ": record at offset " + std::to_string(offset) + ": " + what;
  if (options_.strict) return Status::Corruption(message);
  if (options_.on_skip) options_.on_skip(reason, message);
  return Status::Ok();
}

Result<bool> WarcRecordReader::Resync(std::string* version_line, uint64_t* line_start) {
  while (true) {
    uint64_t start = in_.position();
    std::string_view line;
    TAMIS_ASSIGN_OR_RETURN(auto st, in_.ReadLine(&line));
    if (st == BufferedReader::LineStatus::kEnd) return false;
    if (st == BufferedReader::LineStatus::kLine && IsVersionLine(line)) {
      *version_line = std::string(Trim(line));
      *line_start = start;
      return true;
    }
  }
}

Result<bool> WarcRecordReader::Next(WarcRecord* record) {
  while (true) {
    record->headers.clear();
    record->block.clear();
    uint64_t start = 0;
    std::string version;
    if (pending_version_) {
      pending_version_ = false;
      version = std::move(pending_line_);
      start = pending_start_;
    } else {
      // Records are separated by CRLF CRLF; tolerate any number of blank lines.
      std::string_view line;
      while (true) {
        start = in_.position();
        TAMIS_ASSIGN_OR_RETURN(auto st, in_.ReadLine(&line));
        if (st == BufferedReader::LineStatus::kEnd) return false;
        if (st == BufferedReader::LineStatus::kLine && Trim(line).empty()) continue;
        break;
      }
      if (!IsVersionLine(line)) {
        TAMIS_RETURN_IF_ERROR(Skip("warc_malformed_header", in_.stream().MemberStart(start),
                                   "expected a WARC/1.x version line"));
        TAMIS_ASSIGN_OR_RETURN(bool found, Resync(&pending_line_, &pending_start_));
        if (!found) return false;
        pending_version_ = true;
        continue;
      }
      version = std::string(Trim(line));
    }
    record->version = std::move(version);
    record->offset = in_.stream().MemberStart(start);

    // Header lines up to the empty line; a line starting with a space continues the previous.
    bool header_ok = true;
    bool ended = false;
    while (true) {
      std::string_view line;
      TAMIS_ASSIGN_OR_RETURN(auto st, in_.ReadLine(&line));
      if (st == BufferedReader::LineStatus::kEnd) {
        ended = true;
        break;
      }
      if (st == BufferedReader::LineStatus::kTooLong) {
        header_ok = false;
        break;
      }
      std::string_view trimmed = Trim(line);
      if (trimmed.empty()) break;
      if ((line[0] == ' ' || line[0] == '\t') && !record->headers.empty()) {
        record->headers.back().second += " ";
        record->headers.back().second += trimmed;
        continue;
      }
      if (IsVersionLine(line)) {  // A new record began before this one's headers ended.
        pending_line_ = std::string(trimmed);
        pending_start_ = in_.position() - line.size() - 1;
        pending_version_ = true;
        header_ok = false;
        break;
      }
      size_t colon = line.find(':');
      if (colon == std::string_view::npos || colon == 0) {
        header_ok = false;
        continue;  // Keep reading to the end of the header block, then skip the record.
      }
      record->headers.emplace_back(std::string(Trim(line.substr(0, colon))),
                                   std::string(Trim(line.substr(colon + 1))));
    }
    if (ended) {
      TAMIS_RETURN_IF_ERROR(Skip("warc_truncated", record->offset, "file ends inside headers"));
      return false;
    }
    std::string_view length_text = record->Header("Content-Length");
    uint64_t length = 0;
    auto [p, ec] =
        std::from_chars(length_text.data(), length_text.data() + length_text.size(), length);
    if (!header_ok || length_text.empty() || ec != std::errc() ||
        p != length_text.data() + length_text.size()) {
      TAMIS_RETURN_IF_ERROR(Skip("warc_malformed_header", record->offset,
                                 "malformed header or missing Content-Length"));
      if (!pending_version_) {
        TAMIS_ASSIGN_OR_RETURN(bool found, Resync(&pending_line_, &pending_start_));
        if (!found) return false;
        pending_version_ = true;
      }
      continue;
    }
    if (length > options_.max_record_bytes) {
      TAMIS_ASSIGN_OR_RETURN(size_t skipped, in_.Skip(length));
      TAMIS_RETURN_IF_ERROR(Skip("warc_record_too_large", record->offset,
                                 "block of " + std::to_string(length) + " bytes exceeds the " +
                                     std::to_string(options_.max_record_bytes) + " byte cap"));
      if (skipped < length) return false;
      continue;
    }
    TAMIS_ASSIGN_OR_RETURN(size_t got, in_.ReadBlock(length, &record->block));
    if (got < length) {
      TAMIS_RETURN_IF_ERROR(Skip("warc_truncated", record->offset,
                                 "file ends after " + std::to_string(got) + " of " +
                                     std::to_string(length) + " block bytes"));
      return false;
    }
    return true;
  }
}

}  // namespace tamis
