#include "tokenize/sha256.h"

#include <catch2/catch.hpp>

#include <string>

#include "tests/tokenize/test_dir.h"

namespace tamis {
namespace {

TEST_CASE("Sha256 matches the FIPS 180-4 test vectors", "[sha256]") {
  CHECK(Sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(Sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(Sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(Sha256Hex(std::string(1000000, 'a')) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("Sha256 agrees with sha256sum on every padding boundary", "[sha256]") {
  testing::TestDir dir;
  for (size_t n : {55, 56, 57, 63, 64, 65, 119, 120, 128}) {
    std::string data;
    for (size_t i = 0; i < n; ++i) data.push_back(static_cast<char>((i * 131 + 7) & 0xff));
    testing::WriteFile(dir / "in", data);
    REQUIRE(testing::Run("sha256sum " + (dir / "in") + " | cut -c1-64 > " + (dir / "out")) == 0);
    CHECK(testing::ReadFile(dir / "out") == Sha256Hex(data) + "\n");
  }
}

}  // namespace
}  // namespace tamis
