#include "filters/robots/robots_parser.h"

#include <catch2/catch.hpp>

#include <string>

namespace tamis::robots {
namespace {

TEST_CASE("Robots parser groups consecutive user-agent lines and lower-cases their tokens",
          "[robots]") {
  const RobotsTxt robots = ParseRobotsTxt(
      "User-agent: GPTBot\n"
      "User-Agent: CCBot/2.0\n"
      "Disallow: /private\n"
      "Allow: /private/ok\n"
      "\n"
      "user-agent: *\n"
      "disallow: /tmp\n");
  REQUIRE(robots.groups.size() == 2);
  CHECK(robots.groups[0].agents == std::vector<std::string>{"gptbot", "ccbot"});
  REQUIRE(robots.groups[0].rules.size() == 2);
  CHECK_FALSE(robots.groups[0].rules[0].allow);
  CHECK(robots.groups[0].rules[0].pattern == "/private");
  CHECK(robots.groups[0].rules[1].allow);
  CHECK(robots.groups[1].agents == std::vector<std::string>{"*"});
  CHECK(robots.groups[1].rules[0].pattern == "/tmp");
}

TEST_CASE("Robots parser ignores rules before any user-agent line", "[robots]") {
  const RobotsTxt robots = ParseRobotsTxt("Disallow: /\nUser-agent: a\nDisallow: /x\n");
  REQUIRE(robots.groups.size() == 1);
  REQUIRE(robots.groups[0].rules.size() == 1);
  CHECK(robots.groups[0].rules[0].pattern == "/x");
}

TEST_CASE("Robots parser accepts CR, LF and CRLF line ends and a byte order mark", "[robots]") {
  for (const char* eol : {"\n", "\r", "\r\n"}) {
    const std::string body = std::string("\xEF\xBB\xBFUser-agent: a") + eol + "Disallow: /x" + eol +
                             eol + "User-agent: b" + eol + "Allow: /y";
    const RobotsTxt robots = ParseRobotsTxt(body);
    INFO("line end " << (eol[0] == '\r' ? (eol[1] ? "CRLF" : "CR") : "LF"));
    REQUIRE(robots.groups.size() == 2);
    CHECK(robots.groups[0].agents == std::vector<std::string>{"a"});
    CHECK(robots.groups[0].rules[0].pattern == "/x");
    CHECK(robots.groups[1].rules[0].pattern == "/y");
  }
}

TEST_CASE("Robots parser strips comments and ignores garbage and unknown records", "[robots]") {
  const RobotsTxt robots = ParseRobotsTxt(
      "# robots.txt for a bookshop\n"
      "<html><body>Not Found</body></html>\n"
      "User-agent: a # the crawler we know\n"
      "Crawl-delay: 10\n"
      "Sitemap: https://example.com/sitemap.xml\n"
      "Disallow: /cart # no carts\n"
      "Disalow: /typo\n");
  REQUIRE(robots.groups.size() == 1);
  REQUIRE(robots.groups[0].rules.size() == 1);
  CHECK(robots.groups[0].rules[0].pattern == "/cart");
  CHECK(robots.ignored_lines == 1);
}

TEST_CASE("Robots parser lets unknown records between user-agent lines keep one group",
          "[robots]") {
  const RobotsTxt robots =
      ParseRobotsTxt("User-agent: a\nCrawl-delay: 5\nUser-agent: b\nDisallow: /\n");
  REQUIRE(robots.groups.size() == 1);
  CHECK(robots.groups[0].agents == std::vector<std::string>{"a", "b"});
}

TEST_CASE("Robots parser treats an empty disallow as no rule", "[robots]") {
  const RobotsTxt robots = ParseRobotsTxt("User-agent: *\nDisallow:\n");
  REQUIRE(robots.groups.size() == 1);
  CHECK(robots.groups[0].rules.empty());
}

TEST_CASE("Robots parser starts a new group after rules even for the same agent", "[robots]") {
  const RobotsTxt robots =
      ParseRobotsTxt("User-agent: a\nDisallow: /1\nUser-agent: a\nDisallow: /2\n");
  CHECK(robots.groups.size() == 2);
}

TEST_CASE("Robots parser reads only the first 500 KiB and drops the line the cap cuts",
          "[robots]") {
  std::string body = "User-agent: *\n";
  const std::string filler = "Disallow: /filler-path-that-pads-the-file\n";
  while (body.size() + filler.size() <= kMaxRobotsBytes) body += filler;
  const size_t complete_rules = (body.size() - 14) / filler.size();
  body += "Disallow: /private-area-beyond\n";  // Crosses the 500 KiB boundary.
  body += "Disallow: /after-the-cap\n";
  const RobotsTxt robots = ParseRobotsTxt(body);
  CHECK(robots.truncated);
  REQUIRE(robots.groups.size() == 1);
  CHECK(robots.groups[0].rules.size() == complete_rules);
  for (const RobotsRule& rule : robots.groups[0].rules) {
    REQUIRE(rule.pattern == "/filler-path-that-pads-the-file");
  }
}

TEST_CASE("Robots parser keeps a line that ends exactly at the 500 KiB cap", "[robots]") {
  std::string body = "User-agent: *\n";
  const std::string last = "Disallow: /last\n";
  while (body.size() + last.size() < kMaxRobotsBytes) body += "#";
  body.resize(kMaxRobotsBytes - last.size() + 1, '#');
  body.back() = '\n';
  body += last.substr(0, last.size() - 1);  // "Disallow: /last" ends at the cap...
  REQUIRE(body.size() == kMaxRobotsBytes);
  body += "\nDisallow: /beyond\n";  // ...and its line end is the first byte beyond it.
  const RobotsTxt robots = ParseRobotsTxt(body);
  CHECK(robots.truncated);
  REQUIRE(robots.groups.size() == 1);
  REQUIRE(robots.groups[0].rules.size() == 1);
  CHECK(robots.groups[0].rules[0].pattern == "/last");
}

TEST_CASE("Robots parser normalises the percent-encoding of rule patterns", "[robots]") {
  const RobotsTxt robots =
      ParseRobotsTxt("User-agent: *\nDisallow: /foo/bar/ツ\nDisallow: /%7efoo/%2f\nAllow: /a b\n");
  REQUIRE(robots.groups[0].rules.size() == 3);
  CHECK(robots.groups[0].rules[0].pattern == "/foo/bar/%E3%83%84");
  CHECK(robots.groups[0].rules[1].pattern == "/~foo/%2F");
  CHECK(robots.groups[0].rules[2].pattern == "/a%20b");
}

TEST_CASE("Robots parser survives binary garbage", "[robots]") {
  std::string body;
  for (int i = 0; i < 4096; ++i) body.push_back(static_cast<char>((i * 7919) & 0xff));
  const RobotsTxt robots = ParseRobotsTxt(body);
  CHECK(robots.groups.size() <= body.size());
}

}  // namespace
}  // namespace tamis::robots
