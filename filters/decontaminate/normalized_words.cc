#include "filters/decontaminate/normalized_words.h"

#include <unicode/brkiter.h>
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>
#include <xxhash.h>

#include "pipeline/unspaced_script.h"

namespace tamis {
namespace {

enum class RunKind { kNone, kSpaced, kUnspaced };

bool IsAsciiWordByte(unsigned char b) {
  return (b >= '0' && b <= '9') || ((b | 0x20) >= 'a' && (b | 0x20) <= 'z');
}

bool IsWordCodePoint(UChar32 c) {
  return (U_GET_GC_MASK(c) & (U_GC_L_MASK | U_GC_M_MASK | U_GC_N_MASK)) != 0;
}

bool IsMark(UChar32 c) {
  return (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0;
}

}  // namespace

Result<std::unique_ptr<NormalizedWords>> NormalizedWords::Create(NormalizationOptions options) {
  UErrorCode error = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> breaker(
      icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), error));
  if (U_FAILURE(error) || !breaker) {
    return Status::Internal(std::string("ICU word break iterator: ") + u_errorName(error));
  }
  const icu::Normalizer2* casefold = icu::Normalizer2::getNFKCCasefoldInstance(error);
  const icu::Normalizer2* decompose = icu::Normalizer2::getNFDInstance(error);
  if (U_FAILURE(error)) {
    return Status::Internal(std::string("ICU normalisation data: ") + u_errorName(error));
  }
  return std::unique_ptr<NormalizedWords>(
      new NormalizedWords(options, std::move(breaker), casefold, decompose));
}

NormalizedWords::NormalizedWords(NormalizationOptions options,
                                 std::unique_ptr<icu::BreakIterator> breaker,
                                 const icu::Normalizer2* casefold,
                                 const icu::Normalizer2* decompose)
    : options_(options), breaker_(std::move(breaker)), casefold_(casefold), decompose_(decompose) {}

NormalizedWords::~NormalizedWords() = default;

void NormalizedWords::Split(std::string_view text) {
  hashes_.clear();
  begins_.clear();
  ends_.clear();
  const int32_t length = static_cast<int32_t>(text.size());
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  RunKind run = RunKind::kNone;
  int32_t run_begin = 0;
  auto flush = [&](int32_t run_end) {
    if (run == RunKind::kSpaced) AddWord(text, run_begin, run_end);
    if (run == RunKind::kUnspaced) SplitWithoutSpaces(text, run_begin, run_end);
    run = RunKind::kNone;
  };
  int32_t i = 0;
  while (i < length) {
    const int32_t at = i;
    RunKind kind = RunKind::kNone;
    if (bytes[i] < 0x80) {
      // ASCII fast path: most of a web crawl, and no ICU call per byte.
      kind = IsAsciiWordByte(bytes[i]) ? RunKind::kSpaced : RunKind::kNone;
      ++i;
    } else {
      UChar32 c = 0;
      U8_NEXT(bytes, i, length, c);
      if (c >= 0 && IsWordCodePoint(c)) {
        // A combining mark belongs to the run it follows, whatever its script property.
        kind = IsMark(c) && run != RunKind::kNone ? run
               : WrittenWithoutSpaces(c)          ? RunKind::kUnspaced
                                                  : RunKind::kSpaced;
      }
    }
    if (kind != run) {
      flush(at);
      run = kind;
      run_begin = at;
    }
  }
  flush(length);
}

void NormalizedWords::SplitWithoutSpaces(std::string_view text, uint32_t begin, uint32_t end) {
  const std::string_view run = text.substr(begin, end - begin);
  icu::UnicodeString units =
      icu::UnicodeString::fromUTF8(icu::StringPiece(run.data(), static_cast<int32_t>(run.size())));
  // utf8_at[k]: the byte offset in `run` of UTF-16 unit k (the run is valid UTF-8: invalid
  // bytes end runs before they get here, so the two encodings walk in step).
  std::vector<uint32_t> utf8_at;
  utf8_at.reserve(units.length() + 1);
  const auto* bytes = reinterpret_cast<const uint8_t*>(run.data());
  const int32_t length = static_cast<int32_t>(run.size());
  for (int32_t i = 0; i < length;) {
    const int32_t at = i;
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    utf8_at.push_back(static_cast<uint32_t>(at));
    if (U16_LENGTH(c) == 2) utf8_at.push_back(static_cast<uint32_t>(at));
  }
  utf8_at.push_back(static_cast<uint32_t>(length));
  if (utf8_at.size() != static_cast<size_t>(units.length()) + 1) {
    AddWord(text, begin, end);  // Cannot happen for valid UTF-8; keep the run whole.
    return;
  }
  breaker_->setText(units);
  int32_t start = breaker_->first();
  for (int32_t stop = breaker_->next(); stop != icu::BreakIterator::DONE;
       start = stop, stop = breaker_->next()) {
    if (breaker_->getRuleStatus() == UBRK_WORD_NONE) continue;
    AddWord(text, begin + utf8_at[start], begin + utf8_at[stop]);
  }
}

void NormalizedWords::Normalize(std::string_view word) {
  normalized_.clear();
  bool ascii = true;
  for (char ch : word) ascii &= static_cast<unsigned char>(ch) < 0x80;
  if (ascii) {
    normalized_.assign(word);
    for (char& ch : normalized_) {
      if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    }
    return;
  }
  // ICU's UTF-8 entry points: no round trip through UTF-16 for every word.
  UErrorCode error = U_ZERO_ERROR;
  const icu::StringPiece source(word.data(), static_cast<int32_t>(word.size()));
  {
    icu::StringByteSink<std::string> sink(&normalized_);
    casefold_->normalizeUTF8(0, source, sink, nullptr, error);
  }
  if (options_.strip_diacritics && U_SUCCESS(error)) {
    decomposed_.clear();
    {
      icu::StringByteSink<std::string> sink(&decomposed_);
      decompose_->normalizeUTF8(0, normalized_, sink, nullptr, error);
    }
    normalized_.clear();
    const auto* bytes = reinterpret_cast<const uint8_t*>(decomposed_.data());
    const int32_t length = static_cast<int32_t>(decomposed_.size());
    for (int32_t i = 0; i < length;) {
      const int32_t at = i;
      UChar32 c = 0;
      U8_NEXT(bytes, i, length, c);
      if (c >= 0 && (U_GET_GC_MASK(c) & U_GC_MN_MASK) == 0) {
        normalized_.append(decomposed_, static_cast<size_t>(at), static_cast<size_t>(i - at));
      }
    }
  }
  if (U_FAILURE(error)) normalized_.assign(word);  // ICU data was checked at Create().
}

void NormalizedWords::AddWord(std::string_view text, uint32_t begin, uint32_t end) {
  Normalize(text.substr(begin, end - begin));
  if (normalized_.empty()) return;  // Only default-ignorable or stripped code points.
  hashes_.push_back(XXH3_64bits_withSeed(normalized_.data(), normalized_.size(), kWordHashSeed));
  begins_.push_back(begin);
  ends_.push_back(end);
}

std::string NormalizedWords::Normalized(std::string_view text, size_t i) {
  Normalize(text.substr(begins_[i], ends_[i] - begins_[i]));
  return normalized_;
}

}  // namespace tamis
