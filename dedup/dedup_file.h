// Reading and writing the dedup side files (dedup_file_format.md): fixed-size records of
// u64 words, or a list of strings, in one checksummed frame.
//
// A writer hands over the records as a flat array of u64 words (record after record); a
// reader gets them back the same way, after checking magic, version, kind, record size,
// count and checksum, so that a truncated, damaged or foreign file is a kCorruption naming
// the file. Files are written atomically (io/output_file.h): a killed step leaves none.
// Thread rule: free functions over values; no shared state.
#ifndef TAMIS_DEDUP_DEDUP_FILE_H_
#define TAMIS_DEDUP_DEDUP_FILE_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dedup/dedup_file_format.h"
#include "pipeline/status.h"

namespace tamis {

struct DedupRecords {
  uint32_t band = 0;
  std::vector<uint64_t> words;  // count × RecordBytes(kind) / 8.
};

std::string SerializeDedupRecords(dedup_file::Kind kind, uint32_t band,
                                  std::span<const uint64_t> words);
// kCorruption naming `where` unless `bytes` is a valid file of `kind`.
Result<DedupRecords> ParseDedupRecords(std::string_view bytes, dedup_file::Kind kind,
                                       const std::string& where);

std::string SerializeDedupStrings(const std::vector<std::string>& strings);
Result<std::vector<std::string>> ParseDedupStrings(std::string_view bytes,
                                                   const std::string& where);

Status WriteDedupRecords(const std::string& path, dedup_file::Kind kind, uint32_t band,
                         std::span<const uint64_t> words);
// kFailedPrecondition when the file does not exist (the part that writes it has not run).
Result<DedupRecords> ReadDedupRecords(const std::string& path, dedup_file::Kind kind);
Status WriteDedupStrings(const std::string& path, const std::vector<std::string>& strings);
Result<std::vector<std::string>> ReadDedupStrings(const std::string& path);

}  // namespace tamis

#endif  // TAMIS_DEDUP_DEDUP_FILE_H_
