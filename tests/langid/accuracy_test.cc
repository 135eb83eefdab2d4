// tamis with lid.176 against the `fasttext predict` command with the same model, on real text
// in 150+ languages (tests/data/langid/eval.tsv: translated messages of Debian's gettext
// catalogs, see langid/data/extract_corpus.py). Only languages the model covers count; a
// macrolanguage match (model says "zho", truth is "cmn", or the reverse) is correct on both
// sides. tamis must be at least as accurate.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "langid/label_mapper.h"
#include "langid/language_identifier.h"
#include "langid/language_registry.h"

namespace {

struct Sample {
  std::string locale;
  std::string expected;
  std::string text;
};

std::vector<Sample> ReadEval() {
  std::ifstream in(TAMIS_TEST_DATA "/langid/eval.tsv");
  REQUIRE(in);
  std::vector<Sample> out;
  std::string line;
  while (std::getline(in, line)) {
    size_t a = line.find('\t'), b = line.find('\t', a + 1);
    if (a == std::string::npos || b == std::string::npos) continue;
    out.push_back({line.substr(0, a), line.substr(a + 1, b - a - 1), line.substr(b + 1)});
  }
  return out;
}

}  // namespace

TEST_CASE("tamis with lid.176 is at least as accurate as fasttext predict", "[langid]") {
  const std::string model = TAMIS_MODELS_DIR "/lid.176.ftz";
  const auto& registry = tamis::langid::LanguageRegistry::Default();
  std::vector<Sample> samples = ReadEval();
  REQUIRE(samples.size() > 500);

  tamis::langid::IdentifierOptions options;
  options.model_path = model;
  auto identifier = tamis::langid::LanguageIdentifier::Create(options);
  REQUIRE(identifier.ok());
  std::vector<std::string> model_codes;
  for (const std::string& raw : (*identifier)->model().labels()) {
    model_codes.push_back(tamis::langid::MapModelLabel(raw).code);
  }
  auto covered = [&](const std::string& code) {
    for (const std::string& c : model_codes) {
      if (registry.Matches(c, code)) return true;
    }
    return false;
  };

  // The reference: the fastText command-line tool on the same lines.
  const auto input = std::filesystem::temp_directory_path() / "tamis_langid_eval.txt";
  {
    std::ofstream out(input);
    for (const Sample& s : samples) out << s.text << '\n';
  }
  std::string command = "fasttext predict '" + model + "' '" + input.string() + "' 1";
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::vector<std::string> cli;
  char buf[256];
  while (std::fgets(buf, sizeof(buf), pipe)) {
    std::string label(buf);
    while (!label.empty() && (label.back() == '\n' || label.back() == ' ')) label.pop_back();
    cli.push_back(label);
  }
  REQUIRE(pclose(pipe) == 0);
  REQUIRE(cli.size() == samples.size());
  std::filesystem::remove(input);

  auto scratch = (*identifier)->NewScratch();
  int64_t total = 0, tamis_correct = 0, cli_correct = 0;
  std::set<std::string> languages;
  for (size_t i = 0; i < samples.size(); ++i) {
    const Sample& s = samples[i];
    std::string expected = registry.ToIso639_3(s.expected);
    if (expected.empty()) expected = s.expected;
    if (!covered(expected)) continue;
    ++total;
    languages.insert(expected);
    auto id = (*identifier)->Identify(s.text, scratch.get());
    REQUIRE(id.ok());
    if (registry.Matches(id->language, expected)) ++tamis_correct;
    if (registry.Matches(tamis::langid::MapModelLabel(cli[i]).code, expected)) ++cli_correct;
  }
  const double tamis_accuracy = static_cast<double>(tamis_correct) / total;
  const double cli_accuracy = static_cast<double>(cli_correct) / total;
  std::printf(
      "langid accuracy on %lld documents in %zu languages covered by lid.176: "
      "tamis %.4f, fasttext predict %.4f\n",
      static_cast<long long>(total), languages.size(), tamis_accuracy, cli_accuracy);
  CHECK(languages.size() >= 100);
  CHECK(tamis_correct >= cli_correct);
  CHECK(tamis_accuracy > 0.7);  // The corpus is real language, not noise.
}
