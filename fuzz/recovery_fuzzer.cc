// Fuzzes recovery: the fuzzer's bytes are a list of damage operations (flipped bytes, a cut,
// trailing garbage) applied to a real crawl, handbook.warc.gz, stored one record per gzip
// member, one record per zstd frame, or uncompressed. The reader must never crash, and:
//  - from a compressed copy, every record it returns is byte-identical to a record of the
//    undamaged crawl, in the crawl's order (damage is detected, never passed off as data);
//  - from any copy, every record whose bytes (its member, frame or text, trailer included)
//    no operation touched comes out: damage costs the records it hits, never their neighbours.
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "fuzz/memfd_input.h"
#include "readers/warc_record_reader.h"

#include "tests/io/gzip_members.h"

namespace {

using tamis::testing::Gunzip;

struct Crawl {
  std::vector<std::string> ids, blocks;
  std::vector<std::string> gzip, zstd, plain;  // Each record's bytes in each storage.
};

std::string ZstdFrame(const std::string& data) {
  ZSTD_CCtx* c = ZSTD_createCCtx();
  ZSTD_CCtx_setParameter(c, ZSTD_c_checksumFlag, 1);
  std::string out(ZSTD_compressBound(data.size()), '\0');
  out.resize(ZSTD_compress2(c, out.data(), out.size(), data.data(), data.size()));
  ZSTD_freeCCtx(c);
  return out;
}

const Crawl& Load() {
  static const Crawl crawl = [] {
    Crawl c;
    std::ifstream in(TAMIS_FUZZ_WARC, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), {});
    tamis::fuzz::MemfdInput file(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
    auto reader = tamis::WarcRecordReader::Open(file.path());
    if (!reader.ok()) std::abort();
    std::vector<uint64_t> offsets;
    tamis::WarcRecord record;
    while (*(*reader)->Next(&record)) {
      offsets.push_back(record.offset);
      c.ids.emplace_back(record.Header("WARC-Record-ID"));
      c.blocks.push_back(record.block);
    }
    offsets.push_back(bytes.size());
    for (size_t i = 0; i + 1 < offsets.size(); ++i) {
      c.gzip.push_back(bytes.substr(offsets[i], offsets[i + 1] - offsets[i]));
      c.plain.push_back(Gunzip(c.gzip.back()));
      c.zstd.push_back(ZstdFrame(c.plain.back()));
    }
    return c;
  }();
  return crawl;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const Crawl& crawl = Load();
  const int mode = data[0] % 3;
  const std::vector<std::string>& parts = mode == 0   ? crawl.gzip
                                          : mode == 1 ? crawl.zstd
                                                      : crawl.plain;
  std::string file;
  std::vector<size_t> starts;
  for (const std::string& p : parts) {
    starts.push_back(file.size());
    file += p;
  }
  starts.push_back(file.size());
  const size_t original = file.size();
  std::vector<bool> touched(parts.size(), false);
  auto touch = [&](size_t begin, size_t end) {
    for (size_t i = 0; i < parts.size(); ++i) {
      if (begin < starts[i + 1] && end > starts[i]) touched[i] = true;
    }
  };
  size_t cut = original;
  std::string tail;
  for (size_t at = 1; at + 4 <= size && at < 1 + 4 * 8; at += 4) {
    const uint8_t* op = data + at;
    size_t pos = (static_cast<size_t>(op[1]) | static_cast<size_t>(op[2]) << 8) * original / 65536;
    size_t len = op[3] % 32 + 1;
    switch (op[0] % 4) {
      case 0:
      case 1:
        for (size_t i = pos; i < pos + len && i < original; ++i)
          file[i] ^= static_cast<char>(op[3] | 1);
        touch(pos, pos + len);
        break;
      case 2: cut = std::min(cut, pos); break;
      case 3: tail.append(reinterpret_cast<const char*>(op + 1), 3); break;
    }
  }
  touch(cut, original);
  file.resize(cut);
  file += tail;

  // A named file, not a memfd: a damaged first header leaves only the name to tell the format.
  static const std::string dir = "/tmp/tamis-recovery-fuzz-" + std::to_string(::getpid());
  static const std::string names[3] = {dir + ".warc.gz", dir + ".warc.zst", dir + ".warc"};
  static const bool cleanup = [] {
    std::atexit([] {
      for (const std::string& name : names) std::remove(name.c_str());
    });
    return true;
  }();
  (void)cleanup;
  const std::string& path = names[mode];
  std::ofstream(path, std::ios::binary | std::ios::trunc) << file;
  tamis::WarcReaderOptions options;
  auto reader = tamis::WarcRecordReader::Open(path, options);
  if (!reader.ok()) std::abort();
  std::vector<bool> seen(parts.size(), false);
  size_t next = 0;  // Returned records follow the crawl's order.
  tamis::WarcRecord record;
  while (true) {
    auto more = (*reader)->Next(&record);
    if (!more.ok()) std::abort();  // Not strict: damage is never an error.
    if (!*more) break;
    std::string id(record.Header("WARC-Record-ID"));
    size_t i = next;
    while (i < parts.size() && crawl.ids[i] != id) ++i;
    if (i < parts.size() && crawl.blocks[i] == record.block) {
      seen[i] = true;
      next = i + 1;
    } else if (mode != 2) {
      std::abort();  // Damaged compressed data passed off as a record.
    }
  }
  for (size_t i = 0; i < parts.size(); ++i) {
    if (!touched[i] && !seen[i]) std::abort();  // An intact record was lost.
  }
  return 0;
}
