// Fuzzes what the pii and toxicity stages do to raw document bytes: the PII scanner (its
// matches must be in bounds, in order, non-overlapping, and Redact must rebuild the text
// around them) and the word segmenters of both kinds (spaced, and ICU's dictionary breaker
// for Japanese), whose words must be contiguous runs of the joined text. Needs tamis_filters.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "filters/pii/pii_scanner.h"
#include "filters/toxicity/word_segmenter.h"
#include "pipeline/check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tamis;
  static const auto scanner = std::move(pii::PiiScanner::Create({})).value();
  static const auto spaced = std::move(toxicity::WordSegmenter::Create("eng")).value();
  static const auto japanese = std::move(toxicity::WordSegmenter::Create("jpn")).value();
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  std::vector<pii::PiiMatch> matches;
  scanner->Scan(text, &matches);
  size_t last = 0, kept = 0;
  for (const pii::PiiMatch& m : matches) {
    TAMIS_CHECK(m.begin >= last && m.begin < m.end && m.end <= text.size());
    kept += m.begin - last;
    last = m.end;
  }
  kept += text.size() - last;
  std::string out;
  std::vector<pii::PiiMatch> again;
  const pii::PiiCounts counts = scanner->Redact(text, &out, &again);
  uint32_t total = 0;
  size_t tokens = 0;
  for (size_t k = 0; k < pii::kPiiKindCount; ++k) {
    total += counts[k];
    tokens += counts[k] * scanner->options().tokens[k].size();
  }
  TAMIS_CHECK_EQ(total, matches.size());
  if (!matches.empty()) TAMIS_CHECK_EQ(out.size(), kept + tokens);

  for (const auto* segmenter : {spaced.get(), japanese.get()}) {
    auto scratch = segmenter->NewScratch();
    toxicity::Words words;
    segmenter->Segment(text, scratch.get(), &words);
    for (size_t i = 0; i < words.size(); ++i) {
      TAMIS_CHECK(words.begins[i] < words.ends[i] && words.ends[i] <= words.text.size());
      TAMIS_CHECK(i == 0 || words.begins[i] == words.ends[i - 1] + 1);
    }
  }
  return 0;
}
