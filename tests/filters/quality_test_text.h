// Helpers for the quality filter tests: real text from the committed handbook fixtures, and
// one call that runs a filter on a text with a language profile.
#ifndef TAMIS_TESTS_FILTERS_QUALITY_TEST_TEXT_H_
#define TAMIS_TESTS_FILTERS_QUALITY_TEST_TEXT_H_

#include <fstream>
#include <string>
#include <vector>

#include "filters/quality/heuristic_filter.h"
#include "filters/quality/language_profile.h"
#include "filters/quality/text_segmenter.h"
#include "pipeline/document.h"
#include "pipeline/json.h"

namespace tamis::quality::testing {

// The documents of a fixture under tests/data/filters/quality/.
inline std::vector<Document> ReadFixture(const std::string& name) {
  std::ifstream in(std::string(TAMIS_TEST_DATA) + "/filters/quality/" + name);
  std::vector<Document> docs;
  std::string line;
  while (std::getline(in, line)) {
    auto v = ParseJson(line);
    if (!v.ok()) continue;
    Document d;
    d.id = std::string(v->GetString("id"));
    d.text = std::string(v->GetString("text"));
    if (const Value* m = v->Find("metadata")) d.metadata = *m;
    docs.push_back(std::move(d));
  }
  return docs;
}

// The fixture document whose metadata.source is `source`.
inline Document FixtureDocument(const std::string& name, const std::string& source) {
  for (Document& d : ReadFixture(name)) {
    if (d.metadata.GetString("source") == source) return d;
  }
  return {};
}

// The handbook section "The Role of Distributions" in one translation ("fr-FR").
inline std::string RoleOfDistributions(const std::string& lang_dir) {
  return FixtureDocument("translated_prose.jsonl",
                         "debian-handbook/" + lang_dir + "/sect.role-of-distributions.html")
      .text;
}

inline LanguageProfiles BuiltinProfiles() {
  auto p = LanguageProfiles::Create("", {});
  if (!p.ok()) std::abort();
  return std::move(p).value();
}

// Runs `filter` on `text` as the stage would, with the profile of `language`.
inline Judgement JudgeText(const HeuristicFilter& filter, const std::string& text,
                           const std::string& language, FilterScratch* filter_scratch = nullptr) {
  static const LanguageProfiles profiles = BuiltinProfiles();
  auto scratch = TextSegmenter::NewScratch();
  if (!scratch.ok()) std::abort();
  TextAnalysis analysis(scratch->get());
  analysis.Reset(text);
  FilterScratch local;
  return filter.Judge(analysis, *profiles.For(language), filter_scratch ? filter_scratch : &local);
}

}  // namespace tamis::quality::testing

#endif  // TAMIS_TESTS_FILTERS_QUALITY_TEST_TEXT_H_
