#include "filters/quality/gopher_repetition_filter.h"

#include <bit>

#include <xxhash.h>

namespace tamis::quality {
namespace {

constexpr uint64_t kMix = 0xFF51AFD7ED558CCDull;  // Pinned: the table layout is stable.

// The n-gram table of one document and one n: hashes, word comparison, slots.
class NGramTable {
 public:
  // Needs HashWords(words, s) first. Calls for increasing n extend the previous n-gram
  // hashes by one word each (O(words) per n); a smaller n starts again from the words.
  // `counted`: keep a count per n-gram (the top n-gram needs them, duplicates do not).
  NGramTable(const std::vector<Word>& words, int n, FilterScratch* s, bool counted)
      : words_(words), n_(n), s_(*s) {
    count_ = words.size() >= static_cast<size_t>(n) ? words.size() - n + 1 : 0;
    if (s_.hashed_n > n || s_.hashed_n < 1) {
      s_.ngram_hashes.assign(s_.word_hashes.begin(), s_.word_hashes.end());
      s_.hashed_n = 1;
    }
    // The hash of an n-gram mixes its words' hashes in order (a multiply-xor chain), so
    // "a b" and "b a" differ.
    for (int k = s_.hashed_n + 1; k <= n; ++k) {
      for (size_t i = 0; i + k <= words.size(); ++i) {
        s_.ngram_hashes[i] = (s_.ngram_hashes[i] ^ s_.word_hashes[i + k - 1]) * kMix;
      }
    }
    s_.hashed_n = n;
    size_t slots = std::bit_ceil(std::max<size_t>(16, count_ * 2));
    s_.ngram_slots.assign(slots, 0);
    if (counted) s_.ngram_counts.assign(slots, 0);
    mask_ = slots - 1;
  }

  size_t count() const { return count_; }
  int64_t Chars(size_t i) const {
    return static_cast<int64_t>(s_.prefix_chars[i + n_] - s_.prefix_chars[i]) + (n_ - 1);
  }
  // The slot holding the n-gram starting at `i`, or the empty slot where it belongs.
  size_t Slot(size_t i) const {
    const uint64_t h = s_.ngram_hashes[i];
    for (size_t slot = (h ^ (h >> 29)) & mask_;; slot = (slot + 1) & mask_) {
      uint32_t held = s_.ngram_slots[slot];
      if (held == 0 || SameNGram(held - 1, i)) return slot;
    }
  }
  bool Occupied(size_t slot) const { return s_.ngram_slots[slot] != 0; }
  void Put(size_t slot, size_t i) { s_.ngram_slots[slot] = static_cast<uint32_t>(i + 1); }
  uint32_t& Count(size_t slot) { return s_.ngram_counts[slot]; }
  size_t FirstStart(size_t slot) const { return s_.ngram_slots[slot] - 1; }

 private:
  bool SameNGram(size_t a, size_t b) const {
    if (s_.ngram_hashes[a] != s_.ngram_hashes[b]) return false;
    for (int k = 0; k < n_; ++k) {
      if (words_[a + k].text != words_[b + k].text) return false;
    }
    return true;
  }

