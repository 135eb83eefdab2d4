// TextAnalysis: the views of one document's text that the heuristic filters share — lines,
// paragraphs, words, character counts — each computed once, on first use, so that four
// filters in one stage segment the text once instead of four times.
//
// Definitions (they fix what every threshold is measured against):
//   lines       the text split at '\n' (a '\r' before it is dropped), as Python's
//               str.split("\n"): "a\n" has two lines, the second empty.
//   paragraphs  the stripped text split at runs of two or more '\n'.
//   words       ICU words (text_segmenter.h), never punctuation or symbols.
//   characters  Unicode code points, as Python's len() counts them.
//
// Ownership: borrows the text given to Reset() (and the scratch given to the constructor);
// both must outlive the analysis until the next Reset(). Thread rule: one per thread.
#ifndef TAMIS_FILTERS_QUALITY_TEXT_ANALYSIS_H_
#define TAMIS_FILTERS_QUALITY_TEXT_ANALYSIS_H_

#include <cstddef>
#include <string_view>
#include <vector>

#include "filters/quality/text_segmenter.h"

namespace tamis::quality {

class TextAnalysis {
 public:
  explicit TextAnalysis(TextSegmenter::Scratch* segmenter) : segmenter_(segmenter) {}

  void Reset(std::string_view text);

  std::string_view text() const { return text_; }
  size_t chars();
  const std::vector<std::string_view>& lines();
  const std::vector<std::string_view>& paragraphs();
  const std::vector<Word>& words();
  TextSegmenter::Scratch* segmenter() const { return segmenter_; }

 private:
  TextSegmenter::Scratch* segmenter_;
  std::string_view text_;
  size_t chars_ = 0;
  bool have_chars_ = false, have_lines_ = false, have_paragraphs_ = false, have_words_ = false;
  std::vector<std::string_view> lines_, paragraphs_;
  std::vector<Word> words_;
};

// Python's str.strip() for the whitespace that occurs in text (ASCII and U+00A0, U+3000).
std::string_view StripSpace(std::string_view s);
std::string_view StripLeadingSpace(std::string_view s);
std::string_view StripTrailingSpace(std::string_view s);

// Whether `haystack` contains `lower_needle` ignoring ASCII case (the needle is lower case).
bool ContainsIgnoringCase(std::string_view haystack, std::string_view lower_needle);

}  // namespace tamis::quality

#endif  // TAMIS_FILTERS_QUALITY_TEXT_ANALYSIS_H_
