// Trains a small GlotLID-style model (labels "__label__xxx_Scrp") with libfasttext on real
// multilingual text (tests/data/langid/train.txt, paragraphs of The Debian Administrator's
// Handbook in 25 languages) and runs it through the same loading and prediction path as
// lid.176 and GlotLID's model_v3.bin.
#include <fasttext/args.h>
#include <fasttext/fasttext.h>
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "langid/language_identifier.h"

namespace {

struct Example {
  std::string label;
  std::string text;
};

// Every fifth line is held out for evaluation; the rest is written out for training, shuffled
// with a fixed seed: fastText reads its input in order, and a file sorted by language would
// leave the last language dominating the final updates (GlotLID shuffles its data too).
std::vector<Example> SplitCorpus(const std::string& train_path) {
  std::ifstream in(TAMIS_TEST_DATA "/langid/train.txt");
  REQUIRE(in);
  std::vector<Example> held_out;
  std::vector<std::string> train_lines;
  std::string line;
  for (int i = 0; std::getline(in, line); ++i) {
    if (i % 5 == 0) {
      size_t space = line.find(' ');
      held_out.push_back({line.substr(9, space - 9), line.substr(space + 1)});
    } else {
      train_lines.push_back(line);
    }
  }
  std::mt19937 rng(20240501);  // Pinned: the trained model, and so the test, is reproducible.
  for (size_t i = train_lines.size(); i > 1; --i) {
    std::swap(train_lines[i - 1], train_lines[rng() % i]);
  }
  std::ofstream train(train_path);
  for (const std::string& l : train_lines) train << l << '\n';
  return held_out;
}

}  // namespace

TEST_CASE("A GlotLID-style model trained with libfasttext identifies held-out text", "[langid]") {
  const auto dir = std::filesystem::temp_directory_path() / "tamis_langid_train";
  std::filesystem::create_directories(dir);
  const std::string train_path = (dir / "train.txt").string();
  const std::string model_path = (dir / "glotlid_small.bin").string();
  std::vector<Example> held_out = SplitCorpus(train_path);
  REQUIRE(held_out.size() > 40);

  fasttext::Args args;
  args.input = train_path;
  args.output = (dir / "glotlid_small").string();
  args.model = fasttext::model_name::sup;
  args.loss = fasttext::loss_name::softmax;
  args.minCount = 1;
  args.minn = 2;  // Character n-grams, as GlotLID uses, carry most of the signal.
  args.maxn = 4;
  args.dim = 32;
  // A few hundred paragraphs are few updates for fastText (one per line): many epochs at a high
  // rate, else the model never leaves the uniform distribution.
  args.lr = 1.0;
  args.epoch = 100;
  args.bucket = 200000;
  args.thread = 1;  // Deterministic.
  args.verbose = 0;
  {
    fasttext::FastText trainer;
    trainer.train(args);
    trainer.saveModel(model_path);
  }

  tamis::langid::IdentifierOptions options;
  options.model_path = model_path;
  auto identifier = tamis::langid::LanguageIdentifier::Create(options);
  REQUIRE(identifier.ok());
  const auto& labels = (*identifier)->model().labels();
  CHECK(labels.size() == 25);
  auto scratch = (*identifier)->NewScratch();
  int correct = 0;
  std::map<std::string, int> errors;
  for (const Example& ex : held_out) {
    auto id = (*identifier)->Identify(ex.text, scratch.get());
    REQUIRE(id.ok());
    // Labels pass through unchanged: code and script come from the model.
    CHECK(id->language.size() == 8);
    CHECK(id->language[3] == '_');
    if (id->language == ex.label) {
      ++correct;
    } else {
      errors[ex.label + "->" + id->language]++;
    }
  }
  double accuracy = static_cast<double>(correct) / held_out.size();
  INFO("held-out accuracy " << accuracy << " on " << held_out.size() << " paragraphs");
  for (const auto& [what, n] : errors) UNSCOPED_INFO(what << " x" << n);
  CHECK(accuracy >= 0.85);

  // Japanese written with kana keeps the model's own script label.
  auto ja =
      (*identifier)
          ->Identify("パッケージをインストールするには、次のコマンドを実行します。", scratch.get());
  REQUIRE(ja.ok());
  CHECK(ja->language == "jpn_Jpan");
  std::filesystem::remove_all(dir);
}
