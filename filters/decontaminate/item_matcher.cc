#include "filters/decontaminate/item_matcher.h"

#include <algorithm>

namespace tamis {

namespace {

// How many windows ahead the scan prefetches the index's directory entry, and then its keys.
// Almost every lookup misses the index (clean text), so the scan is bound by the two
// dependent cache misses of each lookup; issuing them this far ahead overlaps them with the
// lookups in between (bench/decontaminate, BENCHMARKS.md).
constexpr size_t kDirectoryAhead = 16;
constexpr size_t kKeysAhead = 8;

}  // namespace

const std::vector<ItemMatch>& ItemMatcher::Match(std::string_view text) {
  matches_.clear();
  hits_.clear();
  words_->Split(text);
  const size_t n = static_cast<size_t>(index_.ngram());
  const std::span<const uint64_t> hashes = words_->hashes();
  window_hashes_.clear();
  for (size_t p = 0; p + n <= hashes.size(); ++p) {
    window_hashes_.push_back(NgramHash(hashes.subspan(p, n)));
  }
  const size_t windows = window_hashes_.size();
  for (size_t p = 0; p < windows; ++p) {
    if (p + kDirectoryAhead < windows)
      index_.PrefetchDirectory(window_hashes_[p + kDirectoryAhead]);
    if (p + kKeysAhead < windows) index_.PrefetchKeys(window_hashes_[p + kKeysAhead]);
    const uint64_t hash = window_hashes_[p];
    for (uint32_t item : index_.Find(hash)) {
      hits_.push_back({item, static_cast<uint32_t>(p), hash});
    }
  }
  if (hits_.empty()) return matches_;
  std::sort(hits_.begin(), hits_.end());
  size_t first = 0;
  for (size_t k = 1; k <= hits_.size(); ++k) {
    if (k == hits_.size() || hits_[k].item != hits_[first].item) {
      Summarize(std::span<const Hit>(hits_).subspan(first, k - first));
      first = k;
    }
  }
  return matches_;
}

bool ItemMatcher::HasWord(std::string_view text) {
  words_->Split(text);
  return words_->size() > 0;
}

void ItemMatcher::Summarize(std::span<const Hit> hits) {
  ItemMatch match;
  match.item = hits.front().item;
  distinct_.clear();
  for (const Hit& hit : hits) distinct_.push_back(hit.hash);
  std::sort(distinct_.begin(), distinct_.end());
  match.ngrams_matched =
      static_cast<uint32_t>(std::unique(distinct_.begin(), distinct_.end()) - distinct_.begin());
  const uint32_t item_ngrams = index_.item(match.item).ngrams;
  match.coverage = item_ngrams ? std::min(1.0, double(match.ngrams_matched) / item_ngrams) : 0;
  // Windows [p, p + n) sorted by p; a window starting at or before the current span's end
  // (in words) extends it, since the words in between matched too.
  const uint32_t n = static_cast<uint32_t>(index_.ngram());
  uint32_t span_first = hits.front().position;
  uint32_t span_stop = span_first + n;
  auto close = [&]() {
    const ByteSpan bytes{words_->begin(span_first), words_->end(span_stop - 1)};
    if (bytes.size() > match.longest.size()) match.longest = bytes;
    match.spans.push_back(bytes);
  };
  for (const Hit& hit : hits.subspan(1)) {
    if (hit.position <= span_stop) {
      span_stop = std::max(span_stop, hit.position + n);
      continue;
    }
    close();
    span_first = hit.position;
    span_stop = span_first + n;
  }
  close();
  matches_.push_back(std::move(match));
}

}  // namespace tamis
