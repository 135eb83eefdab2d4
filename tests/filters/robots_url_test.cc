#include "filters/robots/robots_url.h"

#include <catch2/catch.hpp>

namespace tamis::robots {
namespace {

TEST_CASE("Robots URL parsing canonicalises the origin", "[robots]") {
  auto url = ParseRobotsUrl("HTTPS://User:pw@Example.COM:443/Path/To?q=A#frag");
  REQUIRE(url.has_value());
  CHECK(url->origin == "https://example.com");
  CHECK(url->path_and_query == "/Path/To?q=A");

  url = ParseRobotsUrl("http://example.com:80");
  REQUIRE(url.has_value());
  CHECK(url->origin == "http://example.com");
  CHECK(url->path_and_query == "/");

  url = ParseRobotsUrl("http://example.com:8080?x");
  REQUIRE(url.has_value());
  CHECK(url->origin == "http://example.com:8080");
  CHECK(url->path_and_query == "/?x");

  url = ParseRobotsUrl("https://[2001:DB8::1]:8443/a");
  REQUIRE(url.has_value());
  CHECK(url->origin == "https://[2001:db8::1]:8443");
}

TEST_CASE("Robots URL parsing tells http and https and ports apart", "[robots]") {
  CHECK(CanonicalOrigin("http://example.com/") != CanonicalOrigin("https://example.com/"));
  CHECK(CanonicalOrigin("https://example.com:443") == CanonicalOrigin("https://example.com"));
  CHECK(CanonicalOrigin("https://example.com:80") ==
        std::optional<std::string>("https://example.com:80"));
}

TEST_CASE("Robots URL parsing rejects what has no robots.txt", "[robots]") {
  CHECK_FALSE(ParseRobotsUrl("ftp://example.com/a").has_value());
  CHECK_FALSE(ParseRobotsUrl("/relative/path").has_value());
  CHECK_FALSE(ParseRobotsUrl("https:///nohost").has_value());
  CHECK_FALSE(ParseRobotsUrl("https://example.com:99999/").has_value());
  CHECK_FALSE(ParseRobotsUrl("https://example.com:8a/").has_value());
  CHECK_FALSE(ParseRobotsUrl("").has_value());
}

}  // namespace
}  // namespace tamis::robots
