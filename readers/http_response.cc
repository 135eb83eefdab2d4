#include "readers/http_response.h"

#include <brotli/decode.h>
#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cstring>

#include "pipeline/ascii.h"

namespace tamis {
namespace {

// A decompressed body larger than this is abandoned: it bounds a zip bomb's damage.
constexpr size_t kMaxDecodedBody = size_t{64} << 20;

// Next line of `*rest` (without CR LF); false at the end.
bool NextLine(std::string_view* rest, std::string_view* line) {
  if (rest->empty()) return false;
  size_t nl = rest->find('\n');
  if (nl == std::string_view::npos) {
    *line = *rest;
    *rest = {};
  } else {
    *line = rest->substr(0, nl);
    rest->remove_prefix(nl + 1);
  }
  if (!line->empty() && line->back() == '\r') line->remove_suffix(1);
  return true;
}

Result<std::string> Dechunk(std::string_view body) {
  std::string out;
  while (true) {
    std::string_view size_line;
    if (!NextLine(&body, &size_line)) {
      return Status::Corruption("chunked body ends without a last chunk");
    }
    size_line = TrimAsciiWhitespace(size_line.substr(0, size_line.find(';')));
    if (size_line.empty()) continue;
    size_t size = 0;
    for (char c : size_line) {
      int digit = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
                  : (c >= 'a' && c <= 'f')                    ? c - 'a' + 10
                  : (c >= 'A' && c <= 'F')                    ? c - 'A' + 10
                                                              : -1;
      if (digit < 0 || size > (kMaxDecodedBody >> 4)) {
        return Status::Corruption("bad chunk size in chunked body");
      }
      size = size * 16 + digit;
    }
    if (size == 0) return out;
    if (size > body.size()) {
      // Truncated capture: keep what arrived, as browsers do.
      out.append(body);
      return out;
    }
    out.append(body.substr(0, size));
    body.remove_prefix(size);
    if (body.rfind("\r\n", 0) == 0)
      body.remove_prefix(2);
    else if (body.rfind("\n", 0) == 0)
      body.remove_prefix(1);
  }
}

Result<std::string> Inflate(std::string_view data, bool gzip) {
  z_stream z;
  std::memset(&z, 0, sizeof(z));
  // gzip: 15+16; deflate: servers send zlib-wrapped (RFC 1950) or raw data, 15+32 detects
  // zlib and gzip, raw is retried below.
  if (inflateInit2(&z, gzip ? 15 + 16 : 15 + 32) != Z_OK) {
    return Status::Internal("inflateInit failed");
  }
  std::string out;
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  char buf[1 << 16];
  int rc = Z_OK;
  while (rc == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof(buf);
    rc = inflate(&z, Z_NO_FLUSH);
    out.append(buf, sizeof(buf) - z.avail_out);
    if (out.size() > kMaxDecodedBody) {
      inflateEnd(&z);
      return Status::Corruption("compressed body expands beyond the size cap");
    }
    if (rc == Z_BUF_ERROR && z.avail_in == 0) break;  // Truncated: keep what we have.
  }
  inflateEnd(&z);
  if (rc != Z_STREAM_END && rc != Z_BUF_ERROR && rc != Z_OK) {
    if (!gzip && out.empty()) {
      // Raw deflate without the zlib wrapper.
      std::memset(&z, 0, sizeof(z));
      inflateInit2(&z, -15);
      z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
      z.avail_in = static_cast<uInt>(data.size());
      do {
        z.next_out = reinterpret_cast<Bytef*>(buf);
        z.avail_out = sizeof(buf);
        rc = inflate(&z, Z_NO_FLUSH);
        out.append(buf, sizeof(buf) - z.avail_out);
      } while (rc == Z_OK && out.size() <= kMaxDecodedBody);
      inflateEnd(&z);
      if (rc == Z_STREAM_END || (rc == Z_BUF_ERROR && !out.empty())) return out;
    }
    return Status::Corruption("corrupt compressed body");
  }
  return out;
}

Result<std::string> Unbrotli(std::string_view data) {
  BrotliDecoderState* state = BrotliDecoderCreateInstance(nullptr, nullptr, nullptr);
  if (state == nullptr) return Status::Internal("cannot create a brotli decoder");
  std::string out;
  size_t avail_in = data.size();
  const uint8_t* next_in = reinterpret_cast<const uint8_t*>(data.data());
  uint8_t buf[1 << 16];
  BrotliDecoderResult rc = BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT;
  while (rc == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT) {
    size_t avail_out = sizeof(buf);
    uint8_t* next_out = buf;
    rc = BrotliDecoderDecompressStream(state, &avail_in, &next_in, &avail_out, &next_out, nullptr);
    out.append(reinterpret_cast<const char*>(buf), sizeof(buf) - avail_out);
    if (out.size() > kMaxDecodedBody) {
      BrotliDecoderDestroyInstance(state);
      return Status::Corruption("compressed body expands beyond the size cap");
    }
  }
  BrotliDecoderDestroyInstance(state);
  // Truncated capture (needs more input): keep what arrived, as for gzip.
  if (rc == BROTLI_DECODER_RESULT_ERROR) return Status::Corruption("corrupt brotli body");
  return out;
}

// True when a body declared compressed is plain markup: servers that label an uncompressed
// page gzip or deflate are common enough that such a page is read as it is, not dropped.
bool LooksPlain(std::string_view body) {
  std::string_view start = TrimAsciiWhitespace(body.substr(0, 1024));
  if (start.rfind("\xEF\xBB\xBF", 0) == 0) start.remove_prefix(3);
  return !start.empty() && start.front() == '<';
}

}  // namespace

std::string_view HttpResponse::Header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (AsciiEqualsIgnoreCase(k, name)) return v;
  }
  return {};
}

