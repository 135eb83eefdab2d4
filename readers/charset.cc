#include "readers/charset.h"

#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucsdet.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>
#include <optional>

#include "pipeline/ascii.h"
#include "readers/utf8.h"

namespace tamis {
namespace {

// Labels where the WHATWG encoding standard (https://encoding.spec.whatwg.org/#names-and-labels)
// and ICU's alias table disagree, or where ICU does not know the label. Pinned: changing a row
// changes the decoded bytes of real pages. An empty `icu` marks the WHATWG "replacement"
// encodings, which we refuse (the next source of a charset is tried instead).
struct LabelRow {
  std::string_view label;  // Lower case, as compared.
  std::string_view name;   // Reported charset name.
  std::string_view icu;    // Converter opened with ucnv_open.
};
constexpr std::string_view kWin1252 = "windows-1252";
constexpr LabelRow kWhatwgLabels[] = {
    // ISO-8859-1 and ASCII labels decode as windows-1252 in every browser.
    {"ansi_x3.4-1968", kWin1252, kWin1252},
    {"ascii", kWin1252, kWin1252},
    {"cp1252", kWin1252, kWin1252},
    {"cp819", kWin1252, kWin1252},
    {"csisolatin1", kWin1252, kWin1252},
    {"ibm819", kWin1252, kWin1252},
    {"iso-8859-1", kWin1252, kWin1252},
    {"iso-ir-100", kWin1252, kWin1252},
    {"iso8859-1", kWin1252, kWin1252},
    {"iso88591", kWin1252, kWin1252},
    {"iso_8859-1", kWin1252, kWin1252},
    {"iso_8859-1:1987", kWin1252, kWin1252},
    {"l1", kWin1252, kWin1252},
    {"latin1", kWin1252, kWin1252},
    {"us-ascii", kWin1252, kWin1252},
    {"windows-1252", kWin1252, kWin1252},
    {"x-cp1252", kWin1252, kWin1252},
    // x-user-defined maps high bytes to private-use code points: useless as text. The prescan
    // rule of the standard turns it into windows-1252; we do so wherever it is declared.
    {"x-user-defined", kWin1252, kWin1252},
    // ISO-8859-9 labels decode as windows-1254, ISO-8859-11 and TIS-620 as windows-874.
    {"cp1254", "windows-1254", "windows-1254"},
    {"csisolatin5", "windows-1254", "windows-1254"},
    {"iso-8859-9", "windows-1254", "windows-1254"},
    {"iso-ir-148", "windows-1254", "windows-1254"},
    {"iso8859-9", "windows-1254", "windows-1254"},
    {"iso88599", "windows-1254", "windows-1254"},
    {"iso_8859-9", "windows-1254", "windows-1254"},
    {"iso_8859-9:1989", "windows-1254", "windows-1254"},
    {"l5", "windows-1254", "windows-1254"},
    {"latin5", "windows-1254", "windows-1254"},
    {"windows-1254", "windows-1254", "windows-1254"},
    {"x-cp1254", "windows-1254", "windows-1254"},
    {"dos-874", "windows-874", "windows-874"},
    {"iso-8859-11", "windows-874", "windows-874"},
    {"iso8859-11", "windows-874", "windows-874"},
    {"iso885911", "windows-874", "windows-874"},
    {"tis-620", "windows-874", "windows-874"},
    {"windows-874", "windows-874", "windows-874"},
    // GB2312 and GBK pages are decoded with the GB18030 decoder, a superset.
    {"chinese", "GBK", "gb18030"},
    {"csgb2312", "GBK", "gb18030"},
    {"csiso58gb231280", "GBK", "gb18030"},
    {"gb2312", "GBK", "gb18030"},
    {"gb_2312", "GBK", "gb18030"},
    {"gb_2312-80", "GBK", "gb18030"},
    {"gbk", "GBK", "gb18030"},
    {"iso-ir-58", "GBK", "gb18030"},
    {"x-gbk", "GBK", "gb18030"},
    {"gb18030", "gb18030", "gb18030"},
    // Big5 means Big5-HKSCS.
    {"big5", "Big5", "ibm-1375_P100-2008"},
    {"big5-hkscs", "Big5", "ibm-1375_P100-2008"},
    {"cn-big5", "Big5", "ibm-1375_P100-2008"},
    {"csbig5", "Big5", "ibm-1375_P100-2008"},
    {"x-x-big5", "Big5", "ibm-1375_P100-2008"},
    // EUC-KR means windows-949 (Unified Hangul Code).
    {"cseuckr", "EUC-KR", "windows-949"},
    {"csksc56011987", "EUC-KR", "windows-949"},
    {"euc-kr", "EUC-KR", "windows-949"},
    {"iso-ir-149", "EUC-KR", "windows-949"},
    {"korean", "EUC-KR", "windows-949"},
    {"ks_c_5601-1987", "EUC-KR", "windows-949"},
    {"ks_c_5601-1989", "EUC-KR", "windows-949"},
    {"ksc5601", "EUC-KR", "windows-949"},
    {"ksc_5601", "EUC-KR", "windows-949"},
    {"windows-949", "EUC-KR", "windows-949"},
    // Shift_JIS means windows-31j (ICU's ibm-943_P15A-2003).
    {"csshiftjis", "Shift_JIS", "ibm-943_P15A-2003"},
    {"ms932", "Shift_JIS", "ibm-943_P15A-2003"},
    {"ms_kanji", "Shift_JIS", "ibm-943_P15A-2003"},
    {"shift-jis", "Shift_JIS", "ibm-943_P15A-2003"},
    {"shift_jis", "Shift_JIS", "ibm-943_P15A-2003"},
    {"sjis", "Shift_JIS", "ibm-943_P15A-2003"},
    {"windows-31j", "Shift_JIS", "ibm-943_P15A-2003"},
    {"x-sjis", "Shift_JIS", "ibm-943_P15A-2003"},
    {"cseucpkdfmtjapanese", "EUC-JP", "EUC-JP"},
    {"euc-jp", "EUC-JP", "EUC-JP"},
    {"x-euc-jp", "EUC-JP", "EUC-JP"},
    {"csiso2022jp", "ISO-2022-JP", "ISO-2022-JP"},
    {"iso-2022-jp", "ISO-2022-JP", "ISO-2022-JP"},
    {"csiso88598i", "ISO-8859-8-I", "ISO-8859-8"},
    {"iso-8859-8-i", "ISO-8859-8-I", "ISO-8859-8"},
    {"logical", "ISO-8859-8-I", "ISO-8859-8"},
    {"koi8-ru", "KOI8-U", "KOI8-U"},
    {"koi8-u", "KOI8-U", "KOI8-U"},
    {"cskoi8r", "KOI8-R", "KOI8-R"},
    {"koi", "KOI8-R", "KOI8-R"},
    {"koi8", "KOI8-R", "KOI8-R"},
    {"koi8-r", "KOI8-R", "KOI8-R"},
    {"koi8_r", "KOI8-R", "KOI8-R"},
    {"x-mac-cyrillic", "x-mac-cyrillic", "x-mac-cyrillic"},
    {"x-mac-ukrainian", "x-mac-cyrillic", "x-mac-cyrillic"},
    {"csmacintosh", "macintosh", "macintosh"},
    {"mac", "macintosh", "macintosh"},
    {"macintosh", "macintosh", "macintosh"},
    {"x-mac-roman", "macintosh", "macintosh"},
    // "utf-16" without a byte-order mark means little-endian, as on the web.
    {"csunicode", "UTF-16LE", "UTF-16LE"},
    {"iso-10646-ucs-2", "UTF-16LE", "UTF-16LE"},
    {"ucs-2", "UTF-16LE", "UTF-16LE"},
    {"unicode", "UTF-16LE", "UTF-16LE"},
    {"unicodefeff", "UTF-16LE", "UTF-16LE"},
    {"utf-16", "UTF-16LE", "UTF-16LE"},
    {"utf-16le", "UTF-16LE", "UTF-16LE"},
    {"unicodefffe", "UTF-16BE", "UTF-16BE"},
    {"utf-16be", "UTF-16BE", "UTF-16BE"},
    {"unicode-1-1-utf-8", "UTF-8", "UTF-8"},
    {"unicode11utf8", "UTF-8", "UTF-8"},
    {"unicode20utf8", "UTF-8", "UTF-8"},
    {"utf-8", "UTF-8", "UTF-8"},
    {"utf8", "UTF-8", "UTF-8"},
    {"x-unicode20utf8", "UTF-8", "UTF-8"},
    // The "replacement" encodings: refused.
    {"csiso2022kr", "", ""},
    {"hz-gb-2312", "", ""},
    {"iso-2022-cn", "", ""},
    {"iso-2022-cn-ext", "", ""},
    {"iso-2022-kr", "", ""},
    {"replacement", "", ""},
};

constexpr std::string_view kUtf8 = "UTF-8";
constexpr size_t kMaxLabelBytes = 64;  // Longer "labels" are garbage; none is near this.
constexpr int32_t kPivotUnits = 1024;  // UTF-16 pivot buffer of ucnv_convertEx.

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterCloser>;
struct DetectorCloser {
  void operator()(UCharsetDetector* d) const { ucsdet_close(d); }
};
using DetectorPtr = std::unique_ptr<UCharsetDetector, DetectorCloser>;

// An encoding a label resolved to.
struct Encoding {
  std::string name;
  std::string icu;  // For ucnv_open.
  bool utf8 = false;
  bool utf16 = false;
};

bool IsHtmlSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}
bool IsAsciiAlpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
std::string_view TrimHtmlSpace(std::string_view s) {
  while (!s.empty() && IsHtmlSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsHtmlSpace(s.back())) s.remove_suffix(1);
  return s;
}

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = AsciiLower(c);
  return out;
}

