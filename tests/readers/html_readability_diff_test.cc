// Differential test: tamis's main-text extraction against Mozilla Readability (the extractor
// of Firefox's reader view, run under node with jsdom) on the HTML test set, scored word by word
// against each page's known main text (tests/readers/html_test_set.h). tamis must match or beat
// Readability on both mean precision and mean recall.
//
// Readability is installed into .cache/readability/ by scripts/fetch_readability.sh, which this
// test runs (it does nothing when the pinned versions are there). Without node the test cannot
// run and says so; every other failure to run Readability fails the test.
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "readers/html_text.h"
#include "tests/readers/html_test_set.h"

namespace tamis {
namespace {

using testing::LoadTestSet;
using testing::Overlap;
using testing::ReadFile;
using testing::TestPage;
using testing::TestSetDir;
using testing::WordOverlap;

TEST_CASE("tamis extracts main text with precision and recall at least Readability's",
          "[html_readability]") {
  if (std::system("command -v node >/dev/null 2>&1") != 0) {
    WARN(
        "node is not installed: the comparison with Mozilla Readability is skipped "
        "(scripts/setup.sh installs nodejs)");
    return;
  }
  const std::string source = TAMIS_SOURCE_DIR;
  const std::string fetch = "bash '" + source + "/scripts/fetch_readability.sh'";
  if (std::system(fetch.c_str()) != 0) FAIL("could not install Readability: " << fetch);

  const std::vector<TestPage> pages = LoadTestSet();
  char dir_template[] = "/tmp/tamis-readability-XXXXXX";
  REQUIRE(mkdtemp(dir_template) != nullptr);
  const std::string out_dir = dir_template;
  std::string command = "node '" + source + "/bench/html/readability_extract.js' '" + source +
                        "/.cache/readability/node_modules' '" + out_dir + "'";
  for (const TestPage& page : pages) command += " '" + TestSetDir() + "/" + page.name + ".html'";
  command += " > '" + out_dir + "/timing.txt'";
  if (std::system(command.c_str()) != 0) FAIL("Readability failed: " << command);

  Overlap tamis_mean, readability_mean;
  std::printf("%-48s %21s %21s\n", "page", "tamis P / R", "Readability P / R");
  for (const TestPage& page : pages) {
    const Overlap t = WordOverlap(ExtractText(page.html).text, page.gold);
    const Overlap r = WordOverlap(ReadFile(out_dir + "/" + page.name + ".txt"), page.gold);
    std::printf("%-48s %10.3f %10.3f %10.3f %10.3f\n", page.name.c_str(), t.precision, t.recall,
                r.precision, r.recall);
    tamis_mean.precision += t.precision / double(pages.size());
    tamis_mean.recall += t.recall / double(pages.size());
    readability_mean.precision += r.precision / double(pages.size());
    readability_mean.recall += r.recall / double(pages.size());
  }
  std::printf("%-48s %10.3f %10.3f %10.3f %10.3f\n", "mean", tamis_mean.precision,
              tamis_mean.recall, readability_mean.precision, readability_mean.recall);
  for (const TestPage& page : pages) std::remove((out_dir + "/" + page.name + ".txt").c_str());
  std::remove((out_dir + "/timing.txt").c_str());
  std::remove(out_dir.c_str());
  INFO("tamis P " << tamis_mean.precision << " R " << tamis_mean.recall << ", Readability P "
                  << readability_mean.precision << " R " << readability_mean.recall);
  CHECK(tamis_mean.precision >= readability_mean.precision);
  CHECK(tamis_mean.recall >= readability_mean.recall);
}

}  // namespace
}  // namespace tamis
