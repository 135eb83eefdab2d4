// FileReader: frames the records of one input file into raw documents.
//
// Framing is the serial part of reading (decompress, find record boundaries); everything that
// can run in parallel — JSON parsing, HTTP and charset decoding, HTML extraction — is left to
// DecodeDocument() (document_decoder.h), driven by Document::payload. A reader sets
// `origin_file`/`origin_position` on every document so later messages can name the record.
//
// Records that are not documents (WARC requests, metadata, non-HTML responses are decided
// later) are counted by reason in `skipped` rather than returned, as are records lost to
// damage and the damaged stretches of a compressed stream themselves (input_stream.h).
//
// Formats, chosen from the file name:
//   *.jsonl, *.json, *.ndjson (+ .gz/.zst)             JSONL documents
//   *.warc, *.wet, *.warc.wet, *.arc? (+ .gz/.zst)     WARC/WET records
//   a directory                                         a code tree (code_tree_reader.h)
// Not thread-safe: one reader per file, used by one thread at a time.
#ifndef TAMIS_READERS_FILE_READER_H_
#define TAMIS_READERS_FILE_READER_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "pipeline/document.h"
#include "pipeline/status.h"
#include "readers/reader_options.h"

namespace tamis {

enum class InputFormat { kJsonl, kWarc, kCodeTree };

// The format of `path`; kInvalidArgument naming the file when it is none tamis reads.
Result<InputFormat> FormatOf(const std::string& path);

class FileReader {
 public:
  virtual ~FileReader() = default;

  // `path` must outlive the reader (documents point at it).
  static Result<std::unique_ptr<FileReader>> Open(const std::string& path,
                                                  const ReaderOptions& options);

  // Fills `doc` with the next raw document; false at the end of the file. Damage is recovered
  // from and counted in skipped(); kCorruption comes back only in strict mode (or for damage
  // no reader recovers from): the caller decides whether the run goes on.
  virtual Result<bool> Next(Document* doc) = 0;

  // Records seen that are not documents, by reason ("warc_request": 12).
  const std::map<std::string, uint64_t>& skipped() const { return skipped_; }
  // Input bytes consumed so far (compressed size for compressed files).
  virtual uint64_t bytes_read() const = 0;
  // Compressed bytes passed over because of damage (each stretch is also a counted skip).
  virtual uint64_t damaged_bytes() const { return 0; }

 protected:
  void CountSkip(const std::string& reason) { ++skipped_[reason]; }
  std::map<std::string, uint64_t> skipped_;
};

}  // namespace tamis

#endif  // TAMIS_READERS_FILE_READER_H_
