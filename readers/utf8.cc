#include "readers/utf8.h"

#include <cstring>

namespace tamis {
namespace {

constexpr uint64_t kHighBits = 0x8080808080808080ULL;
constexpr size_t kWord = sizeof(uint64_t);
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD.

// Length of the ASCII prefix of [p, p + n), scanning a word at a time.
size_t AsciiPrefix(const unsigned char* p, size_t n) {
  size_t i = 0;
  while (i + kWord <= n) {
    uint64_t word;
    std::memcpy(&word, p + i, kWord);
    if (word & kHighBits) break;
    i += kWord;
  }
  while (i < n && p[i] < 0x80) ++i;
  return i;
}

bool InRange(unsigned char c, unsigned char lo, unsigned char hi) {
  return c >= lo && c <= hi;
}

// Examines the sequence starting at a non-ASCII byte p[0] (n >= 1 bytes available). Returns the
// length of the well-formed sequence there, or 0 if it is ill-formed, in which case
// `*bad_length` is the length of its maximal subpart (>= 1): the bytes one U+FFFD replaces.
size_t CheckSequence(const unsigned char* p, size_t n, size_t* bad_length) {
  const unsigned char lead = p[0];
  size_t length;
  // Bounds of the second byte; the third and fourth are always 80..BF (table 3-7).
  unsigned char lo = 0x80, hi = 0xBF;
  if (InRange(lead, 0xC2, 0xDF)) {
    length = 2;
  } else if (InRange(lead, 0xE0, 0xEF)) {
    length = 3;
    if (lead == 0xE0) lo = 0xA0;  // Overlong below U+0800.
    if (lead == 0xED) hi = 0x9F;  // Surrogates.
  } else if (InRange(lead, 0xF0, 0xF4)) {
    length = 4;
    if (lead == 0xF0) lo = 0x90;  // Overlong below U+10000.
    if (lead == 0xF4) hi = 0x8F;  // Above U+10FFFF.
  } else {
    *bad_length = 1;  // 80..C1 or F5..FF can never start a sequence.
    return 0;
  }
  size_t i = 1;
  for (; i < length; ++i) {
    const bool ok = i < n && (i == 1 ? InRange(p[i], lo, hi) : InRange(p[i], 0x80, 0xBF));
    if (!ok) {
      *bad_length = i;
      return 0;
    }
  }
  return length;
}

}  // namespace

bool IsValidUtf8(std::string_view bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t n = bytes.size();
  size_t i = 0;
  while (i < n) {
    i += AsciiPrefix(p + i, n - i);
    if (i == n) break;
    size_t bad;
    const size_t length = CheckSequence(p + i, n - i, &bad);
    if (length == 0) return false;
    i += length;
  }
  return true;
}

uint64_t AppendRepairedUtf8(std::string_view bytes, std::string* out) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t n = bytes.size();
  uint64_t replaced = 0;
  size_t i = 0;
  size_t run_start = 0;  // Start of the well-formed run not yet copied to *out.
  out->reserve(out->size() + n);
  while (i < n) {
    i += AsciiPrefix(p + i, n - i);
    if (i == n) break;
    size_t bad;
    const size_t length = CheckSequence(p + i, n - i, &bad);
    if (length != 0) {
      i += length;
      continue;
    }
    out->append(bytes.data() + run_start, i - run_start);
    out->append(kReplacement);
    ++replaced;
    i += bad;
    run_start = i;
  }
  out->append(bytes.data() + run_start, n - run_start);
  return replaced;
}

std::string RepairUtf8(std::string_view bytes, uint64_t* replaced) {
  std::string out;
  const uint64_t count = AppendRepairedUtf8(bytes, &out);
  if (replaced != nullptr) *replaced += count;
  return out;
}

}  // namespace tamis
