#include "pipeline/safe_file_name.h"

#include <xxhash.h>

#include <cstdio>
#include <cstring>

namespace tamis {
namespace {

// Well under NAME_MAX (255) on every file system, with room for a suffix the caller adds.
constexpr size_t kMaxName = 128;

}  // namespace

std::string SafeFileName(std::string_view value) {
  std::string out;
  for (char c : value) {
    bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '_' || c == '-' || c == '.';
    out.push_back(safe ? c : '_');
  }
  if (out.empty()) return "unknown";
  if (out[0] == '.') out[0] = '_';
  if (out.size() > kMaxName) {
    char hash[24];
    std::snprintf(hash, sizeof(hash), "-%016llx",
                  static_cast<unsigned long long>(XXH64(value.data(), value.size(), 0)));
    out.resize(kMaxName - std::strlen(hash));
    out += hash;
  }
  return out;
}

}  // namespace tamis
