// The contamination scan's hot loop alone, on one core: builds the n-gram index from the
// benchmark files, then times ItemMatcher::Match over every document of a JSONL corpus
// (documents parsed before the clock starts), and the time to parse the index back from its
// saved file, as later tasks do. Prints one line of key=value results.
// Usage: decontaminate_bench CORPUS.jsonl THRESHOLD NAME=FILE...
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#include "filters/decontaminate/benchmark_file.h"
#include "filters/decontaminate/item_matcher.h"
#include "filters/decontaminate/ngram_index.h"
#include "io/output_file.h"
#include "pipeline/json.h"

namespace {

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

int Fail(const tamis::Status& status) {
  std::fprintf(stderr, "decontaminate_bench: %s\n", status.ToString().c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace tamis;
  if (argc < 4) {
    std::fprintf(stderr, "usage: decontaminate_bench CORPUS.jsonl THRESHOLD NAME=FILE...\n");
    return 2;
  }
  const double threshold = std::atof(argv[2]);
  auto start = std::chrono::steady_clock::now();
  std::vector<BenchmarkFile> benchmarks;
  size_t items = 0;
  for (int i = 3; i < argc; ++i) {
    Result<BenchmarkSpec> spec = ParseBenchmarkArgument(argv[i]);
    if (!spec.ok()) return Fail(spec.status());
    if (Status s = ResolvePreset(&*spec); !s.ok()) return Fail(s);
    Result<BenchmarkFile> file = LoadBenchmarkFile(*spec, true);
    if (!file.ok()) return Fail(file.status());
    items += file->items.size();
    benchmarks.push_back(std::move(file).value());
  }
  auto words = NormalizedWords::Create({});
  if (!words.ok()) return Fail(words.status());
  const NgramIndex index = NgramIndex::Build(benchmarks, 13, **words);
  const double build_seconds = Seconds(start);
  // What a later task pays instead: the saved index parsed back (ngram_index_format.md).
  const uint64_t fingerprint = IndexFingerprint(benchmarks, 13, false);
  const std::string saved = index.Serialize(fingerprint);
  start = std::chrono::steady_clock::now();
  Result<NgramIndex> loaded = NgramIndex::Parse(saved, fingerprint, "index");
  const double load_seconds = Seconds(start);
  if (!loaded.ok()) return Fail(loaded.status());

  Result<std::string> corpus = ReadWholeFile(argv[1]);
  if (!corpus.ok()) return Fail(corpus.status());
  std::vector<std::string> texts;
  size_t bytes = 0;
  JsonParser parser;
  for (size_t at = 0; at < corpus->size();) {
    size_t stop = corpus->find('\n', at);
    if (stop == std::string::npos) stop = corpus->size();
    Result<Value> doc = parser.Parse(std::string_view(*corpus).substr(at, stop - at));
    at = stop + 1;
    if (!doc.ok()) return Fail(doc.status());
    texts.emplace_back(doc->GetString("text"));
    bytes += texts.back().size();
  }

  auto matcher_words = NormalizedWords::Create({});
  if (!matcher_words.ok()) return Fail(matcher_words.status());
  ItemMatcher matcher(index, std::move(matcher_words).value());
  size_t contaminated_documents = 0;
  start = std::chrono::steady_clock::now();
  const std::clock_t cpu_start = std::clock();
  for (const std::string& text : texts) {
    bool hit = false;
    for (const ItemMatch& match : matcher.Match(text)) hit |= match.coverage >= threshold;
    contaminated_documents += hit;
  }
  const double scan_seconds = Seconds(start);
  const double scan_cpu = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  std::printf(
      "items=%zu ngrams=%zu index_mb=%.1f build_s=%.2f load_s=%.2f documents=%zu corpus_mb=%.1f "
      "scan_s=%.2f scan_cpu_s=%.2f mb_per_cpu_s=%.1f contaminated_documents=%zu\n",
      items, index.keys(), index.memory_bytes() / 1e6, build_seconds, load_seconds, texts.size(),
      bytes / 1e6, scan_seconds, scan_cpu, bytes / 1e6 / scan_cpu, contaminated_documents);
  return 0;
}