// Converter types whose labels the WHATWG standard does not accept, or whose bytes are not a
// plausible encoding of a web page; a label resolving to one of them is ignored.
bool IsRefusedType(UConverterType type) {
  switch (type) {
    case UCNV_UTF7:
    case UCNV_IMAP_MAILBOX:
    case UCNV_SCSU:
    case UCNV_BOCU1:
    case UCNV_CESU8:
    case UCNV_HZ:
    case UCNV_ISO_2022:  // ISO-2022-JP is accepted through kWhatwgLabels, before this check.
    case UCNV_EBCDIC_STATEFUL:
    case UCNV_LMBCS_1:
    case UCNV_LMBCS_2:
    case UCNV_LMBCS_3:
    case UCNV_LMBCS_4:
    case UCNV_LMBCS_5:
    case UCNV_LMBCS_6:
    case UCNV_LMBCS_8:
    case UCNV_LMBCS_11:
    case UCNV_LMBCS_16:
    case UCNV_LMBCS_17:
    case UCNV_LMBCS_18:
    case UCNV_LMBCS_19: return true;
    default: return false;
  }
}

std::optional<Encoding> Resolve(std::string_view raw_label) {
  const std::string_view trimmed = TrimHtmlSpace(raw_label);
  if (trimmed.empty() || trimmed.size() > kMaxLabelBytes) return std::nullopt;
  const std::string label = LowerAscii(trimmed);
  if (label.find('\0') != std::string::npos) return std::nullopt;
  for (const LabelRow& row : kWhatwgLabels) {
    if (row.label != label) continue;
    if (row.icu.empty()) return std::nullopt;
    Encoding e;
    e.name = row.name;
    e.icu = row.icu;
    e.utf8 = row.name == kUtf8;
    e.utf16 = row.name == "UTF-16LE" || row.name == "UTF-16BE";
    return e;
  }
  // Anything else is whatever ICU's alias table says it is (cp1251, iso-8859-5, x-sjis, ...).
  UErrorCode err = U_ZERO_ERROR;
  ConverterPtr conv(ucnv_open(label.c_str(), &err));
  if (U_FAILURE(err) || conv == nullptr) return std::nullopt;
  const UConverterType type = ucnv_getType(conv.get());
  if (IsRefusedType(type)) return std::nullopt;
  const char* icu_name = ucnv_getName(conv.get(), &err);
  if (U_FAILURE(err) || icu_name == nullptr) return std::nullopt;
  Encoding e;
  e.icu = icu_name;
  if (type == UCNV_LATIN_1 || type == UCNV_US_ASCII) {
    // Other spellings of ISO-8859-1 and ASCII: windows-1252, as in kWhatwgLabels.
    e.name = kWin1252;
    e.icu = kWin1252;
    return e;
  }
  // Report the name a user knows: MIME's, else IANA's, else Windows', else ICU's own.
  e.name = icu_name;
  for (const char* standard : {"MIME", "IANA", "WINDOWS"}) {
    UErrorCode std_err = U_ZERO_ERROR;
    const char* name = ucnv_getStandardName(icu_name, standard, &std_err);
    if (U_SUCCESS(std_err) && name != nullptr) {
      e.name = name;
      break;
    }
  }
  e.utf8 = type == UCNV_UTF8;
  e.utf16 = type == UCNV_UTF16 || type == UCNV_UTF16_BigEndian || type == UCNV_UTF16_LittleEndian;
  return e;
}

