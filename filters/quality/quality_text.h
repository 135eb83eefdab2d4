// PrepareQualityText: the exact line a quality classifier is shown for a document, the same
// at training (quality_trainer.h) and at scoring (quality_classifier_stage.h).
//
// fastText reads one line per prediction and sees words, not layout; but layout is most of
// what tells a menu or a link list from prose. So every line break becomes the word
// kLineBreakToken: a list of twenty short lines carries twenty of them (and word bigrams
// such as "__nl__ -"), a page of paragraphs a few. Other whitespace runs become one space.
// Long documents keep their first kMaxQualityBytes (cut at a word boundary): the start of a
// page says what kind of page it is, and the cost per document stays bounded.
// Pure function; thread-safe.
#ifndef TAMIS_FILTERS_QUALITY_QUALITY_TEXT_H_
#define TAMIS_FILTERS_QUALITY_QUALITY_TEXT_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace tamis::quality {

inline constexpr std::string_view kLineBreakToken = "__nl__";
inline constexpr size_t kMaxQualityBytes = 16 * 1024;

// Writes the prepared line into `*out` (cleared first; its capacity is reused).
void PrepareQualityText(std::string_view text, std::string* out);

}  // namespace tamis::quality

#endif  // TAMIS_FILTERS_QUALITY_QUALITY_TEXT_H_
