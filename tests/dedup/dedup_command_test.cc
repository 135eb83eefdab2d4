// End to end: the built `tamis` binary runs `tamis dedup`.
#include <sys/wait.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <string>

#include "tests/io/temp_dir.h"
#include "tests/runner/run_parts.h"

namespace tamis {
namespace {

int Run(const std::string& command) {
  const int status = std::system((command + " >/dev/null 2>&1").c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST_CASE("tamis dedup --method both removes exact and near copies in one command", "[dedup]") {
  testing::TempDir dir;
  const std::string sentence =
      "Debian is a free operating system developed by volunteers all around the world who "
      "cooperate over the Internet and follow the Debian Social Contract";
  const std::string in =
      dir.Write("docs.jsonl", "{\"id\":\"first\",\"text\":\"" + sentence +
                                  ".\"}\n"
                                  "{\"id\":\"copy\",\"text\":\"" +
                                  sentence +
                                  "!\"}\n"
                                  "{\"id\":\"near\",\"text\":\"" +
                                  sentence +
                                  " too.\"}\n"
                                  "{\"id\":\"other\",\"text\":\"Le projet Debian.\"}\n");
  REQUIRE(Run(std::string(TAMIS_BINARY) + " dedup " + in + " -o " + dir.File("out") +
              " --rejects " + dir.File("rejects") + " --method both --threads 2") == 0);
  const std::string kept = testing::DirectoryContents(dir.File("out"));
  const std::string rejected = testing::DirectoryContents(dir.File("rejects"));
  CHECK(kept.find("\"id\":\"first\"") != std::string::npos);
  CHECK(kept.find("\"id\":\"other\"") != std::string::npos);
  CHECK(rejected.find("\"rule\":\"exact_duplicate\",\"detail\":\"duplicate of first\"") !=
        std::string::npos);
  CHECK(rejected.find("\"rule\":\"minhash_duplicate\",\"detail\":\"duplicate of first\"") !=
        std::string::npos);
}

TEST_CASE("tamis dedup refuses an unknown method and bad MinHash parameters", "[dedup]") {
  testing::TempDir dir;
  const std::string in = dir.Write("docs.jsonl", "{\"id\":\"a\",\"text\":\"x\"}\n");
  const std::string base = std::string(TAMIS_BINARY) + " dedup " + in + " -o " + dir.File("o");
  CHECK(Run(base + " --method fuzzy") == 2);
  CHECK(Run(base + " --bands 0") == 2);
}

TEST_CASE("The dedup example pipeline runs as 2 tasks and keeps the distinct paragraphs",
          "[dedup]") {
  testing::TempDir dir;
  const std::string example = std::string(TAMIS_TEST_DATA) + "/../../examples/dedup.yaml";
  REQUIRE(Run(std::string(TAMIS_BINARY) + " run " + example + " -o " + dir.File("kept") +
              " --tasks 2 --quiet") == 0);
  // The example's 131 handbook paragraphs in six languages keep apart at the default seed: the
  // closest pair, an untranslated French caption, is at J = 0.71, which 14 × 8 LSH catches
  // with probability 0.63 over seeds; seed 1 does not (and must not change silently).
  const std::string kept = testing::DirectoryContents(dir.File("kept"));
  CHECK(std::count(kept.begin(), kept.end(), '\n') == 131);
  CHECK(testing::ReadRaw(dir.File("kept/.tamis/work/01-minhash_dedup/clusters.json"))
            .find("\"phase_tasks\": 2") != std::string::npos);
}

}  // namespace
}  // namespace tamis
