#include "filters/toxicity/word_list.h"

#include <algorithm>

namespace tamis::toxicity {
namespace {

bool AllDigits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || c == ' '; });
}

}  // namespace

Result<std::unique_ptr<WordList>> WordList::Create(std::string language, std::string_view entries,
                                                   const WordSegmenter* segmenter) {
  std::unique_ptr<WordList> list(new WordList());
  list->language_ = std::move(language);
  list->segmenter_ = segmenter;
  std::unique_ptr<WordSegmenter::Scratch> scratch = segmenter->NewScratch();
  Words words;
  size_t pos = 0;
  while (pos < entries.size()) {
    size_t eol = entries.find('\n', pos);
    if (eol == std::string_view::npos) eol = entries.size();
    segmenter->Segment(entries.substr(pos, eol - pos), scratch.get(), &words);
    pos = eol + 1;
    if (words.size() == 0 || AllDigits(words.text)) continue;
    if (words.size() == 1) {
      uint8_t& role = list->words_[words.text];
      list->entries_ += (role & kEntry) == 0;
      role |= kEntry;
    } else {
      list->entries_ += list->phrases_.insert(words.text).second;
      list->words_[std::string(words.Run(0, 0))] |= kStartsPhrase;
    }
    list->longest_ = std::max(list->longest_, words.size());
  }
  if (list->entries_ == 0) {
    return Status::InvalidArgument("toxicity word list for " + list->language_ + " is empty");
  }
  return list;
}

uint64_t WordList::CountFlagged(const Words& words) const {
  uint64_t flagged = 0;
  const size_t n = words.size();
  for (size_t i = 0; i < n;) {
    const auto it = words_.find(words.Run(i, i));
    if (it == words_.end()) {
      ++i;
      continue;
    }
    size_t matched = 0;
    // Longest entry first; runs are tried only from words that start a multi-word entry.
    if (it->second & kStartsPhrase) {
      for (size_t len = std::min(longest_, n - i); len > 1 && matched == 0; --len) {
        if (phrases_.contains(words.Run(i, i + len - 1))) matched = len;
      }
    }
    if (matched == 0 && (it->second & kEntry)) matched = 1;
    flagged += matched;
    i += matched > 0 ? matched : 1;
  }
  return flagged;
}

}  // namespace tamis::toxicity