// ICU to-Unicode callback: substitutes U+FFFD for each undecodable sequence and counts it.
void SubstituteAndCount(const void* context, UConverterToUnicodeArgs* args, const char*, int32_t,
                        UConverterCallbackReason reason, UErrorCode* err) {
  if (reason != UCNV_UNASSIGNED && reason != UCNV_ILLEGAL && reason != UCNV_IRREGULAR) return;
  ++*static_cast<uint64_t*>(const_cast<void*>(context));
  *err = U_ZERO_ERROR;
  static constexpr UChar kReplacement = 0xFFFD;
  ucnv_cbToUWriteUChars(args, &kReplacement, 1, 0, err);
}

Result<DecodedText> Decode(std::string_view bytes, const Encoding& encoding, CharsetSource source) {
  DecodedText out;
  out.charset = encoding.name;
  out.source = source;
  if (encoding.utf8) {
    if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
    out.replaced = AppendRepairedUtf8(bytes, &out.text);
    return out;
  }
  UErrorCode err = U_ZERO_ERROR;
  ConverterPtr from(ucnv_open(encoding.icu.c_str(), &err));
  if (U_FAILURE(err)) {
    return Status::Internal("ICU cannot open converter " + encoding.icu + ": " + u_errorName(err));
  }
  ConverterPtr to(ucnv_open("UTF-8", &err));
  if (U_FAILURE(err)) {
    return Status::Internal(std::string("ICU cannot open the UTF-8 converter: ") +
                            u_errorName(err));
  }
  uint64_t replaced = 0;
  ucnv_setToUCallBack(from.get(), SubstituteAndCount, &replaced, nullptr, nullptr, &err);
  if (U_FAILURE(err)) return Status::Internal(std::string("ICU: ") + u_errorName(err));

  // Single-byte text grows at most 3x into UTF-8 and CJK text 1.5x; start at 2x and grow.
  std::string& text = out.text;
  text.resize(bytes.size() * 2 + 16);
  char* target = text.data();
  const char* src = bytes.data();
  const char* src_end = bytes.data() + bytes.size();
  std::array<UChar, kPivotUnits> pivot;
  UChar* pivot_source = pivot.data();
  UChar* pivot_target = pivot.data();
  bool reset = true;
  for (;;) {
    err = U_ZERO_ERROR;
    ucnv_convertEx(to.get(), from.get(), &target, text.data() + text.size(), &src, src_end,
                   pivot.data(), &pivot_source, &pivot_target, pivot.data() + pivot.size(), reset,
                   /*flush=*/true, &err);
    reset = false;
    if (err == U_BUFFER_OVERFLOW_ERROR) {
      const size_t used = target - text.data();
      text.resize(text.size() * 2);
      target = text.data() + used;
      continue;
    }
    if (U_FAILURE(err)) {
      return Status::Internal("ICU conversion from " + encoding.icu +
                              " failed: " + u_errorName(err));
    }
    break;
  }
  text.resize(target - text.data());
  // The UTF-16 converters keep a BOM the caller did not strip; it is not text.
  if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
  out.replaced = replaced;
  return out;
}

