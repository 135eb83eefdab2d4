#include "readers/jsonl_file_reader.h"

namespace tamis {

JsonlFileReader::JsonlFileReader(const std::string& path, std::unique_ptr<InputStream> in,
                                 const ReaderOptions& options)
    : path_(path), options_(options), in_(std::move(in), options.max_record_bytes) {
  in_.stream().set_damage_handler(
      [this](std::string_view reason, const std::string& message, bool lost_data) {
        return Report(reason, message, lost_data);
      });
}

Status JsonlFileReader::Report(std::string_view reason, const std::string& message,
                               bool lost_data) {
  if (options_.strict && lost_data) return Status::Corruption(message);
  CountSkip(std::string(reason));
  if (options_.on_skip) options_.on_skip(reason, message);
  return Status::Ok();
}

Result<bool> JsonlFileReader::Damaged(uint64_t start, uint64_t end) {
  InputStream& stream = in_.stream();
  // A line that runs across the point where the stream resumed after damage is the head of one
  // line glued to the tail of another.
  if (stream.BoundaryWithin(start, end, false) != 0) return true;
  bool at_member = stream.IsMemberStart(start);
  if (!at_member) one_per_member_ = false;
  if (!one_per_member_) return false;
  // One line per member: looking one byte on makes the stream finish (and check) this member.
  TAMIS_RETURN_IF_ERROR(in_.Peek().status());
  return stream.DamageWithin(start, end);
}

Result<bool> JsonlFileReader::Next(Document* doc) {
  while (true) {
    std::string_view line;
    uint64_t start = in_.position();
    TAMIS_ASSIGN_OR_RETURN(auto st, in_.ReadLine(&line));
    ++line_number_;
    if (st == BufferedReader::LineStatus::kEnd) return false;
    if (st == BufferedReader::LineStatus::kTooLong) {
      TAMIS_RETURN_IF_ERROR(Report("jsonl_line_too_long",
                                   path_ + ":" + std::to_string(line_number_) +
                                       ": line longer than " +
                                       std::to_string(options_.max_record_bytes) + " bytes",
                                   true));
      continue;
    }
    if (in_.stream().compression() != Compression::kNone) {
      TAMIS_ASSIGN_OR_RETURN(bool damaged, Damaged(start, in_.position()));
      if (damaged) {
        TAMIS_RETURN_IF_ERROR(Report(
            "jsonl_damaged_line",
            path_ + ":" + std::to_string(line_number_) + ": line read from damaged compressed data",
            true));
        continue;
      }
    }
    // Blank lines (and a trailing CR) separate nothing in JSONL: pass over them silently.
    size_t first = line.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) continue;
    *doc = Document();
    doc->text.assign(line);
    doc->payload = Payload::kJsonLine;
    doc->origin_file = &path_;
    doc->origin_position = line_number_;
    return true;
  }
}

}  // namespace tamis
