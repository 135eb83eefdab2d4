#include "filters/robots/robots_snapshot.h"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "filters/robots/robots_snapshot_loader.h"

namespace tamis::robots {
namespace {

const std::vector<std::string> kAgents{"GPTBot", "CCBot", "*"};
constexpr AgentMask kAll = 0b111;

AgentMask Check(const RobotsSnapshot& s, std::string_view origin, std::string_view path) {
  const uint32_t i = s.Find(origin);
  REQUIRE(i != RobotsSnapshot::kNoOrigin);
  std::string buffer;
  return s.Disallowed(i, path, &buffer);
}

TEST_CASE("Robots snapshot applies RFC 9309 status semantics", "[robots]") {
  RobotsSnapshotBuilder builder(kAgents);
  builder.Add({"https://ok.example/robots.txt", 200, "User-agent: GPTBot\nDisallow: /\n", ""});
  builder.Add({"https://gone.example/robots.txt", 404, "User-agent: *\nDisallow: /\n", ""});
  builder.Add({"https://down.example/robots.txt", 503, "", ""});
  builder.Add({"https://unreachable.example/robots.txt", 0, "", ""});
  const RobotsSnapshot s = std::move(builder).Build();
  CHECK(s.origin_count() == 4);
  CHECK(Check(s, "https://ok.example", "/a") == 0b001);
  CHECK(s.state(s.Find("https://ok.example")) == RobotsState::kRules);
  CHECK(Check(s, "https://gone.example", "/a") == 0);
  CHECK(Check(s, "https://down.example", "/a") == kAll);
  CHECK(Check(s, "https://down.example", "/robots.txt") == 0);
  CHECK(Check(s, "https://unreachable.example", "/a") == kAll);
  CHECK(s.Find("https://absent.example") == RobotsSnapshot::kNoOrigin);
  CHECK(s.Find("http://ok.example") == RobotsSnapshot::kNoOrigin);
}

TEST_CASE("Robots snapshot follows a redirect recorded in the snapshot", "[robots]") {
  RobotsSnapshotBuilder builder(kAgents);
  builder.Add({"http://site.example/robots.txt", 301, "", "https://site.example/robots.txt"});
  builder.Add({"https://site.example/robots.txt", 200, "User-agent: CCBot\nDisallow: /x\n", ""});
  builder.Add({"http://rel.example/robots.txt", 302, "", "/new-robots.txt"});
  builder.Add({"http://rel.example/new-robots.txt", 200, "User-agent: *\nDisallow: /\n", ""});
  builder.Add({"http://chain.example/robots.txt", 301, "", "http://chain2.example/robots.txt"});
  builder.Add({"http://chain2.example/robots.txt", 301, "", "http://chain3.example/robots.txt"});
  builder.Add({"http://chain3.example/robots.txt", 503, "", ""});
  const RobotsSnapshot s = std::move(builder).Build();
  CHECK(Check(s, "http://site.example", "/x/y") == 0b010);
  CHECK(s.status(s.Find("http://site.example")) == 301);
  CHECK(Check(s, "http://rel.example", "/a") == kAll);
  CHECK(s.Find("http://rel.example") != RobotsSnapshot::kNoOrigin);
  CHECK(Check(s, "http://chain.example", "/a") == kAll);
  CHECK(s.stats().redirects_followed == 4);  // site, rel, chain, chain2.
}

TEST_CASE("Robots snapshot treats an unfollowable redirect as unavailable", "[robots]") {
  RobotsSnapshotBuilder builder(kAgents);
  builder.Add({"http://missing.example/robots.txt", 301, "", "https://elsewhere.example/r.txt"});
  builder.Add({"http://loop.example/robots.txt", 301, "", "http://loop2.example/robots.txt"});
  builder.Add({"http://loop2.example/robots.txt", 301, "", "http://loop.example/robots.txt"});
  builder.Add({"http://nolocation.example/robots.txt", 302, "", ""});
  const RobotsSnapshot s = std::move(builder).Build();
  CHECK(Check(s, "http://missing.example", "/a") == 0);
  CHECK(Check(s, "http://loop.example", "/a") == 0);
  CHECK(Check(s, "http://nolocation.example", "/a") == 0);
  CHECK(s.state(s.Find("http://loop.example")) == RobotsState::kAllowAll);
  CHECK(s.stats().redirects_unresolved == 4);
}

TEST_CASE("Robots snapshot stops following after five redirects", "[robots]") {
  RobotsSnapshotBuilder builder(kAgents);
  for (int i = 0; i < 6; ++i) {
    builder.Add({"http://r" + std::to_string(i) + ".example/robots.txt", 301, "",
                 "http://r" + std::to_string(i + 1) + ".example/robots.txt"});
  }
  builder.Add({"http://r6.example/robots.txt", 200, "User-agent: *\nDisallow: /\n", ""});
  const RobotsSnapshot s = std::move(builder).Build();
  CHECK(Check(s, "http://r1.example", "/a") == kAll);  // Five hops: r2..r6.
  CHECK(Check(s, "http://r0.example", "/a") == 0);     // Six hops: unavailable.
}

TEST_CASE("Robots snapshot keeps the first fetch of an origin", "[robots]") {
  RobotsSnapshotBuilder builder(kAgents);
  builder.Add({"https://a.example:443/robots.txt", 200, "User-agent: *\nDisallow: /first\n", ""});
  builder.Add({"https://A.example/robots.txt", 200, "User-agent: *\nDisallow: /second\n", ""});
  builder.Add({"not a url", 200, "", ""});
  const RobotsSnapshot s = std::move(builder).Build();
  CHECK(s.origin_count() == 1);
  CHECK(Check(s, "https://a.example", "/first") == kAll);
  CHECK(Check(s, "https://a.example", "/second") == 0);
  CHECK(s.stats().duplicates == 1);
  CHECK(s.stats().invalid_urls == 1);
}

TEST_CASE("Robots snapshot finds every one of many origins", "[robots]") {
  RobotsSnapshotBuilder builder(kAgents);
  constexpr int kOrigins = 20000;
  for (int i = 0; i < kOrigins; ++i) {
    builder.Add({"https://site" + std::to_string(i) + ".example/robots.txt", 200,
                 "User-agent: *\nDisallow: /" + std::to_string(i) + "\n", ""});
  }
  const RobotsSnapshot s = std::move(builder).Build();
  REQUIRE(s.origin_count() == kOrigins);
  std::string buffer;
  for (int i = 0; i < kOrigins; ++i) {
    const uint32_t idx = s.Find("https://site" + std::to_string(i) + ".example");
    REQUIRE(idx != RobotsSnapshot::kNoOrigin);
    REQUIRE(s.Disallowed(idx, "/" + std::to_string(i), &buffer) == kAll);
    REQUIRE(s.Disallowed(idx, "/x", &buffer) == 0);
  }
}

TEST_CASE("Robots snapshot loads JSONL fetch records and skips malformed lines", "[robots]") {
  const std::string path = std::string(TAMIS_TEST_DATA) + "/filters/robots_snapshot.jsonl";
  Result<LoadedSnapshot> loaded = LoadRobotsSnapshot(path, {kAgents, false});
  REQUIRE(loaded.ok());
  const RobotsSnapshot& s = loaded->snapshot;
  CHECK(loaded->skipped == 1);
  CHECK(Check(s, "https://www.gutenberg.org", "/ebooks/search/?query=x") == kAll);
  CHECK(Check(s, "https://www.gutenberg.org", "/ebooks/1342") == 0);
  CHECK(Check(s, "https://news.example.org", "/2024/article") == 0b011);
  CHECK(Check(s, "http://news.example.org", "/2024/article") == 0b011);  // Redirect.
  CHECK(Check(s, "https://down.example.net", "/") == kAll);
  CHECK(Check(s, "https://nothing.example.net", "/") == 0);

  Result<LoadedSnapshot> strict = LoadRobotsSnapshot(path, {kAgents, true});
  REQUIRE_FALSE(strict.ok());
  CHECK(strict.status().code() == StatusCode::kCorruption);
  CHECK_FALSE(LoadRobotsSnapshot(path + ".missing", {kAgents, false}).ok());
}

}  // namespace
}  // namespace tamis::robots

