#include <catch2/catch.hpp>

#include <fstream>
#include <string>

#include "langid/language_registry.h"
#include "langid/threshold_table.h"

using tamis::langid::LanguageRegistry;
using tamis::langid::ThresholdTable;

TEST_CASE("Registry covers every GlotLID v3 label with a name and a threshold", "[langid]") {
  const LanguageRegistry& registry = LanguageRegistry::Default();
  std::ifstream in(TAMIS_LANGID_DATA "/glotlid/labels-v3.txt");
  REQUIRE(in);
  std::string label;
  int count = 0;
  while (std::getline(in, label)) {
    if (label.empty()) continue;
    ++count;
    std::string_view code, script;
    tamis::langid::SplitLabel(label, &code, &script);
    INFO(label);
    CHECK(script.size() == 4);
    const tamis::langid::LanguageRow* row = registry.Find(code);
    REQUIRE(row != nullptr);
    CHECK(*row->name != 0);
    double t = registry.DefaultThreshold(label);
    CHECK(t >= tamis::langid::kThresholdFloor);
    CHECK(t <= tamis::langid::kThresholdCap);
  }
  CHECK(count == 2102);
  CHECK(registry.glotlid_labels().size() == 2102);
}

TEST_CASE("Registry maps ISO 639-1 to 639-3 with iso-codes", "[langid]") {
  const LanguageRegistry& registry = LanguageRegistry::Default();
  CHECK(registry.ToIso639_3("fr") == "fra");
  CHECK(registry.ToIso639_3("de") == "deu");
  CHECK(registry.ToIso639_3("zh") == "zho");
  CHECK(registry.ToIso639_3("sh") == "hbs");
  CHECK(registry.ToIso639_3("FRA") == "fra");
  CHECK(registry.ToIso639_3("xx").empty());
  CHECK(std::string_view(registry.Find("fra")->name) == "French");
  CHECK(std::string_view(registry.Find("gsw")->name) == "Swiss German");
}

TEST_CASE("Macrolanguages contain their individual languages", "[langid]") {
  const LanguageRegistry& registry = LanguageRegistry::Default();
  struct Case {
    const char* macro;
    const char* member;
  } cases[] = {{"zho", "cmn"}, {"zho", "yue"}, {"ara", "arb"}, {"ara", "arz"},
               {"fas", "pes"}, {"fas", "prs"}, {"msa", "zsm"}, {"msa", "ind"},
               {"swa", "swh"}, {"est", "ekk"}, {"lav", "lvs"}, {"nor", "nob"},
               {"nor", "nno"}, {"hbs", "srp"}, {"aze", "azj"}, {"uzb", "uzn"}};
  for (const Case& c : cases) {
    INFO(c.macro << " > " << c.member);
    CHECK(registry.IsMacrolanguage(c.macro));
    CHECK(registry.MacrolanguageOf(c.member) == c.macro);
    CHECK(registry.Matches(std::string(c.member) + "_Latn", c.macro));
    CHECK(registry.Matches(c.macro, c.member));
  }
  CHECK(registry.Matches("cmn_Hani", "zh"));
  CHECK(!registry.Matches("cmn_Hani", "jpn"));
  CHECK(!registry.Matches("fra_Latn", "zho"));
  // Siblings are not the same language.
  CHECK(!registry.Matches("arz_Arab", "arb"));
  // A wanted script must match.
  CHECK(registry.Matches("srp_Cyrl", "srp_Cyrl"));
  CHECK(!registry.Matches("srp_Latn", "srp_Cyrl"));
  auto members = registry.MembersOf("nor");
  CHECK(members.size() == 2);
}

TEST_CASE("Default thresholds are FineWeb-2's, clamped to the floor and cap", "[langid]") {
  const LanguageRegistry& registry = LanguageRegistry::Default();
  CHECK(registry.FinewebThreshold("fra_Latn") == Approx(0.824));
  CHECK(registry.DefaultThreshold("fra_Latn") == Approx(0.824));
  CHECK(registry.FinewebThreshold("aak_Latn") == Approx(0.9));
  // A macrolanguage label (lid.176 "ar") falls back to its most permissive member.
  double ara = registry.DefaultThreshold("ara_Arab");
  CHECK(ara >= tamis::langid::kThresholdFloor);
  CHECK(ara <= registry.DefaultThreshold("arb_Arab"));
  CHECK(registry.DefaultThreshold("qqq_Latn") == Approx(tamis::langid::kThresholdFloor));
}

TEST_CASE("Threshold files override labels, codes and the default", "[langid]") {
  auto table = ThresholdTable::Parse("# comment\nfra_Latn 0.5\nsr 0.61  # any script\n\n* 0.2\n",
                                     "test.txt");
  REQUIRE(table.ok());
  CHECK(table->For("fra_Latn") == Approx(0.5));
  CHECK(table->For("srp_Cyrl") == Approx(0.61));
  CHECK(table->For("srp_Latn") == Approx(0.61));
  CHECK(table->For("deu_Latn") == Approx(0.2));
  ThresholdTable defaults;
  CHECK(defaults.For("fra_Latn") == Approx(0.824));

  auto bad = ThresholdTable::Parse("fra_Latn 1.5\n", "t.txt");
  REQUIRE(!bad.ok());
  CHECK(bad.status().message() == "t.txt:1: threshold '1.5' is not a number in [0, 1]");
  CHECK(!ThresholdTable::Parse("deu_Latn\n", "t.txt").ok());
  auto missing = ThresholdTable::FromFile("/nonexistent/thresholds.txt");
  REQUIRE(!missing.ok());
  CHECK(missing.status().code() == tamis::StatusCode::kNotFound);
}

TEST_CASE("Registry knows the scripts a language is written in, likeliest first", "[langid]") {
  const LanguageRegistry& registry = LanguageRegistry::Default();
  using Scripts = std::vector<std::string>;
  CHECK(registry.ScriptsOf("zho") == Scripts{"Hani"});
  CHECK(registry.ScriptsOf("zh") == Scripts{"Hani"});
  CHECK(registry.ScriptsOf("jpn") == Scripts{"Jpan"});
  CHECK(registry.ScriptsOf("kor") == Scripts{"Hang"});
  const Scripts serbian = registry.ScriptsOf("srp");
  REQUIRE(serbian.size() == 2);
  CHECK(serbian[0] == "Cyrl");
  CHECK(serbian[1] == "Latn");
  CHECK(registry.ScriptsOf("fra").front() == "Latn");
  CHECK(registry.ScriptsOf("qqq").empty());
}
