// Language-ID throughput of the tamis library path: documents (one per line of a text file)
// through LanguageIdentifier::Identify, in parallel over documents with tbb::parallel_for,
// each worker thread with its own Scratch, exactly as the langid stage runs them.
//
//   langid_bench --model models/lid.176.ftz --threads 2 [--repeat 3] [--normalize] DOCS.txt
//
// Prints documents/s and MB/s (total and per thread) and a checksum of the predicted labels,
// so that runs with different thread counts can be checked to agree.
#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "langid/language_identifier.h"

int main(int argc, char** argv) {
  std::string model, docs_path;
  int threads = 1, repeat = 1;
  bool normalize = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--model" && i + 1 < argc) {
      model = argv[++i];
    } else if (a == "--threads" && i + 1 < argc) {
      threads = std::atoi(argv[++i]);
    } else if (a == "--repeat" && i + 1 < argc) {
      repeat = std::atoi(argv[++i]);
    } else if (a == "--normalize") {
      normalize = true;
    } else {
      docs_path = a;
    }
  }
  if (model.empty() || docs_path.empty() || threads < 1 || repeat < 1) {
    std::fprintf(stderr, "usage: langid_bench --model M [--threads N] [--repeat R] DOCS\n");
    return 2;
  }
  std::ifstream in(docs_path);
  std::vector<std::string> docs;
  size_t bytes = 0;
  for (std::string line; std::getline(in, line);) {
    bytes += line.size() + 1;
    docs.push_back(std::move(line));
  }
  tamis::langid::IdentifierOptions options;
  options.model_path = model;
  if (normalize) options.prepare = tamis::langid::PrepareOptions::Normalizing();
  auto identifier = tamis::langid::LanguageIdentifier::Create(options);
  if (!identifier.ok()) {
    std::fprintf(stderr, "langid_bench: %s\n", identifier.status().ToString().c_str());
    return 1;
  }
  const tamis::langid::LanguageIdentifier& id = **identifier;
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
  tbb::enumerable_thread_specific<std::unique_ptr<tamis::langid::LanguageIdentifier::Scratch>>
      scratches([&] { return id.NewScratch(); });
  std::vector<std::string> labels(docs.size());
  const auto start = std::chrono::steady_clock::now();
  for (int r = 0; r < repeat; ++r) {
    tbb::parallel_for(tbb::blocked_range<size_t>(0, docs.size(), 64),
                      [&](const tbb::blocked_range<size_t>& range) {
                        auto& scratch = scratches.local();
                        for (size_t i = range.begin(); i < range.end(); ++i) {
                          auto result = id.Identify(docs[i], scratch.get());
                          if (!result.ok()) std::abort();
                          labels[i] = result->language;
                        }
                      });
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  uint64_t checksum = 1469598103934665603ull;  // FNV-1a over the labels, in document order.
  for (const std::string& l : labels) {
    for (char c : l) checksum = (checksum ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  }
  const double n = static_cast<double>(docs.size()) * repeat;
  const double mb = static_cast<double>(bytes) * repeat / 1e6;
  std::printf("tamis library, %d thread(s): %zu docs x %d, %.2f s, %.0f docs/s (%.0f per thread), "
              "%.2f MB/s (%.2f per thread), labels checksum %016llx\n",
              threads, docs.size(), repeat, seconds, n / seconds, n / seconds / threads,
              mb / seconds, mb / seconds / threads, static_cast<unsigned long long>(checksum));
  return 0;
}
