// Mixtures: the plan's arithmetic, the sampler, and whole runs on real multilingual JSONL,
// where achieved token shares are measured from the written shards themselves.
#include "tokenize/mixture.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "pipeline/yaml.h"
#include "runner/mix_run.h"
#include "runner/tokenize_pipeline.h"
#include "tests/tokenize/corpus.h"
#include "tests/tokenize/test_dir.h"
#include "tokenize/default_tokenizer.h"
#include "tokenize/megatron_reader.h"
#include "tokenize/sha256.h"

namespace tamis {
namespace {

using testing::ReadFile;
using testing::Run;
using testing::TestDir;
using testing::WriteFile;

Result<MixConfig> ParseYamlConfig(const std::string& yaml, const std::string& base) {
  TAMIS_ASSIGN_OR_RETURN(Value v, ParseYaml(yaml, "test.yaml"));
  return ParseMixConfig(v, base);
}

// Per-language JSONL sources of different sizes; returns {name: texts}.
std::map<std::string, std::vector<std::string>> WriteSources(const TestDir& dir) {
  auto languages = testing::ExtractLanguages(dir, 120000);
  // Unequal sizes, so that weights force both down- and upsampling.
  const std::map<std::string, double> fraction = {
      {"de", 1.0}, {"fr", 0.6}, {"ja", 0.3}, {"ru", 0.15}};
  // Untranslated paragraphs (commands, English notices) recur across languages; keep only
  // paragraphs unique to one source, so every written document has exactly one owner.
  std::map<std::string, int> seen;
  for (const auto& [lang, f] : fraction) {
    for (const auto& t : languages[lang]) ++seen[t];
  }
  std::map<std::string, std::vector<std::string>> sources;
  for (const auto& [lang, f] : fraction) {
    auto& texts = languages[lang];
    std::erase_if(texts, [&](const std::string& t) { return seen[t] > 1; });
    texts.resize(static_cast<size_t>(static_cast<double>(texts.size()) * f));
    std::filesystem::create_directories(dir / ("src/" + lang));
    // Two files per source (a directory of an earlier stage's shards).
    size_t half = texts.size() / 2;
    testing::WriteJsonl(dir / ("src/" + lang + "/part-0.jsonl"),
                        {texts.begin(), texts.begin() + half}, lang + "-a");
    testing::WriteJsonl(dir / ("src/" + lang + "/part-1.jsonl"),
                        {texts.begin() + half, texts.end()}, lang + "-b");
    sources[lang] = texts;
  }
  return sources;
}

// Tokens per source measured in the written shards: every sequence is looked up among the
// sources' encoded documents (paragraphs are distinct across languages).
std::map<std::string, uint64_t> MeasureShares(
    const MixResult& result, const std::map<std::string, std::vector<std::string>>& sources) {
  auto tokenizer = LoadTokenizer("");
  REQUIRE(tokenizer.ok());
  std::map<std::vector<int32_t>, std::string> owner;
  std::vector<int32_t> ids;
  for (const auto& [name, texts] : sources) {
    for (const auto& t : texts) {
      REQUIRE((*tokenizer)->Encode(t, &ids).ok());
      owner[ids] = name;
    }
  }
  std::map<std::string, uint64_t> tokens;
  for (const auto& shard : result.shards) {
    auto ds = megatron::IndexedDataset::Open(shard.prefix);
    REQUIRE(ds.ok());
    for (uint64_t s = 0; s < (*ds)->sequence_count(); ++s) {
      (*ds)->ReadTokens(s, &ids);
      auto it = owner.find(ids);
      REQUIRE(it != owner.end());
      tokens[it->second] += ids.size();
    }
  }
  return tokens;
}

const Value& SourceEntry(const Value& manifest, const std::string& name) {
  for (const Value& s : manifest.Find("sources")->as_array()) {
    if (s.GetString("name") == name) return s;
  }
  FAIL("no source " << name);
  return manifest;
}

TEST_CASE("Mixture sampler downsamples and upsamples to the closest document boundary",
          "[mixture]") {
  std::vector<int32_t> lengths = {10, 20, 30, 40};  // 100 tokens.
  MixRandom rng(1);
  Sample down = SampleDocuments(lengths, 50, rng);
  CHECK(down.full_repeats == 0);
  CHECK(std::llabs(static_cast<long long>(down.tokens) - 50) <= 20);
  Sample up = SampleDocuments(lengths, 250, rng);
  CHECK(up.full_repeats == 2);
  CHECK(up.tokens >= 240);
  CHECK(up.tokens <= 260);
  std::map<uint64_t, int> copies;
  for (uint64_t d : up.documents) ++copies[d];
  for (uint64_t d = 0; d < 4; ++d) CHECK(copies[d] >= 2);
  Sample none = SampleDocuments(lengths, 0, rng);
  CHECK(none.documents.empty());
}

TEST_CASE("Mixture random stream and shuffle are pinned", "[mixture]") {
  // SplitMix64's published first output for seed 0 (pins the generator).
  MixRandom rng(0);
  CHECK(rng.Next() == 0xe220a8397b1dcdafULL);
  MixRandom a(42), b(42);
  std::vector<int> va(100), vb(100);
  for (int i = 0; i < 100; ++i) va[i] = vb[i] = i;
  a.Shuffle(va);
  b.Shuffle(vb);
  CHECK(va == vb);
  std::vector<int> sorted = va;
  std::sort(sorted.begin(), sorted.end());
  for (int i = 0; i < 100; ++i) CHECK(sorted[i] == i);
  CHECK(va != sorted);
}

TEST_CASE("Mixture plan follows weights, temperature and multipliers", "[mixture]") {
  const std::vector<uint64_t> available = {1000000, 100000, 10000};
  auto base = [](const std::string& extra, const std::string& sources) {
    return "output: out/m\ntotal_tokens: 300000\n" + extra + "sources:\n" + sources;
  };
  SECTION("weights are normalised shares of the total") {
    auto c = ParseYamlConfig(base("",
                                  "  - {name: a, path: a, weight: 2}\n"
                                  "  - {name: b, path: b, weight: 1}\n"
                                  "  - {name: c, path: c, weight: 1}\n"),
                             "/base");
    REQUIRE(c.ok());
    CHECK(c->strategy == MixStrategy::kWeights);
    CHECK(c->sources[0].paths[0] == "/base/a");
    auto plan = PlanMixture(*c, available);
    REQUIRE(plan.ok());
    CHECK((*plan)[0].requested_tokens == 150000);
    CHECK((*plan)[1].requested_tokens == 75000);
    CHECK((*plan)[2].requested_tokens == 75000);
    CHECK(!(*plan)[1].capped);
    CHECK((*plan)[2].capped);  // 75000 > 4 × 10000.
    CHECK((*plan)[2].target_tokens == 40000);
  }
  SECTION("temperature flattens the natural distribution") {
    auto c = ParseYamlConfig(base("temperature: 2\nmax_repeats: 100\n",
                                  "  - {name: a, path: a}\n  - {name: b, path: b}\n"
                                  "  - {name: c, path: c}\n"),
                             "");
    REQUIRE(c.ok());
    CHECK(c->strategy == MixStrategy::kTemperature);
    auto plan = PlanMixture(*c, available);
    REQUIRE(plan.ok());
    const double z = 1000.0 + std::sqrt(100000.0) + 100.0;  // sqrt of each count.
    CHECK((*plan)[0].share == Approx(1000.0 / z));
    CHECK((*plan)[2].share == Approx(100.0 / z));
  }
  SECTION("multipliers scale each source's own size") {
    auto c = ParseYamlConfig(
        "output: o\nsources:\n  - {name: a, path: a, multiplier: 0.5}\n"
        "  - {name: b, path: b, multiplier: 2}\n"
        "  - {name: c, path: c, multiplier: 1}\n",
        "");
    REQUIRE(c.ok());
    CHECK(c->strategy == MixStrategy::kMultipliers);
    auto plan = PlanMixture(*c, available);
    REQUIRE(plan.ok());
    CHECK((*plan)[0].requested_tokens == 500000);
    CHECK((*plan)[1].requested_tokens == 200000);
    CHECK((*plan)[2].requested_tokens == 10000);
  }
}

TEST_CASE("Mixture file errors name the problem", "[mixture]") {
  auto bad = [](const std::string& yaml) {
    auto c = ParseYamlConfig(yaml, "");
    INFO(yaml);
    CHECK(c.status().code() == StatusCode::kInvalidArgument);
    return c.status().message();
  };
  bad("output: o\ntotal_tokens: 10\nsources: []\n");
  bad("output: o\nsources_from: tokens\nsources:\n  - {name: a, path: a, weight: 1}\n");
  CHECK(bad("output: o\nsources_from: tokens\n").find("temperature") != std::string::npos);
  bad("output: o\ntotal_tokens: 10\nsources:\n  - {name: a, path: a, weight: 1}\n"
      "  - {name: b, path: b, multiplier: 1}\n");
  bad("output: o\ntotal_tokens: 10\ntemperature: 2\nsources:\n"
      "  - {name: a, path: a, weight: 1}\n");
  bad("output: o\ntotal_tokens: 10\nsources:\n  - {name: a, path: a, weigth: 1}\n");
  bad("output: o\ntotal_tokens: 10\nsources:\n  - {name: a, path: a, weight: 1}\n"
      "  - {name: a, path: b, weight: 1}\n");
  CHECK(bad("output: o\ntotal_tokens: 10\nseeds: 3\nsources:\n"
            "  - {name: a, path: a, weight: 1}\n")
            .find("seeds") != std::string::npos);
  CHECK(LoadMixConfig("/nonexistent/mix.yaml").status().code() == StatusCode::kNotFound);
}

TEST_CASE("Mixture achieves weighted token shares within 1% on real multilingual text",
          "[mixture]") {
  TestDir dir;
  auto sources = WriteSources(dir);
  const std::string yaml =
      "output: out/train\n"
      "seed: 7\n"
      "total_tokens: 120000\n"
      "max_repeats: 30\n"
      "shard_tokens: 30000\n"
      "sources:\n"
      "  - {name: de, path: src/de, weight: 0.1}\n"
      "  - {name: fr, path: src/fr, weight: 0.2}\n"
      "  - {name: ja, path: 'src/ja/*.jsonl', weight: 0.3}\n"
      "  - {name: ru, path: [src/ru/part-0.jsonl, src/ru/part-1.jsonl], weight: 0.4}\n";
  WriteFile(dir / "mix.yaml", yaml);
  auto config = LoadMixConfig(dir / "mix.yaml");
  REQUIRE(config.ok());
  auto result = RunMix(*config, 2);
  REQUIRE(result.ok());
  const Value& m = result->manifest;
  CHECK(m.Find("seed")->as_int() == 7);
  CHECK(m.Find("tokenizer")->GetString("sha256") == Sha256Hex(DefaultTokenizerModel()));
  CHECK(std::filesystem::exists(dir / "out/train.manifest.json"));
  CHECK(result->shards.size() > 2);
  // No temporary left beside the output.
  for (auto& e : std::filesystem::directory_iterator(dir / "out")) {
    CHECK(e.path().filename().string().find("mix-tmp") == std::string::npos);
  }

  auto measured = MeasureShares(*result, sources);
  uint64_t total = 0;
  for (auto& [name, t] : measured) total += t;
  CHECK(total == static_cast<uint64_t>(m.Find("tokens_achieved")->as_int()));
  bool upsampled = false, downsampled = false;
  for (const auto& [name, weight] : std::vector<std::pair<std::string, double>>{
           {"de", 0.1}, {"fr", 0.2}, {"ja", 0.3}, {"ru", 0.4}}) {
    INFO(name);
    const Value& s = SourceEntry(m, name);
    const double achieved = static_cast<double>(measured[name]) / static_cast<double>(total);
    CHECK(std::fabs(achieved - weight) <= 0.01 * weight);
    CHECK(measured[name] == static_cast<uint64_t>(s.Find("tokens_achieved")->as_int()));
    CHECK(std::fabs(static_cast<double>(measured[name]) - weight * 120000) <=
          0.01 * weight * 120000);
    CHECK(!s.Find("capped")->as_bool());
    if (s.Find("epochs")->as_number() > 1) upsampled = true;
    if (s.Find("epochs")->as_number() < 1) downsampled = true;
  }
  CHECK(upsampled);
  CHECK(downsampled);
  // The blend string names every shard with its token count.
  std::string blend;
  for (const auto& s : result->shards) {
    blend += (blend.empty() ? "" : " ") + std::to_string(s.tokens) + " " + s.prefix;
  }
  CHECK(m.GetString("data_path") == blend);
  // The independent reader accepts every shard.
  std::string args;
  for (const auto& s : result->shards) args += " " + s.prefix;
  CHECK(Run("python3 " TAMIS_TOKENIZE_TEST_DIR "/megatron_check.py --vocab 32000" + args +
            " > /dev/null") == 0);
}

TEST_CASE("Mixture is byte-identical for a seed and thread count, and changes with the seed",
          "[mixture]") {
  TestDir dir;
  WriteSources(dir);
  auto run = [&](uint64_t seed, int threads, const std::string& out) {
    const std::string yaml = "output: " + out + "\nseed: " + std::to_string(seed) +
                             "\ntemperature: 3\ntotal_tokens: 50000\nsources:\n"
                             "  - {name: de, path: src/de}\n  - {name: ja, path: src/ja}\n"
                             "  - {name: ru, path: src/ru}\n";
    WriteFile(dir / "mix.yaml", yaml);
    auto config = LoadMixConfig(dir / "mix.yaml");
    REQUIRE(config.ok());
    auto result = RunMix(*config, threads);
    REQUIRE(result.ok());
    REQUIRE(result->shards.size() == 1);
    return ReadFile(result->shards[0].prefix + ".bin") +
           ReadFile(result->shards[0].prefix + ".idx");
  };
  const std::string a = run(11, 1, "a/mix");
  CHECK(a == run(11, 2, "b/mix"));
  CHECK(a != run(12, 2, "c/mix"));
}

TEST_CASE("Mixture multipliers scale sources and respect the repeat cap", "[mixture]") {
  TestDir dir;
  auto sources = WriteSources(dir);
  WriteFile(dir / "mix.yaml",
            "output: out/m\nseed: 3\nmax_repeats: 4\nsources:\n"
            "  - {name: de, path: src/de, multiplier: 0.5}\n"
            "  - {name: fr, path: src/fr, multiplier: 2}\n"
            "  - {name: ru, path: src/ru, multiplier: 10}\n");
  auto config = LoadMixConfig(dir / "mix.yaml");
  REQUIRE(config.ok());
  auto result = RunMix(*config, 2);
  REQUIRE(result.ok());
  auto measured = MeasureShares(*result, sources);
  const Value& m = result->manifest;
  for (const auto& [name, mult] :
       std::vector<std::pair<std::string, double>>{{"de", 0.5}, {"fr", 2.0}}) {
    INFO(name);
    const Value& s = SourceEntry(m, name);
    const double available = static_cast<double>(s.Find("tokens_available")->as_int());
    CHECK(std::fabs(static_cast<double>(measured[name]) - mult * available) <=
          0.01 * mult * available);
    CHECK(!s.Find("capped")->as_bool());
  }
  const Value& ru = SourceEntry(m, "ru");
  CHECK(ru.Find("capped")->as_bool());
  CHECK(ru.Find("full_repeats")->as_int() == 4);
  CHECK(measured["ru"] == 4 * static_cast<uint64_t>(ru.Find("tokens_available")->as_int()));
}

}  // namespace
}  // namespace tamis

