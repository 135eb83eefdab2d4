#include "pipeline/unspaced_script.h"

#include <unicode/uscript.h>

namespace tamis {

bool WrittenWithoutSpaces(UChar32 c) {
  UErrorCode error = U_ZERO_ERROR;
  switch (uscript_getScript(c, &error)) {
    case USCRIPT_HAN:
    case USCRIPT_HIRAGANA:
    case USCRIPT_KATAKANA:
    case USCRIPT_THAI:
    case USCRIPT_LAO:
    case USCRIPT_KHMER:
    case USCRIPT_MYANMAR:
    case USCRIPT_TIBETAN: return true;
    default: return false;
  }
}

}  // namespace tamis
