#include "readers/warc_record_reader.h"

#include <algorithm>
#include <charconv>

#include "pipeline/ascii.h"

namespace tamis {
namespace {

// Bytes looked at after a block: the CRLF CRLF trailer, some blank lines, and "WARC/1.".
constexpr size_t kLookAhead = 64;
// A member that ends this close after a record that starts it holds only that record: far more
// than a trailer, far less than the records a single-member file holds after its first.
constexpr uint64_t kNearMemberEnd = 64 << 10;

bool IsVersionLine(std::string_view line) {
  return line.rfind("WARC/1.", 0) == 0;
}

}  // namespace

std::string_view WarcRecord::Header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (AsciiEqualsIgnoreCase(k, name)) return v;
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
    : in_(std::move(in), options.max_header_line), options_(std::move(options)) {
  one_per_member_ = in_.stream().compression() != Compression::kNone;
  in_.stream().set_damage_handler(
      [this](std::string_view reason, const std::string& message, bool lost_data) {
        if (options_.strict && lost_data) return Status::Corruption(message);
        if (options_.on_skip) options_.on_skip(reason, message);
        return Status::Ok();
      });
}

Status WarcRecordReader::Skip(std::string_view reason, uint64_t offset, const std::string& what) {
  ++skipped_records_;
  std::string message = path() + ": record at offset " + std::to_string(offset) + ": " + what;
  if (options_.strict) return Status::Corruption(message);
  if (options_.on_skip) options_.on_skip(reason, message);
  return Status::Ok();
}

void WarcRecordReader::UnreadLine(std::string_view line, uint64_t line_start) {
  std::string bytes(line);
  if (in_.position() - line_start > line.size()) bytes += '\n';
  in_.Unread(bytes);
}

Result<bool> WarcRecordReader::Resync() {
  while (true) {
    uint64_t start = in_.position();
    std::string_view line;
    TAMIS_ASSIGN_OR_RETURN(auto st, in_.ReadLine(&line));
    if (st == BufferedReader::LineStatus::kEnd) return false;
    if (st != BufferedReader::LineStatus::kLine) continue;
    if (IsVersionLine(line)) {
      UnreadLine(line, start);
      return true;
    }
    // Damage can leave a line unended (a member cut short) or garble the blank lines before
    // a record: the next version line is then glued to the junk. It starts at a member
    // boundary, or is the whole rest of the line ("WARC/1.0" or "WARC/1.1").
    uint64_t boundary = in_.stream().BoundaryWithin(start, in_.position(), true);
    size_t glued = boundary != 0 ? boundary - start : line.rfind("WARC/1.");
    if (glued != std::string_view::npos && glued < line.size() &&
        IsVersionLine(line.substr(glued)) &&
        (boundary != 0 || TrimAsciiWhitespace(line.substr(glued)).size() == 8)) {
      UnreadLine(line.substr(glued), start + glued);
      return true;
    }
  }
}

Result<uint64_t> WarcRecordReader::ReadBlock(uint64_t start, uint64_t length, bool aligned,
                                             bool keep, std::string* block) {
  // Chunks keep the memory of a skipped block small and let boundaries be checked as the
  // stream decodes them.
  constexpr uint64_t kChunk = 1 << 20;
  bool scan_versions = !keep && in_.stream().compression() == Compression::kNone;
  std::string scratch;
  uint64_t done = 0;
  while (done < length) {
    std::string* into = keep ? block : &scratch;
    if (!keep) scratch.clear();
    size_t chunk_begin = into->size();
    uint64_t chunk_start = in_.position();
    TAMIS_ASSIGN_OR_RETURN(size_t got, in_.ReadBlock(std::min(kChunk, length - done), into));
    if (got == 0) break;
    done += got;
    uint64_t stop = in_.stream().BoundaryWithin(start, in_.position(), aligned);
    if (stop == 0 && scan_versions) {
      size_t at = std::string_view(*into).find("\nWARC/1.", chunk_begin);
      if (at != std::string::npos) stop = chunk_start + (at + 1 - chunk_begin);
    }
    if (stop != 0) {
      size_t cut = chunk_begin + (stop - chunk_start);
      in_.Unread(std::string_view(*into).substr(cut));
      into->resize(cut);
      return stop;
    }
  }
  return 0;
}

Result<WarcRecordReader::Ending> WarcRecordReader::LookPastBlock(bool at_member, bool aligned) {
  TAMIS_ASSIGN_OR_RETURN(std::string_view next, in_.PeekBytes(kLookAhead));
  size_t blank = std::min(next.find_first_not_of("\r\n"), next.size());
  uint64_t here = in_.position();
  uint64_t after = here + blank;
  // Only blank lines in a short look: the end of the file.
  bool at_end = blank == next.size() && next.size() < kLookAhead;
  // The first boundary at or after the block's end, if it is where the blank lines stop.
  bool member_ends = at_end || in_.stream().BoundaryWithin(here - 1, after + 1, true) == after;
  Ending ending;
  ending.fills_member =
      at_member &&
      (member_ends || in_.stream().BoundaryWithin(here - 1, here + kNearMemberEnd, true) != 0);
  // The CRLF CRLF the standard puts after every block ends the record whatever follows (a
  // next record with a damaged version line must not cost this one); a length that lies
  // almost never lands just before one.
  bool trailer = next.starts_with("\r\n\r\n") || next.starts_with("\n\n");
  ending.ends = trailer || blank == next.size() || IsVersionLine(next.substr(blank)) ||
                (aligned && member_ends);
  return ending;
}

Result<bool> WarcRecordReader::Next(WarcRecord* record) {
  while (true) {
    record->headers.clear();
    record->block.clear();
    // Records are separated by CRLF CRLF; tolerate any number of blank lines.
    uint64_t start = 0;
    std::string_view line;
    BufferedReader::LineStatus st;
    while (true) {
      start = in_.position();
      TAMIS_ASSIGN_OR_RETURN(st, in_.ReadLine(&line));
      if (st == BufferedReader::LineStatus::kEnd) return false;
      if (st == BufferedReader::LineStatus::kLine && TrimAsciiWhitespace(line).empty()) continue;
      break;
    }
    if (st != BufferedReader::LineStatus::kLine || !IsVersionLine(line)) {
      uint64_t offset = in_.stream().MemberStart(start);
      // Look again at this line: a version line may start inside it.
      if (st == BufferedReader::LineStatus::kLine) UnreadLine(line, start);
      TAMIS_ASSIGN_OR_RETURN(bool found, Resync());
      if (!found && start > 0) {
        // Junk after records with no record after it: a tail, which costs no record.
        if (options_.on_skip) {
          options_.on_skip("warc_trailing_bytes", path() + ": " +
                                                      std::to_string(in_.position() - start) +
                                                      " bytes after the last record ignored");
        }
        return false;
      }
      TAMIS_RETURN_IF_ERROR(
          Skip("warc_malformed_header", offset, "expected a WARC/1.x version line"));
      if (!found) return false;  // Not a WARC file at all.
      // Resync gave the same line back only if it is a version line now, so this progresses.
      continue;
    }
    record->version = std::string(TrimAsciiWhitespace(line));
    record->offset = in_.stream().MemberStart(start);
    bool at_member = in_.stream().IsMemberStart(start);
    if (!at_member) one_per_member_ = false;
    bool aligned = one_per_member_ && at_member;
    raw_.assign(line);
    raw_ += '\n';

    // Header lines up to the empty line; a line starting with a space continues the previous.
    bool header_ok = true;
    bool raw_complete = true;
    while (true) {
      uint64_t line_start = in_.position();
      TAMIS_ASSIGN_OR_RETURN(st, in_.ReadLine(&line));
      if (st == BufferedReader::LineStatus::kEnd) {
        TAMIS_RETURN_IF_ERROR(Skip("warc_truncated", record->offset, "file ends inside headers"));
        return false;
      }
      if (st == BufferedReader::LineStatus::kTooLong) {
        header_ok = raw_complete = false;
        continue;  // Read on to the end of the header block, never holding the long line.
      }
      std::string_view trimmed = TrimAsciiWhitespace(line);
      if (IsVersionLine(line)) {  // A new record began before this one's headers ended.
        UnreadLine(line, line_start);
        header_ok = false;
        break;
      }
      raw_ += line;
      raw_ += '\n';
      if (trimmed.empty()) break;
      if ((line[0] == ' ' || line[0] == '\t') && !record->headers.empty()) {
        record->headers.back().second += " ";
        record->headers.back().second += trimmed;
        continue;
      }
      size_t colon = line.find(':');
      if (colon == std::string_view::npos || colon == 0) {
        header_ok = false;
        continue;  // Keep reading to the end of the header block, then skip the record.
      }
      record->headers.emplace_back(std::string(TrimAsciiWhitespace(line.substr(0, colon))),
                                   std::string(TrimAsciiWhitespace(line.substr(colon + 1))));
    }
    // The member ended inside the headers: what follows the boundary is another record.
    uint64_t boundary = in_.stream().BoundaryWithin(start, in_.position(), aligned);
    if (boundary != 0 && raw_complete && boundary - start <= raw_.size()) {
      TAMIS_RETURN_IF_ERROR(Skip(aligned ? "warc_crosses_member" : "warc_damaged_member",
                                 record->offset, "headers end past the end of their member"));
      in_.Unread(std::string_view(raw_).substr(boundary - start));
      continue;
    }
    std::string_view length_text = record->Header("Content-Length");
    uint64_t length = 0;
    auto [p, ec] =
        std::from_chars(length_text.data(), length_text.data() + length_text.size(), length);
    if (!header_ok || length_text.empty() || ec != std::errc() ||
        p != length_text.data() + length_text.size()) {
      TAMIS_RETURN_IF_ERROR(Skip("warc_malformed_header", record->offset,
                                 "malformed header or missing Content-Length"));
      TAMIS_ASSIGN_OR_RETURN(bool found, Resync());
      if (!found) return false;
      continue;
    }
    bool keep = length <= options_.max_record_bytes;
    TAMIS_ASSIGN_OR_RETURN(uint64_t stopped,
                           ReadBlock(start, length, aligned, keep, &record->block));
    if (!keep) {
      TAMIS_RETURN_IF_ERROR(Skip("warc_record_too_large", record->offset,
                                 "block of " + std::to_string(length) + " bytes exceeds the " +
                                     std::to_string(options_.max_record_bytes) + " byte cap"));
      if (stopped == 0 && in_.position() < start + raw_.size() + length) return false;
      continue;
    }
    if (stopped != 0) {
      TAMIS_RETURN_IF_ERROR(
          Skip(aligned ? "warc_crosses_member" : "warc_damaged_member", record->offset,
               "Content-Length " + std::to_string(length) + " runs past the end of its member"));
      continue;
    }
    // Looking past the block also makes the stream finish (and check) this record's member.
    TAMIS_ASSIGN_OR_RETURN(Ending ending, LookPastBlock(at_member, aligned));
    if (ending.fills_member && in_.stream().DamageWithin(start, in_.position())) {
      TAMIS_RETURN_IF_ERROR(
          Skip("warc_damaged_member", record->offset, "read from a damaged compressed member"));
      continue;
    }
    size_t got = record->block.size();
    if (got < length || !ending.ends) {
      // The length lies. If it swallowed the next record, read on from that record's version
      // line; otherwise from the next version line after the block.
      size_t next = record->block.find("\nWARC/1.");
      if (next != std::string::npos) {
        TAMIS_RETURN_IF_ERROR(
            Skip("warc_bad_content_length", record->offset,
                 "Content-Length " + std::to_string(length) + " runs into the next record"));
        in_.Unread(std::string_view(record->block).substr(next + 1));
        continue;
      }
      if (got < length) {
        TAMIS_RETURN_IF_ERROR(Skip("warc_truncated", record->offset,
                                   "file ends after " + std::to_string(got) + " of " +
                                       std::to_string(length) + " block bytes"));
        return false;
      }
      uint64_t after = in_.position();
      TAMIS_ASSIGN_OR_RETURN(bool found, Resync());
      if (!found) {
        // Junk after the block of a damaged member is the damage itself.
        if (in_.stream().DamageWithin(start, in_.position())) {
          TAMIS_RETURN_IF_ERROR(
              Skip("warc_damaged_member", record->offset, "read from a damaged compressed member"));
          return false;
        }
        // No record follows, only bytes to the end of the file: the length was right and
        // they are a tail (a transfer artefact). The record is whole; the tail is told of.
        if (options_.on_skip) {
          options_.on_skip("warc_trailing_bytes", path() + ": " +
                                                      std::to_string(in_.position() - after) +
                                                      " bytes after the last record at offset " +
                                                      std::to_string(record->offset) + " ignored");
        }
        return true;
      }
      TAMIS_RETURN_IF_ERROR(
          Skip("warc_bad_content_length", record->offset,
               "Content-Length " + std::to_string(length) + " does not end the record"));
      continue;
    }
    return true;
  }
}

}  // namespace tamis
