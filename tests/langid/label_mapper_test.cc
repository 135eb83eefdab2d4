#include <catch2/catch.hpp>

#include <set>

#include "langid/fasttext_model.h"
#include "langid/label_mapper.h"
#include "langid/language_registry.h"

using tamis::langid::MapModelLabel;

TEST_CASE("Every lid.176 label of the real model maps to a known ISO 639 code", "[langid]") {
  auto model = tamis::langid::FastTextModel::Load(TAMIS_MODELS_DIR "/lid.176.ftz");
  REQUIRE(model.ok());
  const auto& labels = (*model)->labels();
  REQUIRE(labels.size() == 176);
  const auto& registry = tamis::langid::LanguageRegistry::Default();
  std::set<std::string> codes;
  for (const std::string& raw : labels) {
    INFO(raw);
    auto mapped = MapModelLabel(raw);
    CHECK(mapped.script.empty());
    CHECK(mapped.code.size() == 3);
    CHECK(registry.Find(mapped.code) != nullptr);
    codes.insert(mapped.code);
  }
  CHECK(codes.size() == 176);  // No two lid.176 labels collapse onto one code.
}

TEST_CASE("lid.176 Wikipedia codes map to what they mean, not what they spell", "[langid]") {
  CHECK(MapModelLabel("__label__als").code == "gsw");  // Alemannic, not Tosk Albanian.
  CHECK(MapModelLabel("__label__sh").code == "hbs");
  CHECK(MapModelLabel("__label__bh").code == "bih");
  CHECK(MapModelLabel("__label__fr").code == "fra");
  CHECK(MapModelLabel("__label__zh").code == "zho");
  CHECK(MapModelLabel("__label__no").code == "nor");
  CHECK(MapModelLabel("__label__eml").code == "eml");
  CHECK(MapModelLabel("__label__nah").code == "nah");
  CHECK(MapModelLabel("__label__yue").code == "yue");
  CHECK(MapModelLabel("__label__war").code == "war");
  CHECK(MapModelLabel("__label__diq").code == "diq");
}

TEST_CASE("GlotLID and OpenLID labels pass through with their script", "[langid]") {
  auto m = MapModelLabel("__label__fra_Latn");
  CHECK(m.code == "fra");
  CHECK(m.script == "Latn");
  CHECK(tamis::langid::LanguageLabel(m, "Cyrl") == "fra_Latn");
  auto z = MapModelLabel("__label__zxx_Zzzz");
  CHECK(z.code == "zxx");
  CHECK(z.script == "Zzzz");
  auto fr = MapModelLabel("__label__fr");
  CHECK(tamis::langid::LanguageLabel(fr, "Latn") == "fra_Latn");
  CHECK(MapModelLabel("__label__Custom").code == "custom");
}
