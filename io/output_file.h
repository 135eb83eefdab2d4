// OutputFile: a file that appears complete or not at all.
//
// Bytes go to a temporary file beside the destination (same directory, so the final rename is
// atomic on POSIX file systems); Commit() flushes, syncs and renames it into place. A file that
// is destroyed without Commit() — an error, a crash path, a full disk — removes its temporary
// file, so readers never see a half-written output. Compression is chosen from the destination
// name: ".gz" gzip, ".zst" zstd, else none.
//
// zstd can compress on `compression_workers` threads of its own: Write() then hands the bytes
// over and returns, so the caller (the graph's serial output step) is not held up by the
// compressor, which is most of the cost of writing. The bytes written are the same for every
// worker count >= 1 (zstd's multithreaded format), but differ from 0 (compression on the
// caller's thread), so a writer that wants the same output for any --threads must keep the
// count >= 1. Ignored for gzip and plain files.
//
// A fatal SIGINT, SIGTERM or SIGHUP removes the temporary file too, once the CLI has called
// InstallTempFileCleanup() (temp_file_registry.h).
//
// Not thread-safe; one writer per file.
#ifndef TAMIS_IO_OUTPUT_FILE_H_
#define TAMIS_IO_OUTPUT_FILE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "io/input_stream.h"
#include "pipeline/status.h"

namespace tamis {

class OutputFile {
 public:
  virtual ~OutputFile();

  // Creates the parent directories if needed.
  static Result<std::unique_ptr<OutputFile>> Create(const std::string& path,
                                                    int compression_workers = 0);
  static Compression CompressionFor(std::string_view path);

  Status Write(std::string_view data);
  // Finishes the compressed stream and moves the file into place. Call once.
  Status Commit();

  const std::string& path() const { return path_; }
  uint64_t bytes_in() const { return bytes_in_; }    // Uncompressed bytes written.
  uint64_t bytes_out() const { return bytes_out_; }  // Bytes on disk so far.

 protected:
  OutputFile(std::string path, std::string temp_path, int fd);
  // Writes already-compressed bytes to the file descriptor.
  Status WriteRaw(const char* data, size_t n);
  virtual Status Encode(std::string_view data) = 0;
  virtual Status FinishEncoding() = 0;

 private:
  Status FlushRaw();

  std::string path_;
  std::string temp_path_;
  int fd_;
  bool committed_ = false;
  int signal_slot_;  // temp_file_registry.h: unlinked on SIGINT/SIGTERM/SIGHUP until committed.
  std::string raw_;  // Pending bytes for the file descriptor.
  uint64_t bytes_in_ = 0;
  uint64_t bytes_out_ = 0;
};

// The name a file in a directory listing will have once committed: `name` itself, or for a
// temporary file of this class (".NAME.tmp.PID.N") NAME. Lets a rerun find the leftovers of
// a killed attempt by the names they were meant to take.
std::string_view CommittedNameOf(std::string_view name);

// Writes `content` to `path` atomically in one call (reports, stats, markers).
Status WriteFileAtomically(const std::string& path, std::string_view content);

// Reads a whole (possibly compressed) file.
Result<std::string> ReadWholeFile(const std::string& path);

}  // namespace tamis

#endif  // TAMIS_IO_OUTPUT_FILE_H_
