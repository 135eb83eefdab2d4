// Tokenization throughput of tamis' library path, as the tokenize stage runs it: documents
// in batches of 1024, each batch encoded in parallel (tbb::parallel_for) by the SentencePiece
// adapter, then appended in order to Megatron shards. Reads one document per line.
//
// usage: tokenize_bench MODEL TEXT THREADS OUT_PREFIX
// prints: "tamis threads=N documents=D tokens=T seconds=S tokens_per_s=R per_core=R/N"
// (tokens exclude the EOS tamis appends per document, so they compare with spm_encode's).
#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "tokenize/megatron_format.h"
#include "tokenize/megatron_writer.h"
#include "tokenize/sentencepiece_tokenizer.h"

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: tokenize_bench MODEL TEXT THREADS OUT_PREFIX\n");
    return 2;
  }
  auto tokenizer = tamis::Tokenizer::Load(argv[1]);
  if (!tokenizer.ok()) {
    std::fprintf(stderr, "%s\n", tokenizer.status().ToString().c_str());
    return 1;
  }
  const int threads = std::stoi(argv[3]);
  std::vector<std::string> lines;
  {
    std::ifstream in(argv[2], std::ios::binary);
    for (std::string line; std::getline(in, line);) lines.push_back(std::move(line));
  }
  constexpr size_t kBatch = 1024;
  tamis::megatron::ShardOptions options;
  options.dtype = tamis::megatron::OptimalDType((*tokenizer)->vocab_size());
  auto writer = tamis::megatron::ShardWriter::Create(argv[4], options);
  if (!writer.ok()) return 1;

  const auto start = std::chrono::steady_clock::now();
  tbb::task_arena arena(threads);
  std::vector<std::vector<int32_t>> ids(kBatch);
  bool failed = false;
  for (size_t begin = 0; begin < lines.size() && !failed; begin += kBatch) {
    const size_t n = std::min(kBatch, lines.size() - begin);
    arena.execute([&] {
      tbb::parallel_for(tbb::blocked_range<size_t>(0, n, 8), [&](const auto& r) {
        for (size_t i = r.begin(); i != r.end(); ++i) {
          if (!(*tokenizer)->Encode(lines[begin + i], &ids[i]).ok()) failed = true;
        }
      });
    });
    for (size_t i = 0; i < n; ++i) {
      if (!(*writer)->AddDocument(ids[i]).ok()) failed = true;
    }
  }
  if (failed || !(*writer)->Finish().ok()) return 1;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const uint64_t tokens = (*writer)->tokens() - (*writer)->documents();  // Minus one EOS each.
  std::printf("tamis threads=%d documents=%zu tokens=%llu seconds=%.3f tokens_per_s=%.0f "
              "per_core=%.0f\n",
              threads, lines.size(), static_cast<unsigned long long>(tokens), seconds,
              static_cast<double>(tokens) / seconds,
              static_cast<double>(tokens) / seconds / threads);
  return 0;
}
