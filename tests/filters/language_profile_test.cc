// Language profiles: FineWeb-2's files parsed, looked up through macrolanguages, overridden.
#include "filters/quality/language_profile.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

using namespace tamis::quality;

TEST_CASE("Built-in profiles cover the EU languages, Chinese, Japanese, Russian and Arabic",
          "[filters][quality]") {
  auto profiles = LanguageProfiles::Create("", {});
  REQUIRE(profiles.ok());
  for (const char* label :
       {"bul_Cyrl", "hrv_Latn", "ces_Latn", "dan_Latn", "nld_Latn", "eng_Latn", "ekk_Latn",
        "fin_Latn", "fra_Latn", "deu_Latn", "ell_Grek", "hun_Latn", "gle_Latn", "ita_Latn",
        "lvs_Latn", "lit_Latn", "mlt_Latn", "pol_Latn", "por_Latn", "ron_Latn", "slk_Latn",
        "slv_Latn", "spa_Latn", "swe_Latn", "cmn_Hani", "jpn_Jpan", "rus_Cyrl", "arb_Arab"}) {
    INFO(label);
    CHECK(profiles->For(label)->label == label);
    CHECK_FALSE(profiles->For(label)->stopwords.empty());
  }
  // FineWeb-2's French values, from fra_Latn.yml.
  const LanguageProfile* fr = profiles->For("fra_Latn");
  CHECK(fr->dup_line_frac == 0.264);
  CHECK(fr->max_avg_word_length == 11);
  CHECK(fr->top_n_grams.size() == 3);
  CHECK(fr->top_n_grams[0].max_fraction == 0.161);
  CHECK(fr->stopwords.contains("le"));
}

TEST_CASE("A macrolanguage label finds its member's profile", "[filters][quality]") {
  auto profiles = LanguageProfiles::Create("", {});
  REQUIRE(profiles.ok());
  CHECK(profiles->For("zho_Hani")->label == "cmn_Hani");  // lid.176 says "zho".
  CHECK(profiles->For("ara_Arab")->label == "arb_Arab");
  CHECK(profiles->For("est_Latn")->label == "ekk_Latn");
  CHECK(profiles->For("lav_Latn")->label == "lvs_Latn");
  // Unknown or missing: the generic profile, datatrove's defaults without stop words.
  const LanguageProfile* generic = profiles->For("tgl_Latn");
  CHECK(generic->label.empty());
  CHECK(generic->stopwords.empty());
  CHECK(generic->dup_line_frac == 0.3);
  CHECK(profiles->For("")->label.empty());
}

TEST_CASE("A languages directory adds profiles and overrides apply to all", "[filters][quality]") {
  const auto dir = std::filesystem::temp_directory_path() / "tamis_quality_profiles";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "tgl_Latn.yml") << "stopwords:\n- ang\n- ng\n- sa\nmin_avg_word_length: 2\n";
  ProfileOverrides overrides;
  overrides.dup_line_frac = 0.5;
  auto profiles = LanguageProfiles::Create(dir.string(), overrides);
  REQUIRE(profiles.ok());
  const LanguageProfile* tl = profiles->For("tgl_Latn");
  CHECK(tl->label == "tgl_Latn");
  CHECK(tl->stopwords.size() == 3);
  CHECK(tl->min_avg_word_length == 2);
  CHECK(tl->max_avg_word_length == 10);  // Not in the file: datatrove's default.
  CHECK(tl->dup_line_frac == 0.5);
  CHECK(profiles->For("fra_Latn")->dup_line_frac == 0.5);
}

TEST_CASE("Bad profile files are errors naming the file", "[filters][quality]") {
  const auto dir = std::filesystem::temp_directory_path() / "tamis_quality_bad_profiles";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "xxx_Latn.yml") << "top_n_grams: [[2]]\n";
  auto profiles = LanguageProfiles::Create(dir.string(), {});
  REQUIRE_FALSE(profiles.ok());
  CHECK(profiles.status().message().find("xxx_Latn.yml") != std::string::npos);
  CHECK_FALSE(ParseLanguageProfile("dup_line_frac: high\n", "x", "x.yml").ok());
  CHECK_FALSE(ParseLanguageProfile("stopword: [a]\n", "x", "x.yml").ok());
  CHECK_FALSE(ParseLanguageProfile("{ unclosed", "x", "x.yml").ok());
  CHECK_FALSE(LanguageProfiles::Create("/nonexistent/profiles", {}).ok());
}