namespace tamis::robots {
namespace {

void CheckWarcSnapshot(const std::string& path) {
  Result<LoadedSnapshot> loaded = LoadRobotsSnapshot(path, {kAgents, false});
  REQUIRE(loaded.ok());
  const RobotsSnapshot& s = loaded->snapshot;
  CHECK(loaded->skipped == 1);  // The block that is not an HTTP response.
  CHECK(s.origin_count() == 5);
  CHECK(Check(s, "https://www.gutenberg.org", "/ebooks/1342") == 0b001);
  CHECK(Check(s, "https://www.gutenberg.org", "/cache/x") == kAll);
  CHECK(Check(s, "http://www.gutenberg.org", "/ebooks/1342") == 0b001);  // 301 followed.
  CHECK(s.status(s.Find("http://www.gutenberg.org")) == 301);
  CHECK(Check(s, "https://wiki.example.org", "/w/index.php?title=x") == 0b010);  // Chunked.
  CHECK(Check(s, "https://gone.example.org", "/") == 0);
  CHECK(Check(s, "https://down.example.org", "/") == kAll);
  CHECK(s.Find("https://garbage.example.org") == RobotsSnapshot::kNoOrigin);

  Result<LoadedSnapshot> strict = LoadRobotsSnapshot(path, {kAgents, true});
  REQUIRE_FALSE(strict.ok());
  CHECK(strict.status().message().find("garbage.example.org") != std::string::npos);
}

TEST_CASE("Robots snapshot loads robots.txt fetches from a WARC", "[robots]") {
  CheckWarcSnapshot(std::string(TAMIS_TEST_DATA) + "/filters/robots_snapshot.warc");
}

TEST_CASE("Robots snapshot loads robots.txt fetches from a gzipped WARC", "[robots]") {
  char dir[] = "/tmp/tamis-robots-warc-XXXXXX";
  REQUIRE(mkdtemp(dir) != nullptr);
  const std::string gz = std::string(dir) + "/robots.warc.gz";
  const std::string command =
      "gzip -c '" + std::string(TAMIS_TEST_DATA) + "/filters/robots_snapshot.warc' > '" + gz + "'";
  REQUIRE(std::system(command.c_str()) == 0);
  CheckWarcSnapshot(gz);
  std::remove(gz.c_str());
  std::remove(dir);
}

}  // namespace
}  // namespace tamis::robots

