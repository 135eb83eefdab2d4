#include "pipeline/yaml.h"

#include <catch2/catch.hpp>

namespace tamis {
namespace {

TEST_CASE("YAML scalars become values by their look, quoted ones stay strings",
          "[pipeline][yaml]") {
  auto v = ParseYaml("a: 3\nb: 0.5\nc: true\nd: ~\ne: text\nf: '3'\ng: [x, 2]\n", "t.yaml");
  REQUIRE(v.ok());
  CHECK(v->Find("a")->as_int() == 3);
  CHECK(v->Find("b")->as_number() == 0.5);
  CHECK(v->Find("c")->as_bool());
  CHECK(v->Find("d")->is_null());
  CHECK(v->Find("e")->as_string() == "text");
  CHECK(v->Find("f")->as_string() == "3");
  CHECK(v->Find("g")->as_array().size() == 2);
}

TEST_CASE("A YAML mapping with a key twice is an error naming the key and line",
          "[pipeline][yaml]") {
  auto v = ParseYaml("output: a\nthreads: 2\noutput: b\n", "p.yaml");
  REQUIRE_FALSE(v.ok());
  CHECK(v.status().message().find("p.yaml") != std::string::npos);
  CHECK(v.status().message().find("'output'") != std::string::npos);
  CHECK(v.status().message().find("line 3") != std::string::npos);
}

TEST_CASE("A YAML alias bomb is an error instead of exhausting memory", "[pipeline][yaml]") {
  // Nine levels of nine aliases: 9^9 = 387 million values if expanded.
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n";
  char prev = 'a';
  for (char c = 'b'; c <= 'i'; ++c) {
    bomb += std::string(1, c) + ": &" + c + " [";
    for (int i = 0; i < 9; ++i) bomb += std::string(i ? ", *" : "*") + prev;
    bomb += "]\n";
    prev = c;
  }
  auto v = ParseYaml(bomb, "bomb.yaml");
  REQUIRE_FALSE(v.ok());
  CHECK(v.status().message().find("bomb.yaml") != std::string::npos);
  CHECK(v.status().message().find("expands to more than") != std::string::npos);
}

TEST_CASE("Invalid YAML is an error naming the file", "[pipeline][yaml]") {
  auto v = ParseYaml("a: [unclosed\n", "bad.yaml");
  REQUIRE_FALSE(v.ok());
  CHECK(v.status().message().find("bad.yaml") != std::string::npos);
}

}  // namespace
}  // namespace tamis
