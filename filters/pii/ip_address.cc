#include "filters/pii/ip_address.h"

#include <arpa/inet.h>

#include <array>
#include <cstdint>
#include <string>

namespace tamis::pii {
namespace {

bool IsPublicIpv4(uint32_t a) {
  const auto in = [a](uint32_t net, int bits) {
    return bits == 0 || (a >> (32 - bits)) == (net >> (32 - bits));
  };
  return !(in(0x00000000, 8) ||   // 0.0.0.0/8 "this network"
           in(0x0A000000, 8) ||   // 10/8 private
           in(0x64400000, 10) ||  // 100.64/10 shared (CGNAT)
           in(0x7F000000, 8) ||   // 127/8 loopback
           in(0xA9FE0000, 16) ||  // 169.254/16 link-local
           in(0xAC100000, 12) ||  // 172.16/12 private
           in(0xC0000000, 24) ||  // 192.0.0/24 IETF protocol assignments
           in(0xC0000200, 24) ||  // 192.0.2/24 documentation
           in(0xC0A80000, 16) ||  // 192.168/16 private
           in(0xC6120000, 15) ||  // 198.18/15 benchmarking
           in(0xC6336400, 24) ||  // 198.51.100/24 documentation
           in(0xCB007100, 24) ||  // 203.0.113/24 documentation
           in(0xE0000000, 4) ||   // 224/4 multicast
           in(0xF0000000, 4));    // 240/4 reserved, broadcast
}

}  // namespace

IpClass ClassifyIpv4(std::string_view text) {
  if (text.size() > 15) return IpClass::kNotAnAddress;
  const std::string copy(text);
  in_addr addr;
  if (inet_pton(AF_INET, copy.c_str(), &addr) != 1) return IpClass::kNotAnAddress;
  return IsPublicIpv4(ntohl(addr.s_addr)) ? IpClass::kPublic : IpClass::kNonPublic;
}

IpClass ClassifyIpv6(std::string_view text) {
  if (text.size() > 45) return IpClass::kNotAnAddress;
  const std::string copy(text);
  std::array<uint8_t, 16> b;
  if (inet_pton(AF_INET6, copy.c_str(), b.data()) != 1) return IpClass::kNotAnAddress;
  bool zero_prefix = true;  // The first 80 bits are zero: ::, ::1, ::ffff:a.b.c.d.
  for (int i = 0; i < 10; ++i) zero_prefix &= b[i] == 0;
  if (zero_prefix && b[10] == 0xFF && b[11] == 0xFF) {
    const uint32_t v4 =
        uint32_t{b[12]} << 24 | uint32_t{b[13]} << 16 | uint32_t{b[14]} << 8 | b[15];
    return IsPublicIpv4(v4) ? IpClass::kPublic : IpClass::kNonPublic;
  }
  const bool non_public = zero_prefix ||                              // ::, ::1, IPv4-compatible
                          (b[0] & 0xFE) == 0xFC ||                    // fc00::/7 unique local
                          (b[0] == 0xFE && (b[1] & 0xC0) == 0x80) ||  // fe80::/10 link-local
                          b[0] == 0xFF ||                             // ff00::/8 multicast
                          (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8);  // doc
  return non_public ? IpClass::kNonPublic : IpClass::kPublic;
}

}  // namespace tamis::pii
