// ReaderSource: the input step of a graph — a list of files read one after another into
// batches of raw documents (see file_reader.h; decoding is the "read" stage, decode_stage.h).
//
// Files are read in the order given (the runner sorts them), so batches, and therefore
// outputs, are deterministic. A batch closes at `batch_documents` documents or `batch_bytes`
// bytes, whichever comes first, which bounds the memory one batch holds; BatchBytesFor() sizes
// batches so that a small input still makes enough batches to keep every thread busy. Batch
// boundaries never change an output: stages and writers work document by document. Damage
// inside a file costs only the records it touches: the readers resume at the next intact
// gzip member, zstd frame or WARC record and count each loss by reason (see warc_record_reader.h,
// jsonl_file_reader.h). A kCorruption the reader could not recover from still keeps every
// record read before it; the rest of the file is counted as "corrupt_stream" and reading goes
// on with the next file. In strict mode any of these fails the run instead. A missing or
// unreadable file is always an error: a run never silently ignores an input it was given.
//
// Used from the graph's serial input step only; progress_bytes() may be read from any thread.
#ifndef TAMIS_READERS_READER_SOURCE_H_
#define TAMIS_READERS_READER_SOURCE_H_

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "pipeline/graph.h"
#include "readers/file_reader.h"
#include "readers/reader_options.h"

namespace tamis {

class ReaderSource final : public BatchSource {
 public:
  static constexpr size_t kDefaultBatchDocuments = 1024;
  static constexpr size_t kDefaultBatchBytes = size_t{8} << 20;
  // Below this a batch's fixed costs (scheduling, a JSON parser warm-up) start to show.
  static constexpr size_t kMinBatchBytes = size_t{64} << 10;
  // Batches each thread should get from the input at least, so that one slow batch does not
  // leave the others idle at the end.
  static constexpr size_t kBatchesPerThread = 4;

  // Bytes per batch for reading `files` with `threads` threads: the input's size spread over
  // kBatchesPerThread batches per thread, within [kMinBatchBytes, kDefaultBatchBytes]. (A
  // compressed file counts by its compressed size: its batches are smaller, never larger.)
  static size_t BatchBytesFor(const std::vector<std::string>& files, int threads);

  // `options` must outlive the source.
  ReaderSource(std::vector<std::string> files, const ReaderOptions& options,
               size_t batch_documents = kDefaultBatchDocuments,
               size_t batch_bytes = kDefaultBatchBytes);

  Result<bool> NextBatch(DocumentBatch* batch) override;
  uint64_t progress_bytes() const override { return progress_bytes_.load(); }

  // {"files": n, "records": n, "input_bytes": n, "damaged_bytes": n, "skipped": {reason: n}}
  // for the stats; damaged_bytes are compressed bytes passed over because of damage.
  Value Report() const;

 private:
  Status CloseCurrent();

  std::vector<std::string> files_;
  const ReaderOptions& options_;
  size_t batch_documents_;
  size_t batch_bytes_;
  size_t next_file_ = 0;
  std::unique_ptr<FileReader> current_;
  uint64_t finished_bytes_ = 0;  // Input bytes of files already closed.
  std::atomic<uint64_t> progress_bytes_{0};
  uint64_t documents_ = 0;
  uint64_t files_read_ = 0;
  uint64_t damaged_bytes_ = 0;  // Compressed bytes passed over because of damage.
  std::map<std::string, uint64_t> skipped_;
};

}  // namespace tamis

#endif  // TAMIS_READERS_READER_SOURCE_H_
