// Fixed-size integers and reals in the little-endian byte order of tamis's binary side files
// (score histograms, dedup files): appended to a byte string, or loaded from an offset.
//
// The formats are little-endian; so is every machine tamis builds for today, so these are
// plain copies, and the static_assert stops a build where they would not be.
// Thread rule: free functions; no state.
#ifndef TAMIS_IO_LITTLE_ENDIAN_H_
#define TAMIS_IO_LITTLE_ENDIAN_H_

#include <bit>
#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>

namespace tamis {

static_assert(std::endian::native == std::endian::little,
              "tamis side files are little-endian; add byte swaps for this machine");

template <typename T>
void AppendLittleEndian(std::string* out, T value) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));
  out->append(bytes, sizeof(T));
}

// The caller has checked that `offset + sizeof(T) <= bytes.size()`.
template <typename T>
T LoadLittleEndian(std::string_view bytes, size_t offset) {
  T value;
  std::memcpy(&value, bytes.data() + offset, sizeof(T));
  return value;
}

}  // namespace tamis

#endif  // TAMIS_IO_LITTLE_ENDIAN_H_
