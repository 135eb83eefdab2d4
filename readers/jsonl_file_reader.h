// JsonlFileReader: one raw document per non-empty line of a JSONL file (plain, .gz, .zst).
// The line is parsed later, in parallel (DecodeDocument); here only lines are framed. Lines
// above ReaderOptions::max_record_bytes are skipped as "jsonl_line_too_long" without being held
// whole. A damaged compressed stream costs only the lines it touches: the stream resumes at the
// next intact member or frame (input_stream.h), each damaged stretch is counted by its reason,
// and a line glued together across the damage, or the line of a damaged member when lines are
// one per member, is skipped as "jsonl_damaged_line". Line
// numbers count the lines read, so after damage they are those of the decoded text.
#ifndef TAMIS_READERS_JSONL_FILE_READER_H_
#define TAMIS_READERS_JSONL_FILE_READER_H_

#include <memory>
#include <string>

#include "io/buffered_reader.h"
#include "readers/file_reader.h"

namespace tamis {

class JsonlFileReader final : public FileReader {
 public:
  JsonlFileReader(const std::string& path, std::unique_ptr<InputStream> in,
                  const ReaderOptions& options);
  Result<bool> Next(Document* doc) override;
  uint64_t bytes_read() const override { return in_.stream().compressed_position(); }
  uint64_t damaged_bytes() const override { return in_.stream().skipped_bytes(); }

 private:
  // Counts and reports a skipped line or damaged stretch; kCorruption in strict mode when data
  // was lost.
  Status Report(std::string_view reason, const std::string& message, bool lost_data);
  // True when the line read from uncompressed [start, end) must not be trusted: it spans the
  // point where the stream resumed after damage, or the file holds one line per member and
  // this line's member is damaged.
  Result<bool> Damaged(uint64_t start, uint64_t end);

  const std::string& path_;
  const ReaderOptions& options_;
  BufferedReader in_;
  uint64_t line_number_ = 0;
  bool one_per_member_ = true;  // Every line so far started a compressed member.
};

}  // namespace tamis

#endif  // TAMIS_READERS_JSONL_FILE_READER_H_