// ICU's detector over the first kDetectBytes; nullopt if no candidate is confident enough.
std::optional<Encoding> Detect(std::string_view bytes) {
  UErrorCode err = U_ZERO_ERROR;
  DetectorPtr detector(ucsdet_open(&err));
  if (U_FAILURE(err)) return std::nullopt;
  // Markup is ASCII and says nothing about the encoding; let ICU skip it.
  ucsdet_enableInputFilter(detector.get(), true);
  const std::string_view sample = bytes.substr(0, kDetectBytes);
  ucsdet_setText(detector.get(), sample.data(), static_cast<int32_t>(sample.size()), &err);
  int32_t count = 0;
  const UCharsetMatch** matches = ucsdet_detectAll(detector.get(), &count, &err);
  if (U_FAILURE(err) || matches == nullptr) return std::nullopt;
  for (int32_t i = 0; i < count; ++i) {
    UErrorCode match_err = U_ZERO_ERROR;
    const int32_t confidence = ucsdet_getConfidence(matches[i], &match_err);
    if (U_FAILURE(match_err) || confidence < kMinDetectConfidence) break;
    const char* name = ucsdet_getName(matches[i], &match_err);
    if (U_FAILURE(match_err) || name == nullptr) continue;
    // ICU's name for a BOM-less UTF-16 guess is "UTF-16LE"/"BE", which Resolve accepts; its
    // EBCDIC guesses ("IBM420_rtl") resolve to nothing we accept and are passed over.
    std::optional<Encoding> e = Resolve(name);
    if (e) return e;
  }
  return std::nullopt;
}

