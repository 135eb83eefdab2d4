#include "filters/robots/robots_encoding.h"

#include <cstdint>

namespace tamis::robots {
namespace {

constexpr char kHexDigits[] = "0123456789ABCDEF";

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// RFC 3986 §2.3.
bool IsUnreserved(uint8_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

bool MustEncode(uint8_t c) {
  return c <= 0x20 || c >= 0x7f || c == '"' || c == '<' || c == '>' || c == '`' || c == '{' ||
         c == '}';
}

void AppendEscaped(uint8_t c, std::string* out) {
  out->push_back('%');
  out->push_back(kHexDigits[c >> 4]);
  out->push_back(kHexDigits[c & 0xf]);
}

}  // namespace

void AppendNormalizedRobotsPath(std::string_view path, std::string* out) {
  for (size_t i = 0; i < path.size(); ++i) {
    const uint8_t c = static_cast<uint8_t>(path[i]);
    if (c == '%' && i + 2 < path.size()) {
      const int hi = HexValue(path[i + 1]);
      const int lo = HexValue(path[i + 2]);
      if (hi >= 0 && lo >= 0) {
        const uint8_t decoded = static_cast<uint8_t>(hi * 16 + lo);
        if (IsUnreserved(decoded)) {
          out->push_back(static_cast<char>(decoded));
        } else {
          AppendEscaped(decoded, out);
        }
        i += 2;
        continue;
      }
    }
    if (MustEncode(c)) {
      AppendEscaped(c, out);
    } else {
      out->push_back(static_cast<char>(c));
    }
  }
}

std::string NormalizeRobotsPath(std::string_view path) {
  std::string out;
  out.reserve(path.size());
  AppendNormalizedRobotsPath(path, &out);
  return out;
}

}  // namespace tamis::robots
