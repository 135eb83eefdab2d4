// IP addresses found in text: strict parsing of a candidate (IPv4 dotted quad, IPv6 in any
// RFC 4291 form) and whether it is publicly routable, for the pii stage's public-only option.
//
// Not public: RFC 6890 special-purpose blocks (private, loopback, link-local, shared CGNAT,
// documentation, benchmarking, multicast, reserved, unspecified) and their IPv6 counterparts
// (::, ::1, fc00::/7, fe80::/10, ff00::/8, 2001:db8::/32, IPv4-mapped non-public). Pure
// functions; thread-safe.
#ifndef TAMIS_FILTERS_PII_IP_ADDRESS_H_
#define TAMIS_FILTERS_PII_IP_ADDRESS_H_

#include <string_view>

namespace tamis::pii {

enum class IpClass {
  kNotAnAddress,  // Does not parse.
  kPublic,
  kNonPublic,  // Parses, but is private, loopback, documentation, multicast, ...
};

IpClass ClassifyIpv4(std::string_view text);
IpClass ClassifyIpv6(std::string_view text);

}  // namespace tamis::pii

#endif  // TAMIS_FILTERS_PII_IP_ADDRESS_H_
