#include "filters/decontaminate/ngram_index.h"

#include <xxhash.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <utility>

#include "filters/decontaminate/ngram_index_format.h"

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

// Little-endian fixed-width writes and bounds-checked reads of the index file.
template <typename T>
void Put(std::string* out, T value) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));
  out->append(bytes, sizeof(T));
}

template <typename T>
void PutArray(std::string* out, const std::vector<T>& values) {
  out->append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(T));
}

void PutString(std::string* out, std::string_view s) {
  Put(out, static_cast<uint32_t>(s.size()));
  out->append(s);
}

class FileReader {
 public:
  explicit FileReader(std::string_view bytes) : bytes_(bytes) {}
  template <typename T>
  bool Get(T* value) {
    if (bytes_.size() - at_ < sizeof(T)) return false;
    std::memcpy(value, bytes_.data() + at_, sizeof(T));
    at_ += sizeof(T);
    return true;
  }
  template <typename T>
  bool GetArray(uint64_t count, std::vector<T>* values) {
    if (count > (bytes_.size() - at_) / sizeof(T)) return false;
    values->resize(static_cast<size_t>(count));
    std::memcpy(values->data(), bytes_.data() + at_, count * sizeof(T));
    at_ += count * sizeof(T);
    return true;
  }
  size_t at() const { return at_; }

 private:
  std::string_view bytes_;
  size_t at_ = 0;
};

}  // namespace

uint64_t IndexFingerprint(std::span<const BenchmarkFile> benchmarks, int ngram,
                          bool strip_diacritics) {
  std::string key;
  Put(&key, static_cast<uint32_t>(ngram));
  Put(&key, static_cast<uint8_t>(strip_diacritics ? 1 : 0));
  for (const BenchmarkFile& b : benchmarks) {
    PutString(&key, b.spec.name);
    std::string fields;
    for (const std::string& f : b.spec.fields) fields += f + '\n';
    PutString(&key, fields);
    PutString(&key, b.spec.id_field);
    Put(&key, b.content_hash);
  }
  return XXH64(key.data(), key.size(), ngram_index_format::kChecksumSeed);
}

std::string NgramIndex::Serialize(uint64_t fingerprint) const {
  namespace f = ngram_index_format;
  std::string out(f::kMagic);
  Put(&out, f::kVersion);
  Put(&out, static_cast<uint32_t>(ngram_));
  Put(&out, fingerprint);
  Put(&out, static_cast<uint32_t>(directory_bits_));
  Put(&out, uint32_t{0});
  Put(&out, static_cast<uint64_t>(keys_.size()));
  Put(&out, static_cast<uint64_t>(postings_.size()));
  Put(&out, static_cast<uint64_t>(items_.size()));
  Put(&out, static_cast<uint64_t>(too_short_.size()));
  PutArray(&out, keys_);
  PutArray(&out, first_);
  PutArray(&out, postings_);
  PutArray(&out, directory_);
  for (const IndexedItem& item : items_) {
    Put(&out, item.benchmark);
    Put(&out, item.index);
    Put(&out, item.ngrams);
  }
  for (int64_t count : too_short_) Put(&out, static_cast<uint64_t>(count));
  Put(&out, XXH64(out.data(), out.size(), f::kChecksumSeed));
  return out;
}

Result<NgramIndex> NgramIndex::Parse(std::string_view bytes, uint64_t fingerprint,
                                     std::string_view where) {
  namespace f = ngram_index_format;
  auto corrupt = [&](const std::string& why) {
    return Status::Corruption(std::string(where) + ": not a usable n-gram index: " + why);
  };
  if (bytes.size() < f::kHeaderBytes + f::kChecksumBytes || bytes.substr(0, 8) != f::kMagic) {
    return corrupt("no TAMISNGI header");
  }
  uint64_t checksum = 0;
  std::memcpy(&checksum, bytes.data() + bytes.size() - f::kChecksumBytes, sizeof(checksum));
  const std::string_view body = bytes.substr(0, bytes.size() - f::kChecksumBytes);
  if (XXH64(body.data(), body.size(), f::kChecksumSeed) != checksum) {
    return corrupt("checksum mismatch (truncated or damaged)");
  }
  FileReader r(body.substr(8));
  uint32_t version = 0, ngram = 0, bits = 0, reserved = 0;
  uint64_t stamp = 0, keys = 0, postings = 0, items = 0, benchmarks = 0;
  if (!r.Get(&version) || version != f::kVersion) {
    return corrupt("version " + std::to_string(version) + ", this tamis reads " +
                   std::to_string(f::kVersion));
  }
  r.Get(&ngram);
  r.Get(&stamp);
  r.Get(&bits);
  r.Get(&reserved);
  r.Get(&keys);
  r.Get(&postings);
  r.Get(&items);
  if (!r.Get(&benchmarks)) return corrupt("short header");
  if (stamp != fingerprint) {
    return Status::FailedPrecondition(std::string(where) +
                                      ": built from other benchmarks or settings");
  }
  if (ngram < kMinNgramWords || ngram > kMaxNgramWords || bits < kMinDirectoryBits ||
      bits > kMaxDirectoryBits || postings < keys) {
    return corrupt("header out of range");
  }
  NgramIndex index;
  index.ngram_ = static_cast<int>(ngram);
  index.directory_bits_ = static_cast<int>(bits);
  std::vector<uint32_t> item_fields;
  std::vector<uint64_t> too_short;
  if (!r.GetArray(keys, &index.keys_) || !r.GetArray(keys + 1, &index.first_) ||
      !r.GetArray(postings, &index.postings_) ||
      !r.GetArray((uint64_t{1} << bits) + 1, &index.directory_) ||
      !r.GetArray(3 * items, &item_fields) || !r.GetArray(benchmarks, &too_short) ||
      r.at() + 8 != body.size()) {
    return corrupt("sizes do not match the header");
  }
  // The invariants Find() relies on: checked once here so a lookup never reads out of bounds.
  if (index.first_.front() != 0 || index.first_.back() != postings ||
      index.directory_.back() != keys) {
    return corrupt("broken offsets");
  }
  for (size_t k = 0; k + 1 < index.first_.size(); ++k) {
    if (index.first_[k] >= index.first_[k + 1] || (k > 0 && index.keys_[k - 1] >= index.keys_[k])) {
      return corrupt("keys or offsets out of order at key " + std::to_string(k));
    }
  }
  for (size_t b = 0; b + 1 < index.directory_.size(); ++b) {
    if (index.directory_[b] > index.directory_[b + 1]) return corrupt("directory out of order");
  }
  for (uint32_t item : index.postings_) {
    if (item >= items) return corrupt("posting beyond the items");
  }
  for (size_t i = 0; i < items; ++i) {
    const IndexedItem item{item_fields[3 * i], item_fields[3 * i + 1], item_fields[3 * i + 2]};
    if (item.benchmark >= benchmarks) return corrupt("item of no benchmark");
    index.items_.push_back(item);
  }
  for (uint64_t count : too_short) index.too_short_.push_back(static_cast<int64_t>(count));
  return index;
}

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
