// ItemMatcher: which benchmark items one document overlaps, and how much.
//
// For every window of n consecutive normalised words of the document, the n-gram's hash is
// looked up in the NgramIndex; each hit is (item, word position, hash). Per item, the hits
// give: the distinct item n-grams found (so an n-gram repeated in the document counts once),
// the coverage (found / the item's distinct n-grams, in [0, 1]), and the matching spans —
// runs of overlapping or adjacent matching windows, as byte ranges of the document — of which
// the longest is reported.
//
// Thread rule: one ItemMatcher per thread (it owns its word splitter and buffers); the index
// is shared read-only. The returned matches are valid until the next Match().
#ifndef TAMIS_FILTERS_DECONTAMINATE_ITEM_MATCHER_H_
#define TAMIS_FILTERS_DECONTAMINATE_ITEM_MATCHER_H_

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "filters/decontaminate/ngram_index.h"
#include "filters/decontaminate/normalized_words.h"

namespace tamis {

struct ByteSpan {
  uint32_t begin = 0;
  uint32_t end = 0;
  uint32_t size() const { return end - begin; }
};

struct ItemMatch {
  uint32_t item = 0;            // Item number in the index.
  uint32_t ngrams_matched = 0;  // Distinct item n-grams found in the document.
  double coverage = 0;          // ngrams_matched / the item's distinct n-grams.
  ByteSpan longest;             // The longest matching span.
  std::vector<ByteSpan> spans;  // Every matching span, in document order.
};

class ItemMatcher {
 public:
  ItemMatcher(const NgramIndex& index, std::unique_ptr<NormalizedWords> words)
      : index_(index), words_(std::move(words)) {}

  // The items `text` overlaps, by item number.
  const std::vector<ItemMatch>& Match(std::string_view text);
  // Whether `text` has at least one word (what is left of a document after a cut).
  bool HasWord(std::string_view text);

 private:
  struct Hit {
    uint32_t item;
    uint32_t position;  // First word of the window.
    uint64_t hash;
    bool operator<(const Hit& o) const {
      return item != o.item ? item < o.item : position < o.position;
    }
  };
  void Summarize(std::span<const Hit> hits);

  const NgramIndex& index_;
  std::unique_ptr<NormalizedWords> words_;
  std::vector<uint64_t> window_hashes_;
  std::vector<Hit> hits_;
  std::vector<uint64_t> distinct_;
  std::vector<ItemMatch> matches_;
};

}  // namespace tamis

#endif  // TAMIS_FILTERS_DECONTAMINATE_ITEM_MATCHER_H_
