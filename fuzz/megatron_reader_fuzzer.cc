// Fuzzes the Megatron indexed-dataset reader (tokenize/megatron_reader.h): whatever the bytes
// of PREFIX.idx and PREFIX.bin, Open() must return a Status, never crash or read out of
// bounds, and a dataset that opens must be readable in full.
// Input: a 2-byte little-endian length L, then L bytes of .idx, then the .bin.
// Library: tamis_tokenize.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "tokenize/megatron_reader.h"

namespace {

void WriteAll(const std::string& path, const uint8_t* data, size_t size) {
  FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return;
  if (size > 0) std::fwrite(data, 1, size, f);
  std::fclose(f);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  size_t idx_size = data[0] | (size_t{data[1]} << 8);
  data += 2;
  size -= 2;
  if (idx_size > size) idx_size = size;
  static const std::string prefix = "/tmp/tamis-megatron-fuzz-" + std::to_string(::getpid());
  WriteAll(prefix + ".idx", data, idx_size);
  WriteAll(prefix + ".bin", data + idx_size, size - idx_size);
  auto ds = tamis::megatron::IndexedDataset::Open(prefix);
  if (ds.ok()) {
    std::vector<int64_t> items;
    for (uint64_t d = 0; d < (*ds)->document_count(); ++d) (*ds)->ReadDocument(d, &items);
  }
  return 0;
}
