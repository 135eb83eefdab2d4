// WrittenWithoutSpaces: whether a code point's script writes words without spaces between
// them (Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar, Tibetan), so that a run of such
// text must go to ICU's dictionary-based word break iterator instead of counting as one word.
// One list for every stage that splits words (dedup shingles, decontamination n-grams), so
// they agree on what a word is. Changing the list changes dedup signatures and the words of
// decontamination indexes (bump ngram_index_format::kVersion).
// Thread-safe: a pure function of ICU's script property.
#ifndef TAMIS_PIPELINE_UNSPACED_SCRIPT_H_
#define TAMIS_PIPELINE_UNSPACED_SCRIPT_H_

#include <unicode/umachine.h>

namespace tamis {

bool WrittenWithoutSpaces(UChar32 c);

}  // namespace tamis

#endif  // TAMIS_PIPELINE_UNSPACED_SCRIPT_H_
