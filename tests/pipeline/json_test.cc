#include "pipeline/json.h"

#include <catch2/catch.hpp>

namespace tamis {
namespace {

TEST_CASE("JSON text round-trips values, keeping key order and integer-ness", "[pipeline]") {
  std::string text =
      R"({"b":1,"a":[true,null,2.5,"x\"y\n"],"c":{"nested":-3},"d":1.0,"e":"Bonjour, 世界"})";
  auto v = ParseJson(text);
  REQUIRE(v.ok());
  CHECK(ToJson(*v) == text);
  CHECK(v->Find("b")->is_int());
  CHECK(v->Find("d")->is_double());
}

TEST_CASE("JSON strings escape control characters and keep UTF-8 as is", "[pipeline]") {
  std::string out;
  AppendJsonString(std::string("tab\there\x01 é", 12), &out);
  CHECK(out == "\"tab\\there\\u0001 é\"");
}

TEST_CASE("Invalid JSON and invalid UTF-8 are reported as corruption", "[pipeline]") {
  CHECK(ParseJson("{\"a\": ").status().code() == StatusCode::kCorruption);
  auto bad = ParseJson("{\"a\": \"R\xf4le\"}");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().message().find("UTF-8") != std::string::npos);
}

TEST_CASE("A reused JSON parser gives the same answers as fresh ones", "[pipeline]") {
  JsonParser parser;
  for (int i = 0; i < 100; ++i) {
    std::string text =
        R"({"id":)" + std::to_string(i) + R"(,"text":")" + std::string(i, 'a') + "\"}";
    auto v = parser.Parse(text);
    REQUIRE(v.ok());
    CHECK(ToJson(*v) == text);
  }
}

}  // namespace
}  // namespace tamis
