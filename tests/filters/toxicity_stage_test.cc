#include "filters/toxicity/toxicity_stage.h"

#include <fasttext/args.h>
#include <fasttext/fasttext.h>
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "filters/toxicity/embedded_word_lists.h"
#include "pipeline/json.h"
#include "tests/filters/run_one_batch.h"

namespace tamis {
namespace {

std::unique_ptr<Stage> MakeStage(const Value& options) {
  return testing::MakeStage(&CreateToxicityStage, options);
}

Value Run(Stage& stage, std::vector<Document>& docs) {
  return testing::RunOneBatch(stage, docs);
}

Document Doc(std::string id, std::string text, std::string_view language) {
  Document doc;
  doc.id = std::move(id);
  doc.text = std::move(text);
  if (!language.empty()) doc.metadata.Set("language", language);
  return doc;
}

std::vector<Document> HandbookProse() {
  std::vector<Document> docs;
  std::ifstream in(TAMIS_TEST_DATA "/toxicity/prose.jsonl");
  std::string line;
  while (std::getline(in, line)) {
    Result<Value> v = ParseJson(line);
    REQUIRE(v.ok());
    docs.push_back(Doc(std::string(v->GetString("id")), std::string(v->GetString("text")),
                       v->Find("metadata")->GetString("language")));
  }
  REQUIRE(docs.size() == 33);
  return docs;
}

// A text made of a language's listed entries, `count` of them, separated as its script is.
std::string ListedWords(std::string_view language, int count) {
  for (const toxicity::EmbeddedWordList& list : toxicity::EmbeddedWordLists()) {
    if (list.language != language) continue;
    std::string text;
    size_t pos = 0;
    for (int i = 0; i < count && pos < list.entries.size(); ++i) {
      const size_t eol = list.entries.find('\n', pos);
      text += (text.empty() ? "" : toxicity::WrittenWithoutSpaces(language) ? "、" : " ");
      text += list.entries.substr(pos, eol - pos);
      pos = eol + 1;
    }
    return text;
  }
  FAIL("no list " << language);
  return {};
}

TEST_CASE("Handbook prose in eleven languages is scored and kept with the defaults", "[toxicity]") {
  auto stage = MakeStage(Value::EmptyObject());
  std::vector<Document> docs = HandbookProse();
  const Value report = Run(*stage, docs);
  for (const Document& doc : docs) {
    INFO(doc.id);
    CHECK_FALSE(doc.dropped());
    const Value* toxicity = doc.metadata.Find("toxicity");
    REQUIRE(toxicity != nullptr);
    CHECK(toxicity->Find("words")->as_int() > 50);
    CHECK(toxicity->Find("score")->as_number() < 0.01);
  }
  CHECK(report.Find("documents")->as_int() == 33);
  CHECK(report.Find("documents_without_list")->as_int() == 0);
  // Mandarin text is checked with the Chinese macrolanguage's list.
  CHECK(report.Find("languages")->Find("zho")->Find("scored")->as_int() == 3);
}

TEST_CASE("Documents made of listed words are dropped in every script", "[toxicity]") {
  auto stage = MakeStage(Value::EmptyObject());
  std::vector<Document> docs;
  for (std::string_view language : {"eng", "fra", "deu", "rus", "jpn", "zho", "tha"}) {
    docs.push_back(
        Doc(std::string(language), ListedWords(language, 30), std::string(language) + "_Xxxx"));
  }
  // A short text with a single listed word is kept: min_words pads the denominator.
  docs.push_back(Doc("stray", "The anal fin of the fish sits behind the anus.", "eng_Latn"));
  const Value report = Run(*stage, docs);
  for (size_t i = 0; i + 1 < docs.size(); ++i) {
    INFO(docs[i].id << ": " << docs[i].text);
    CHECK(docs[i].dropped());
    CHECK(docs[i].drop_entry()->rule == "word_list");
    CHECK(docs[i].drop_entry()->score > 0.3);
  }
  CHECK_FALSE(docs.back().dropped());
  CHECK(docs.back().metadata.Find("toxicity")->Find("flagged")->as_int() == 2);
  CHECK(report.Find("dropped_word_list")->as_int() == 7);
}

TEST_CASE("Tag mode, fallback language and unknown languages", "[toxicity]") {
  Value options = Value::EmptyObject();
  options.Set("action", "tag");
  options.Set("fallback_language", "");
  auto stage = MakeStage(options);
  std::vector<Document> docs;
  docs.push_back(Doc("tagged", ListedWords("eng", 20), "eng_Latn"));
  docs.push_back(Doc("no-language", ListedWords("eng", 20), ""));
  docs.push_back(Doc("greek", "Καλημέρα κόσμε", "ell_Grek"));
  const Value report = Run(*stage, docs);
  CHECK_FALSE(docs[0].dropped());
  CHECK(docs[0].metadata.Find("toxicity")->Find("score")->as_number() > 0.3);
  CHECK(docs[1].metadata.Find("toxicity") == nullptr);
  CHECK(report.Find("documents_without_list")->as_int() == 2);

  // By default a document without a language is checked against English.
  auto defaults = MakeStage(Value::EmptyObject());
  std::vector<Document> unlabelled;
  unlabelled.push_back(Doc("no-language", ListedWords("eng", 20), ""));
  Run(*defaults, unlabelled);
  CHECK(unlabelled[0].dropped());
}

TEST_CASE("Per-language thresholds override the default one", "[toxicity]") {
  Value options = Value::EmptyObject();
  Value thresholds = Value::EmptyObject();
  thresholds.Set("eng", 0.99);
  options.Set("thresholds", thresholds);
  auto stage = MakeStage(options);
  std::vector<Document> docs;
  docs.push_back(Doc("eng", ListedWords("eng", 30) + " and the text", "eng_Latn"));
  docs.push_back(Doc("fra", ListedWords("fra", 30), "fra_Latn"));
  Run(*stage, docs);
  CHECK_FALSE(docs[0].dropped());
  CHECK(docs[1].dropped());
}

TEST_CASE("Bad toxicity options are errors naming the option", "[toxicity]") {
  const auto error = [](std::string_view key, Value value) {
    Value options = Value::EmptyObject();
    options.Set(key, std::move(value));
    Result<std::unique_ptr<Stage>> stage = CreateToxicityStage(options);
    REQUIRE_FALSE(stage.ok());
    return stage.status().ToString();
  };
  CHECK_THAT(error("action", "delete"), Catch::Contains("action"));
  CHECK_THAT(error("languages", "xxx"), Catch::Contains("'xxx'"));
  CHECK_THAT(error("threshhold", 0.1), Catch::Contains("threshhold"));
  Value models = Value::EmptyObject();
  models.Set("eng", "/nonexistent/toxic.bin");
  CHECK_THAT(error("classifier_models", models), Catch::Contains("/nonexistent/toxic.bin"));
  // A file that is not a fastText model: named in the error, nothing crashes.
  const std::string corrupt =
      (std::filesystem::temp_directory_path() / "tamis_toxicity_corrupt.bin").string();
  std::ofstream(corrupt, std::ios::binary) << "PK\x03\x04 not a model at all";
  models.Set("eng", corrupt);
  CHECK_THAT(error("classifier_models", models), Catch::Contains(corrupt));
  std::filesystem::remove(corrupt);
}

// The optional classifier: a tiny fastText model trained here on labelled lines, toxic ones
// built from the English list, clean ones from handbook prose.
TEST_CASE("A fastText toxicity classifier drops what it scores above its threshold", "[toxicity]") {
  const auto dir = std::filesystem::temp_directory_path() / "tamis_toxicity_classifier";
  std::filesystem::create_directories(dir);
  const std::string train_path = (dir / "train.txt").string();
  std::vector<Document> prose = HandbookProse();
  {
    std::ofstream train(train_path);
    std::mt19937 rng(20241201);  // Pinned: the trained model, and so the test, is reproducible.
    const std::string listed = ListedWords("eng", 400);
    std::vector<std::string> entries;
    for (size_t pos = 0; pos < listed.size();) {
      size_t space = listed.find(' ', pos);
      if (space == std::string::npos) space = listed.size();
      entries.push_back(listed.substr(pos, space - pos));
      pos = space + 1;
    }
    for (int i = 0; i < 300; ++i) {
      train << "__label__toxic";
      for (int w = 0; w < 12; ++w) train << ' ' << entries[rng() % entries.size()];
      train << '\n';
    }
    for (const Document& doc : prose) {
      if (doc.id.rfind("en-US", 0) != 0) continue;
      std::string line;
      for (char c : doc.text) line.push_back(c == '\n' ? ' ' : c);
      for (size_t pos = 0; pos + 200 < line.size(); pos += 200) {
        train << "__label__clean " << line.substr(pos, 200) << '\n';
      }
    }
  }
  fasttext::Args args;
  args.input = train_path;
  args.output = (dir / "toxic").string();
  args.model = fasttext::model_name::sup;
  args.loss = fasttext::loss_name::softmax;
  args.minCount = 1;
  args.dim = 16;
  args.lr = 0.5;
  args.epoch = 25;
  args.bucket = 100000;
  args.thread = 1;
  args.verbose = 0;
  const std::string model_path = (dir / "toxic.bin").string();
  {
    fasttext::FastText trainer;
    trainer.train(args);
    trainer.saveModel(model_path);
  }

  Value options = Value::EmptyObject();
  options.Set("threshold", 1.0);  // The word list never drops: only the model decides.
  Value models = Value::EmptyObject();
  models.Set("eng", model_path);
  options.Set("classifier_models", models);
  auto stage = MakeStage(options);
  std::vector<Document> docs;
  for (Document& doc : prose) {
    if (doc.id.rfind("en-US", 0) == 0) docs.push_back(std::move(doc));
  }
  const size_t clean = docs.size();
  docs.push_back(Doc("toxic", ListedWords("eng", 60), "eng_Latn"));
  const Value report = Run(*stage, docs);
  for (size_t i = 0; i < clean; ++i) {
    INFO(docs[i].id);
    CHECK_FALSE(docs[i].dropped());
    CHECK(docs[i].metadata.Find("toxicity")->Find("classifier")->as_number() < 0.5);
  }
  REQUIRE(docs.back().dropped());
  CHECK(docs.back().drop_entry()->rule == "classifier");
  CHECK(report.Find("dropped_classifier")->as_int() == 1);

  // The label must exist in the model.
  options.Set("classifier_label", "__label__hq");
  Result<std::unique_ptr<Stage>> wrong = CreateToxicityStage(options);
  REQUIRE_FALSE(wrong.ok());
  CHECK_THAT(wrong.status().ToString(), Catch::Contains("__label__toxic"));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace tamis
