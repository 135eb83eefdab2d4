// Constants of the score histogram file format (score_histogram_format.md), shared by its
// writer and reader. Changing any of them changes the format: bump kVersion.
#ifndef TAMIS_FILTERS_TOP_FRACTION_SCORE_HISTOGRAM_FORMAT_H_
#define TAMIS_FILTERS_TOP_FRACTION_SCORE_HISTOGRAM_FORMAT_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace tamis::score_histogram {

inline constexpr std::string_view kMagic = "TAMISHST";
inline constexpr uint32_t kVersion = 1;
inline constexpr size_t kHeaderBytes = 44;  // Magic through the group count.
inline constexpr size_t kChecksumBytes = 8;
inline constexpr uint64_t kChecksumSeed = 0;  // XXH64 seed.
inline constexpr uint32_t kMaxGroupNameBytes = 65536;
inline constexpr uint32_t kMaxBins = 1u << 24;

}  // namespace tamis::score_histogram

#endif  // TAMIS_FILTERS_TOP_FRACTION_SCORE_HISTOGRAM_FORMAT_H_
