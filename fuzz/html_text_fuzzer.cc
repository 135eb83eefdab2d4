// libFuzzer target for charset decoding and HTML text extraction (links tamis_readers).
// Input: an HTTP Content-Type value up to the first '\n' (at most kMaxHeaderBytes), then the
// page bytes. Checks the contracts, not just the absence of crashes: decoded text and
// extracted text are always valid UTF-8, and a page with no text has no lines.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "readers/charset.h"
#include "readers/html_text.h"
#include "readers/utf8.h"

namespace {
constexpr size_t kMaxHeaderBytes = 128;
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string_view content_type;
  const size_t newline = input.substr(0, kMaxHeaderBytes).find('\n');
  if (newline != std::string_view::npos) {
    content_type = input.substr(0, newline);
    input.remove_prefix(newline + 1);
  }
  auto decoded = tamis::DecodeToUtf8(input, content_type);
  if (!decoded.ok()) return 0;  // Only ICU failing itself; not a finding.
  if (!tamis::IsValidUtf8(decoded->text)) std::abort();
  if (tamis::CanonicalCharset(decoded->charset).empty()) std::abort();

  const tamis::HtmlText page = tamis::ExtractText(decoded->text);
  if (!tamis::IsValidUtf8(page.text) || !tamis::IsValidUtf8(page.title)) std::abort();
  if (!page.text.empty() && (page.text.back() == '\n' || page.text.front() == '\n')) std::abort();

  // The extractor also gets raw, undecoded bytes from careless callers.
  const tamis::HtmlText raw = tamis::ExtractText(input);
  if (!tamis::IsValidUtf8(raw.text)) std::abort();
  return 0;
}