  const std::vector<Word>& words_;
  int n_;
  FilterScratch& s_;
  size_t count_ = 0;
  size_t mask_ = 0;
};

}  // namespace

Duplicates FindDuplicates(const std::vector<std::string_view>& items, FilterScratch* scratch) {
  // An open-addressing set of item indexes (0: empty), reused between documents: no
  // allocation per item, unlike a node-based set.
  Duplicates d;
  std::vector<uint32_t>& slots = scratch->item_slots;
  slots.assign(std::bit_ceil(std::max<size_t>(16, items.size() * 2)), 0);
  const size_t mask = slots.size() - 1;
  for (size_t i = 0; i < items.size(); ++i) {
    const std::string_view item = items[i];
    for (size_t slot = XXH3_64bits(item.data(), item.size()) & mask;; slot = (slot + 1) & mask) {
      if (slots[slot] == 0) {
        slots[slot] = static_cast<uint32_t>(i + 1);
        break;
      }
      if (items[slots[slot] - 1] == item) {
        d.elements += 1;
        d.chars += static_cast<double>(CodePoints(item));
        break;
      }
    }
  }
  return d;
}

void HashWords(const std::vector<Word>& words, FilterScratch* scratch) {
  scratch->word_hashes.resize(words.size());
  scratch->prefix_chars.resize(words.size() + 1);
  scratch->prefix_chars[0] = 0;
  for (size_t i = 0; i < words.size(); ++i) {
    scratch->word_hashes[i] = XXH3_64bits(words[i].text.data(), words[i].text.size());
    scratch->prefix_chars[i + 1] = scratch->prefix_chars[i] + words[i].chars;
  }
  scratch->hashed_n = 0;
}

int64_t TopNGramChars(const std::vector<Word>& words, int n, FilterScratch* scratch) {
  NGramTable table(words, n, scratch, /*counted=*/true);
  // Counter.most_common(1): the highest count, the first n-gram seen among equals.
  uint32_t best_count = 0;
  size_t best_start = 0;
  for (size_t i = 0; i < table.count(); ++i) {
    size_t slot = table.Slot(i);
    if (!table.Occupied(slot)) table.Put(slot, i);
    uint32_t c = ++table.Count(slot);
    size_t first = table.FirstStart(slot);
    if (c > best_count || (c == best_count && first < best_start)) {
      best_count = c;
      best_start = first;
    }
  }
  return best_count ? table.Chars(best_start) * best_count : 0;
}

int64_t DuplicateNGramChars(const std::vector<Word>& words, int n, FilterScratch* scratch) {
  NGramTable table(words, n, scratch, /*counted=*/false);
  int64_t repeated = 0;
  size_t i = 0;
  while (i < table.count()) {
    size_t slot = table.Slot(i);
    if (table.Occupied(slot)) {
      repeated += table.Chars(i);
      i += n;  // The words of a repeat are not counted again in overlapping n-grams.
    } else {
      table.Put(slot, i);
      i += 1;
    }
  }
  return repeated;
}

Result<GopherRepetitionOptions> GopherRepetitionOptions::Read(Options& opts) {
  GopherRepetitionOptions o;
  o.dup_para_frac = opts.Number("dup_para_frac", o.dup_para_frac);
  o.dup_para_char_frac = opts.Number("dup_para_char_frac", o.dup_para_char_frac);
  o.dup_line_char_frac = opts.Number("dup_line_char_frac", o.dup_line_char_frac);
  if (o.dup_para_frac < 0 || o.dup_para_char_frac < 0 || o.dup_line_char_frac < 0) {
    return Status::InvalidArgument("gopher_repetition: limits must be >= 0 (0 turns a rule off)");
  }
  return o;
}

Judgement GopherRepetitionFilter::Judge(TextAnalysis& text, const LanguageProfile& profile,
                                        FilterScratch* scratch) const {
  const double chars = static_cast<double>(text.chars());
  if (chars == 0) return Judgement::Keep();  // Nothing can repeat; length rules judge it.

  const std::vector<std::string_view>& paragraphs = text.paragraphs();
  Duplicates para = FindDuplicates(paragraphs, scratch);
  double frac = para.elements / static_cast<double>(paragraphs.size());
  if (options_.dup_para_frac && frac > options_.dup_para_frac) {
    return Judgement::Drop("gopher_dup_para_frac", frac, options_.dup_para_frac);
  }
  if (options_.dup_para_char_frac && para.chars / chars > options_.dup_para_char_frac) {
    return Judgement::Drop("gopher_dup_para_char_frac", para.chars / chars,
                           options_.dup_para_char_frac);
  }

  std::vector<std::string_view>& lines = scratch->items;
  lines.clear();
  for (std::string_view line : text.lines()) {
    if (!line.empty()) lines.push_back(line);
  }
  Duplicates line = FindDuplicates(lines, scratch);
  frac = lines.empty() ? 0 : line.elements / static_cast<double>(lines.size());
  if (profile.dup_line_frac && frac > profile.dup_line_frac) {
    return Judgement::Drop("gopher_dup_line_frac", frac, profile.dup_line_frac);
  }
  if (options_.dup_line_char_frac && line.chars / chars > options_.dup_line_char_frac) {
    return Judgement::Drop("gopher_dup_line_char_frac", line.chars / chars,
                           options_.dup_line_char_frac);
  }

  // Rule names for n up to 10 without formatting at run time (datatrove's top_{n}_gram).
  static constexpr std::string_view kTopRules[] = {"",
                                                   "gopher_top_1_gram",
                                                   "gopher_top_2_gram",
                                                   "gopher_top_3_gram",
                                                   "gopher_top_4_gram",
                                                   "gopher_top_5_gram",
                                                   "gopher_top_6_gram",
                                                   "gopher_top_7_gram",
                                                   "gopher_top_8_gram",
                                                   "gopher_top_9_gram",
                                                   "gopher_top_10_gram"};
  static constexpr std::string_view kDupRules[] = {"",
                                                   "gopher_dup_1_grams",
                                                   "gopher_dup_2_grams",
                                                   "gopher_dup_3_grams",
                                                   "gopher_dup_4_grams",
                                                   "gopher_dup_5_grams",
                                                   "gopher_dup_6_grams",
                                                   "gopher_dup_7_grams",
                                                   "gopher_dup_8_grams",
                                                   "gopher_dup_9_grams",
                                                   "gopher_dup_10_grams"};
  auto rule_for = [](const std::string_view* names, int n, std::string_view other) {
    return n <= 10 ? names[n] : other;
  };
  const std::vector<Word>& words = text.words();
  HashWords(words, scratch);
  for (const NGramLimit& limit : profile.top_n_grams) {
    if (words.size() < static_cast<size_t>(limit.n) || !limit.max_fraction) continue;
    double f = TopNGramChars(words, limit.n, scratch) / chars;
    if (f > limit.max_fraction) {
      return Judgement::Drop(rule_for(kTopRules, limit.n, "gopher_top_n_gram"), f,
                             limit.max_fraction);
    }
  }
  for (const NGramLimit& limit : profile.dup_n_grams) {
    if (words.size() < static_cast<size_t>(limit.n) || !limit.max_fraction) continue;
    double f = DuplicateNGramChars(words, limit.n, scratch) / chars;
    if (f > limit.max_fraction) {
      return Judgement::Drop(rule_for(kDupRules, limit.n, "gopher_dup_n_grams"), f,
                             limit.max_fraction);
    }
  }
  return Judgement::Keep();
}

}  // namespace tamis::quality
