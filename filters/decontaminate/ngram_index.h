// NgramIndex: every normalised word n-gram of a set of benchmarks, as sorted 64-bit hashes
// with, per hash, the items that contain it; built once per task, then only read.
//
// Layout (compact and cache-friendly for a scan where almost every lookup misses):
//   keys_[k]          distinct n-gram hashes, ascending
//   postings_[..]     item numbers; those of key k are postings_[first_[k], first_[k + 1])
//   directory_[b]     the first key whose top `directory_bits_` bits are >= b, so a lookup
//                     reads one directory entry and then scans the few keys of its bucket
// Items are numbered across benchmarks in the order given (benchmark 0's items first); item()
// maps a number back to its benchmark, its index in the file and its distinct n-gram count.
//
// The n-gram hash is pinned (STYLE.md item 12): XXH3-64, seed kNgramHashSeed, over the n word
// hashes (normalized_words.h) as little-endian 64-bit integers in order. Items with fewer
// than n words have no n-gram and cannot be detected; they are counted (too_short()).
// Thread rule: Build() once; Find() and the accessors from any thread.
#ifndef TAMIS_FILTERS_DECONTAMINATE_NGRAM_INDEX_H_
#define TAMIS_FILTERS_DECONTAMINATE_NGRAM_INDEX_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "filters/decontaminate/benchmark_file.h"
#include "filters/decontaminate/normalized_words.h"
#include "pipeline/status.h"

namespace tamis {

inline constexpr uint64_t kNgramHashSeed = 0x6e67'7261'6d31'3467;  // "ngram14g": pinned.
inline constexpr int kMinNgramWords = 8;
inline constexpr int kMaxNgramWords = 50;

// The hash of the n-gram made of `word_hashes` (all of them).
uint64_t NgramHash(std::span<const uint64_t> word_hashes);

// What an index built from `benchmarks` with these settings depends on
// (ngram_index_format.md): an index file with another fingerprint is stale.
uint64_t IndexFingerprint(std::span<const BenchmarkFile> benchmarks, int ngram,
                          bool strip_diacritics);

struct IndexedItem {
  uint32_t benchmark = 0;  // Index into the benchmarks given to Build().
  uint32_t index = 0;      // Index of the item in its benchmark's file.
  uint32_t ngrams = 0;     // Distinct n-grams of the item (0: too short).
};

class NgramIndex {
 public:
  // `words` splits the items' texts; `ngram` in [kMinNgramWords, kMaxNgramWords].
  static NgramIndex Build(std::span<const BenchmarkFile> benchmarks, int ngram,
                          NormalizedWords& words);

  // The index as an ngram_index_format.md file stamped with `fingerprint`, and back:
  // kFailedPrecondition when the file's fingerprint differs (stale), kCorruption naming
  // `where` when it is damaged.
  std::string Serialize(uint64_t fingerprint) const;
  static Result<NgramIndex> Parse(std::string_view bytes, uint64_t fingerprint,
                                  std::string_view where);

  int ngram() const { return ngram_; }
  // The items containing n-gram `hash`, ascending; empty when none does.
  std::span<const uint32_t> Find(uint64_t hash) const;
  // Hints for a scan that knows its next hashes (item_matcher.cc): a lookup costs two
  // dependent cache misses (directory entry, then keys), so a caller prefetches the directory
  // entry of a hash far ahead and, once that has arrived, the keys of a hash nearer ahead.
  void PrefetchDirectory(uint64_t hash) const {
    __builtin_prefetch(&directory_[hash >> (64 - directory_bits_)]);
  }
  void PrefetchKeys(uint64_t hash) const {
    __builtin_prefetch(keys_.data() + directory_[hash >> (64 - directory_bits_)]);
  }
  const IndexedItem& item(uint32_t number) const { return items_[number]; }
  size_t items() const { return items_.size(); }
  size_t keys() const { return keys_.size(); }
  // Items of benchmark `b` with fewer than ngram() words.
  int64_t too_short(uint32_t b) const { return too_short_[b]; }
  // Bytes held by the index, for the stats.
  size_t memory_bytes() const;

 private:
  int ngram_ = 13;
  int directory_bits_ = 8;
  std::vector<uint64_t> keys_;
  std::vector<uint32_t> first_;
  std::vector<uint32_t> postings_;
  std::vector<uint32_t> directory_;
  std::vector<IndexedItem> items_;
  std::vector<int64_t> too_short_;
};

}  // namespace tamis

#endif  // TAMIS_FILTERS_DECONTAMINATE_NGRAM_INDEX_H_
