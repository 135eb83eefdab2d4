// Numbers as a person reads them in a summary: bytes in decimal units ("1.2 MB") and counts
// with thousands separators ("1,234,567"). Used by the terminal summary and the run report.
#ifndef TAMIS_PIPELINE_HUMAN_UNITS_H_
#define TAMIS_PIPELINE_HUMAN_UNITS_H_

#include <cstdint>
#include <cstdio>
#include <string>

namespace tamis {

inline std::string HumanBytes(double bytes) {
  const char* units[] = {"B", "KB", "MB", "GB", "TB"};
  int u = 0;
  while (bytes >= 1000 && u < 4) {
    bytes /= 1000;
    ++u;
  }
  char buf[32];
  std::snprintf(buf, sizeof(buf), u == 0 ? "%.0f %s" : "%.1f %s", bytes, units[u]);
  return buf;
}

inline std::string GroupDigits(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

}  // namespace tamis

#endif  // TAMIS_PIPELINE_HUMAN_UNITS_H_