// --- WHATWG prescan helpers. `i` is the position in `s`; each returns false at end of input.

struct Attribute {
  std::string name;
  std::string value;
};

// "Get an attribute" of the WHATWG prescan. Returns false when there is no further attribute
// (at '>' or at the end); `*i` is then at the '>' or the end.
bool GetAttribute(std::string_view s, size_t* i, Attribute* attr) {
  size_t p = *i;
  const size_t n = s.size();
  while (p < n && (IsHtmlSpace(s[p]) || s[p] == '/')) ++p;
  *i = p;
  if (p >= n || s[p] == '>') return false;
  attr->name.clear();
  attr->value.clear();
  // Name.
  for (;;) {
    if (p >= n) {
      *i = n;
      return false;
    }
    const char c = s[p];
    if (c == '=' && !attr->name.empty()) {
      ++p;
      break;
    }
    if (IsHtmlSpace(c)) {
      while (p < n && IsHtmlSpace(s[p])) ++p;
      if (p >= n || s[p] != '=') {
        *i = p;
        return true;
      }
      ++p;
      break;
    }
    if (c == '/' || c == '>') {
      *i = p;
      return true;
    }
    attr->name.push_back(AsciiLower(c));
    ++p;
  }
  // Value.
  while (p < n && IsHtmlSpace(s[p])) ++p;
  if (p >= n) {
    *i = n;
    return false;
  }
  if (s[p] == '"' || s[p] == '\'') {
    const char quote = s[p++];
    const size_t close = s.find(quote, p);
    if (close == std::string_view::npos) {
      *i = n;
      return false;
    }
    attr->value = LowerAscii(s.substr(p, close - p));
    *i = close + 1;
    return true;
  }
  if (s[p] == '>') {
    *i = p;
    return true;
  }
  while (p < n && !IsHtmlSpace(s[p]) && s[p] != '>') attr->value.push_back(AsciiLower(s[p++]));
  *i = p;
  return p < n;
}

