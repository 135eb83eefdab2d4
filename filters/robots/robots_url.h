// RobotsUrl: splits a crawled URL into the two parts robots.txt cares about.
//
// The origin (RFC 9309 §2.3: "scheme, host and port") selects which robots.txt applies; the
// path and query are what its rules match. ParseRobotsUrl accepts absolute http and https
// URLs only, since robots.txt has no meaning for other schemes. It lower-cases scheme and
// host, drops user info and the fragment, and writes the origin canonically as
// "scheme://host" when the port is the scheme's default (80, 443) and "scheme://host:port"
// otherwise, so "HTTPS://Example.COM:443/x" and "https://example.com/y" share an origin.
// The path is "/" when the URL has none, and keeps its query ("/a?b=c"); it is returned as
// written: normalise it (robots_encoding.h) before matching.
// Pure functions; thread-safe.
#ifndef TAMIS_FILTERS_ROBOTS_ROBOTS_URL_H_
#define TAMIS_FILTERS_ROBOTS_ROBOTS_URL_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tamis::robots {

inline constexpr uint16_t kHttpPort = 80;
inline constexpr uint16_t kHttpsPort = 443;

struct RobotsUrl {
  std::string origin;          // "https://example.com", "http://example.com:8080".
  std::string path_and_query;  // "/a/b?c=d"; at least "/".
};

// nullopt for anything that is not an absolute http(s) URL with a host and a valid port.
std::optional<RobotsUrl> ParseRobotsUrl(std::string_view url);

// The canonical origin of `url` (which may also be a bare origin, "https://Example.com:443"),
// or nullopt as above.
std::optional<std::string> CanonicalOrigin(std::string_view url);

}  // namespace tamis::robots

#endif  // TAMIS_FILTERS_ROBOTS_ROBOTS_URL_H_
