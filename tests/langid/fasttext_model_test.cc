#include <catch2/catch.hpp>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include "langid/fasttext_model.h"

using tamis::langid::FastTextModel;
using tamis::langid::LabelProbability;

namespace {

std::string TempPath(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("tamis_langid_" + name)).string();
}

}  // namespace

TEST_CASE("A missing model file is a clear not-found error naming the file", "[langid]") {
  auto model = FastTextModel::Load("/nonexistent/dir/model_v3.bin");
  REQUIRE(!model.ok());
  CHECK(model.status().code() == tamis::StatusCode::kNotFound);
  CHECK(model.status().message().find("/nonexistent/dir/model_v3.bin") != std::string::npos);
}

TEST_CASE("A corrupt or truncated model file is a corruption error naming the file", "[langid]") {
  std::string junk = TempPath("junk.bin");
  {
    std::ofstream out(junk, std::ios::binary);
    out << "this is not a fastText model, just some text in a file";
  }
  auto model = FastTextModel::Load(junk);
  REQUIRE(!model.ok());
  CHECK(model.status().code() == tamis::StatusCode::kCorruption);
  CHECK(model.status().message().find(junk) != std::string::npos);

  // The first 300 KB of the real lid.176.ftz: a valid header, then nothing.
  std::ifstream in(TAMIS_MODELS_DIR "/lid.176.ftz", std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  REQUIRE(bytes.size() > 300000);
  std::string truncated = TempPath("truncated.ftz");
  {
    std::ofstream out(truncated, std::ios::binary);
    out.write(bytes.data(), 300000);
  }
  auto cut = FastTextModel::Load(truncated);
  REQUIRE(!cut.ok());
  CHECK(cut.status().code() == tamis::StatusCode::kCorruption);
  CHECK(cut.status().message().find(truncated) != std::string::npos);
  std::remove(junk.c_str());
  std::remove(truncated.c_str());
}

TEST_CASE("A model cut anywhere, even inside its dictionary, fails cleanly and quickly",
          "[langid]") {
  std::ifstream in(TAMIS_MODELS_DIR "/lid.176.ftz", std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::string path = TempPath("cut.ftz");
  // Cuts in the arguments, the dictionary header, the dictionary words (where libfasttext
  // alone loops forever), the quantized input matrix and the output matrix.
  for (size_t cut :
       std::vector<size_t>{20, 70, 100, 1000, 20000, 100000, 600000, bytes.size() - 1}) {
    {
      std::ofstream out(path, std::ios::binary);
      out.write(bytes.data(), static_cast<std::streamsize>(cut));
    }
    auto model = FastTextModel::Load(path);
    INFO("cut at " << cut);
    REQUIRE(!model.ok());
    CHECK(model.status().code() == tamis::StatusCode::kCorruption);
    CHECK(model.status().message().find(path) != std::string::npos);
  }
  std::remove(path.c_str());
}

TEST_CASE("lid.176 predicts top-k labels with probabilities", "[langid]") {
  auto model = FastTextModel::Load(TAMIS_MODELS_DIR "/lid.176.ftz");
  REQUIRE(model.ok());
  auto scratch = (*model)->NewScratch();
  std::vector<LabelProbability> out;
  REQUIRE((*model)
              ->Predict("Le chat dort sur le canapé depuis ce matin.", 3, 0.0, scratch.get(), &out)
              .ok());
  REQUIRE(out.size() == 3);
  CHECK((*model)->labels()[out[0].label] == "__label__fr");
  CHECK(out[0].probability > 0.5);
  CHECK(out[0].probability >= out[1].probability);
  CHECK(out[1].probability >= out[2].probability);
  // A threshold removes improbable labels.
  REQUIRE((*model)->Predict("Der Hund schläft im Garten.", 0, 0.5, scratch.get(), &out).ok());
  REQUIRE(out.size() == 1);
  CHECK((*model)->labels()[out[0].label] == "__label__de");
}

TEST_CASE("One model predicts concurrently from threads with their own scratch", "[langid]") {
  auto loaded = FastTextModel::Load(TAMIS_MODELS_DIR "/lid.176.ftz");
  REQUIRE(loaded.ok());
  const FastTextModel& model = **loaded;
  const std::vector<std::string> texts = {"Le chat dort sur le canapé depuis ce matin.",
                                          "Der Hund schläft im Garten.",
                                          "El perro duerme en el jardín todo el día.",
                                          "Кошка спит на диване с утра.",
                                          "猫はソファーで寝ています。",
                                          "The quick brown fox jumps over the lazy dog."};
  std::vector<std::pair<int32_t, double>> expected;
  {
    auto scratch = model.NewScratch();
    std::vector<LabelProbability> out;
    for (const auto& t : texts) {
      REQUIRE(model.Predict(t, 1, 0.0, scratch.get(), &out).ok());
      expected.push_back({out[0].label, out[0].probability});
    }
  }
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      auto scratch = model.NewScratch();
      std::vector<LabelProbability> out;
      for (int round = 0; round < 300; ++round) {
        size_t i = (round + t) % texts.size();
        if (!model.Predict(texts[i], 1, 0.0, scratch.get(), &out).ok() || out.empty() ||
            out[0].label != expected[i].first || out[0].probability != expected[i].second) {
          ++mismatches;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(mismatches == 0);
}
