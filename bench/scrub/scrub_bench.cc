// bench/scrub driver: one thread, the pii scanner (all six kinds, validation on) and the
// toxicity word-list scorer over a file of documents, one per line. Prints documents/s and
// MB/s for each, the best of REPEAT runs. `--patterns` prints the pii patterns instead
// (kind TAB regex), for reference_re.py and grep -P.
// Usage: scrub_bench DOCUMENTS REPEAT | scrub_bench --patterns
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "filters/pii/pii_scanner.h"
#include "filters/toxicity/embedded_word_lists.h"
#include "filters/toxicity/word_list.h"
#include "filters/toxicity/word_segmenter.h"

namespace {

using Clock = std::chrono::steady_clock;

template <typename Body>
double BestSeconds(int repeat, Body body) {
  double best = 1e300;
  for (int r = 0; r < repeat; ++r) {
    const auto start = Clock::now();
    body();
    best = std::min(best, std::chrono::duration<double>(Clock::now() - start).count());
  }
  return best;
}

void Print(const char* what, size_t docs, size_t bytes, double seconds, const std::string& extra) {
  std::printf("tamis      %-5s %12.0f docs/s  %8.1f MB/s  %s\n", what,
              static_cast<double>(docs) / seconds, static_cast<double>(bytes) / seconds / 1e6,
              extra.c_str());
}

}  // namespace

int main(int argc, char** argv) {
  using namespace tamis;
  if (argc == 2 && std::string(argv[1]) == "--patterns") {
    for (const pii::PiiPattern& p : pii::PiiPatterns()) {
      std::printf("%s\t%.*s\n", std::string(pii::PiiKindName(p.kind)).c_str(),
                  static_cast<int>(p.regex.size()), p.regex.data());
    }
    return 0;
  }
  if (argc != 3) {
    std::fprintf(stderr, "usage: scrub_bench DOCUMENTS REPEAT | scrub_bench --patterns\n");
    return 2;
  }
  std::ifstream in(argv[1]);
  std::vector<std::string> docs;
  size_t bytes = 0;
  for (std::string line; std::getline(in, line);) {
    bytes += line.size();
    docs.push_back(std::move(line));
  }
  const int repeat = std::stoi(argv[2]);

  auto scanner = pii::PiiScanner::Create({});
  if (!scanner.ok()) return 1;
  std::string out;
  std::vector<pii::PiiMatch> matches;
  pii::PiiCounts total{};
  const double pii_seconds = BestSeconds(repeat, [&] {
    total = {};
    for (const std::string& doc : docs) {
      const pii::PiiCounts counts = (*scanner)->Redact(doc, &out, &matches);
      for (size_t k = 0; k < pii::kPiiKindCount; ++k) total[k] += counts[k];
    }
  });
  std::string replaced = "replaced=";
  uint64_t sum = 0;
  for (size_t k = 0; k < pii::kPiiKindCount; ++k) {
    sum += total[k];
    replaced +=
        (k ? "," : "") + std::string(pii::kPiiKindNames[k]) + ":" + std::to_string(total[k]);
  }
  Print("pii", docs.size(), bytes, pii_seconds, "total=" + std::to_string(sum) + " " + replaced);

  auto segmenter = toxicity::WordSegmenter::Create("eng");
  if (!segmenter.ok()) return 1;
  std::string_view entries;
  for (const auto& list : toxicity::EmbeddedWordLists()) {
    if (list.language == "eng") entries = list.entries;
  }
  auto list = toxicity::WordList::Create("eng", entries, segmenter->get());
  if (!list.ok()) return 1;
  auto scratch = (*segmenter)->NewScratch();
  toxicity::Words words;
  uint64_t flagged = 0, word_count = 0;
  const double toxicity_seconds = BestSeconds(repeat, [&] {
    flagged = word_count = 0;
    for (const std::string& doc : docs) {
      (*segmenter)->Segment(doc, scratch.get(), &words);
      word_count += words.size();
      flagged += (*list)->CountFlagged(words);
    }
  });
  Print("words", docs.size(), bytes, toxicity_seconds,
        "words=" + std::to_string(word_count) + " flagged=" + std::to_string(flagged) +
            " (English list, spaced segmentation)");
  return 0;
}