// "Extract a character encoding from a meta element" ("text/html; charset=utf-8" -> "utf-8").
std::string CharsetFromMetaContent(std::string_view content) {
  constexpr std::string_view kCharset = "charset";
  size_t p = 0;
  const size_t n = content.size();
  for (;;) {
    const size_t found = content.find(kCharset, p);  // `content` is already lower case.
    if (found == std::string_view::npos) return "";
    p = found + kCharset.size();
    while (p < n && IsHtmlSpace(content[p])) ++p;
    if (p < n && content[p] == '=') break;
  }
  ++p;
  while (p < n && IsHtmlSpace(content[p])) ++p;
  if (p >= n) return "";
  if (content[p] == '"' || content[p] == '\'') {
    const char quote = content[p];
    const size_t close = content.find(quote, p + 1);
    if (close == std::string_view::npos) return "";
    return std::string(content.substr(p + 1, close - p - 1));
  }
  size_t end = p;
  while (end < n && !IsHtmlSpace(content[end]) && content[end] != ';') ++end;
  return std::string(content.substr(p, end - p));
}

bool StartsWithAt(std::string_view s, size_t i, std::string_view prefix) {
  return s.size() >= i + prefix.size() && s.compare(i, prefix.size(), prefix) == 0;
}

}  // namespace

std::string_view CharsetSourceName(CharsetSource source) {
  switch (source) {
    case CharsetSource::kBom: return "bom";
    case CharsetSource::kHttp: return "http";
    case CharsetSource::kMeta: return "meta";
    case CharsetSource::kDetected: return "detected";
    case CharsetSource::kDefault: return "default";
  }
  return "default";
}

std::string CanonicalCharset(std::string_view label) {
  std::optional<Encoding> e = Resolve(label);
  return e ? e->name : std::string();
}

std::string CharsetFromContentType(std::string_view content_type) {
  // Parameters follow the media type, separated by ';'. Quoted values may not contain ';' in
  // practice, so a plain split is enough.
  size_t p = content_type.find(';');
  while (p != std::string_view::npos) {
    const size_t next = content_type.find(';', p + 1);
    std::string_view param = content_type.substr(
        p + 1, next == std::string_view::npos ? std::string_view::npos : next - p - 1);
    p = next;
    const size_t eq = param.find('=');
    if (eq == std::string_view::npos) continue;
    if (!AsciiEqualsIgnoreCase(TrimHtmlSpace(param.substr(0, eq)), "charset")) continue;
    std::string_view value = TrimHtmlSpace(param.substr(eq + 1));
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
        value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
    }
    return std::string(TrimHtmlSpace(value));
  }
  return "";
}

