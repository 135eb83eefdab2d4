// HttpResponse: the status, headers and body of an HTTP/1.x response stored in a WARC
// `response` record block.
//
// Crawlers store the response as it came off the wire, so the body may still be chunked or
// compressed: Common Crawl removes both (keeping X-Crawler-Transfer-Encoding and
// X-Crawler-Content-Encoding to say so), wget keeps them. DecodedBody() undoes chunked transfer
// encoding and gzip, deflate and br content encoding; other encodings (zstd, compress) are
// reported as unsupported so the record is skipped with a reason rather than extracted as
// garbage. A body labelled compressed that is not (no gzip magic number, or a deflate or br
// body that does not decode but starts with markup) is returned as it is: servers mislabel
// plain pages, and the page is still the page.
//
// Views point into the WARC block: the record must outlive the response.
#ifndef TAMIS_READERS_HTTP_RESPONSE_H_
#define TAMIS_READERS_HTTP_RESPONSE_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pipeline/status.h"

namespace tamis {

struct HttpResponse {
  int status = 0;
  std::vector<std::pair<std::string_view, std::string_view>> headers;
  std::string_view body;  // As stored: possibly chunked and/or compressed.

  // First header with this name (case-insensitive); empty when absent.
  std::string_view Header(std::string_view name) const;
  // The media type of Content-Type, lowercased, without parameters ("text/html").
  std::string MediaType() const;
  // The charset parameter of Content-Type, as written; empty when absent.
  std::string_view Charset() const;
};

// Parses the status line and headers; false when the block is not an HTTP/1.x response.
bool ParseHttpResponse(std::string_view block, HttpResponse* out);

// The body with transfer and content encodings removed. kCorruption for a broken chunked or
// compressed body, kInvalidArgument for an encoding tamis does not decode.
Result<std::string> DecodedBody(const HttpResponse& response);

}  // namespace tamis

#endif  // TAMIS_READERS_HTTP_RESPONSE_H_
