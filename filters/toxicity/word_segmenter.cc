#include "filters/toxicity/word_segmenter.h"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

namespace tamis::toxicity {
namespace {

bool IsWordCodePoint(UChar32 c) {
  if (c < 0x80) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
  const int32_t mask = U_GET_GC_MASK(c);
  return (mask & (U_GC_L_MASK | U_GC_M_MASK | U_GC_N_MASK)) != 0;
}

void AppendLower(UChar32 c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c));
    return;
  }
  const UChar32 lower = u_tolower(c);
  char buf[U8_MAX_LENGTH];
  int32_t n = 0;
  U8_APPEND_UNSAFE(buf, n, lower);
  out->append(buf, static_cast<size_t>(n));
}

// Appends text[begin, end) lower-cased as one word, or nothing when it holds no word code
// point (ICU may report a run of punctuation as a word-like segment in odd scripts).
void AppendWord(std::string_view text, int32_t begin, int32_t end, Words* out) {
  const size_t start = out->text.size() + (out->ends.empty() ? 0 : 1);
  const size_t before = out->text.size();
  if (!out->ends.empty()) out->text.push_back(' ');
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  bool any = false;
  for (int32_t i = begin; i < end;) {
    UChar32 c;
    U8_NEXT(bytes, i, end, c);
    if (c >= 0 && IsWordCodePoint(c)) {
      AppendLower(c, &out->text);
      any = true;
    }
  }
  if (!any) {
    out->text.resize(before);
    return;
  }
  out->begins.push_back(static_cast<uint32_t>(start));
  out->ends.push_back(static_cast<uint32_t>(out->text.size()));
}

// Languages with spaces, in one pass: a word is a maximal run of word code points, written
// lower-cased as it is read. ASCII, most of the bytes of most web text in these languages,
// skips UTF-8 decoding and ICU's property lookup.
void SegmentSpaced(std::string_view text, Words* out) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  bool in_word = false;
  const auto open_word = [&] {
    if (!out->ends.empty()) out->text.push_back(' ');
    out->begins.push_back(static_cast<uint32_t>(out->text.size()));
    in_word = true;
  };
  const auto close_word = [&] {
    out->ends.push_back(static_cast<uint32_t>(out->text.size()));
    in_word = false;
  };
  for (int32_t i = 0; i < length;) {
    const uint8_t b = bytes[i];
    if (b < 0x80) {
      const bool word = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9');
      if (word) {
        if (!in_word) open_word();
        out->text.push_back(static_cast<char>(b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b));
      } else if (in_word) {
        close_word();
      }
      ++i;
      continue;
    }
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c >= 0 && IsWordCodePoint(c)) {
      if (!in_word) open_word();
      AppendLower(c, &out->text);
    } else if (in_word) {
      close_word();
    }
  }
  if (in_word) close_word();
}

}  // namespace

bool WrittenWithoutSpaces(std::string_view language) {
  for (std::string_view code : {"jpn", "zho", "cmn", "yue", "wuu", "tha", "lao", "khm", "mya"}) {
    if (language == code) return true;
  }
  return false;
}

WordSegmenter::Scratch::~Scratch() = default;
WordSegmenter::~WordSegmenter() = default;

Result<std::unique_ptr<WordSegmenter>> WordSegmenter::Create(std::string_view language) {
  std::unique_ptr<WordSegmenter> segmenter(new WordSegmenter());
  if (WrittenWithoutSpaces(language)) {
    UErrorCode status = U_ZERO_ERROR;
    segmenter->prototype_.reset(
        icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status) || !segmenter->prototype_) {
      return Status::Internal(std::string("ICU word break iterator: ") + u_errorName(status));
    }
  }
  return segmenter;
}

std::unique_ptr<WordSegmenter::Scratch> WordSegmenter::NewScratch() const {
  auto scratch = std::make_unique<Scratch>();
  if (prototype_) scratch->words.reset(prototype_->clone());
  return scratch;
}

void WordSegmenter::Segment(std::string_view text, Scratch* scratch, Words* out) const {
  out->clear();
  const auto length = static_cast<int32_t>(text.size());
  if (!prototype_) {
    SegmentSpaced(text, out);
    return;
  }
  UErrorCode status = U_ZERO_ERROR;
  UText* utext = utext_openUTF8(nullptr, text.data(), length, &status);
  if (U_FAILURE(status)) return;
  icu::BreakIterator& words = *scratch->words;
  words.setText(utext, status);
  if (U_SUCCESS(status)) {
    int32_t begin = words.first();
    for (int32_t end = words.next(); end != icu::BreakIterator::DONE; end = words.next()) {
      if (words.getRuleStatus() >= UBRK_WORD_NONE_LIMIT) AppendWord(text, begin, end, out);
      begin = end;
    }
  }
  // The iterator keeps a pointer to the UText: detach it before closing.
  words.setText(icu::UnicodeString());
  utext_close(utext);
}

}  // namespace tamis::toxicity
