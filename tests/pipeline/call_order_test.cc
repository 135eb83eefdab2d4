#include "pipeline/call_order.h"

#include <catch2/catch.hpp>

namespace tamis {
namespace {

using Call = CallOrder::Call;

TEST_CASE("The stage call order is Start once, Process any number of times, Finish once",
          "[pipeline][call_order]") {
  CallOrder order;
  CHECK(order.Advance(Call::kStart));
  CHECK(order.Advance(Call::kProcess));
  CHECK(order.Advance(Call::kProcess));
  CHECK(order.Advance(Call::kFinish));
  CHECK_FALSE(order.Advance(Call::kProcess));
  CHECK_FALSE(order.Advance(Call::kFinish));
  CHECK_FALSE(order.Advance(Call::kStart));
}

TEST_CASE("Processing before Start or finishing twice breaks the call order",
          "[pipeline][call_order]") {
  CallOrder early;
  CHECK_FALSE(early.Advance(Call::kProcess));
  CHECK_FALSE(early.Advance(Call::kFinish));
  CHECK(early.Advance(Call::kStart));
  CHECK_FALSE(early.Advance(Call::kStart));
  CHECK(early.Advance(Call::kFinish));  // Finish without any Process is allowed.
}

}  // namespace
}  // namespace tamis
