// The HTML main-text test set (tests/data/readers/html_pages/, made by make_pages.py): real
// Debian text in page templates, each page with its known main text (NAME.gold.txt) and the
// fragments the tests pin as kept or dropped (manifest.tsv). Shared by the pinning tests and
// the differential test against Mozilla Readability.
#ifndef TAMIS_TESTS_READERS_HTML_TEST_SET_H_
#define TAMIS_TESTS_READERS_HTML_TEST_SET_H_

#include <string>
#include <string_view>
#include <vector>

namespace tamis::testing {

struct PinnedFragment {
  std::string pattern;  // What the page shows: "comment_thread", "tip_box", "cookie_banner", ...
  bool keep;            // True: must be in the extracted text; false: must not.
  std::string text;     // Whitespace-collapsed.
};

struct TestPage {
  std::string name;
  std::string html;
  std::string gold;  // The main text.
  std::vector<PinnedFragment> pinned;
};

// The bytes of a file; fails the calling test if it cannot be read.
std::string ReadFile(const std::string& path);

// Directory of the test set.
std::string TestSetDir();
// All pages, in name order. Fails the calling test if the set cannot be read.
std::vector<TestPage> LoadTestSet();

// Runs of white space (line breaks included) collapsed to one space, none at the ends.
std::string CollapseSpaces(std::string_view text);

// Word-level overlap of `extracted` with `gold`, as bags of whitespace-separated words:
// precision = shared words / words extracted, recall = shared words / gold words. An empty
// extraction has precision 1 (it keeps nothing wrong) and recall 0.
struct Overlap {
  double precision = 0;
  double recall = 0;
  double f1() const {
    return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
  }
};
Overlap WordOverlap(std::string_view extracted, std::string_view gold);

}  // namespace tamis::testing

#endif  // TAMIS_TESTS_READERS_HTML_TEST_SET_H_
