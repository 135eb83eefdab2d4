#include "dedup/dedup_file.h"

#include <xxhash.h>

#include <cstring>
#include <filesystem>

#include "io/little_endian.h"
#include "io/output_file.h"

namespace tamis {
namespace {

std::string Frame(dedup_file::Kind kind, uint32_t band, uint64_t count, std::string_view body) {
  std::string out(dedup_file::kMagic);
  out.reserve(dedup_file::kHeaderBytes + body.size() + dedup_file::kChecksumBytes);
  AppendLittleEndian(&out, dedup_file::kVersion);
  AppendLittleEndian(&out, static_cast<uint32_t>(kind));
  AppendLittleEndian(&out, dedup_file::RecordBytes(kind));
  AppendLittleEndian(&out, band);
  AppendLittleEndian(&out, count);
  out.append(body);
  AppendLittleEndian(
      &out, static_cast<uint64_t>(XXH64(out.data(), out.size(), dedup_file::kChecksumSeed)));
  return out;
}

struct Unframed {
  uint32_t band = 0;
  uint64_t count = 0;
  std::string_view body;
};

// Checks the frame of a file of `kind` and returns its header fields and body.
Result<Unframed> Unframe(std::string_view bytes, dedup_file::Kind kind, const std::string& where) {
  auto bad = [&](const std::string& what) {
    return Status::Corruption(where + ": not a valid dedup file: " + what);
  };
  if (bytes.size() < dedup_file::kHeaderBytes + dedup_file::kChecksumBytes ||
      bytes.substr(0, dedup_file::kMagic.size()) != dedup_file::kMagic) {
    return bad("no TAMISDDP header (truncated or foreign)");
  }
  const std::string_view framed = bytes.substr(0, bytes.size() - dedup_file::kChecksumBytes);
  if (LoadLittleEndian<uint64_t>(bytes, framed.size()) !=
      XXH64(framed.data(), framed.size(), dedup_file::kChecksumSeed)) {
    return bad("checksum mismatch (truncated or damaged)");
  }
  const uint32_t version = LoadLittleEndian<uint32_t>(bytes, 8);
  if (version != dedup_file::kVersion) return bad("version " + std::to_string(version));
  const uint32_t stored_kind = LoadLittleEndian<uint32_t>(bytes, 12);
  if (stored_kind != static_cast<uint32_t>(kind)) {
    return bad("kind " + std::to_string(stored_kind) + ", expected " +
               std::to_string(static_cast<uint32_t>(kind)));
  }
  if (LoadLittleEndian<uint32_t>(bytes, 16) != dedup_file::RecordBytes(kind))
    return bad("record size");
  Unframed u;
  u.band = LoadLittleEndian<uint32_t>(bytes, 20);
  u.count = LoadLittleEndian<uint64_t>(bytes, 24);
  u.body = framed.substr(dedup_file::kHeaderBytes);
  return u;
}

Result<std::string> ReadExisting(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    return Status::FailedPrecondition(path + ": missing: the part that writes it has not run");
  }
  return ReadWholeFile(path);
}

}  // namespace

std::string SerializeDedupRecords(dedup_file::Kind kind, uint32_t band,
                                  std::span<const uint64_t> words) {
  const uint64_t count = words.size() * sizeof(uint64_t) / dedup_file::RecordBytes(kind);
  return Frame(kind, band, count,
               {reinterpret_cast<const char*>(words.data()), words.size() * sizeof(uint64_t)});
}

Result<DedupRecords> ParseDedupRecords(std::string_view bytes, dedup_file::Kind kind,
                                       const std::string& where) {
  TAMIS_ASSIGN_OR_RETURN(Unframed u, Unframe(bytes, kind, where));
  const uint64_t record_bytes = dedup_file::RecordBytes(kind);
  if (u.body.size() % record_bytes != 0 || u.body.size() / record_bytes != u.count) {
    return Status::Corruption(where + ": not a valid dedup file: " + std::to_string(u.count) +
                              " records announced, " + std::to_string(u.body.size()) +
                              " bytes present");
  }
  DedupRecords records;
  records.band = u.band;
  records.words.resize(u.body.size() / sizeof(uint64_t));
  std::memcpy(records.words.data(), u.body.data(), u.body.size());
  return records;
}

std::string SerializeDedupStrings(const std::vector<std::string>& strings) {
  std::string body;
  uint64_t end = 0;
  for (const std::string& s : strings) AppendLittleEndian(&body, end += s.size());
  for (const std::string& s : strings) body += s;
  return Frame(dedup_file::Kind::kStrings, 0, strings.size(), body);
}

Result<std::vector<std::string>> ParseDedupStrings(std::string_view bytes,
                                                   const std::string& where) {
  TAMIS_ASSIGN_OR_RETURN(Unframed u, Unframe(bytes, dedup_file::Kind::kStrings, where));
  auto bad = [&](const std::string& what) {
    return Status::Corruption(where + ": not a valid dedup strings file: " + what);
  };
  if (u.count > u.body.size() / sizeof(uint64_t)) return bad("count exceeds the file");
  const std::string_view blob = u.body.substr(u.count * sizeof(uint64_t));
  std::vector<std::string> strings;
  strings.reserve(u.count);
  uint64_t begin = 0;
  for (uint64_t i = 0; i < u.count; ++i) {
    const uint64_t end = LoadLittleEndian<uint64_t>(u.body, i * sizeof(uint64_t));
    if (end < begin || end > blob.size()) return bad("offset " + std::to_string(i));
    strings.emplace_back(blob.substr(begin, end - begin));
    begin = end;
  }
  if (begin != blob.size()) return bad("trailing bytes");
  return strings;
}

Status WriteDedupRecords(const std::string& path, dedup_file::Kind kind, uint32_t band,
                         std::span<const uint64_t> words) {
  return WriteFileAtomically(path, SerializeDedupRecords(kind, band, words));
}

Result<DedupRecords> ReadDedupRecords(const std::string& path, dedup_file::Kind kind) {
  TAMIS_ASSIGN_OR_RETURN(std::string bytes, ReadExisting(path));
  return ParseDedupRecords(bytes, kind, path);
}

Status WriteDedupStrings(const std::string& path, const std::vector<std::string>& strings) {
  return WriteFileAtomically(path, SerializeDedupStrings(strings));
}

Result<std::vector<std::string>> ReadDedupStrings(const std::string& path) {
  TAMIS_ASSIGN_OR_RETURN(std::string bytes, ReadExisting(path));
  return ParseDedupStrings(bytes, path);
}

}  // namespace tamis