namespace tamis::robots {
namespace {

TEST_CASE("A robots snapshot that is an HTML error page is an error, not an empty filter",
          "[robots]") {
  char dir[] = "/tmp/tamis-robots-html-XXXXXX";
  REQUIRE(mkdtemp(dir) != nullptr);
  // A real page saved under a snapshot's name, as a failed download leaves it.
  const std::string page = std::string(dir) + "/robots.jsonl";
  const std::string command =
      "cp '" + std::string(TAMIS_TEST_DATA) + "/readers/handbook-en-index.html' '" + page + "'";
  REQUIRE(std::system(command.c_str()) == 0);
  Result<LoadedSnapshot> loaded = LoadRobotsSnapshot(page, {kAgents, false});
  REQUIRE_FALSE(loaded.ok());
  CHECK(loaded.status().code() == StatusCode::kCorruption);
  CHECK(loaded.status().message().find(page) != std::string::npos);
  const std::string empty = std::string(dir) + "/empty.jsonl";
  { std::ofstream out(empty); }
  CHECK_FALSE(LoadRobotsSnapshot(empty, {kAgents, false}).ok());
  std::remove(page.c_str());
  std::remove(empty.c_str());
  std::remove(dir);
}

TEST_CASE("Robots snapshot loads zstd-compressed JSONL", "[robots]") {
  char dir[] = "/tmp/tamis-robots-zst-XXXXXX";
  REQUIRE(mkdtemp(dir) != nullptr);
  const std::string zst = std::string(dir) + "/robots.jsonl.zst";
  const std::string command = "zstd -q -c '" + std::string(TAMIS_TEST_DATA) +
                              "/filters/robots_snapshot.jsonl' > '" + zst + "'";
  REQUIRE(std::system(command.c_str()) == 0);
  Result<LoadedSnapshot> loaded = LoadRobotsSnapshot(zst, {kAgents, false});
  REQUIRE(loaded.ok());
  CHECK(loaded->skipped == 1);
  CHECK(Check(loaded->snapshot, "https://news.example.org", "/2024/article") == 0b011);
  std::remove(zst.c_str());
  std::remove(dir);
}

}  // namespace
}  // namespace tamis::robots
