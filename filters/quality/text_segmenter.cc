#include "filters/quality/text_segmenter.h"

#include <cctype>

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

namespace tamis::quality {

struct TextSegmenter::Scratch::Impl {
  std::unique_ptr<icu::BreakIterator> words;
  std::unique_ptr<icu::BreakIterator> sentences;
  UText* text = nullptr;  // Reused: utext_openUTF8 re-points it without allocating.

  ~Impl() {
    if (text) utext_close(text);
  }

  // Points `iterator` at `bytes`; false when ICU refuses (the text is then skipped).
  bool Attach(icu::BreakIterator* iterator, std::string_view bytes) {
    UErrorCode status = U_ZERO_ERROR;
    text = utext_openUTF8(text, bytes.data(), static_cast<int64_t>(bytes.size()), &status);
    if (U_FAILURE(status)) return false;
    iterator->setText(text, status);
    return U_SUCCESS(status);
  }
};

TextSegmenter::Scratch::Scratch(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
TextSegmenter::Scratch::~Scratch() = default;

namespace {

// Counts code points and looks for a letter in one pass; ASCII needs no decoding.
void Measure(std::string_view text, Word* word) {
  uint32_t chars = 0;
  bool letter = false;
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  int32_t i = 0, n = static_cast<int32_t>(text.size());
  while (i < n) {
    uint8_t b = p[i];
    if (b < 0x80) {
      letter |= (b | 0x20) >= 'a' && (b | 0x20) <= 'z';
      ++i;
    } else {
      UChar32 c;
      U8_NEXT(p, i, n, c);
      letter |= c >= 0 && u_isalpha(c);
    }
    ++chars;
  }
  word->chars = chars;
  word->has_letter = letter;
}

}  // namespace

size_t CodePoints(std::string_view text) {
  size_t continuation = 0;
  for (char c : text) continuation += (static_cast<uint8_t>(c) & 0xC0) == 0x80;
  return text.size() - continuation;
}

Result<std::unique_ptr<TextSegmenter::Scratch>> TextSegmenter::NewScratch() {
  auto impl = std::make_unique<Scratch::Impl>();
  UErrorCode status = U_ZERO_ERROR;
  impl->words.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  if (U_FAILURE(status) || !impl->words) {
    return Status::Internal(std::string("ICU word break rules: ") + u_errorName(status));
  }
  impl->sentences.reset(icu::BreakIterator::createSentenceInstance(icu::Locale::getRoot(), status));
  if (U_FAILURE(status) || !impl->sentences) {
    return Status::Internal(std::string("ICU sentence break rules: ") + u_errorName(status));
  }
  return std::unique_ptr<Scratch>(new Scratch(std::move(impl)));
}

void TextSegmenter::Words(std::string_view text, Scratch* scratch, std::vector<Word>* out) {
  out->clear();
  Scratch::Impl& s = *scratch->impl_;
  if (text.empty() || !s.Attach(s.words.get(), text)) return;
  int32_t start = s.words->first();
  for (int32_t end = s.words->next(); end != icu::BreakIterator::DONE;
       start = end, end = s.words->next()) {
    // UBRK_WORD_NONE_LIMIT separates "no word" statuses (spaces, punctuation) from words.
    if (s.words->getRuleStatus() < UBRK_WORD_NONE_LIMIT) continue;
    Word w;
    w.text = text.substr(start, end - start);
    Measure(w.text, &w);
    out->push_back(w);
  }
}

int64_t TextSegmenter::CountSentences(std::string_view text, int64_t limit, Scratch* scratch) {
  Scratch::Impl& s = *scratch->impl_;
  if (text.empty() || limit <= 0 || !s.Attach(s.sentences.get(), text)) return 0;
  int64_t count = 0;
  int32_t start = s.sentences->first();
  for (int32_t end = s.sentences->next(); end != icu::BreakIterator::DONE && count < limit;
       start = end, end = s.sentences->next()) {
    std::string_view sentence = text.substr(start, end - start);
    for (char c : sentence) {
      // A letter or digit in any script: any non-ASCII byte, or an ASCII alphanumeric.
      if (static_cast<uint8_t>(c) >= 0x80 || std::isalnum(static_cast<unsigned char>(c))) {
        ++count;
        break;
      }
    }
  }
  return count;
}

}  // namespace tamis::quality
