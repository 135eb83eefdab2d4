#include "filters/quality/quality_text.h"

namespace tamis::quality {

void PrepareQualityText(std::string_view text, std::string* out) {
  out->clear();
  bool pending_space = false;  // A space is owed before the next word.
  for (char c : text) {
    if (c == '\n') {
      if (!out->empty()) out->push_back(' ');
      out->append(kLineBreakToken);
      pending_space = true;
    } else if (c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f') {
      pending_space = !out->empty();
    } else {
      if (pending_space) {
        if (out->size() >= kMaxQualityBytes) break;  // Cut between words.
        out->push_back(' ');
        pending_space = false;
      }
      out->push_back(c);
    }
  }
}

}  // namespace tamis::quality
