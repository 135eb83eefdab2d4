// LanguageProfile: the per-language thresholds and stop words of the heuristic quality
// filters, in the shape of FineWeb-2's per-language configs; LanguageProfiles: the set of
// them a run uses, looked up by a document's metadata.language ("fra_Latn").
//
// A profile file is FineWeb-2's YAML, key for key: dup_line_frac, top_n_grams, dup_n_grams,
// line_punct_thr, new_line_ratio, min_avg_word_length, max_avg_word_length,
// max_non_alpha_words_ratio, stopwords (language_score belongs to langid and is ignored
// here). A key a file leaves out takes datatrove's default, the published Gopher / FineWeb
// value. The built-in profiles (filters/quality/data/languages/*.yml) are compiled into the
// binary, so nothing is read at run time unless a run names a directory of its own.
//
// Lookup: the exact label, else a profile of the same language under its macrolanguage in
// the same script (lid.176 says "zho_Hani", the profile is "cmn_Hani"; "est_Latn" finds
// "ekk_Latn"), else the generic profile: datatrove's defaults without stop words (the stop
// word rule is then skipped, since English stop words say nothing about Tagalog).
//
// Thread rule: immutable after Create(); For() may be called from any number of threads.
#ifndef TAMIS_FILTERS_QUALITY_LANGUAGE_PROFILE_H_
#define TAMIS_FILTERS_QUALITY_LANGUAGE_PROFILE_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "pipeline/status.h"
#include "pipeline/value.h"

namespace tamis::quality {

// An n-gram size and the largest fraction of characters it may cover.
struct NGramLimit {
  int n = 0;
  double max_fraction = 0;
};

struct LanguageProfile {
  std::string label;  // "fra_Latn"; empty for the generic profile.
  double dup_line_frac = 0.3;
  std::vector<NGramLimit> top_n_grams = {{2, 0.20}, {3, 0.18}, {4, 0.16}};
  std::vector<NGramLimit> dup_n_grams = {{5, 0.15}, {6, 0.14}, {7, 0.13},
                                         {8, 0.12}, {9, 0.11}, {10, 0.10}};
  double line_punct_thr = 0.12;
  double new_line_ratio = 0.3;
  double min_avg_word_length = 3;
  double max_avg_word_length = 10;
  double max_non_alpha_words_ratio = 0.8;
  // Hashed by content; views into `stopword_storage`, which owns the bytes.
  std::vector<std::string> stopword_storage;
  std::unordered_set<std::string_view> stopwords;

  LanguageProfile() = default;
  LanguageProfile(const LanguageProfile& other) { *this = other; }
  LanguageProfile& operator=(const LanguageProfile& other);

  // Replaces the stop words (keeps the views valid).
  void SetStopwords(std::vector<std::string> words);
};

// [[2, 0.2], [3, 0.18]]: FineWeb-2's n-gram limits, as pairs; `where` and `key` name it in
// errors.
Result<std::vector<NGramLimit>> ParseNGramLimits(const Value& v, const std::string& where,
                                                 std::string_view key);

// Parses one profile from FineWeb-2's YAML; `where` names the file in errors.
Result<LanguageProfile> ParseLanguageProfile(const std::string& yaml, const std::string& label,
                                             const std::string& where);

// Stage options that override one threshold in every profile ("min_avg_word_length: 2").
struct ProfileOverrides {
  std::optional<double> dup_line_frac, line_punct_thr, new_line_ratio, min_avg_word_length,
      max_avg_word_length, max_non_alpha_words_ratio;
  std::optional<std::vector<NGramLimit>> top_n_grams, dup_n_grams;
  std::optional<std::vector<std::string>> stopwords;

  void ApplyTo(LanguageProfile* profile) const;
};

class LanguageProfiles {
 public:
  // The built-in profiles, then every `<label>.yml` of `extra_dir` (when not empty), which
  // adds languages or replaces built-in ones; `overrides` then apply to all of them.
  static Result<LanguageProfiles> Create(const std::string& extra_dir,
                                         const ProfileOverrides& overrides);

  // Never null: the generic profile when nothing matches.
  const LanguageProfile* For(std::string_view label) const;
  const LanguageProfile& generic() const { return generic_; }
  // The labels with a profile of their own, sorted.
  std::vector<std::string> labels() const;

 private:
  std::map<std::string, LanguageProfile, std::less<>> by_label_;
  // Detected labels resolved through the macrolanguage rule, filled at Create() for every
  // label the language registry knows, so For() never has to search.
  std::map<std::string, const LanguageProfile*, std::less<>> aliases_;
  LanguageProfile generic_;
};

}  // namespace tamis::quality

#endif  // TAMIS_FILTERS_QUALITY_LANGUAGE_PROFILE_H_
