#include "pipeline/value.h"

#include <catch2/catch.hpp>

namespace tamis {

TEST_CASE("Value objects keep keys in insertion order and replace on Set", "[pipeline]") {
  Value v;
  v.Set("b", 1);
  v.Set("a", "x");
  v.Set("b", 2.5);
  REQUIRE(v.is_object());
  REQUIRE(v.as_object().size() == 2);
  CHECK(v.as_object()[0].first == "b");
  CHECK(v.Find("b")->as_number() == 2.5);
  CHECK(v.GetString("a") == "x");
  CHECK(v.GetString("missing", "fallback") == "fallback");
  CHECK(v.Erase("a"));
  CHECK_FALSE(v.Erase("a"));
}

}  // namespace tamis
