#include "readers/jsonl_file_reader.h"

namespace tamis {

JsonlFileReader::JsonlFileReader(const std::string& path, std::unique_ptr<InputStream> in,
                                 const ReaderOptions& options)
    : path_(path), options_(options), in_(std::move(in), options.max_record_bytes) {}

Result<bool> JsonlFileReader::Next(Document* doc) {
  while (true) {
    std::string_view line;
    TAMIS_ASSIGN_OR_RETURN(auto st, in_.ReadLine(&line));
    ++line_number_;
    if (st == BufferedReader::LineStatus::kEnd) return false;
    if (st == BufferedReader::LineStatus::kTooLong) {
      std::string message = path_ + ":" + std::to_string(line_number_) + ": line longer than " +
                            std::to_string(options_.max_record_bytes) + " bytes";
      if (options_.strict) return Status::Corruption(message);
      CountSkip("jsonl_line_too_long");
      if (options_.on_skip) options_.on_skip("jsonl_line_too_long", message);
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