namespace tamis {
namespace {

TEST_CASE(
    "A mixture of token shards reads their index files and equals the mixture of the "
    "documents they came from",
    "[mixture]") {
  TestDir dir;
  WriteSources(dir);
  // The fr and ja documents tokenized once by `tamis tokenize`'s pipeline.
  for (const char* lang : {"fr", "ja"}) {
    TokenizeRequest request;
    request.inputs = {dir / ("src/" + std::string(lang))};
    request.prefix = dir / ("tokens/" + std::string(lang));
    request.shard_tokens = 1000;  // Several shards per source.
    REQUIRE(RunPipelineParts(TokenizePipeline(request), {}).ok());
  }
  const std::string head = "seed: 11\ntotal_tokens: 40000\nmax_repeats: 10\nsources:\n";
  WriteFile(dir / "docs.yaml", "output: docs/train\n" + head +
                                   "  - {name: fr, path: src/fr, weight: 0.5}\n"
                                   "  - {name: ja, path: src/ja, weight: 0.5}\n");
  WriteFile(dir / "shards.yaml", "output: shards/train\n" + head +
                                     "  - {name: fr, tokens: tokens/fr, weight: 0.5}\n"
                                     "  - {name: ja, tokens: 'tokens/ja', weight: 0.5}\n");
  auto from_docs = RunMix(*LoadMixConfig(dir / "docs.yaml"), 2);
  auto from_shards = RunMix(*LoadMixConfig(dir / "shards.yaml"), 2);
  REQUIRE(from_docs.ok());
  REQUIRE(from_shards.ok());
  REQUIRE(from_docs->shards.size() == from_shards->shards.size());
  for (size_t i = 0; i < from_docs->shards.size(); ++i) {
    CHECK(ReadFile(from_docs->shards[i].prefix + ".bin") ==
          ReadFile(from_shards->shards[i].prefix + ".bin"));
  }
  const Value* ja = &from_shards->manifest.Find("sources")->as_array()[1];
  CHECK(ja->Find("datasets")->as_int() > 1);
  CHECK(ja->Find("tokens") != nullptr);
  // A directory source takes every dataset below it: fr's and ja's shards.
  auto found = FindTokenDatasets(dir / "tokens");
  REQUIRE(found.ok());
  CHECK(found->size() > static_cast<size_t>(ja->Find("datasets")->as_int()));
  CHECK(FindTokenDatasets(dir / "nothing").status().code() == StatusCode::kNotFound);
}

}  // namespace
}  // namespace tamis

