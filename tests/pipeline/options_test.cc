#include "pipeline/options.h"

#include <catch2/catch.hpp>

namespace tamis {

TEST_CASE("Options reject a misspelt key naming the stage", "[pipeline]") {
  Value config;
  config.Set("min_scor", 0.5);
  Options opts(config, "stage langid");
  CHECK(opts.Number("min_score", 0.1) == 0.1);
  Status s = opts.Finish();
  REQUIRE_FALSE(s.ok());
  CHECK(s.message().find("min_scor") != std::string::npos);
  CHECK(s.message().find("stage langid") != std::string::npos);
}

TEST_CASE("Options read typed values and accept a string as a one-element list", "[pipeline]") {
  Value config;
  config.Set("languages", "fra_Latn");
  config.Set("threshold", 3);
  config.Set("strict", true);
  Options opts(config, "stage x");
  CHECK(opts.StringList("languages") == std::vector<std::string>{"fra_Latn"});
  CHECK(opts.Number("threshold", 0) == 3.0);
  CHECK(opts.Int("threshold", 0) == 3);
  CHECK(opts.Bool("strict", false));
  CHECK(opts.Finish().ok());
}

TEST_CASE("Options report a wrongly typed value", "[pipeline]") {
  Value config;
  config.Set("threshold", "high");
  Options opts(config, "stage x");
  opts.Number("threshold", 0);
  CHECK(opts.Finish().code() == StatusCode::kInvalidArgument);
}

}  // namespace tamis
