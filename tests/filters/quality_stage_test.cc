// The quality stages end to end on real documents: the handbook's translations pass in every
// language and script, its page furniture is removed, the classifier separates the two, and
// hostile input is dropped or refused with a reason, never a crash.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>

#include "filters/quality/heuristic_stage.h"
#include "filters/quality/quality_classifier_stage.h"
#include "langid/langid_stage.h"
#include "quality_test_text.h"

using namespace tamis;
using tamis::quality::testing::ReadFixture;

namespace {

const std::string kModels = TAMIS_MODELS_DIR;

std::unique_ptr<Stage> Make(Result<std::unique_ptr<Stage>> made) {
  if (!made.ok()) FAIL(made.status().ToString());
  return std::move(made).value();
}

// Runs `stages` in order over `docs` the way the graph does (dropped documents leave).
std::vector<Document> RunStages(std::vector<Document> docs, const std::vector<Stage*>& stages,
                                std::vector<Document>* removed = nullptr) {
  for (Stage* stage : stages) {
    REQUIRE(stage->Start(RunContext()).ok());
    auto scratch = stage->NewScratch();
    DocumentBatch batch;
    batch.documents = std::move(docs);
    REQUIRE(stage->Process(batch, scratch.get()).ok());
    StageReport report;
    std::vector<Scratch*> scratches;
    if (scratch) scratches.push_back(scratch.get());
    REQUIRE(stage->Finish(scratches, report).ok());
    docs.clear();
    for (Document& d : batch.documents) {
      if (d.dropped()) {
        if (removed) removed->push_back(std::move(d));
      } else {
        docs.push_back(std::move(d));
      }
    }
  }
  return docs;
}

Value LangidOptions() {
  Value v = Value::EmptyObject();
  v.Set("model", kModels + "/lid.176.ftz");
  return v;
}

Value ClassifierOptions() {
  Value v = Value::EmptyObject();
  v.Set("model", kModels + "/tamis-quality.ftz");
  return v;
}

}  // namespace

TEST_CASE("The same handbook sections pass the default heuristics in every language",
          "[filters][quality]") {
  auto langid = Make(CreateLangidStage(LangidOptions()));
  auto heuristics = Make(CreateQualityHeuristicsStage(Value::EmptyObject()));
  std::vector<Document> docs = ReadFixture("translated_prose.jsonl");
  REQUIRE(docs.size() >= 50);
  std::vector<Document> removed;
  auto labelled = RunStages(docs, {langid.get()}, nullptr);
  std::map<std::string, int> total, kept;
  for (const Document& d : labelled) ++total[std::string(d.metadata.GetString("language"))];
  auto passed = RunStages(labelled, {heuristics.get()}, &removed);
  for (const Document& d : passed) ++kept[std::string(d.metadata.GetString("language"))];
  for (const Document& d : removed) {
    UNSCOPED_INFO(d.id << " " << d.metadata.GetString("language") << " " << d.drop_entry()->rule
                       << " " << d.drop_entry()->detail);
  }
  // Every language langid found keeps its sections: the same rate, 100%, in Latin, Cyrillic,
  // Greek, Arabic, Han, Japanese and Hangul scripts.
  for (const auto& [language, n] : total) {
    INFO(language);
    CHECK(kept[language] == n);
  }
  for (const char* script : {"_Latn", "_Cyrl", "_Arab", "_Hani", "_Jpan", "_Hang"}) {
    bool seen = false;
    for (const auto& [language, n] : total) seen |= language.ends_with(script);
    CHECK(seen);
  }
  CHECK(total.size() >= 18);
}

TEST_CASE("Link lists, menus and keyword lists are removed by the heuristics",
          "[filters][quality]") {
  auto langid = Make(CreateLangidStage(LangidOptions()));
  auto heuristics = Make(CreateQualityHeuristicsStage(Value::EmptyObject()));
  std::vector<Document> removed;
  auto kept =
      RunStages(ReadFixture("boilerplate.jsonl"), {langid.get(), heuristics.get()}, &removed);
  for (const Document& d : kept) UNSCOPED_INFO("kept " << d.id << ": " << d.text.substr(0, 200));
  CHECK(kept.empty());
  REQUIRE(removed.size() >= 20);
  // Each removal names the filter, the rule and the measured value.
  for (const Document& d : removed) {
    const LedgerEntry* e = d.drop_entry();
    REQUIRE(e != nullptr);
    CHECK_FALSE(e->rule.empty());
    CHECK_FALSE(std::isnan(e->score));
    CHECK((e->stage == "gopher_repetition" || e->stage == "gopher_quality" ||
           e->stage == "c4_quality" || e->stage == "fineweb_quality"));
  }
}

