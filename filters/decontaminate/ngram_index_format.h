// Constants of the n-gram index file format (ngram_index_format.md), shared by its writer and
// reader (ngram_index.cc). Changing any of them, or the layout, means bumping kVersion.
#ifndef TAMIS_FILTERS_DECONTAMINATE_NGRAM_INDEX_FORMAT_H_
#define TAMIS_FILTERS_DECONTAMINATE_NGRAM_INDEX_FORMAT_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace tamis::ngram_index_format {

inline constexpr std::string_view kMagic = "TAMISNGI";
// 2: Tibetan runs split by the word break iterator, as dedup does (pipeline/unspaced_script.h).
inline constexpr uint32_t kVersion = 2;
inline constexpr size_t kHeaderBytes = 64;  // Magic through the benchmark count.
inline constexpr size_t kChecksumBytes = 8;
inline constexpr uint64_t kChecksumSeed = 0;  // XXH64 seed.
// The file the decontaminate collector keeps in its work directory.
inline constexpr std::string_view kFileName = "ngram-index.bin";

}  // namespace tamis::ngram_index_format

#endif  // TAMIS_FILTERS_DECONTAMINATE_NGRAM_INDEX_FORMAT_H_
