#include "dedup/minhash.h"

#include <xxhash.h>

#include <algorithm>
#include <limits>
#include <string>

namespace tamis {
namespace {

// The inner loop of MinHash: for one shingle hash x, mins[i] = min(mins[i], a[i] x + b[i])
// over every permutation, in wrapping 64-bit arithmetic. Plain loops that the compiler
// vectorises; built for AVX-512 (64-bit multiply and unsigned min in 8 lanes), AVX2 and the
// baseline, picked at run time by the CPU (GCC's function multiversioning), never
// -march=native.
__attribute__((target_clones("arch=x86-64-v4", "avx2", "default"))) void UpdateMins(
    const uint64_t* a, const uint64_t* b, uint64_t x, uint64_t* mins, size_t k) {
  // Blocks of a fixed width, so that -O2's cheap vectoriser takes the inner loop.
  constexpr size_t kBlock = 8;
  size_t i = 0;
  for (; i + kBlock <= k; i += kBlock) {
    for (size_t j = i; j < i + kBlock; ++j) {
      const uint64_t h = a[j] * x + b[j];
      mins[j] = h < mins[j] ? h : mins[j];
    }
  }
  for (; i < k; ++i) {
    const uint64_t h = a[i] * x + b[i];
    mins[i] = h < mins[i] ? h : mins[i];
  }
}

uint64_t SplitMix64(uint64_t* state) {
  uint64_t z = (*state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

}  // namespace

MinHasher::MinHasher(const MinHashOptions& options) : options_(options) {
  uint64_t state = options.seed;
  for (int i = 0; i < permutations(); ++i) {
    a_.push_back(SplitMix64(&state) | 1);  // Odd: a bijection of 64-bit values.
    b_.push_back(SplitMix64(&state));
  }
}

void MinHasher::HashWords(std::string_view normalized, Scratch* scratch) const {
  scratch->word_hashes.clear();
  size_t start = 0;
  while (start < normalized.size()) {
    size_t end = normalized.find(' ', start);
    if (end == std::string_view::npos) end = normalized.size();
    scratch->word_hashes.push_back(
        XXH3_64bits_withSeed(normalized.data() + start, end - start, options_.seed));
    start = end + 1;
  }
}

uint64_t MinHasher::ShingleHash(const uint64_t* words, size_t count) const {
  return XXH3_64bits(words, count * sizeof(uint64_t));
}

void MinHasher::ShingleHashes(std::string_view normalized, Scratch* scratch,
                              std::vector<uint64_t>* shingles) const {
  HashWords(normalized, scratch);
  shingles->clear();
  const std::vector<uint64_t>& words = scratch->word_hashes;
  const size_t n = static_cast<size_t>(options_.shingle_words);
  if (words.empty()) return;
  if (words.size() <= n) {
    shingles->push_back(ShingleHash(words.data(), words.size()));
    return;
  }
  for (size_t i = 0; i + n <= words.size(); ++i) {
    shingles->push_back(ShingleHash(words.data() + i, n));
  }
}

bool MinHasher::Signature(std::string_view normalized, Scratch* scratch) const {
  HashWords(normalized, scratch);
  const std::vector<uint64_t>& words = scratch->word_hashes;
  if (words.empty()) return false;
  const size_t n = static_cast<size_t>(options_.shingle_words);
  const size_t k = a_.size();
  std::vector<uint64_t>& sig = scratch->signature;
  sig.assign(k, std::numeric_limits<uint64_t>::max());
  const size_t shingles = words.size() <= n ? 1 : words.size() - n + 1;
  const size_t width = std::min(n, words.size());
  for (size_t s = 0; s < shingles; ++s) {
    UpdateMins(a_.data(), b_.data(), ShingleHash(words.data() + s, width), sig.data(), k);
  }
  return true;
}

void MinHasher::BandKeys(std::span<const uint64_t> signature, std::span<uint64_t> keys) const {
  const size_t rows = static_cast<size_t>(options_.rows);
  for (size_t band = 0; band < keys.size(); ++band) {
    keys[band] = XXH3_64bits(signature.data() + band * rows, rows * sizeof(uint64_t));
  }
}

}  // namespace tamis
