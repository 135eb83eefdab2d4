#include "filters/robots/robots_matcher.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "filters/robots/robots_encoding.h"
#include "filters/robots/robots_parser.h"

namespace tamis::robots {
namespace {

// Whether `agent` may fetch `path` under `robots_txt`.
bool Allowed(std::string_view robots_txt, std::string_view agent, std::string_view path) {
  const std::vector<std::string> agents{std::string(agent)};
  return RobotsMatcher(ParseRobotsTxt(robots_txt), agents).Allowed(path, 0);
}

// RFC 9309 §5.1, verbatim.
constexpr std::string_view kRfcSimpleExample =
    "User-Agent: *\n"
    "Disallow: *.gif$\n"
    "Disallow: /example/\n"
    "Allow: /publications/\n"
    "\n"
    "User-Agent: foobot\n"
    "Disallow:/\n"
    "Allow:/example/page.html\n"
    "Allow:/example/allowed.gif\n"
    "\n"
    "User-Agent: barbot\n"
    "User-Agent: bazbot\n"
    "Disallow: /example/page.html\n"
    "\n"
    "User-Agent: quxbot\n"
    "\n"
    "EOF\n";

TEST_CASE("Robots matcher follows the RFC 9309 simple example for the * group", "[robots]") {
  CHECK_FALSE(Allowed(kRfcSimpleExample, "unknownbot", "/image.gif"));
  CHECK_FALSE(Allowed(kRfcSimpleExample, "unknownbot", "/example/index.html"));
  CHECK(Allowed(kRfcSimpleExample, "unknownbot", "/publications/paper.pdf"));
  CHECK(Allowed(kRfcSimpleExample, "unknownbot", "/index.html"));
  CHECK(Allowed(kRfcSimpleExample, "unknownbot", "/image.gif?size=large"));  // "$" anchors.
}

TEST_CASE("Robots matcher follows the RFC 9309 simple example for foobot", "[robots]") {
  CHECK(Allowed(kRfcSimpleExample, "foobot", "/example/page.html"));
  CHECK(Allowed(kRfcSimpleExample, "foobot", "/example/allowed.gif"));
  CHECK_FALSE(Allowed(kRfcSimpleExample, "foobot", "/example/other.html"));
  CHECK_FALSE(Allowed(kRfcSimpleExample, "foobot", "/"));
  CHECK(Allowed(kRfcSimpleExample, "FooBot/2.1", "/example/page.html"));
}

TEST_CASE("Robots matcher follows the RFC 9309 simple example for barbot and bazbot", "[robots]") {
  for (const char* agent : {"barbot", "bazbot"}) {
    CHECK_FALSE(Allowed(kRfcSimpleExample, agent, "/example/page.html"));
    CHECK(Allowed(kRfcSimpleExample, agent, "/example/other.html"));
    CHECK(Allowed(kRfcSimpleExample, agent, "/image.gif"));  // Not the * group's rules.
  }
}

TEST_CASE("Robots matcher gives a named group without rules no restriction (RFC 9309 quxbot)",
          "[robots]") {
  CHECK(Allowed(kRfcSimpleExample, "quxbot", "/example/index.html"));
  CHECK(Allowed(kRfcSimpleExample, "quxbot", "/image.gif"));
}

TEST_CASE("Robots matcher follows the RFC 9309 longest match example", "[robots]") {
  constexpr std::string_view kRobots =
      "User-Agent: foobot\n"
      "Allow: /example/page/\n"
      "Disallow: /example/page/disallowed.gif\n";
  CHECK(Allowed(kRobots, "foobot", "/example/page/"));
  CHECK(Allowed(kRobots, "foobot", "/example/page/allowed.gif"));
  CHECK_FALSE(Allowed(kRobots, "foobot", "/example/page/disallowed.gif"));
}

TEST_CASE("Robots matcher merges groups that name the same agent (RFC 9309 2.2.1)", "[robots]") {
  constexpr std::string_view kRobots =
      "user-agent: ExampleBot\n"
      "disallow: /foo\n"
      "disallow: /bar\n"
      "\n"
      "user-agent: ExampleBot\n"
      "disallow: /baz\n";
  CHECK_FALSE(Allowed(kRobots, "examplebot", "/foo"));
  CHECK_FALSE(Allowed(kRobots, "ExampleBot", "/bar/x"));
  CHECK_FALSE(Allowed(kRobots, "EXAMPLEBOT", "/baz"));
  CHECK(Allowed(kRobots, "ExampleBot", "/qux"));
}

TEST_CASE("Robots matcher matches product tokens exactly, not by prefix", "[robots]") {
  constexpr std::string_view kRobots =
      "User-agent: GPTBot\nDisallow: /\n\nUser-agent: *\nDisallow: /star-only\n";
  CHECK_FALSE(Allowed(kRobots, "GPTBot", "/a"));
  CHECK(Allowed(kRobots, "GPTBot-News", "/a"));
  CHECK_FALSE(Allowed(kRobots, "GPTBot-News", "/star-only"));
  CHECK(Allowed(kRobots, "GPT", "/a"));
}

TEST_CASE("Robots matcher uses the * group only when no group names the agent", "[robots]") {
  constexpr std::string_view kRobots =
      "User-agent: *\nDisallow: /\n\nUser-agent: CCBot\nDisallow: /private\n";
  CHECK(Allowed(kRobots, "CCBot", "/public"));
  CHECK_FALSE(Allowed(kRobots, "CCBot", "/private"));
  CHECK_FALSE(Allowed(kRobots, "ClaudeBot", "/public"));
}

TEST_CASE("Robots matcher allows everything when no group applies", "[robots]") {
  CHECK(Allowed("User-agent: a\nDisallow: /\n", "b", "/x"));
  CHECK(Allowed("", "b", "/x"));
  CHECK(Allowed("Disallow: /\n", "b", "/x"));  // Rules before any user-agent line.
}

TEST_CASE("Robots lets allow win a tie with disallow", "[robots]") {
  CHECK(Allowed("User-agent: *\nDisallow: /page\nAllow: /page\n", "a", "/page"));
  CHECK(Allowed("User-agent: *\nAllow: /page\nDisallow: /page\n", "a", "/page"));
  // Equal octet counts with wildcards: "/*.html" and "/a/b.ht" are both 7 octets.
  CHECK(Allowed("User-agent: *\nDisallow: /a/b.ht\nAllow: /*.html\n", "a", "/a/b.html"));
}

TEST_CASE("Robots lets the longest pattern win whatever the file order", "[robots]") {
  CHECK_FALSE(
      Allowed("User-agent: *\nDisallow: /folder/page\nAllow: /folder\n", "a", "/folder/page"));
  CHECK_FALSE(
      Allowed("User-agent: *\nAllow: /folder\nDisallow: /folder/page\n", "a", "/folder/page"));
  CHECK(Allowed("User-agent: *\nDisallow: /\nAllow: /$\n", "a", "/"));
  CHECK_FALSE(Allowed("User-agent: *\nDisallow: /\nAllow: /$\n", "a", "/x"));
}

TEST_CASE("Robots treats an empty disallow as allowing everything", "[robots]") {
  CHECK(Allowed("User-agent: *\nDisallow:\n", "a", "/anything"));
}

TEST_CASE("Robots paths are case-sensitive", "[robots]") {
  CHECK_FALSE(Allowed("User-agent: *\nDisallow: /Private\n", "a", "/Private/x"));
  CHECK(Allowed("User-agent: *\nDisallow: /Private\n", "a", "/private/x"));
}

TEST_CASE("Robots matches * and a final $ (RFC 9309 2.2.3)", "[robots]") {
  CHECK_FALSE(Allowed("User-agent: *\nDisallow: /this/*/exactly\n", "a", "/this/a/b/exactly"));
  CHECK(Allowed("User-agent: *\nDisallow: /this/*/exactly\n", "a", "/this/exactly"));
  CHECK_FALSE(Allowed("User-agent: *\nDisallow: /this/path/exactly$\n", "a", "/this/path/exactly"));
  CHECK(Allowed("User-agent: *\nDisallow: /this/path/exactly$\n", "a", "/this/path/exactly/"));
  CHECK_FALSE(Allowed("User-agent: *\nDisallow: /*.php$\n", "a", "/index.php"));
  CHECK(Allowed("User-agent: *\nDisallow: /*.php$\n", "a", "/index.php?x=1"));
  CHECK_FALSE(Allowed("User-agent: *\nDisallow: /*?\n", "a", "/search?q=1"));
  CHECK_FALSE(Allowed("User-agent: *\nDisallow: /a$b\n", "a", "/a$bc"));  // "$" not last.
  CHECK_FALSE(Allowed("User-agent: *\nDisallow: /**/x*$\n", "a", "/q/x"));
}

TEST_CASE("Robots pattern matching is greedy-safe with repeated segments", "[robots]") {
  CHECK(RobotsPatternMatches("/a*b*c$", "/aXbYbZc"));
  CHECK(RobotsPatternMatches("/*ab$", "/aab"));
  CHECK_FALSE(RobotsPatternMatches("/*ab$", "/aabx"));
  CHECK(RobotsPatternMatches("/*a*a$", "/aa"));
  CHECK_FALSE(RobotsPatternMatches("/*a*a$", "/a"));
  CHECK(RobotsPatternMatches("*", ""));
  CHECK(RobotsPatternMatches("$", ""));
  CHECK_FALSE(RobotsPatternMatches("$", "/"));
}

TEST_CASE("Robots normalises percent-encoding as in the RFC 9309 table", "[robots]") {
  CHECK(NormalizeRobotsPath("/foo/bar?baz=quz") == "/foo/bar?baz=quz");
  CHECK(NormalizeRobotsPath("/foo/bar/ツ") == "/foo/bar/%E3%83%84");
  CHECK(NormalizeRobotsPath("/foo/bar/%E3%83%84") == "/foo/bar/%E3%83%84");
  CHECK(NormalizeRobotsPath("/foo/bar/%62%61%7A") == "/foo/bar/baz");
  CHECK(NormalizeRobotsPath("/a%2fb%2F") == "/a%2Fb%2F");  // Reserved stays encoded.
  CHECK(NormalizeRobotsPath("/100%") == "/100%");
  CHECK(NormalizeRobotsPath("/%zz") == "/%zz");
}

TEST_CASE("Robots matches percent-encoded and raw forms both ways", "[robots]") {
  CHECK_FALSE(Allowed("User-agent: *\nDisallow: /foo/bar/ツ\n", "a", "/foo/bar/%E3%83%84"));
  CHECK_FALSE(Allowed("User-agent: *\nDisallow: /foo/bar/%E3%83%84\n", "a", "/foo/bar/ツ"));
  CHECK_FALSE(Allowed("User-agent: *\nDisallow: /foo/bar/baz\n", "a", "/foo/bar/%62%61%7A"));
  CHECK_FALSE(Allowed("User-agent: *\nDisallow: /%7Euser\n", "a", "/~user/page"));
  CHECK_FALSE(Allowed("User-agent: *\nDisallow: /a%3cb\n", "a", "/a%3Cb"));
  CHECK(Allowed("User-agent: *\nDisallow: /a%2Fb\n", "a", "/a/b"));  // %2F is not "/".
}

TEST_CASE("Robots always allows /robots.txt", "[robots]") {
  CHECK(Allowed("User-agent: *\nDisallow: /\n", "a", "/robots.txt"));
  CHECK(Allowed("User-agent: *\nDisallow: /robots.txt\n", "a", "/robots.txt?x=1"));
  CHECK_FALSE(Allowed("User-agent: *\nDisallow: /\n", "a", "/robots.txt.bak"));
}

TEST_CASE("Robots matcher reports every disallowed agent of a list", "[robots]") {
  const std::vector<std::string> agents{"GPTBot", "CCBot", "ClaudeBot", "*"};
  const RobotsMatcher matcher(ParseRobotsTxt("User-agent: GPTBot\nUser-agent: ClaudeBot\n"
                                             "Disallow: /\n\nUser-agent: *\nDisallow: /cgi\n"),
                              agents);
  CHECK(matcher.Disallowed("/page") == 0b0101);
  CHECK(matcher.Disallowed("/cgi/bin") == 0b1111);
  CHECK(matcher.Disallowed("/robots.txt") == 0);
}

}  // namespace
}  // namespace tamis::robots
