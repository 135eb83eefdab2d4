// The dedup stages end to end, through the orchestrator: measured recall and precision on
// planted near-duplicates against brute-force Jaccard, and the same bytes for one process
// and for tasks run part by part.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>

#include "dedup/dedup_text.h"
#include "dedup/minhash.h"
#include "io/output_file.h"
#include "pipeline/json.h"
#include "runner/orchestrator.h"
#include "runner/stage_registry.h"
#include "tests/io/temp_dir.h"
#include "tests/runner/run_parts.h"

namespace tamis {
namespace {

namespace fs = std::filesystem;
using testing::DirectoryContents;
using testing::RunPart;

const char* const kHandbook = "/usr/share/doc/debian-handbook/html/en-US";

// The words of the handbook's paragraphs (<div class="para">), page by page in name order.
std::vector<std::string> HandbookWords() {
  std::vector<std::string> pages;
  for (const auto& e : fs::directory_iterator(kHandbook)) {
    if (e.path().extension() == ".html") pages.push_back(e.path().string());
  }
  std::sort(pages.begin(), pages.end());
  std::vector<std::string> words;
  const std::string open = "<div class=\"para\">";
  for (const std::string& page : pages) {
    const std::string html = testing::ReadRaw(page);
    for (size_t at = html.find(open); at != std::string::npos; at = html.find(open, at)) {
      at += open.size();
      const size_t end = html.find("</div>", at);
      std::string word;
      bool in_tag = false;
      for (size_t i = at; i < end; ++i) {
        const char c = html[i];
        if (c == '<' || c == '>') {
          in_tag = c == '<';
        } else if (!in_tag && !std::isspace(static_cast<unsigned char>(c))) {
          word += c;
          continue;
        }
        if (!word.empty()) words.push_back(std::move(word));
        word.clear();
      }
      if (!word.empty()) words.push_back(word);
    }
  }
  return words;
}

struct PlantedCorpus {
  std::vector<std::pair<std::string, std::string>> documents;  // (id, text), input order
  std::vector<std::string> files;                              // JSONL files, 3 of them
};

// 300 documents of 150 consecutive handbook words; for 9 in 10 of them, a variant with a
// share of its words replaced by random handbook words: 0 (an exact copy), 1, 2, 3, 5, 8, 12,
// 20 or 35%, i.e. shingle Jaccard from 1 down to about 0.1. Originals go to the first two
// files, variants (shuffled) to the third, so that with 3 tasks most pairs cross tasks.
PlantedCorpus Plant(const testing::TempDir& dir) {
  const std::vector<std::string> words = HandbookWords();
  REQUIRE(words.size() > 100000);
  constexpr int kDocuments = 300, kWords = 150;
  const double kRates[] = {0, 0.01, 0.02, 0.03, 0.05, 0.08, 0.12, 0.2, 0.35, -1};
  std::mt19937_64 random(13);
  std::vector<std::pair<std::string, std::string>> originals, variants;
  for (int d = 0; d < kDocuments; ++d) {
    std::vector<std::string> doc(words.begin() + d * kWords, words.begin() + (d + 1) * kWords);
    auto join = [](const std::vector<std::string>& w) {
      std::string text;
      for (const std::string& s : w) text += (text.empty() ? "" : " ") + s;
      return text;
    };
    originals.push_back({"doc-" + std::to_string(d), join(doc)});
    const double rate = kRates[d % 10];
    if (rate < 0) continue;
    for (std::string& w : doc) {
      if (std::uniform_real_distribution<double>(0, 1)(random) < rate) {
        w = words[std::uniform_int_distribution<size_t>(0, words.size() - 1)(random)];
      }
    }
    variants.push_back({"variant-" + std::to_string(d), join(doc)});
  }
  std::shuffle(variants.begin(), variants.end(), random);
  PlantedCorpus corpus;
  auto write = [&](const std::string& name, auto begin, auto end) {
    std::string jsonl;
    for (auto it = begin; it != end; ++it) {
      Value v = Value::EmptyObject();
      v.Set("id", it->first);
      v.Set("text", it->second);
      jsonl += ToJson(v) + "\n";
      corpus.documents.push_back(*it);
    }
    corpus.files.push_back(dir.Write("in/" + name, jsonl));
  };
  write("a.jsonl", originals.begin(), originals.begin() + kDocuments / 2);
  write("b.jsonl", originals.begin() + kDocuments / 2, originals.end());
  write("c.jsonl", variants.begin(), variants.end());
  return corpus;
}

PipelineSpec Dedup(const PlantedCorpus& corpus, const std::string& out, int tasks,
                   const std::string& stage = "minhash_dedup") {
  PipelineSpec p;
  p.run.inputs = corpus.files;
  p.run.output = out + "/kept";
  p.run.rejects = out + "/rejects";
  p.run.tasks = tasks;
  p.run.threads = 2;
  p.stages = {{stage, Value::EmptyObject()}};
  return p;
}

// id -> the id of its cluster's kept document, for every clustered document of a run.
std::map<std::string, std::string> Clusters(const std::string& out, const std::string& key) {
  std::map<std::string, std::string> cluster;
  const std::string all = DirectoryContents(out + "/kept") + DirectoryContents(out + "/rejects");
  size_t start = 0;
  for (size_t end = all.find('\n'); end != std::string::npos;
       start = end + 1, end = all.find('\n', start)) {
    auto doc = ParseJson(all.substr(start, end - start));
    REQUIRE(doc.ok());
    const Value* metadata = doc->Find("metadata");
    if (metadata && metadata->Find(key)) {
      cluster[std::string(doc->GetString("id"))] = std::string(metadata->GetString(key));
    }
  }
  return cluster;
}

double Jaccard(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  size_t both = 0;
  for (size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i] == b[j]) {
      ++both, ++i, ++j;
    } else if (a[i] < b[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return static_cast<double>(both) / static_cast<double>(a.size() + b.size() - both);
}

TEST_CASE(
    "MinHash dedup finds 95% of pairs at Jaccard >= 0.8 with 99% precision, against "
    "brute force",
    "[dedup]") {
  testing::TempDir dir;
  const PlantedCorpus corpus = Plant(dir);
  REQUIRE(RunPipelineParts(Dedup(corpus, dir.File("out"), 1), {}).ok());
  const auto cluster = Clusters(dir.File("out"), "minhash_cluster_id");

  // The shingle sets of every document, as the stage defines them.
  auto text = DedupText::Create();
  REQUIRE(text.ok());
  MinHasher hasher({});
  MinHasher::Scratch scratch;
  std::vector<std::vector<uint64_t>> shingles;
  std::string normalized;
  for (const auto& [id, body] : corpus.documents) {
    (*text)->Normalize(body, &normalized);
    shingles.emplace_back();
    hasher.ShingleHashes(normalized, &scratch, &shingles.back());
    std::sort(shingles.back().begin(), shingles.back().end());
    shingles.back().erase(std::unique(shingles.back().begin(), shingles.back().end()),
                          shingles.back().end());
  }
  // Recall over every pair at J >= 0.8; precision over every pair put in one cluster, where a
  // pair below J = 0.4 is a false positive. 14 × 8 LSH cuts near J = 0.72 by design, and
  // catches a pair at J with probability 1 - (1 - J^8)^14: 5% at 0.5, 0.9% at 0.4; a pair
  // between 0.4 and 0.8 may go either way. The planted variants put 30 pairs near 0.47, so
  // the number of clustered pairs below 0.5 is printed too.
  int truth = 0, found = 0, clustered = 0, wrong = 0, below_half = 0, planted_levels = 0;
  std::set<int> levels;
  for (size_t i = 0; i < corpus.documents.size(); ++i) {
    for (size_t j = i + 1; j < corpus.documents.size(); ++j) {
      const double jaccard = Jaccard(shingles[i], shingles[j]);
      auto ci = cluster.find(corpus.documents[i].first);
      auto cj = cluster.find(corpus.documents[j].first);
      const bool together = ci != cluster.end() && cj != cluster.end() && ci->second == cj->second;
      if (jaccard >= 0.8) {
        ++truth;
        found += together;
        levels.insert(static_cast<int>(jaccard * 20));
      }
      if (together) {
        ++clustered;
        wrong += jaccard < 0.4;
        below_half += jaccard < 0.5;
      }
    }
  }
  planted_levels = static_cast<int>(levels.size());
  const double recall = static_cast<double>(found) / truth;
  const double precision = 1.0 - static_cast<double>(wrong) / clustered;
  std::printf(
      "minhash dedup: %d pairs at J >= 0.8, recall %.4f; %d clustered pairs, "
      "precision %.4f\n",
      truth, recall, clustered, precision);
  CHECK(truth >= 90);          // Exact copies and 1 and 2% edits, at least.
  CHECK(planted_levels >= 3);  // Pairs spread over [0.8, 1].
  CHECK(recall >= 0.95);
  CHECK(precision >= 0.99);
  // The kept document of each cluster is its first in input order: originals precede
  // variants.
  for (const auto& [id, kept] : cluster) CHECK(kept.rfind("doc-", 0) == 0);
}

TEST_CASE("MinHash dedup gives the same bytes in one process and as 3 tasks part by part",
          "[dedup]") {
  testing::TempDir dir;
  const PlantedCorpus corpus = Plant(dir);
  REQUIRE(RunPipelineParts(Dedup(corpus, dir.File("one"), 1), {}).ok());
  REQUIRE(RunPipelineParts(Dedup(corpus, dir.File("here"), 3), {}).ok());
  const PipelineSpec parts = Dedup(corpus, dir.File("parts"), 3);
  using Kind = RunSelection::Kind;
  for (int t = 0; t < 3; ++t) REQUIRE(RunPart(parts, Kind::kPhaseTask, 0, t).ok());
  // A step task before its step's predecessor is refused.
  CHECK(RunPart(parts, Kind::kStep, 0, 0, "minhash_dedup.cluster").code() ==
        StatusCode::kFailedPrecondition);
  // 14 bands over 3 step tasks; a fourth task does not exist.
  for (int t = 0; t < 3; ++t)
    REQUIRE(RunPart(parts, Kind::kStep, 0, t, "minhash_dedup.buckets").ok());
  CHECK(RunPart(parts, Kind::kStep, 0, 3, "minhash_dedup.buckets").code() ==
        StatusCode::kInvalidArgument);
  for (int t = 0; t < 3; ++t)
    REQUIRE(RunPart(parts, Kind::kStep, 0, t, "minhash_dedup.cluster").ok());
  REQUIRE(RunPart(parts, Kind::kStep, 0, 0, "minhash_dedup.merge").ok());
  for (int t = 0; t < 3; ++t) REQUIRE(RunPart(parts, Kind::kPhaseTask, 1, t).ok());

  const std::string kept = DirectoryContents(dir.File("one/kept"));
  const std::string rejected = DirectoryContents(dir.File("one/rejects"));
  CHECK(kept == DirectoryContents(dir.File("here/kept")));
  CHECK(kept == DirectoryContents(dir.File("parts/kept")));
  CHECK(rejected == DirectoryContents(dir.File("here/rejects")));
  CHECK(rejected == DirectoryContents(dir.File("parts/rejects")));
  CHECK(rejected.find("\"rule\":\"minhash_duplicate\"") != std::string::npos);
  CHECK(kept.find("\"minhash_cluster_size\":2") != std::string::npos);
}

TEST_CASE("Exact dedup removes copies that differ only in case, spacing and punctuation",
          "[dedup]") {
  testing::TempDir dir;
  PlantedCorpus corpus;
  corpus.files.push_back(
      dir.Write("in/a.jsonl",
                "{\"id\":\"a\",\"text\":\"The Debian project was founded in 1993.\"}\n"
                "{\"id\":\"b\",\"text\":\"the  DEBIAN project, was founded in 2001!\"}\n"
                "{\"id\":\"c\",\"text\":\"The Debian project was founded by Ian Murdock.\"}\n"
                "{\"id\":\"d\",\"text\":\"Le projet Debian a été fondé en 1993.\"}\n"
                "{\"id\":\"e\",\"text\":\"le projet debian a ete fonde en 1993\"}\n"));
  REQUIRE(RunPipelineParts(Dedup(corpus, dir.File("out"), 1, "exact_dedup"), {}).ok());
  const auto cluster = Clusters(dir.File("out"), "exact_cluster_id");
  CHECK(cluster ==
        std::map<std::string, std::string>{{"a", "a"}, {"b", "a"}, {"d", "d"}, {"e", "d"}});
  const std::string rejected = DirectoryContents(dir.File("out/rejects"));
  CHECK(rejected.find("\"detail\":\"duplicate of a\"") != std::string::npos);
  CHECK(rejected.find("\"rule\":\"exact_duplicate\"") != std::string::npos);
}

TEST_CASE("Exact dedup on the first prompt removes conversations that repeat a prompt", "[dedup]") {
  testing::TempDir dir;
  PlantedCorpus corpus;
  // b repeats a's prompt (in other case and spacing) under a new answer; c gives a's answer to
  // another prompt; d repeats a's prompt after a system prompt, which is not compared.
  corpus.files.push_back(dir.Write(
      "in/a.jsonl",
      R"({"id":"a","messages":[{"role":"user","content":"Comment installer un paquet ?"},)"
      R"({"role":"assistant","content":"Avec apt install paquet."}]})"
      "\n"
      R"({"id":"b","messages":[{"role":"user","content":"comment  INSTALLER un paquet"},)"
      R"({"role":"assistant","content":"La commande apt install s'en charge."}]})"
      "\n"
      R"({"id":"c","messages":[{"role":"user","content":"Comment supprimer un paquet ?"},)"
      R"({"role":"assistant","content":"Avec apt install paquet."}]})"
      "\n"
      R"({"id":"d","messages":[{"role":"system","content":"Sois bref."},)"
      R"({"role":"user","content":"Comment installer un paquet ?"},)"
      R"({"role":"assistant","content":"apt install."}]})"
      "\n"));
  PipelineSpec spec = Dedup(corpus, dir.File("out"), 1, "exact_dedup");
  spec.run.reader.layout = JsonlLayout::kChat;
  spec.stages[0].options.Set("compare", "first_prompt");
  REQUIRE(RunPipelineParts(spec, {}).ok());
  // The rejects keep the tamis form; kept conversations go back to their layout.
  const auto cluster = Clusters(dir.File("out"), "exact_cluster_id");
  CHECK(cluster == std::map<std::string, std::string>{{"b", "a"}, {"d", "a"}});
  const std::string kept = DirectoryContents(dir.File("out/kept"));
  CHECK(std::count(kept.begin(), kept.end(), '\n') == 2);
  CHECK(kept.find(R"({"id":"a","messages":)") != std::string::npos);
  CHECK(kept.find(R"({"id":"c","messages":)") != std::string::npos);
}

TEST_CASE("Dedup refuses an unknown comparison", "[dedup]") {
  Value options = Value::EmptyObject();
  options.Set("compare", "answers");
  CHECK_FALSE(CreateCorpusStage("exact_dedup", options).ok());
}

TEST_CASE("A damaged decision file stops the filter phase with an error naming it", "[dedup]") {
  testing::TempDir dir;
  PlantedCorpus corpus;
  corpus.files.push_back(dir.Write("in/a.jsonl",
                                   "{\"id\":\"a\",\"text\":\"same text\"}\n"
                                   "{\"id\":\"b\",\"text\":\"Same text.\"}\n"));
  const PipelineSpec p = Dedup(corpus, dir.File("out"), 1, "exact_dedup");
  using Kind = RunSelection::Kind;
  REQUIRE(RunPart(p, Kind::kPhaseTask, 0, 0).ok());
  for (const char* step : {"exact_dedup.buckets", "exact_dedup.cluster", "exact_dedup.merge"}) {
    REQUIRE(RunPart(p, Kind::kStep, 0, 0, step).ok());
  }
  std::string decisions;
  for (const auto& e : fs::recursive_directory_iterator(dir.File("out"))) {
    if (e.path().filename() == "decisions-00000.bin") decisions = e.path().string();
  }
  REQUIRE(!decisions.empty());
  const std::string bytes = testing::ReadRaw(decisions);
  std::ofstream(decisions, std::ios::binary) << bytes.substr(0, bytes.size() - 3);
  const Status status = RunPart(p, Kind::kPhaseTask, 1, 0);
  CHECK(status.code() == StatusCode::kCorruption);
  CHECK(status.message().find("decisions-00000.bin") != std::string::npos);
}

}  // namespace
}  // namespace tamis

namespace tamis {
namespace {

TEST_CASE(
    "Incremental MinHash dedup drops new documents near a reference run's, reading only "
    "its side files",
    "[dedup]") {
  testing::TempDir dir;
  PlantedCorpus corpus = Plant(dir);
  PlantedCorpus originals = corpus, variants = corpus;
  originals.files = {corpus.files[0], corpus.files[1]};
  variants.files = {corpus.files[2]};
  REQUIRE(RunPipelineParts(Dedup(originals, dir.File("old"), 2), {}).ok());
  const std::string reference = dir.File("old/kept/.tamis/work/00-minhash_dedup");

  PipelineSpec incremental = Dedup(variants, dir.File("new"), 1);
  incremental.stages[0].options.Set("reference", reference);
  REQUIRE(RunPipelineParts(incremental, {}).ok());
  const auto cluster = Clusters(dir.File("new"), "minhash_cluster_id");
  const std::string rejected = DirectoryContents(dir.File("new/rejects"));
  // Exact copies (every tenth variant, 0% edited) are all dropped as duplicates of the
  // reference's documents; most 1%-edited ones too (their Jaccard is mostly above 0.8).
  int near_dropped = 0;
  for (int d = 0; d < 300; d += 10) {
    const std::string copy = "variant-" + std::to_string(d);
    INFO(copy);
    REQUIRE(cluster.count(copy) == 1);
    CHECK(cluster.at(copy) == "doc-" + std::to_string(d));
    CHECK(rejected.find("\"id\":\"" + copy + "\"") != std::string::npos);
    auto near = cluster.find("variant-" + std::to_string(d + 1));
    near_dropped += near != cluster.end() && near->second == "doc-" + std::to_string(d + 1);
  }
  CHECK(near_dropped >= 25);
  // Nothing of the reference corpus is in the new run's output.
  CHECK(DirectoryContents(dir.File("new/kept")).find("\"id\":\"doc-") == std::string::npos);

  PipelineSpec other = Dedup(variants, dir.File("other"), 1);
  other.stages[0].options.Set("reference", reference);
  other.stages[0].options.Set("rows", 9);
  const Status refused = RunPipelineParts(other, {}).status();
  CHECK(refused.code() == StatusCode::kInvalidArgument);
  CHECK(refused.message().find("other parameters") != std::string::npos);
}

}  // namespace
}  // namespace tamis
