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
    // A line that runs across the point where the stream resumed after damage is the head of
    // one line glued to the tail of another: it is no document.
    if (in_.stream().compression() != Compression::kNone &&
        in_.stream().BoundaryWithin(start, in_.position(), false) != 0) {
      TAMIS_RETURN_IF_ERROR(Report(
          "jsonl_damaged_line",
          path_ + ":" + std::to_string(line_number_) + ": line spans damaged compressed data",
          true));
      continue;
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
