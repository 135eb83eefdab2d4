#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "langid/langid_stage.h"

using tamis::Document;
using tamis::DocumentBatch;
using tamis::Value;

namespace {

Value Options(std::vector<std::pair<std::string, Value>> extra = {}) {
  Value options = Value::EmptyObject();
  options.Set("model", TAMIS_MODELS_DIR "/lid.176.ftz");
  for (auto& [k, v] : extra) options.Set(k, std::move(v));
  return options;
}

DocumentBatch Batch(const std::vector<std::string>& texts) {
  DocumentBatch batch;
  for (size_t i = 0; i < texts.size(); ++i) {
    Document doc;
    doc.id = "doc" + std::to_string(i);
    doc.text = texts[i];
    batch.documents.push_back(std::move(doc));
  }
  return batch;
}

void Run(const Value& options, DocumentBatch& batch) {
  auto stage = tamis::CreateLangidStage(options);
  REQUIRE(stage.ok());
  auto scratch = (*stage)->NewScratch();
  REQUIRE((*stage)->Process(batch, scratch.get()).ok());
}

const char* kFrench =
    "Le paquet est installé par défaut sur tous les systèmes Debian. Il contient les outils "
    "nécessaires à la gestion des paquets.";
const char* kChinese = "软件包管理系统是 Debian 的核心部分，它负责安装、升级和删除软件。";
const char* kSerbian = "Ово је слободни оперативни систем који развијају добровољци широм света.";

}  // namespace

TEST_CASE("Langid stage writes language, score and top languages", "[langid]") {
  DocumentBatch batch = Batch({kFrench, kChinese, kSerbian, ""});
  Run(Options(), batch);
  const Document& fr = batch.documents[0];
  CHECK(fr.metadata.GetString("language") == "fra_Latn");
  CHECK(fr.metadata.Find("language_score")->as_number() > 0.8);
  const Value* top = fr.metadata.Find("top_languages");
  REQUIRE(top != nullptr);
  REQUIRE(!top->as_object().empty());
  CHECK(top->as_object()[0].first == "fra_Latn");
  for (const auto& [label, score] : top->as_object()) CHECK(score.as_number() >= 0.01);
  CHECK(batch.documents[1].metadata.GetString("language") == "zho_Hani");
  CHECK(batch.documents[2].metadata.GetString("language") == "srp_Cyrl");
  CHECK(batch.documents[3].metadata.GetString("language") == "und_Zzzz");
  for (const Document& d : batch.documents) CHECK(!d.dropped());
}

TEST_CASE("Langid stage keeps wanted languages, macrolanguage-aware, and drops the rest",
          "[langid]") {
  DocumentBatch batch = Batch({kFrench, kChinese, kSerbian});
  Run(Options({{"languages", Value(Value::Array{"cmn", "hbs"})}}), batch);
  CHECK(batch.documents[0].dropped());
  CHECK(batch.documents[0].drop_entry()->stage == "langid");
  CHECK(batch.documents[0].drop_entry()->rule == "language");
  CHECK(batch.documents[0].drop_entry()->detail == "fra_Latn");
  CHECK(!batch.documents[1].dropped());  // zho (lid.176 "zh") is wanted as cmn.
  CHECK(!batch.documents[2].dropped());  // srp is a member of hbs.

  DocumentBatch scripts = Batch({kSerbian});
  Run(Options({{"languages", Value("srp_Latn")}}), scripts);
  CHECK(scripts.documents[0].dropped());
}

TEST_CASE("Langid stage drops below the minimum score and per-language thresholds", "[langid]") {
  DocumentBatch batch = Batch({kFrench, "ok merci"});
  Run(Options({{"min_score", Value(0.99)}}), batch);
  CHECK(batch.documents[1].dropped());
  CHECK(batch.documents[1].drop_entry()->rule == "min_score");

  const auto path = std::filesystem::temp_directory_path() / "tamis_langid_thresholds.txt";
  { std::ofstream(path) << "fra 1.0\n* 0.0\n"; }
  DocumentBatch strict = Batch({kFrench, kChinese});
  Run(Options({{"thresholds_file", Value(path.string())}}), strict);
  REQUIRE(strict.documents[0].dropped());
  CHECK(strict.documents[0].drop_entry()->rule == "language_threshold");
  CHECK(strict.documents[0].drop_entry()->detail.rfind("fra_Latn ", 0) == 0);
  CHECK(!strict.documents[1].dropped());
  std::filesystem::remove(path);

  // FineWeb-2 defaults: clear French passes fra_Latn's 0.824.
  DocumentBatch defaults = Batch({kFrench});
  Run(Options({{"thresholds", Value(true)}}), defaults);
  CHECK(!defaults.documents[0].dropped());
}

TEST_CASE("Langid stage records the paragraph language mix of a mixed page", "[langid]") {
  std::string mixed = std::string(kFrench) + "\n\n" +
                      "Das Paket ist auf allen Debian-Systemen standardmäßig installiert und "
                      "enthält die Werkzeuge zur Paketverwaltung.\n\n" +
                      "Le système de paquets gère les dépendances entre les logiciels installés.";
  DocumentBatch batch = Batch({mixed});
  Run(Options({{"paragraphs", Value(true)}}), batch);
  const Value* mix = batch.documents[0].metadata.Find("language_mix");
  REQUIRE(mix != nullptr);
  REQUIRE(mix->as_object().size() == 2);
  CHECK(mix->as_object()[0].first == "fra_Latn");
  CHECK(mix->as_object()[1].first == "deu_Latn");
  double total = mix->as_object()[0].second.as_number() + mix->as_object()[1].second.as_number();
  CHECK(total == Approx(1.0));
}

TEST_CASE("Langid stage rejects bad options and unreadable models before the run", "[langid]") {
  auto unknown = tamis::CreateLangidStage(Options({{"langauges", Value("fra")}}));
  REQUIRE(!unknown.ok());
  CHECK(unknown.status().message().find("langauges") != std::string::npos);
  auto bad_language = tamis::CreateLangidStage(Options({{"languages", Value("klingonish")}}));
  REQUIRE(!bad_language.ok());
  Value missing = Value::EmptyObject();
  missing.Set("model", "/nonexistent/model_v3.bin");
  auto no_model = tamis::CreateLangidStage(missing);
  REQUIRE(!no_model.ok());
  CHECK(no_model.status().code() == tamis::StatusCode::kNotFound);
  CHECK(no_model.status().message().find("/nonexistent/model_v3.bin") != std::string::npos);
}
