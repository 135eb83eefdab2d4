// Constants of the dedup side-file format (dedup_file_format.md), shared by its writer and
// reader (dedup_file.cc). Changing any of them changes the format: bump kVersion.
#ifndef TAMIS_DEDUP_DEDUP_FILE_FORMAT_H_
#define TAMIS_DEDUP_DEDUP_FILE_FORMAT_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace tamis::dedup_file {

inline constexpr std::string_view kMagic = "TAMISDDP";
inline constexpr uint32_t kVersion = 1;
inline constexpr size_t kHeaderBytes = 32;  // Magic, version, kind, record bytes, count, band.
inline constexpr size_t kChecksumBytes = 8;
inline constexpr uint64_t kChecksumSeed = 0;  // XXH64 seed.

// What the records of a file are; the value is stored in the header.
enum class Kind : uint32_t {
  kBandKeys = 1,   // (key u64, ordinal u64): one LSH band of one task, by (key, ordinal).
  kExactKeys = 2,  // (key hi u64, key lo u64, ordinal u64): xxh3-128 of the normalised text.
  kEdges = 3,      // (document u64, first u64): `document` shares a bucket with `first`.
  kForest = 4,     // (document u64, root u64): a spanning forest of one edge partition.
  kDecisions = 5,  // (ordinal u64, kept u64, cluster size u64): one task's clustered docs.
  kStrings = 6,    // count × end offset u64, then the bytes: ids, in record order.
};

// Bytes per record of each fixed-size kind (kStrings is variable: see the spec).
inline constexpr uint32_t RecordBytes(Kind kind) {
  switch (kind) {
    case Kind::kBandKeys:
    case Kind::kEdges:
    case Kind::kForest: return 16;
    case Kind::kExactKeys:
    case Kind::kDecisions: return 24;
    case Kind::kStrings: return 8;
  }
  return 0;
}

// A document's place in the corpus: the task that read it and its ordinal among the
// documents that task's collector saw. Ordering positions is input order.
inline constexpr uint64_t Position(uint32_t task, uint32_t ordinal) {
  return (uint64_t{task} << 32) | ordinal;
}
// The kept position of a cluster whose first document is in the reference corpus of an
// incremental run: no position of this run equals it.
inline constexpr uint64_t kInReference = ~uint64_t{0};
inline constexpr uint32_t TaskOf(uint64_t position) {
  return static_cast<uint32_t>(position >> 32);
}
inline constexpr uint32_t OrdinalOf(uint64_t position) {
  return static_cast<uint32_t>(position & 0xffffffffu);
}

}  // namespace tamis::dedup_file

#endif  // TAMIS_DEDUP_DEDUP_FILE_FORMAT_H_
