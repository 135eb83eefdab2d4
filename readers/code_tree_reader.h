// CodeTreeReader: one document per source file under a directory (a checked-out repository
// or a dump of many).
//
// Files are visited in sorted path order so runs are deterministic. Skipped, each counted by
// reason: files in vendored directories ("code_vendored", see IsVendoredDirectory), files of
// no known programming language ("code_unknown_language"), binary files — a NUL byte in the
// first 8 KiB, or not valid UTF-8 — ("code_binary"), and files above
// ReaderOptions::max_code_file_bytes ("code_too_large"). Symbolic links are not followed. A
// sub-directory that cannot be listed or a file that cannot be read is "code_unreadable",
// reported through on_skip with its path and the system's reason, and reading goes on with
// the rest (in strict mode it is a kIoError instead); an unreadable root is always an error.
// Metadata: path (relative to the root), programming_language, repo (the root's name), size.
#ifndef TAMIS_READERS_CODE_TREE_READER_H_
#define TAMIS_READERS_CODE_TREE_READER_H_

#include <string>
#include <vector>

#include "readers/file_reader.h"

namespace tamis {

class CodeTreeReader final : public FileReader {
 public:
  static Result<std::unique_ptr<FileReader>> Open(const std::string& root,
                                                  const ReaderOptions& options);
  Result<bool> Next(Document* doc) override;
  uint64_t bytes_read() const override { return bytes_read_; }

 private:
  // Counts and reports a path that cannot be read; kIoError in strict mode.
  Status SkipUnreadable(const std::string& message);

  CodeTreeReader(const std::string& root, const ReaderOptions& options,
                 std::vector<std::string> files);

  const std::string& root_;
  const ReaderOptions& options_;
  std::string repo_;
  std::vector<std::string> files_;       // Relative paths, sorted.
  std::vector<std::string> unreadable_;  // Directories that could not be listed, to report.
  size_t next_ = 0;
  uint64_t bytes_read_ = 0;
};

}  // namespace tamis

#endif  // TAMIS_READERS_CODE_TREE_READER_H_