TEST_CASE("The default classifier scores prose high and page furniture low", "[filters][quality]") {
  auto classifier = Make(CreateQualityClassifierStage(ClassifierOptions()));
  auto prose = RunStages(ReadFixture("translated_prose.jsonl"), {classifier.get()});
  auto boiler = RunStages(ReadFixture("boilerplate.jsonl"), {classifier.get()});
  int prose_high = 0, boiler_low = 0;
  for (const Document& d : prose) {
    const Value* score = d.metadata.Find("quality_default");
    REQUIRE(score != nullptr);
    prose_high += score->as_number() > 0.5;
  }
  for (const Document& d : boiler)
    boiler_low += d.metadata.Find("quality_default")->as_number() < 0.5;
  CHECK(prose_high == static_cast<int>(prose.size()));
  CHECK(boiler_low == static_cast<int>(boiler.size()));
}

TEST_CASE("A classifier threshold drops low scores with the score in the ledger",
          "[filters][quality]") {
  Value options = ClassifierOptions();
  options.Set("threshold", 0.5);
  auto classifier = Make(CreateQualityClassifierStage(options));
  std::vector<Document> removed;
  auto kept = RunStages(ReadFixture("boilerplate.jsonl"), {classifier.get()}, &removed);
  CHECK(kept.empty());
  REQUIRE_FALSE(removed.empty());
  CHECK(removed[0].drop_entry()->stage == "quality");
  CHECK(removed[0].drop_entry()->rule == "quality_default");
  CHECK(removed[0].drop_entry()->score < 0.5);
}

TEST_CASE("Missing, corrupt and mislabelled quality models are errors naming the file",
          "[filters][quality]") {
  Value missing = Value::EmptyObject();
  missing.Set("model", "/nonexistent/quality.ftz");
  auto m = CreateQualityClassifierStage(missing);
  REQUIRE_FALSE(m.ok());
  CHECK(m.status().message().find("/nonexistent/quality.ftz") != std::string::npos);

  const auto corrupt = std::filesystem::temp_directory_path() / "tamis_corrupt_quality.ftz";
  std::ofstream(corrupt) << "this is not a fastText model";
  Value bad = Value::EmptyObject();
  bad.Set("model", corrupt.string());
  auto c = CreateQualityClassifierStage(bad);
  REQUIRE_FALSE(c.ok());
  CHECK(c.status().message().find(corrupt.string()) != std::string::npos);

  Value label = ClassifierOptions();
  label.Set("label", "good");
  auto l = CreateQualityClassifierStage(label);
  REQUIRE_FALSE(l.ok());
  CHECK(l.status().message().find("__label__good") != std::string::npos);

  Value typo = ClassifierOptions();
  typo.Set("treshold", 0.5);
  CHECK_FALSE(CreateQualityClassifierStage(typo).ok());
}

TEST_CASE("Heuristic stages refuse bad options", "[filters][quality]") {
  Value typo = Value::EmptyObject();
  typo.Set("min_doc_word", 10);
  CHECK_FALSE(CreateGopherQualityStage(typo).ok());
  Value grams = Value::EmptyObject();
  grams.Set("top_n_grams", "two");
  CHECK_FALSE(CreateGopherRepetitionStage(grams).ok());
  Value sub = Value::EmptyObject();
  sub.Set("c4_quality", 3);
  CHECK_FALSE(CreateQualityHeuristicsStage(sub).ok());
  Value dir = Value::EmptyObject();
  dir.Set("languages_dir", "/nonexistent");
  CHECK_FALSE(CreateFinewebQualityStage(dir).ok());
}

TEST_CASE("Empty, invalid UTF-8 and huge documents are dropped with a reason",
          "[filters][quality]") {
  auto heuristics = Make(CreateQualityHeuristicsStage(Value::EmptyObject()));
  auto classifier = Make(CreateQualityClassifierStage(ClassifierOptions()));
  std::vector<Document> docs(3);
  docs[0].text = "";
  docs[1].text = std::string("Debian \xFF\xFE\xC3 caf\xC3", 14);
  // 20 MB: the handbook section again and again.
  const std::string section = ReadFixture("translated_prose.jsonl")[0].text;
  while (docs[2].text.size() < 20'000'000) docs[2].text += section + "\n";
  for (Document& d : docs) d.metadata.Set("language", "eng_Latn");
  std::vector<Document> removed;
  auto kept = RunStages(docs, {classifier.get(), heuristics.get()}, &removed);
  CHECK(kept.empty());
  REQUIRE(removed.size() == 3);
  CHECK(removed[0].drop_entry()->rule == "gopher_short_doc");
  // Two words: its one 2-gram covers most of its characters, before the length rule runs.
  CHECK(removed[1].drop_entry()->rule == "gopher_top_2_gram");
  CHECK(removed[2].drop_entry()->stage == "gopher_repetition");
  CHECK(removed[0].metadata.Find("quality_default") != nullptr);
}
