#include "readers/http_response.h"

#include <brotli/encode.h>
#include <zlib.h>

#include <catch2/catch.hpp>

#include "tests/io/temp_dir.h"

#include "tests/io/gzip_members.h"

namespace tamis {
namespace {

using testing::Gzip;

const std::string kPage =
    testing::ReadRaw(std::string(TAMIS_TEST_DATA) + "/readers/handbook-en-apt-get.html");

std::string Brotli(std::string_view data) {
  size_t size = BrotliEncoderMaxCompressedSize(data.size());
  std::string out(size, '\0');
  BrotliEncoderCompress(BROTLI_DEFAULT_QUALITY, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT,
                        data.size(), reinterpret_cast<const uint8_t*>(data.data()), &size,
                        reinterpret_cast<uint8_t*>(out.data()));
  out.resize(size);
  return out;
}

// The body of a 200 response with `encoding`, parsed back.
Result<std::string> Body(const std::string& encoding, const std::string& body) {
  std::string block =
      "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: " + encoding + "\r\n\r\n" +
      body;
  HttpResponse response;
  REQUIRE(ParseHttpResponse(block, &response));
  return DecodedBody(response);
}

TEST_CASE("A gzip body is decoded", "[readers][http]") {
  auto body = Body("gzip", Gzip(kPage));
  REQUIRE(body.ok());
  CHECK(*body == kPage);
}

TEST_CASE("A brotli body is decoded", "[readers][http]") {
  auto body = Body("br", Brotli(kPage));
  REQUIRE(body.ok());
  CHECK(*body == kPage);
}

TEST_CASE("A plain page labelled gzip, deflate or br is read as it is", "[readers][http]") {
  for (const char* encoding : {"gzip", "x-gzip", "deflate", "br"}) {
    auto body = Body(encoding, kPage);
    REQUIRE(body.ok());
    CHECK(*body == kPage);
  }
}

TEST_CASE("A corrupt gzip or brotli body is still an error", "[readers][http]") {
  std::string gz = Gzip(kPage);
  for (size_t i = 20; i < 60; ++i) gz[i] ^= 0x5a;
  CHECK(Body("gzip", gz).status().code() == StatusCode::kCorruption);
  std::string br = Brotli(kPage);
  for (size_t i = 10; i < 50; ++i) br[i] ^= 0x5a;
  CHECK(Body("br", br).status().code() == StatusCode::kCorruption);
}

TEST_CASE("An encoding tamis does not decode is refused by name", "[readers][http]") {
  auto body = Body("compress", kPage);
  REQUIRE_FALSE(body.ok());
  CHECK(body.status().message().find("compress") != std::string::npos);
}

}  // namespace
}  // namespace tamis