std::string HttpResponse::MediaType() const {
  std::string_view ct = Header("Content-Type");
  std::string type(TrimAsciiWhitespace(ct.substr(0, ct.find(';'))));
  std::transform(type.begin(), type.end(), type.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return type;
}

std::string_view HttpResponse::Charset() const {
  std::string_view ct = Header("Content-Type");
  size_t semi = ct.find(';');
  while (semi != std::string_view::npos) {
    ct.remove_prefix(semi + 1);
    semi = ct.find(';');
    std::string_view param = TrimAsciiWhitespace(ct.substr(0, semi));
    if (param.size() > 8 && AsciiEqualsIgnoreCase(param.substr(0, 8), "charset=")) {
      std::string_view value = TrimAsciiWhitespace(param.substr(8));
      if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'')) {
        value = value.substr(1, value.size() - 2);
      }
      return value;
    }
  }
  return {};
}

bool ParseHttpResponse(std::string_view block, HttpResponse* out) {
  out->headers.clear();
  std::string_view rest = block;
  std::string_view line;
  if (!NextLine(&rest, &line) || line.rfind("HTTP/", 0) != 0) return false;
  size_t space = line.find(' ');
  if (space == std::string_view::npos || line.size() < space + 4) return false;
  int status = 0;
  for (size_t i = space + 1; i < space + 4; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(line[i]))) return false;
    status = status * 10 + (line[i] - '0');
  }
  out->status = status;
  while (NextLine(&rest, &line)) {
    if (line.empty()) break;
    if ((line[0] == ' ' || line[0] == '\t') && !out->headers.empty()) continue;  // Obsolete fold.
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    out->headers.emplace_back(TrimAsciiWhitespace(line.substr(0, colon)),
                              TrimAsciiWhitespace(line.substr(colon + 1)));
  }
  out->body = rest;
  return true;
}

Result<std::string> DecodedBody(const HttpResponse& response) {
  std::string body;
  std::string_view transfer = response.Header("Transfer-Encoding");
  if (transfer.find("chunked") != std::string_view::npos ||
      transfer.find("Chunked") != std::string_view::npos) {
    TAMIS_ASSIGN_OR_RETURN(body, Dechunk(response.body));
  } else {
    body = std::string(response.body);
  }
  std::string encoding(TrimAsciiWhitespace(response.Header("Content-Encoding")));
  std::transform(encoding.begin(), encoding.end(), encoding.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  if (encoding.empty() || encoding == "identity") return body;
  Result<std::string> decoded =
      Status::InvalidArgument("unsupported content encoding '" + encoding + "'");
  if (encoding == "gzip" || encoding == "x-gzip") {
    // Without the gzip magic number the body was never compressed.
    if (body.rfind("\x1f\x8b", 0) != 0) return body;
    decoded = Inflate(body, true);
  } else if (encoding == "deflate") {
    decoded = Inflate(body, false);
  } else if (encoding == "br") {
    decoded = Unbrotli(body);
  } else {
    return decoded;
  }
  if (!decoded.ok() && decoded.status().code() == StatusCode::kCorruption && LooksPlain(body)) {
    return body;
  }
  return decoded;
}

}  // namespace tamis
