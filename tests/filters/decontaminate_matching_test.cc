// Pins filters/decontaminate/normalized_words.h, ngram_index.h and item_matcher.h: what counts
// as the same word, and what a document's overlap with an item is.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "filters/decontaminate/item_matcher.h"
#include "filters/decontaminate/ngram_index.h"
#include "filters/decontaminate/normalized_words.h"

namespace tamis {
namespace {

std::unique_ptr<NormalizedWords> Words(bool strip = false) {
  auto words = NormalizedWords::Create({.strip_diacritics = strip});
  REQUIRE(words.ok());
  return std::move(words).value();
}

std::vector<std::string> Split(NormalizedWords& words, std::string_view text) {
  words.Split(text);
  std::vector<std::string> out;
  for (size_t i = 0; i < words.size(); ++i) out.push_back(words.Normalized(text, i));
  return out;
}

TEST_CASE("Words ignore case, punctuation and spacing", "[decontaminate]") {
  auto words = Words();
  const std::vector<std::string> expected = {"apt", "get", "install", "resolves", "dependencies"};
  CHECK(Split(*words, "apt-get install resolves dependencies.") == expected);
  CHECK(Split(*words, "  APT—GET\tInstall,  RESOLVES\n\n(dependencies)!!") == expected);
  words->Split("say \"hello\"");
  REQUIRE(words->size() == 2);
  CHECK(words->begin(1) == 5);  // Offsets are bytes of the original text.
  CHECK(words->end(1) == 10);
}

TEST_CASE("Non-ASCII words are case-folded with compatibility forms", "[decontaminate]") {
  auto words = Words();
  CHECK(Split(*words, "ÉTÉ Straße ＤＥＢＩＡＮ") ==
        std::vector<std::string>{"été", "strasse", "debian"});
  // Precomposed and decomposed é are the same word.
  words->Split("caf\xC3\xA9");
  const uint64_t precomposed = words->hashes()[0];
  words->Split("cafe\xCC\x81");
  CHECK(words->hashes()[0] == precomposed);
}

TEST_CASE("Diacritics are kept unless stripping is asked for", "[decontaminate]") {
  auto keep = Words(false);
  auto strip = Words(true);
  CHECK(Split(*keep, "Élève naïve") == std::vector<std::string>{"élève", "naïve"});
  CHECK(Split(*strip, "Élève naïve") == std::vector<std::string>{"eleve", "naive"});
}

TEST_CASE("Scripts without spaces are split into words by ICU", "[decontaminate]") {
  auto words = Words();
  // "Debian is a free operating system" in Japanese and Thai: several words, not one.
  CHECK(Split(*words, "Debianは自由なオペレーティングシステムです").size() >= 5);
  CHECK(Split(*words, "เดเบียนเป็นระบบปฏิบัติการเสรี").size() >= 3);
}

TEST_CASE("Invalid UTF-8 only separates words", "[decontaminate]") {
  auto words = Words();
  CHECK(Split(*words, "good\xFF\xFEwords\xC3") == std::vector<std::string>{"good", "words"});
}

BenchmarkFile Benchmark(std::string name, std::vector<std::string> texts) {
  BenchmarkFile file;
  file.spec.name = std::move(name);
  for (size_t i = 0; i < texts.size(); ++i) file.items.push_back({std::to_string(i), texts[i]});
  return file;
}

const char kItem[] =
    "Which command-line tool is used on Debian systems to install a local package file "
    "without resolving its dependencies?";  // 19 words: 7 distinct 13-grams.

TEST_CASE("A document covering a whole item has coverage 1 and one span", "[decontaminate]") {
  auto words = Words();
  std::vector<BenchmarkFile> benchmarks = {
      Benchmark("mmlu", {kItem, "too short to have any thirteen word n-gram"})};
  const NgramIndex index = NgramIndex::Build(benchmarks, 13, *words);
  CHECK(index.items() == 2);
  CHECK(index.item(0).ngrams == 7);
  CHECK(index.too_short(0) == 1);
  ItemMatcher matcher(index, Words());
  const std::string doc = std::string("Forum post. ") +
                          "WHICH command line tool is used on debian systems, to install a "
                          "LOCAL package file without resolving its dependencies" +
                          " Thanks in advance.";
  const std::vector<ItemMatch>& matches = matcher.Match(doc);
  REQUIRE(matches.size() == 1);
  CHECK(matches[0].item == 0);
  CHECK(matches[0].ngrams_matched == 7);
  CHECK(matches[0].coverage == 1.0);
  REQUIRE(matches[0].spans.size() == 1);
  CHECK(doc.substr(matches[0].longest.begin, matches[0].longest.size()) ==
        "WHICH command line tool is used on debian systems, to install a LOCAL package file "
        "without resolving its dependencies");
}

TEST_CASE("Partial overlaps give partial coverage and separate spans", "[decontaminate]") {
  auto words = Words();
  std::vector<BenchmarkFile> benchmarks = {Benchmark("mmlu", {kItem})};
  const NgramIndex index = NgramIndex::Build(benchmarks, 13, *words);
  ItemMatcher matcher(index, Words());
  // The first 13 words twice (one distinct n-gram), far apart.
  const std::string first13 =
      "Which command-line tool is used on Debian systems to install a local";
  const std::string doc = first13 + ". Some unrelated words here in between. " + first13;
  const std::vector<ItemMatch>& matches = matcher.Match(doc);
  REQUIRE(matches.size() == 1);
  CHECK(matches[0].ngrams_matched == 1);
  CHECK(matches[0].coverage == Approx(1.0 / 7));
  CHECK(matches[0].spans.size() == 2);
  CHECK(matcher
            .Match("nothing from any benchmark in this rather short sentence at all, "
                   "really nothing")
            .empty());
}

TEST_CASE("An n-gram shared by items of two benchmarks finds both", "[decontaminate]") {
  auto words = Words();
  std::vector<BenchmarkFile> benchmarks = {Benchmark("a", {kItem}), Benchmark("b", {kItem})};
  const NgramIndex index = NgramIndex::Build(benchmarks, 13, *words);
  CHECK(index.keys() == 7);
  ItemMatcher matcher(index, Words());
  const std::vector<ItemMatch>& matches = matcher.Match(kItem);
  REQUIRE(matches.size() == 2);
  CHECK(index.item(matches[0].item).benchmark == 0);
  CHECK(index.item(matches[1].item).benchmark == 1);
}

TEST_CASE("An index file gives back the same index; stale or damaged files are refused",
          "[decontaminate]") {
  auto words = Words();
  std::vector<BenchmarkFile> benchmarks = {
      Benchmark("a", {kItem, "too short"}),
      Benchmark("b", {"Farmers in a dry region plant rows of trees along the edges of their "
                      "fields to reduce soil erosion by the wind"})};
  benchmarks[0].content_hash = 1;
  benchmarks[1].content_hash = 2;
  const NgramIndex index = NgramIndex::Build(benchmarks, 13, *words);
  const uint64_t fingerprint = IndexFingerprint(benchmarks, 13, false);
  const std::string bytes = index.Serialize(fingerprint);
  auto back = NgramIndex::Parse(bytes, fingerprint, "i.bin");
  REQUIRE(back.ok());
  CHECK(back->Serialize(fingerprint) == bytes);
  CHECK(back->keys() == index.keys());
  CHECK(back->too_short(0) == 1);
  ItemMatcher matcher(*back, Words());
  REQUIRE(matcher.Match(kItem).size() == 1);
  CHECK(matcher.Match(kItem)[0].coverage == 1.0);

  // Another file, ngram or diacritics setting: another fingerprint, so the file is stale.
  CHECK(IndexFingerprint(benchmarks, 14, false) != fingerprint);
  CHECK(IndexFingerprint(benchmarks, 13, true) != fingerprint);
  benchmarks[1].content_hash = 3;
  const uint64_t changed = IndexFingerprint(benchmarks, 13, false);
  CHECK(changed != fingerprint);
  CHECK(NgramIndex::Parse(bytes, changed, "i.bin").status().code() ==
        StatusCode::kFailedPrecondition);
  std::string damaged = bytes;
  damaged[80] ^= 1;
  CHECK(NgramIndex::Parse(damaged, fingerprint, "i.bin").status().message().find("i.bin: ") == 0);
  CHECK(NgramIndex::Parse(bytes.substr(0, 70), fingerprint, "i.bin").status().code() ==
        StatusCode::kCorruption);
  CHECK(!NgramIndex::Parse("", fingerprint, "i.bin").ok());
}

}  // namespace
}  // namespace tamis
