#include "filters/quality/text_segmenter.h"

#include <array>
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

bool IsAsciiSpace(char c) {
  return c == ' ' || (c >= '\t' && c <= '\r');
}

// Whether the three- or four-byte character starting at text[i] belongs to a script ICU
// segments by rules of its own: by dictionary (Thai, Lao, Myanmar, Khmer, CJK ideographs,
// kana, with the fullwidth forms, CJK punctuation and supplementary ideographs around them)
// or as Hangul, which ICU keeps apart from digits ("15장" is "15" + "장").
bool NeedsIcu(std::string_view text, size_t i) {
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  int32_t at = static_cast<int32_t>(i), size = static_cast<int32_t>(text.size());
  UChar32 c;
  U8_NEXT(p, at, size, c);
  return (c >= 0x0E00 && c <= 0x0EFF) ||  // Thai, Lao
         (c >= 0x1000 && c <= 0x109F) ||  // Myanmar
         (c >= 0x1100 && c <= 0x11FF) ||  // Hangul jamo
         (c >= 0x1780 && c <= 0x17FF) ||  // Khmer
         (c >= 0x19E0 && c <= 0x19FF) ||  // Khmer symbols
         (c >= 0x2E80 && c <= 0xA4CF) ||  // CJK radicals .. Yi (kana, ideographs, bopomofo)
         (c >= 0xA960 && c <= 0xA97F) ||  // Hangul jamo extended-A
         (c >= 0xA9E0 && c <= 0xA9FF) ||  // Myanmar extended-B
         (c >= 0xAA60 && c <= 0xAA7F) ||  // Myanmar extended-A
         (c >= 0xAC00 && c <= 0xD7FF) ||  // Hangul syllables, jamo extended-B
         (c >= 0xF900 && c <= 0xFAFF) ||  // CJK compatibility ideographs
         (c >= 0xFE30 && c <= 0xFE4F) ||  // CJK compatibility forms
         (c >= 0xFF00 && c <= 0xFFEF) ||  // Halfwidth and fullwidth forms
         c >= 0x16FE0;                    // Ideographic symbols, Tangut, kana supplement, CJK ext.
}

// The UAX #29 classes the fast path needs.
enum class WordClass { kLetter, kDigit, kJoiner, kMidLetter, kMidNum, kMidNumLet, kExtend, kOther };

WordClass ClassOf(UChar32 c) {
  if (c < 0x80) {
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return WordClass::kLetter;
    if (c >= '0' && c <= '9') return WordClass::kDigit;
    switch (c) {
      case '_': return WordClass::kJoiner;
      case ':': return WordClass::kMidLetter;
      case '\'':
      case '.': return WordClass::kMidNumLet;
      case ',':
      case ';': return WordClass::kMidNum;
      default: return WordClass::kOther;
    }
  }
  switch (c) {
    case 0x00B7:  // Middle dot (Catalan l·l)
    case 0x0387:
    case 0x05F4:
    case 0x2027:
    case 0xFE13:
    case 0xFE55:
    case 0xFF1A: return WordClass::kMidLetter;
    case 0x2018:
    case 0x2019:  // Right single quotation mark, the typographic apostrophe
    case 0x2024:
    case 0xFE52:
    case 0xFF07:
    case 0xFF0E: return WordClass::kMidNumLet;
    case 0x037E:
    case 0x0589:
    case 0x060C:
    case 0x060D:
    case 0x066C:
    case 0x07F8:
    case 0x2044:
    case 0xFE10:
    case 0xFE14:
    case 0xFE50:
    case 0xFE54:
    case 0xFF0C:
    case 0xFF1B: return WordClass::kMidNum;
    case 0x200C:  // ZWNJ and ZWJ extend the word they are in (WB4).
    case 0x200D: return WordClass::kExtend;
    default: break;
  }
  const int8_t type = u_charType(c);
  if (type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK || type == U_ENCLOSING_MARK ||
      type == U_FORMAT_CHAR) {
    return WordClass::kExtend;
  }
  if (u_isdigit(c)) return WordClass::kDigit;
  if (u_isalpha(c)) return WordClass::kLetter;
  if (type == U_CONNECTOR_PUNCTUATION) return WordClass::kJoiner;
  return WordClass::kOther;
}

