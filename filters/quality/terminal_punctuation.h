// Whether a line ends a sentence: the marks C4 and FineWeb test lines against.
//
// datatrove's English defaults are . ! ? " '; FineWeb-2 extends them per script. tamis uses
// one set for every language, so that a translation is judged like its original: the ASCII
// five, the closing quotes “” ‘’ » « (a quotation ending a sentence), and the sentence
// terminals of the scripts tamis ships profiles for — 。！？．」』 (CJK), ؟ ۔ (Arabic
// script), । ॥ (Devanagari), ။ (Burmese), ។ (Khmer), ። (Ethiopic). Thai and Lao have no
// sentence mark, so their line-punctuation rules are looser by nature (see the README).
// Pure functions; thread-safe.
#ifndef TAMIS_FILTERS_QUALITY_TERMINAL_PUNCTUATION_H_
#define TAMIS_FILTERS_QUALITY_TERMINAL_PUNCTUATION_H_

#include <string_view>

namespace tamis::quality {

// `line` must already be stripped of trailing space when the caller wants that.
bool EndsWithTerminalPunctuation(std::string_view line);

}  // namespace tamis::quality

#endif  // TAMIS_FILTERS_QUALITY_TERMINAL_PUNCTUATION_H_