std::string PrescanMetaCharset(std::string_view html) {
  const std::string_view s = html.substr(0, kMetaPrescanBytes);
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    const void* lt = std::memchr(s.data() + i, '<', n - i);
    if (lt == nullptr) break;
    i = static_cast<const char*>(lt) - s.data();
    if (StartsWithAt(s, i, "<!--")) {
      const size_t end = s.find("-->", i + 2);
      if (end == std::string_view::npos) break;
      i = end + 3;
      continue;
    }
    if (i + 5 < n && AsciiEqualsIgnoreCase(s.substr(i + 1, 4), "meta") &&
        (IsHtmlSpace(s[i + 5]) || s[i + 5] == '/')) {
      i += 6;
      enum class NeedPragma { kUnset, kNo, kYes };
      NeedPragma need_pragma = NeedPragma::kUnset;
      bool got_pragma = false;
      std::string label;
      std::array<bool, 3> seen = {false, false, false};  // http-equiv, content, charset.
      Attribute attr;
      while (GetAttribute(s, &i, &attr)) {
        if (attr.name == "http-equiv") {
          if (seen[0]) continue;
          seen[0] = true;
          if (attr.value == "content-type") got_pragma = true;
        } else if (attr.name == "content") {
          if (seen[1]) continue;
          seen[1] = true;
          if (label.empty()) {
            std::string from_content = CharsetFromMetaContent(attr.value);
            if (!from_content.empty()) {
              label = std::move(from_content);
              need_pragma = NeedPragma::kYes;
            }
          }
        } else if (attr.name == "charset") {
          if (seen[2]) continue;
          seen[2] = true;
          label = attr.value;
          need_pragma = NeedPragma::kNo;
        }
      }
      if (need_pragma == NeedPragma::kUnset) continue;
      if (need_pragma == NeedPragma::kYes && !got_pragma) continue;
      std::optional<Encoding> e = Resolve(label);
      if (!e) continue;
      if (e->utf16) return std::string(kUtf8);
      return e->name;
    }
    if (i + 1 < n &&
        (IsAsciiAlpha(s[i + 1]) || (s[i + 1] == '/' && i + 2 < n && IsAsciiAlpha(s[i + 2])))) {
      // Another tag: skip its name and attributes, so that a '<meta' inside an attribute value
      // is not mistaken for an element.
      while (i < n && !IsHtmlSpace(s[i]) && s[i] != '>') ++i;
      Attribute attr;
      while (GetAttribute(s, &i, &attr)) {
      }
      ++i;
      continue;
    }
    if (StartsWithAt(s, i, "<!") || StartsWithAt(s, i, "</") || StartsWithAt(s, i, "<?")) {
      const size_t end = s.find('>', i + 2);
      if (end == std::string_view::npos) break;
      i = end + 1;
      continue;
    }
    ++i;
  }
  return "";
}

Result<DecodedText> DecodeWithCharset(std::string_view bytes, std::string_view label) {
  std::optional<Encoding> e = Resolve(label);
  if (!e) {
    return Status::InvalidArgument("unknown or refused charset \"" + std::string(label) + "\"");
  }
  return Decode(bytes, *e, CharsetSource::kHttp);
}

Result<DecodedText> DecodeToUtf8(std::string_view bytes, std::string_view http_content_type) {
  // 1. Byte-order mark.
  if (bytes.starts_with("\xEF\xBB\xBF")) {
    return Decode(bytes.substr(3), *Resolve(kUtf8), CharsetSource::kBom);
  }
  if (bytes.starts_with("\xFF\xFE")) {
    return Decode(bytes.substr(2), *Resolve("utf-16le"), CharsetSource::kBom);
  }
  if (bytes.starts_with("\xFE\xFF")) {
    return Decode(bytes.substr(2), *Resolve("utf-16be"), CharsetSource::kBom);
  }
  // 2. HTTP header.
  if (std::optional<Encoding> e = Resolve(CharsetFromContentType(http_content_type))) {
    return Decode(bytes, *e, CharsetSource::kHttp);
  }
  // 3. <meta>.
  if (std::string meta = PrescanMetaCharset(bytes); !meta.empty()) {
    if (std::optional<Encoding> e = Resolve(meta)) return Decode(bytes, *e, CharsetSource::kMeta);
  }
  // 4. Detection. Well-formed UTF-8 with any non-ASCII byte is almost never another encoding,
  // and pure ASCII decodes the same either way; the check is exact and cheaper than ucsdet.
  if (IsValidUtf8(bytes)) {
    DecodedText out;
    out.text.assign(bytes);
    out.charset = kUtf8;
    out.source = CharsetSource::kDetected;
    return out;
  }
  if (std::optional<Encoding> e = Detect(bytes)) {
    return Decode(bytes, *e, CharsetSource::kDetected);
  }
  // 5. Default.
  return Decode(bytes, *Resolve(kWin1252), CharsetSource::kDefault);
}

}  // namespace tamis
