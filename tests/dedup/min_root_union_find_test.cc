#include "dedup/min_root_union_find.h"

#include <catch2/catch.hpp>

namespace tamis {
namespace {

TEST_CASE("Union-find roots every component at its smallest position, in any edge order",
          "[dedup]") {
  const std::vector<uint64_t> forward = {50, 7, 7, 90, 300, 200, 90, 1000};
  const std::vector<uint64_t> backward = {90, 1000, 300, 200, 7, 90, 50, 7};
  for (const auto& edges : {forward, backward}) {
    MinRootUnionFind components(edges);
    REQUIRE(components.size() == 6);
    for (uint32_t node = 0; node < components.size(); ++node) {
      const uint64_t position = components.position(node);
      const uint64_t root = components.position(components.Root(node));
      CHECK(root == (position == 200 || position == 300 ? 200 : 7));
    }
  }
}

}  // namespace
}  // namespace tamis
