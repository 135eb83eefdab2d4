#include "filters/quality/language_profile.h"

#include <algorithm>
#include <filesystem>

#include "filters/quality/embedded_profiles.h"
#include "io/output_file.h"
#include "langid/language_registry.h"
#include "pipeline/yaml.h"

namespace tamis::quality {
namespace {

Status BadKey(const std::string& where, std::string_view key, std::string_view expected) {
  return Status::InvalidArgument(where + ": '" + std::string(key) + "' must be " +
                                 std::string(expected));
}

}  // namespace

Result<std::vector<NGramLimit>> ParseNGramLimits(const Value& v, const std::string& where,
                                                 std::string_view key) {
  constexpr std::string_view kShape = "a list of [n, fraction] pairs with 1 <= n <= 64";
  if (!v.is_array()) return BadKey(where, key, kShape);
  std::vector<NGramLimit> limits;
  for (const Value& pair : v.as_array()) {
    if (!pair.is_array() || pair.as_array().size() != 2 || !pair.as_array()[0].is_int() ||
        !pair.as_array()[1].is_number()) {
      return BadKey(where, key, kShape);
    }
    int64_t n = pair.as_array()[0].as_int();
    if (n < 1 || n > 64) return BadKey(where, key, kShape);
    limits.push_back({static_cast<int>(n), pair.as_array()[1].as_number()});
  }
  return limits;
}

namespace {

void RegisterAlias(const LanguageProfile& profile,
                   std::map<std::string, const LanguageProfile*, std::less<>>* aliases) {
  size_t underscore = profile.label.find('_');
  if (underscore == std::string::npos) return;
  std::string code = profile.label.substr(0, underscore);
  std::string script = profile.label.substr(underscore);
  std::string_view macro = langid::LanguageRegistry::Default().MacrolanguageOf(code);
  if (!macro.empty()) aliases->emplace(std::string(macro) + script, &profile);
}

}  // namespace

LanguageProfile& LanguageProfile::operator=(const LanguageProfile& other) {
  if (this == &other) return *this;
  label = other.label;
  dup_line_frac = other.dup_line_frac;
  top_n_grams = other.top_n_grams;
  dup_n_grams = other.dup_n_grams;
  line_punct_thr = other.line_punct_thr;
  new_line_ratio = other.new_line_ratio;
  min_avg_word_length = other.min_avg_word_length;
  max_avg_word_length = other.max_avg_word_length;
  max_non_alpha_words_ratio = other.max_non_alpha_words_ratio;
  SetStopwords(other.stopword_storage);
  return *this;
}

void LanguageProfile::SetStopwords(std::vector<std::string> words) {
  stopword_storage = std::move(words);
  stopwords.clear();
  for (const std::string& w : stopword_storage) stopwords.insert(w);
}

Result<LanguageProfile> ParseLanguageProfile(const std::string& yaml, const std::string& label,
                                             const std::string& where) {
  TAMIS_ASSIGN_OR_RETURN(Value root, ParseYaml(yaml, where));
  LanguageProfile profile;
  profile.label = label;
  if (root.is_null()) return profile;
  if (!root.is_object()) return Status::InvalidArgument(where + ": expected a mapping");
  for (const auto& [key, v] : root.as_object()) {
    double* number = nullptr;
    if (key == "dup_line_frac") number = &profile.dup_line_frac;
    if (key == "line_punct_thr") number = &profile.line_punct_thr;
    if (key == "new_line_ratio") number = &profile.new_line_ratio;
    if (key == "min_avg_word_length") number = &profile.min_avg_word_length;
    if (key == "max_avg_word_length") number = &profile.max_avg_word_length;
    if (key == "max_non_alpha_words_ratio") number = &profile.max_non_alpha_words_ratio;
    if (number) {
      if (!v.is_number()) return BadKey(where, key, "a number");
      *number = v.as_number();
    } else if (key == "top_n_grams") {
      TAMIS_ASSIGN_OR_RETURN(profile.top_n_grams, ParseNGramLimits(v, where, key));
    } else if (key == "dup_n_grams") {
      TAMIS_ASSIGN_OR_RETURN(profile.dup_n_grams, ParseNGramLimits(v, where, key));
    } else if (key == "stopwords") {
      if (!v.is_array()) return BadKey(where, key, "a list of words");
      std::vector<std::string> words;
      for (const Value& w : v.as_array()) {
        if (!w.is_string()) return BadKey(where, key, "a list of words");
        words.push_back(w.as_string());
      }
      profile.SetStopwords(std::move(words));
    } else if (key != "language_score") {
      // language_score is langid's threshold (langid/threshold_table.h), not ours.
      return Status::InvalidArgument(where + ": unknown key '" + key + "'");
    }
  }
  return profile;
}

void ProfileOverrides::ApplyTo(LanguageProfile* p) const {
  if (dup_line_frac) p->dup_line_frac = *dup_line_frac;
  if (line_punct_thr) p->line_punct_thr = *line_punct_thr;
  if (new_line_ratio) p->new_line_ratio = *new_line_ratio;
  if (min_avg_word_length) p->min_avg_word_length = *min_avg_word_length;
  if (max_avg_word_length) p->max_avg_word_length = *max_avg_word_length;
  if (max_non_alpha_words_ratio) p->max_non_alpha_words_ratio = *max_non_alpha_words_ratio;
  if (top_n_grams) p->top_n_grams = *top_n_grams;
  if (dup_n_grams) p->dup_n_grams = *dup_n_grams;
  if (stopwords) p->SetStopwords(*stopwords);
}

Result<LanguageProfiles> LanguageProfiles::Create(const std::string& extra_dir,
                                                  const ProfileOverrides& overrides) {
  LanguageProfiles profiles;
  for (const EmbeddedProfile& e : EmbeddedProfiles()) {
    std::string label(e.label);
    TAMIS_ASSIGN_OR_RETURN(LanguageProfile p, ParseLanguageProfile(std::string(e.yaml), label,
                                                                   "built-in profile " + label));
    profiles.by_label_[label] = std::move(p);
  }
  if (!extra_dir.empty()) {
    std::error_code ec;
    if (!std::filesystem::is_directory(extra_dir, ec)) {
      return Status::InvalidArgument("languages_dir '" + extra_dir + "' is not a directory");
    }
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(extra_dir, ec)) {
      if (entry.path().extension() == ".yml" || entry.path().extension() == ".yaml") {
        files.push_back(entry.path());
      }
    }
    if (ec)
      return Status::IoError("cannot list languages_dir '" + extra_dir + "': " + ec.message());
    std::sort(files.begin(), files.end());
    for (const std::filesystem::path& file : files) {
      TAMIS_ASSIGN_OR_RETURN(std::string text, ReadWholeFile(file.string()));
      std::string label = file.stem().string();
      TAMIS_ASSIGN_OR_RETURN(LanguageProfile p, ParseLanguageProfile(text, label, file.string()));
      profiles.by_label_[label] = std::move(p);
    }
  }
  // The generic profile keeps datatrove's defaults but has no stop words: the rule is off.
  overrides.ApplyTo(&profiles.generic_);
  for (auto& [label, p] : profiles.by_label_) {
    overrides.ApplyTo(&p);
    RegisterAlias(p, &profiles.aliases_);
  }
  return profiles;
}

const LanguageProfile* LanguageProfiles::For(std::string_view label) const {
  if (auto it = by_label_.find(label); it != by_label_.end()) return &it->second;
  if (auto it = aliases_.find(label); it != aliases_.end()) return it->second;
  return &generic_;
}

std::vector<std::string> LanguageProfiles::labels() const {
  std::vector<std::string> out;
  for (const auto& [label, p] : by_label_) out.push_back(label);
  return out;
}

}  // namespace tamis::quality
