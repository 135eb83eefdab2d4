#include "filters/decontaminate/ngram_index.h"

#include <xxhash.h>

#include <algorithm>
#include <bit>
#include <utility>

namespace tamis {
namespace {

// About two keys per directory bucket: one cache line of keys per lookup, and a directory
// no bigger than the keys themselves. Bounds keep tiny and huge indexes sane.
constexpr int kMinDirectoryBits = 4;
constexpr int kMaxDirectoryBits = 26;

int DirectoryBits(size_t keys) {
  const int bits = static_cast<int>(std::bit_width(keys / 2 + 1));
  return std::clamp(bits, kMinDirectoryBits, kMaxDirectoryBits);
}

}  // namespace

uint64_t NgramHash(std::span<const uint64_t> word_hashes) {
  static_assert(std::endian::native == std::endian::little,
                "n-gram hashes are defined over little-endian word hashes");
  return XXH3_64bits_withSeed(word_hashes.data(), word_hashes.size_bytes(), kNgramHashSeed);
}

NgramIndex NgramIndex::Build(std::span<const BenchmarkFile> benchmarks, int ngram,
                             NormalizedWords& words) {
  NgramIndex index;
  index.ngram_ = ngram;
  index.too_short_.assign(benchmarks.size(), 0);
  std::vector<std::pair<uint64_t, uint32_t>> pairs;  // (n-gram hash, item number)
  std::vector<uint64_t> item_hashes;
  const size_t n = static_cast<size_t>(ngram);
  for (uint32_t b = 0; b < benchmarks.size(); ++b) {
    const std::vector<BenchmarkItem>& items = benchmarks[b].items;
    for (uint32_t i = 0; i < items.size(); ++i) {
      const uint32_t number = static_cast<uint32_t>(index.items_.size());
      words.Split(items[i].text);
      item_hashes.clear();
      for (size_t p = 0; p + n <= words.size(); ++p) {
        item_hashes.push_back(NgramHash(words.hashes().subspan(p, n)));
      }
      std::sort(item_hashes.begin(), item_hashes.end());
      item_hashes.erase(std::unique(item_hashes.begin(), item_hashes.end()), item_hashes.end());
      if (item_hashes.empty()) ++index.too_short_[b];
      for (uint64_t h : item_hashes) pairs.emplace_back(h, number);
      index.items_.push_back({b, i, static_cast<uint32_t>(item_hashes.size())});
    }
  }
  std::sort(pairs.begin(), pairs.end());
  index.postings_.reserve(pairs.size());
  for (size_t k = 0; k < pairs.size(); ++k) {
    if (k == 0 || pairs[k].first != pairs[k - 1].first) {
      index.keys_.push_back(pairs[k].first);
      index.first_.push_back(static_cast<uint32_t>(index.postings_.size()));
    }
    index.postings_.push_back(pairs[k].second);
  }
  index.first_.push_back(static_cast<uint32_t>(index.postings_.size()));
  index.directory_bits_ = DirectoryBits(index.keys_.size());
  const size_t buckets = size_t{1} << index.directory_bits_;
  const int shift = 64 - index.directory_bits_;
  index.directory_.resize(buckets + 1);
  size_t k = 0;
  for (size_t bucket = 0; bucket <= buckets; ++bucket) {
    while (k < index.keys_.size() && (index.keys_[k] >> shift) < bucket) ++k;
    index.directory_[bucket] = static_cast<uint32_t>(k);
  }
  return index;
}

std::span<const uint32_t> NgramIndex::Find(uint64_t hash) const {
  const size_t bucket = hash >> (64 - directory_bits_);
  for (uint32_t k = directory_[bucket], stop = directory_[bucket + 1]; k < stop; ++k) {
    if (keys_[k] < hash) continue;
    if (keys_[k] > hash) break;
    return std::span<const uint32_t>(postings_).subspan(first_[k], first_[k + 1] - first_[k]);
  }
  return {};
}

size_t NgramIndex::memory_bytes() const {
  return keys_.size() * sizeof(uint64_t) +
         (first_.size() + postings_.size() + directory_.size()) * sizeof(uint32_t) +
         items_.size() * sizeof(IndexedItem);
}

}  // namespace tamis
