// JsonlWriter: documents to JSONL, as one file or as a directory of size-bounded shards.
//
// An output path ending in .jsonl, .jsonl.gz or .jsonl.zst is one file; any other path is a
// directory that receives shards named `<prefix>-<shard 5 digits>.jsonl.zst` (zstd unless
// `shard_extension` says otherwise), a new shard starting once the current one holds
// `shard_bytes` of uncompressed JSON. With `split_by` set to a metadata key (e.g. "language"),
// each distinct value gets its own sub-directory of shards (`OUT/fra_Latn/...`); documents
// without the key go to `OUT/unknown/`. A value becomes a directory name of letters, digits,
// "_", "-" and "." only, never starting with "." (so never hidden, never "." or ".."), at most
// 128 bytes (a longer value is cut and ends in a hash of the whole value): no value can escape
// the output directory or fail the run on a long name. At most `max_open_files` split files
// are open at once: opening one more finishes the least recently used split's shard, and that
// split's next document starts its next shard. So any number of distinct values works within
// a file-descriptor limit and bounded memory, at the price of more, smaller shards when
// values are interleaved; the shards made depend only on the documents' order.
//
// Every file is written atomically (io/output_file.h): Close() commits them all; a writer
// destroyed without Close() leaves no partial file behind. Not thread-safe: the graph calls it
// from its one serial, in-order output step.
#ifndef TAMIS_WRITERS_JSONL_WRITER_H_
#define TAMIS_WRITERS_JSONL_WRITER_H_

#include <cstdint>
#include <list>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "io/output_file.h"
#include "pipeline/document.h"
#include "pipeline/status.h"

namespace tamis {

struct JsonlWriterOptions {
  std::string output;                 // File or directory, see above.
  std::string shard_prefix = "part";  // Tasks use "part-00003" so their shards never collide.
  std::string shard_extension = ".jsonl.zst";
  uint64_t shard_bytes = uint64_t{1} << 30;  // 1 GiB of JSON per shard.
  bool with_ledger = false;                  // The rejects form.
  // Conversations in the layout they were read in (conversation_json.h), for trainers;
  // documents that are no conversation, and the rejects form, keep the tamis form.
  bool conversations = false;
  std::string split_by;  // Metadata key whose value picks a sub-directory.
  // zstd's own compression threads per output file (io/output_file.h). Compression is most
  // of the cost of writing and the writer runs in the graph's one serial step, so it is moved
  // off that thread by default. Any value >= 1 gives the same bytes; 0 compresses inline.
  // Not used with split_by: every open split file would hold its own threads and ~30 MB of
  // job buffers, and there can be hundreds of them (one per language).
  int compression_workers = 1;
  // split_by: split files open at once (each holds a descriptor and a compressor's buffers).
  int max_open_files = 64;
};

// True when `path` names a single JSONL file rather than a shard directory.
bool IsSingleJsonlFile(std::string_view path);

class JsonlWriter {
 public:
  static Result<std::unique_ptr<JsonlWriter>> Create(JsonlWriterOptions options);

  Status Write(const Document& doc);
  // Writes `line`, which must be Encode(doc) (rendered earlier, e.g. on another thread);
  // `doc` still decides the split directory.
  Status WriteEncoded(const Document& doc, std::string_view line);
  // The bytes Write(doc) would write: one JSON line in this writer's form.
  void Encode(const Document& doc, std::string* out) const;
  // Commits every open file. Call once; no Write after.
  Status Close();

  uint64_t documents() const { return documents_; }
  uint64_t bytes() const { return bytes_; }  // Uncompressed JSON bytes.
  // Every file committed so far, in creation order.
  const std::vector<std::string>& files() const { return files_; }

 private:
  explicit JsonlWriter(JsonlWriterOptions options) : options_(std::move(options)) {}
  struct Target {
    std::unique_ptr<OutputFile> file;
    int next_shard = 0;
    std::list<std::string>::iterator open_position;  // In open_, while `file` is open.
  };
  // Starts the next shard of split `key` in `directory`.
  Status Rotate(const std::string& key, const std::string& directory, Target& target);
  // Commits the target's open file.
  Status CloseTarget(Target& target);

  JsonlWriterOptions options_;
  std::map<std::string, Target> targets_;  // By split value ("" when not splitting).
  std::list<std::string> open_;            // Keys with an open file, most recently used first.
  std::string line_;
  uint64_t documents_ = 0;
  uint64_t bytes_ = 0;
  std::vector<std::string> files_;
};

}  // namespace tamis

#endif  // TAMIS_WRITERS_JSONL_WRITER_H_
