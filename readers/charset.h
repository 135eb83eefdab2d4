// Charset decoding: turns the bytes of a fetched page into UTF-8 text, choosing the charset the
// way a browser does (WHATWG encoding standard, "determine the character encoding"):
//   1. a byte-order mark (UTF-8, UTF-16LE/BE) wins over everything;
//   2. else the `charset` parameter of the HTTP Content-Type header;
//   3. else a <meta charset=...> or <meta http-equiv=Content-Type content="...charset=...">
//      found by a byte-level prescan of the first kMetaPrescanBytes (the WHATWG prescan: a
//      tolerant scanner over tags and comments, not a regex and not a parse);
//   4. else detection: bytes that are well-formed UTF-8 are UTF-8; otherwise ICU's detector
//      (ucsdet) over the first kDetectBytes, first candidate with enough confidence;
//   5. else windows-1252, the WHATWG default for an unknown locale.
// A label that names no encoding we accept is ignored and the next step is tried. Labels are
// resolved with the WHATWG label table for the names where it and ICU disagree (latin1,
// iso-8859-1 and us-ascii mean windows-1252; gb2312 means GBK; ks_c_5601-1987 means EUC-KR;
// ...) and with ICU's alias table otherwise (x-sjis, cp1251, koi8-r, ...).
//
// Bytes that do not decode (including bytes a charset leaves undefined, such as 0x81 in
// windows-1252) become U+FFFD and are counted in `replaced`: a bad page is data to
// measure, never an error. DecodeToUtf8 fails only if ICU itself fails (out of memory, missing
// converter data), which is a failed run.
//
// Functions only; each call opens its own ICU converters, so any number of threads may decode
// at once.
#ifndef TAMIS_READERS_CHARSET_H_
#define TAMIS_READERS_CHARSET_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "pipeline/status.h"

namespace tamis {

// How far into a document the <meta> prescan looks. WHATWG says 1024 bytes; pages in crawls
// often put a long <script> or <style> before the <meta>, and browsers look further, so 4 KiB.
inline constexpr size_t kMetaPrescanBytes = 4096;
// How many bytes ICU's detector sees. Its cost is linear in the input and 64 KiB is far more
// than it needs to tell single-byte and CJK encodings apart.
inline constexpr size_t kDetectBytes = 64 * 1024;
// ucsdet confidences are 0..100; below this a guess is noise and the default is used instead.
inline constexpr int kMinDetectConfidence = 10;

enum class CharsetSource {
  kBom,       // A byte-order mark at the start of the bytes.
  kHttp,      // The HTTP Content-Type header.
  kMeta,      // A <meta> declaration in the document.
  kDetected,  // Well-formed UTF-8, or ICU's detector.
  kDefault,   // Nothing else applied: windows-1252.
};

// "bom", "http", "meta", "detected", "default".
std::string_view CharsetSourceName(CharsetSource source);

struct DecodedText {
  std::string text;     // UTF-8, without a byte-order mark.
  std::string charset;  // Name of the encoding used ("UTF-8", "windows-1252", "Shift_JIS").
  CharsetSource source = CharsetSource::kDefault;
  uint64_t replaced = 0;  // Byte sequences that did not decode and became U+FFFD.
};

// Decodes `bytes` (a page body) to UTF-8. `http_content_type` is the value of the HTTP
// Content-Type header, empty if there was none.
Result<DecodedText> DecodeToUtf8(std::string_view bytes, std::string_view http_content_type);

// Decodes `bytes` with the encoding named by `label` (resolved as above). Fails with
// InvalidArgument if the label names no encoding we accept.
Result<DecodedText> DecodeWithCharset(std::string_view bytes, std::string_view label);

// The pieces of the decision, exposed for the readers' own use and for tests.

// The charset parameter of a Content-Type value ("text/html; charset=\"UTF-8\"" -> "UTF-8"),
// or empty.
std::string CharsetFromContentType(std::string_view content_type);

// The encoding declared by a <meta> element in the first kMetaPrescanBytes of `html`, as a
// CanonicalCharset name, or empty. Follows the WHATWG prescan: comments and other tags are
// skipped, attribute values may be quoted or not, a meta whose label names no encoding is passed
// over, the first one that does wins, and a declared UTF-16 means UTF-8 (a page whose <meta>
// could be read as ASCII is not UTF-16).
std::string PrescanMetaCharset(std::string_view html);

// The WHATWG/ICU name of the encoding `label` names, or empty if it names none we accept
// (unknown labels, and encodings the WHATWG standard excludes: UTF-7, HZ, ISO-2022-KR/CN, ...).
// "latin1" -> "windows-1252", "x-sjis" -> "Shift_JIS", " UTF8 " -> "UTF-8".
std::string CanonicalCharset(std::string_view label);

}  // namespace tamis

#endif  // TAMIS_READERS_CHARSET_H_