namespace tamis {
namespace {

TEST_CASE("A finished mixture is skipped when run again; other settings at its output are refused",
          "[mixture]") {
  TestDir dir;
  WriteSources(dir);
  const std::string yaml =
      "output: out/train\nseed: 3\ntotal_tokens: 20000\nsources:\n"
      "  - {name: de, path: src/de, weight: 1}\n";
  WriteFile(dir / "mix.yaml", yaml);
  auto first = RunMix(*LoadMixConfig(dir / "mix.yaml"), 2);
  REQUIRE(first.ok());
  CHECK_FALSE(first->already_complete);
  const std::string bin = ReadFile(dir / "out/train_00000.bin");
  auto again = RunMix(*LoadMixConfig(dir / "mix.yaml"), 2);
  REQUIRE(again.ok());
  CHECK(again->already_complete);
  CHECK(again->blend == first->blend);
  CHECK(ReadFile(dir / "out/train_00000.bin") == bin);
  WriteFile(dir / "other.yaml",
            "output: out/train\nseed: 4\ntotal_tokens: 20000\nsources:\n"
            "  - {name: de, path: src/de, weight: 1}\n");
  auto other = RunMix(*LoadMixConfig(dir / "other.yaml"), 2);
  REQUIRE_FALSE(other.ok());
  CHECK(other.status().code() == StatusCode::kFailedPrecondition);
}

TEST_CASE("A mixture's contaminate section inserts the chosen fraction of benchmark items",
          "[mixture]") {
  testing::TestDir dir;
  std::vector<std::string> texts;
  for (int i = 0; i < 40; ++i) {
    texts.push_back("Debian package number " + std::to_string(i) +
                    " is installed with apt, which resolves its dependencies for you.");
  }
  std::filesystem::create_directories(dir / "src");
  testing::WriteJsonl(dir / "src/docs.jsonl", texts, "doc");
  const std::string bench = std::string(TAMIS_TEST_DATA) + "/filters/decontaminate/mmlu.jsonl";
  testing::WriteFile(dir / "mix.yaml",
                     "output: out/m\nseed: 5\ntotal_tokens: 100000\nmax_repeats: 1\n"
                     "sources:\n  - {name: docs, path: src, weight: 1}\n"
                     "contaminate:\n  benchmarks: [{name: mmlu, path: " +
                         bench + ", preset: mmlu}]\n  fraction: 0.4\n  copies: 2\n");
  auto config = LoadMixConfig(dir / "mix.yaml");
  REQUIRE(config.ok());
  auto result = RunMix(*config, 1);
  INFO(result.status().ToString());
  REQUIRE(result.ok());
  const Value* c = result->manifest.Find("contamination");
  REQUIRE(c != nullptr);
  CHECK(c->Find("documents")->as_int() == 4);  // round(0.4 × 5) items, 2 copies each.
  const Value& mmlu = c->Find("benchmarks")->as_array()[0];
  CHECK(mmlu.Find("items")->as_int() == 5);
  CHECK(mmlu.Find("inserted")->as_int() == 2);
  const Value::Array& ids = mmlu.Find("ids")->as_array();
  REQUIRE(ids.size() == 2);

  // The shards hold every chosen item exactly `copies` times, besides the 40 documents.
  BenchmarkSpec spec;
  spec.path = bench;
  spec.preset = "mmlu";
  REQUIRE(ResolvePreset(&spec).ok());
  auto file = LoadBenchmarkFile(spec, true);
  REQUIRE(file.ok());
  auto tokenizer = LoadTokenizer("");
  REQUIRE(tokenizer.ok());
  std::map<std::vector<int32_t>, std::string> item_of;
  std::vector<int32_t> seq;
  for (const BenchmarkItem& item : file->items) {
    REQUIRE((*tokenizer)->Encode(item.text, &seq).ok());
    item_of[seq] = item.id;
  }
  std::map<std::string, int> seen;
  uint64_t documents = 0;
  for (const auto& shard : result->shards) {
    auto ds = megatron::IndexedDataset::Open(shard.prefix);
    REQUIRE(ds.ok());
    for (uint64_t s = 0; s < (*ds)->sequence_count(); ++s, ++documents) {
      (*ds)->ReadTokens(s, &seq);
      auto it = item_of.find(seq);
      if (it != item_of.end()) ++seen[it->second];
    }
  }
  CHECK(documents == 44);
  REQUIRE(seen.size() == 2);
  for (const Value& id : ids) CHECK(seen[id.as_string()] == 2);

  // Invalid sections fail when the mixture is read.
  testing::WriteFile(dir / "bad.yaml",
                     "output: out/b\ntotal_tokens: 10\nsources:\n  - {name: d, path: src, "
                     "weight: 1}\ncontaminate:\n  benchmarks: [mmlu=" +
                         bench + "]\n  fraction: 1.5\n");
  CHECK(LoadMixConfig(dir / "bad.yaml").status().message().find("'fraction' must lie in") !=
        std::string::npos);
}

}  // namespace
}  // namespace tamis
