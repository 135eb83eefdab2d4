#include "readers/html_tags.h"

#include <catch2/catch.hpp>

namespace tamis {
namespace {

TEST_CASE("Tag names map to their elements and unknown names to kOther", "[html_tags]") {
  CHECK(TagOf("a") == HtmlTag::kA);
  CHECK(TagOf("address") == HtmlTag::kAddress);
  CHECK(TagOf("p") == HtmlTag::kP);
  CHECK(TagOf("pre") == HtmlTag::kPre);
  CHECK(TagOf("xmp") == HtmlTag::kXmp);
  CHECK(TagOf("video") == HtmlTag::kVideo);
  CHECK(TagOf("abbr") == HtmlTag::kOther);
  CHECK(TagOf("my-widget") == HtmlTag::kOther);
  CHECK(TagOf("") == HtmlTag::kOther);
  CHECK(TagOf("1a") == HtmlTag::kOther);
}

TEST_CASE("Each element has the role its text needs", "[html_tags]") {
  CHECK(RoleOf(HtmlTag::kScript) == TagRole::kNever);
  CHECK(RoleOf(HtmlTag::kTitle) == TagRole::kNever);
  CHECK(RoleOf(HtmlTag::kPre) == TagRole::kPre);
  CHECK(RoleOf(HtmlTag::kBr) == TagRole::kBreak);
  CHECK(RoleOf(HtmlTag::kA) == TagRole::kInline);
  CHECK(RoleOf(HtmlTag::kOther) == TagRole::kInline);
  CHECK(RoleOf(HtmlTag::kTd) == TagRole::kBlock);
  CHECK(IsHeading(HtmlTag::kH3));
  CHECK_FALSE(IsHeading(HtmlTag::kHeader));
}

}  // namespace
}  // namespace tamis
