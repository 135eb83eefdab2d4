#include "filters/pii/pii_stage.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "tests/filters/run_one_batch.h"

namespace tamis {
namespace {

std::unique_ptr<Stage> MakeStage(const Value& options) {
  return testing::MakeStage(&CreatePiiStage, options);
}

Value Run(Stage& stage, std::vector<Document>& docs) {
  return testing::RunOneBatch(stage, docs);
}

Document Doc(std::string text) {
  Document doc;
  doc.text = std::move(text);
  return doc;
}

TEST_CASE("The pii stage records counts per kind and one note per replacement", "[pii]") {
  auto stage = MakeStage(Value::EmptyObject());
  std::vector<Document> docs;
  docs.push_back(Doc("Mail a@example.com or b@example.org from 203.0.113.9."));
  docs.push_back(Doc("Nothing personal here, version 1.2.3 of 2024."));
  const Value report = Run(*stage, docs);
  CHECK(docs[0].text == "Mail <email-pii> or <email-pii> from <ip-pii>.");
  const Value* pii = docs[0].metadata.Find("pii");
  REQUIRE(pii != nullptr);
  CHECK(pii->Find("email")->as_int() == 2);
  CHECK(pii->Find("ip")->as_int() == 1);
  CHECK(pii->Find("card") == nullptr);
  REQUIRE(docs[0].ledger.size() == 3);
  CHECK(docs[0].ledger[0].stage == "pii");
  CHECK(docs[0].ledger[0].rule == "email");
  CHECK(docs[0].ledger[2].rule == "ip");
  CHECK_FALSE(docs[0].dropped());
  CHECK(docs[1].metadata.Find("pii") == nullptr);
  CHECK(docs[1].ledger.empty());
  CHECK(report.Find("documents")->as_int() == 2);
  CHECK(report.Find("documents_changed")->as_int() == 1);
  CHECK(report.Find("replaced")->Find("email")->as_int() == 2);
  CHECK(report.Find("replaced")->Find("secret")->as_int() == 0);
}

TEST_CASE("Documents above max_pii are dropped with their text already redacted", "[pii]") {
  Value options = Value::EmptyObject();
  options.Set("max_pii", 1);
  Value tokens = Value::EmptyObject();
  tokens.Set("phone", "[PHONE]");
  options.Set("tokens", tokens);
  options.Set("kinds", Value(Value::Array{Value("phone"), Value("email")}));
  auto stage = MakeStage(options);
  std::vector<Document> docs;
  docs.push_back(Doc("+49 30 12345678, +49 30 87654321 and 93.184.216.34"));
  docs.push_back(Doc("call +49 30 12345678"));
  const Value report = Run(*stage, docs);
  REQUIRE(docs[0].dropped());
  CHECK(docs[0].drop_entry()->rule == "too_much_pii");
  CHECK(docs[0].drop_entry()->score == 2);
  CHECK(docs[0].text == "[PHONE], [PHONE] and 93.184.216.34");
  CHECK_FALSE(docs[1].dropped());
  CHECK(report.Find("documents_dropped")->as_int() == 1);
  CHECK(report.Find("replaced")->Find("ip") == nullptr);
}

TEST_CASE("Bad pii options are errors naming the option", "[pii]") {
  const auto error = [](std::string_view key, Value value) {
    Value options = Value::EmptyObject();
    options.Set(key, std::move(value));
    Result<std::unique_ptr<Stage>> stage = CreatePiiStage(options);
    REQUIRE_FALSE(stage.ok());
    return stage.status().ToString();
  };
  CHECK_THAT(error("kinds", "passport"), Catch::Contains("'passport'"));
  CHECK_THAT(error("kinds", Value::EmptyArray()), Catch::Contains("no kind"));
  Value tokens = Value::EmptyObject();
  tokens.Set("mail", "x");
  CHECK_THAT(error("tokens", tokens), Catch::Contains("'mail'"));
  CHECK_THAT(error("tokens", "x"), Catch::Contains("tokens"));
  CHECK_THAT(error("public_ip_only", true), Catch::Contains("public_ip_only"));
}

}  // namespace
}  // namespace tamis