// Words of a token without spaces in scripts that separate words (Latin, Cyrillic, Greek,
// Arabic, Hebrew, Devanagari, Hangul, ...), by UAX #29's rules for them: letters, digits
// and connectors (_) join (WB5, 8-10, 13a/b); an apostrophe, period or colon between two
// letters (WB6/7) and a comma, period or semicolon between two digits (WB11/12) stay
// inside the word; marks and format characters extend what precedes (WB4); anything else
// ends the word. A word must hold a letter or a digit, as ICU's rule status requires.
// tests/filters/text_segmenter_test.cc checks it against ICU on real text in 26 languages.
void SpacedWords(std::string_view token, std::vector<Word>* out) {
  // ASCII classes come from a table; only other code points are decoded and looked up.
  static const auto kAscii = [] {
    std::array<WordClass, 128> table{};
    for (UChar32 c = 0; c < 128; ++c) table[c] = ClassOf(c);
    return table;
  }();
  const auto* p = reinterpret_cast<const uint8_t*>(token.data());
  const int32_t n = static_cast<int32_t>(token.size());
  auto next_class = [&](int32_t at, int32_t* after) {
    if (p[at] < 0x80) {
      *after = at + 1;
      return kAscii[p[at]];
    }
    UChar32 c;
    U8_NEXT(p, at, n, c);
    *after = at;
    return c < 0 ? WordClass::kOther : ClassOf(c);
  };
  auto word_char = [](WordClass c) {
    return c == WordClass::kLetter || c == WordClass::kDigit || c == WordClass::kJoiner;
  };
  int32_t i = 0;
  while (i < n) {
    int32_t after;
    WordClass cls = next_class(i, &after);
    if (!word_char(cls)) {
      i = after;
      continue;
    }
    const int32_t start = i;
    bool alnum = cls != WordClass::kJoiner, letter = cls == WordClass::kLetter;
    uint32_t chars = 1;
    WordClass last = cls;  // The last letter/digit/joiner class, marks skipped.
    i = after;
    while (i < n) {
      WordClass c = next_class(i, &after);
      if (word_char(c)) {
        alnum |= c != WordClass::kJoiner;
        letter |= c == WordClass::kLetter;
        last = c;
      } else if (c == WordClass::kMidLetter || c == WordClass::kMidNum ||
                 c == WordClass::kMidNumLet) {
        if (after >= n) break;
        int32_t after_next;
        WordClass following = next_class(after, &after_next);
        const bool letters = last == WordClass::kLetter && following == WordClass::kLetter &&
                             c != WordClass::kMidNum;
        const bool digits = last == WordClass::kDigit && following == WordClass::kDigit &&
                            c != WordClass::kMidLetter;
        if (!letters && !digits) break;
      } else if (c != WordClass::kExtend) {
        break;
      }
      ++chars;
      i = after;
    }
    if (alnum) {
      out->push_back({std::string_view(token.data() + start, i - start), chars, letter});
    }
  }
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

void TextSegmenter::IcuWords(std::string_view text, Scratch* scratch, std::vector<Word>* out) {
  out->clear();
  AppendIcuWords(text, scratch, out);
}

void TextSegmenter::AppendIcuWords(std::string_view token, Scratch* scratch,
                                   std::vector<Word>* out) {
  Scratch::Impl& s = *scratch->impl_;
  {
    if (!s.Attach(s.words.get(), token)) return;
    int32_t start = s.words->first();
    for (int32_t end = s.words->next(); end != icu::BreakIterator::DONE;
         start = end, end = s.words->next()) {
      // UBRK_WORD_NONE_LIMIT separates "no word" statuses (spaces, punctuation) from words.
      if (s.words->getRuleStatus() < UBRK_WORD_NONE_LIMIT) continue;
      Word w;
      w.text = token.substr(start, end - start);
      Measure(w.text, &w);
      out->push_back(w);
    }
  }
}

void TextSegmenter::Words(std::string_view text, Scratch* scratch, std::vector<Word>* out) {
  out->clear();
  // Whitespace-separated tokens are segmented on their own: UAX #29 never joins words
  // across a space. A token in a script that needs ICU's dictionaries goes to ICU; every
  // other token takes the fast path, which applies the same rules (see SpacedWords).
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    while (i < n && IsAsciiSpace(text[i])) ++i;
    size_t start = i;
    bool complex = false;
    while (i < n && !IsAsciiSpace(text[i])) {
      complex |= static_cast<uint8_t>(text[i]) >= 0xE0 && NeedsIcu(text, i);
      ++i;
    }
    if (i == start) break;
    std::string_view token = text.substr(start, i - start);
    if (complex) {
      AppendIcuWords(token, scratch, out);
    } else {
      SpacedWords(token, out);
    }
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
