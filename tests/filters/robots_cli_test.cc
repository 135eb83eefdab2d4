// End to end: the built `tamis` binary runs `tamis robots check` and `tamis robots filter`.
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "tests/io/command_output.h"

namespace {

namespace fs = std::filesystem;

using Output = tamis::testing::CommandOutput;

Output Run(const std::string& command) {
  return tamis::testing::RunCommand(command);
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

fs::path TempDir() {
  char dir[] = "/tmp/tamis-robots-cli-XXXXXX";
  REQUIRE(mkdtemp(dir) != nullptr);
  return dir;
}

const std::string kTamis = TAMIS_BINARY;

TEST_CASE("tamis robots check prints a verdict per URL from arguments and stdin", "[robots]") {
  const fs::path dir = TempDir();
  {
    std::ofstream(dir / "robots.txt") << "User-agent: GPTBot\nDisallow: /\n\n"
                                         "User-agent: *\nDisallow: /private\n";
  }
  const std::string robots = (dir / "robots.txt").string();
  Output out = Run(kTamis + " robots check --robots " + robots +
                   " --agent CCBot https://example.com/a https://example.com/private/b"
                   " /robots.txt mailto:someone");
  CHECK(out.exit_code == 0);
  CHECK(out.out ==
        "allow\thttps://example.com/a\n"
        "disallow\thttps://example.com/private/b\n"
        "allow\t/robots.txt\n"
        "invalid\tmailto:someone\n");

  out = Run("printf 'https://example.com/a\\r\\nhttps://example.com/b\\n' | " + kTamis +
            " robots check --robots " + robots + " --agent CCBot --agent gptbot");
  CHECK(out.exit_code == 0);
  CHECK(out.out == "disallow\thttps://example.com/a\ndisallow\thttps://example.com/b\n");

  CHECK(Run(kTamis + " robots check --agent CCBot /a 2>/dev/null").exit_code == 2);
  CHECK(Run(kTamis + " robots check --robots " + robots + ".missing /a 2>/dev/null").exit_code ==
        1);
  CHECK(Run(kTamis + " robots nonsense 2>/dev/null").exit_code == 2);
  fs::remove_all(dir);
}

TEST_CASE("tamis robots filter drops disallowed pages and writes the report", "[robots]") {
  const fs::path dir = TempDir();
  {
    std::ofstream docs(dir / "docs.jsonl");
    docs
        << R"({"id":"pride","text":"It is a truth universally acknowledged","metadata":{"url":"https://www.gutenberg.org/ebooks/1342"}})"
        << "\n"
        << R"({"id":"search","text":"Search results","metadata":{"url":"https://www.gutenberg.org/ebooks/search/?query=austen"}})"
        << "\n"
        << R"({"id":"news","text":"Breaking news","metadata":{"url":"http://news.example.org/2024/article"}})"
        << "\n";
  }
  const std::string snapshot = std::string(TAMIS_TEST_DATA) + "/filters/robots_snapshot.jsonl";
  Output out = Run(kTamis + " robots filter --quiet --snapshot " + snapshot +
                   " --agent GPTBot --agent ClaudeBot " + (dir / "docs.jsonl").string() + " -o " +
                   (dir / "out.jsonl").string() + " --rejects " + (dir / "rejects.jsonl").string() +
                   " --report " + (dir / "report").string() + " 2>&1");
  INFO(out.out);
  REQUIRE(out.exit_code == 0);
  const std::string kept = ReadFile(dir / "out.jsonl");
  const std::string rejects = ReadFile(dir / "rejects.jsonl");
  CHECK(kept.find("\"pride\"") != std::string::npos);
  CHECK(kept.find("\"search\"") == std::string::npos);
  CHECK(rejects.find("\"detail\":\"GPTBot,ClaudeBot\"") != std::string::npos);  // search.
  CHECK(rejects.find("\"detail\":\"GPTBot\"") != std::string::npos);            // news.
  const std::string csv = ReadFile(dir / "report" / "robots_report.csv");
  CHECK(csv.find("http://news.example.org,301,rules,GPTBot,1,1,13\n") != std::string::npos);
  CHECK(fs::exists(dir / "report" / "robots_report.json"));

  CHECK(Run(kTamis + " robots filter --quiet --snapshot " + snapshot + ".missing " +
            (dir / "docs.jsonl").string() + " -o " + (dir / "out2.jsonl").string() + " 2>/dev/null")
            .exit_code == 1);
  fs::remove_all(dir);
}

}  // namespace
