#include "dedup/dedup_text.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "pipeline/unspaced_script.h"

namespace tamis {
namespace {

void AppendUtf8(UChar32 c, std::string* out) {
  char bytes[U8_MAX_LENGTH];
  int32_t n = 0;
  UBool error = false;
  U8_APPEND(bytes, n, U8_MAX_LENGTH, c, error);
  if (!error) out->append(bytes, n);
}

}  // namespace

Result<std::unique_ptr<DedupText>> DedupText::Create() {
  UErrorCode error = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(error);
  if (U_FAILURE(error)) return Status::Internal("dedup: ICU NFD data missing");
  std::unique_ptr<icu::BreakIterator> words(
      icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), error));
  if (U_FAILURE(error) || !words) return Status::Internal("dedup: ICU word-break data missing");
  return std::unique_ptr<DedupText>(new DedupText(nfd, std::move(words)));
}

const DedupText::Folded& DedupText::Fold(int32_t c) {
  if (c >= 0 && c < kBmpSize) {
    if (bmp_slots_.empty()) bmp_slots_.assign(kBmpSize, 0);
    uint32_t& slot = bmp_slots_[c];
    if (slot == 0) {
      bmp_folded_.emplace_back();
      Classify(c, &bmp_folded_.back());
      slot = static_cast<uint32_t>(bmp_folded_.size());
    }
    return bmp_folded_[slot - 1];
  }
  auto [it, inserted] = other_folded_.try_emplace(c);
  if (inserted) Classify(c, &it->second);
  return it->second;
}

void DedupText::Classify(int32_t c, Folded* folded) {
  Folded& f = *folded;
  if (c < 0) return;  // Invalid UTF-8 (U8_NEXT's U_SENTINEL): a separator.
  const int8_t type = u_charType(c);
  if (type == U_NON_SPACING_MARK) {
    f.kind = Class::kMark;
  } else if (type == U_DECIMAL_DIGIT_NUMBER) {
    f.kind = Class::kDigit;
  } else if (u_isalpha(c) || type == U_COMBINING_SPACING_MARK || type == U_ENCLOSING_MARK ||
             type == U_LETTER_NUMBER || type == U_OTHER_NUMBER) {
    if (WrittenWithoutSpaces(c)) {
      f.kind = Class::kNoSpace;
      return;
    }
    f.kind = Class::kLetters;
    icu::UnicodeString decomposed;
    UErrorCode error = U_ZERO_ERROR;
    nfd_->normalize(icu::UnicodeString(c), decomposed, error);
    if (U_FAILURE(error)) decomposed = icu::UnicodeString(c);
    for (int32_t i = 0; i < decomposed.length(); i = decomposed.moveIndex32(i, 1)) {
      const UChar32 part = decomposed.char32At(i);
      if (u_charType(part) == U_NON_SPACING_MARK) continue;
      AppendUtf8(u_foldCase(part, U_FOLD_CASE_DEFAULT), &f.utf8);
    }
    if (f.utf8.empty()) f.kind = Class::kMark;
  }
}

void DedupText::FlushRun(std::string* out) {
  if (run_.isEmpty()) return;
  words_->setText(run_);
  int32_t start = words_->first();
  for (int32_t end = words_->next(); end != icu::BreakIterator::DONE;
       start = end, end = words_->next()) {
    segment_.clear();
    run_.tempSubStringBetween(start, end).toUTF8String(segment_);
    if (!out->empty()) out->push_back(' ');
    out->append(segment_);
  }
  run_.remove();
}

void DedupText::Normalize(std::string_view text, std::string* out) {
  out->clear();
  // Whether the last thing appended continues a word (a letter), and whether it was a
  // digit run (which is folded to one "0").
  bool in_word = false, in_digits = false;
  auto start_word = [&] {
    if (!in_word && !out->empty()) out->push_back(' ');
    in_word = true;
  };
  auto append_digit = [&] {
    if (!in_digits) {
      start_word();
      out->push_back('0');
    }
    in_digits = true;
  };
  const char* s = text.data();
  const int32_t length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    const unsigned char byte = static_cast<unsigned char>(s[i]);
    if (byte < 0x80) {
      ++i;
      if (!run_.isEmpty()) FlushRun(out);
      if (byte >= '0' && byte <= '9') {
        append_digit();
        continue;
      }
      in_digits = false;
      if (byte >= 'A' && byte <= 'Z') {
        start_word();
        out->push_back(static_cast<char>(byte + ('a' - 'A')));
      } else if (byte >= 'a' && byte <= 'z') {
        start_word();
        out->push_back(static_cast<char>(byte));
      } else {
        in_word = false;
      }
      continue;
    }
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    const Folded& f = Fold(c);
    if (f.kind == Class::kMark) {
      // A combining mark belongs to the no-space run it follows (Thai vowels); else it is a
      // diacritic, folded away.
      if (!run_.isEmpty()) run_.append(c);
      continue;
    }
    if (f.kind == Class::kNoSpace) {
      in_word = in_digits = false;
      run_.append(c);
      continue;
    }
    FlushRun(out);
    if (f.kind == Class::kDigit) {
      append_digit();
      continue;
    }
    in_digits = false;
    if (f.kind == Class::kLetters) {
      start_word();
      out->append(f.utf8);
    } else {
      in_word = false;
    }
  }
  FlushRun(out);
}

}  // namespace tamis
