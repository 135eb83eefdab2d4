#include "pipeline/status.h"

#include <catch2/catch.hpp>

namespace tamis {
namespace {

TEST_CASE("Status context is prepended once, and not again when the message already says it",
          "[status]") {
  const Status missing = Status::NotFound("models/lid.176.ftz: No such file or directory");
  CHECK(missing.WithContext("stage langid").message() ==
        "stage langid: models/lid.176.ftz: No such file or directory");
  const Status named = Status::InvalidArgument("stage langid: unknown option 'min_scor'");
  CHECK(named.WithContext("stage langid").message() == named.message());
  CHECK(named.WithContext("stage langid").code() == StatusCode::kInvalidArgument);
  // Another stage's name is context, not a repetition.
  CHECK(named.WithContext("stage lang").message() ==
        "stage lang: stage langid: unknown option 'min_scor'");
  CHECK(Status::Ok().WithContext("x").ok());
}

}  // namespace
}  // namespace tamis
