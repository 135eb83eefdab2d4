#include "dedup/minhash.h"

#include <xxhash.h>

#include <algorithm>
#include <limits>

namespace tamis {
namespace {

constexpr uint64_t kMersenne61 = (uint64_t{1} << 61) - 1;

// x mod 2^61 − 1 for x < 2^122: 2^61 ≡ 1, so the high part folds onto the low part.
uint64_t ModMersenne(unsigned __int128 x) {
  uint64_t folded = static_cast<uint64_t>(x & kMersenne61) + static_cast<uint64_t>(x >> 61);
  folded = (folded & kMersenne61) + (folded >> 61);
  return folded >= kMersenne61 ? folded - kMersenne61 : folded;
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
    a_.push_back(SplitMix64(&state) % (kMersenne61 - 1) + 1);
    b_.push_back(SplitMix64(&state) % kMersenne61);
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
  const uint64_t* a = a_.data();
  const uint64_t* b = b_.data();
  uint64_t* out = sig.data();
  for (size_t s = 0; s < shingles; ++s) {
    const uint64_t x = ShingleHash(words.data() + s, width) % kMersenne61;
    for (size_t i = 0; i < k; ++i) {
      const uint64_t h = ModMersenne(static_cast<unsigned __int128>(a[i]) * x + b[i]);
      out[i] = std::min(out[i], h);
    }
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
