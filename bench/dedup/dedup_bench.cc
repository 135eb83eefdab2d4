// MinHash signature throughput of the tamis library path: documents (one per line of a text
// file) through DedupText::Normalize, MinHasher::Signature and BandKeys — exactly what the
// minhash_dedup collector does per document — in parallel with tbb::parallel_for, each worker
// with its own normaliser and scratch.
//
//   dedup_bench --threads 2 [--repeat 3] DOCS.txt
//
// Prints documents/s and MB/s and a checksum of the band keys, so that runs with different
// thread counts can be checked to agree.
#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "dedup/dedup_text.h"
#include "dedup/minhash.h"

namespace {

struct Worker {
  std::unique_ptr<tamis::DedupText> text;
  tamis::MinHasher::Scratch scratch;
  std::string normalized;
};

}  // namespace

int main(int argc, char** argv) {
  std::string docs_path;
  int threads = 1, repeat = 1;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--threads" && i + 1 < argc) {
      threads = std::atoi(argv[++i]);
    } else if (a == "--repeat" && i + 1 < argc) {
      repeat = std::atoi(argv[++i]);
    } else {
      docs_path = a;
    }
  }
  if (docs_path.empty() || threads < 1 || repeat < 1) {
    std::fprintf(stderr, "usage: dedup_bench [--threads N] [--repeat R] DOCS\n");
    return 2;
  }
  std::ifstream in(docs_path);
  std::vector<std::string> docs;
  size_t bytes = 0;
  for (std::string line; std::getline(in, line);) {
    bytes += line.size() + 1;
    docs.push_back(std::move(line));
  }
  const tamis::MinHasher hasher({});
  const size_t bands = static_cast<size_t>(hasher.options().bands);
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
  tbb::enumerable_thread_specific<Worker> workers([] {
    Worker w;
    w.text = tamis::DedupText::Create().value();
    return w;
  });
  std::vector<uint64_t> keys(docs.size() * bands);
  const auto start = std::chrono::steady_clock::now();
  for (int r = 0; r < repeat; ++r) {
    tbb::parallel_for(tbb::blocked_range<size_t>(0, docs.size(), 16),
                      [&](const tbb::blocked_range<size_t>& range) {
                        Worker& w = workers.local();
                        for (size_t i = range.begin(); i < range.end(); ++i) {
                          w.text->Normalize(docs[i], &w.normalized);
                          if (!hasher.Signature(w.normalized, &w.scratch)) continue;
                          hasher.BandKeys(w.scratch.signature,
                                          std::span<uint64_t>(keys).subspan(i * bands, bands));
                        }
                      });
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  uint64_t checksum = 0;
  for (uint64_t k : keys) checksum = checksum * 1099511628211ull ^ k;
  const double n = static_cast<double>(docs.size()) * repeat;
  std::printf("%d threads: %.0f documents/s, %.1f MB/s, checksum %016llx\n", threads, n / seconds,
              static_cast<double>(bytes) * repeat / 1e6 / seconds,
              static_cast<unsigned long long>(checksum));
  return 0;
}
