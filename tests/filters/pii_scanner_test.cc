#include "filters/pii/pii_scanner.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <string>
#include <vector>

#include "pipeline/json.h"

namespace tamis::pii {
namespace {

std::unique_ptr<PiiScanner> Scanner(PiiScannerOptions options = {}) {
  Result<std::unique_ptr<PiiScanner>> scanner = PiiScanner::Create(std::move(options));
  REQUIRE(scanner.ok());
  return std::move(scanner).value();
}

std::string Redacted(const PiiScanner& scanner, std::string_view text) {
  std::string out;
  std::vector<PiiMatch> matches;
  scanner.Redact(text, &out, &matches);
  return matches.empty() ? std::string(text) : out;
}

// tests/data/pii/planted.jsonl: documents in seven languages, each listing the PII values
// planted in it (metadata.planted) and the look-alikes that must survive (metadata.decoys).
TEST_CASE("Every planted PII value is replaced by its kind's token and every decoy survives",
          "[pii]") {
  const auto scanner = Scanner();
  std::ifstream in(TAMIS_TEST_DATA "/pii/planted.jsonl");
  std::string line;
  int documents = 0;
  while (std::getline(in, line)) {
    Result<Value> doc = ParseJson(line);
    REQUIRE(doc.ok());
    const std::string text(doc->GetString("text"));
    const Value& metadata = *doc->Find("metadata");
    INFO(doc->GetString("id"));
    std::string out;
    std::vector<PiiMatch> matches;
    const PiiCounts counts = scanner->Redact(text, &out, &matches);
    PiiCounts expected{};
    for (const Value& planted : metadata.Find("planted")->as_array()) {
      const std::string& value = planted.Find("value")->as_string();
      const PiiKind kind = *ParsePiiKind(planted.Find("kind")->as_string());
      ++expected[static_cast<size_t>(kind)];
      INFO(value);
      CHECK(out.find(value) == std::string::npos);
    }
    for (const Value& decoy : metadata.Find("decoys")->as_array()) {
      INFO(decoy.as_string());
      CHECK(out.find(decoy.as_string()) != std::string::npos);
    }
    CHECK(counts == expected);
    ++documents;
  }
  CHECK(documents == 8);
}

TEST_CASE("Replacements use the configured tokens and keep the surrounding text", "[pii]") {
  PiiScannerOptions options;
  options.tokens[static_cast<size_t>(PiiKind::kEmail)] = "[EMAIL]";
  const auto scanner = Scanner(options);
  CHECK(Redacted(*scanner, "Write to ops@example.org, or call +44 20 7946 0958.") ==
        "Write to [EMAIL], or call <phone-pii>.");
}

TEST_CASE("E-mail addresses with tags and subdomains are found whole", "[pii]") {
  const auto scanner = Scanner();
  CHECK(Redacted(*scanner, "<a.b+c-d@x.y.example.co.uk>") == "<<email-pii>>");
  CHECK(Redacted(*scanner, "mailto:first_last%1@sub.example.com?subject=hi") ==
        "mailto:<email-pii>?subject=hi");
  // Not addresses: no domain dot, a dot at the edge of the local part.
  CHECK(Redacted(*scanner, "root@localhost and .x@example.com") ==
        "root@localhost and .x@example.com");
}

TEST_CASE("Card numbers are replaced only when Luhn and the issuer ranges accept them", "[pii]") {
  const auto scanner = Scanner();
  CHECK(Redacted(*scanner, "paid with 5105 1051 0510 5100 today") == "paid with <card-pii> today");
  CHECK(Redacted(*scanner, "paid with 5105 1051 0510 5101 today") ==
        "paid with 5105 1051 0510 5101 today");
  // Luhn-valid but no network issues numbers starting with 9 (an ISBN-like figure).
  CHECK(Redacted(*scanner, "ref 9999999999999995") == "ref 9999999999999995");
  // A card followed by a year: the year is not taken into the number.
  CHECK(Redacted(*scanner, "card 4111 1111 1111 1111 2025") == "card <card-pii> 2025");
  // The tail of a longer digit run is not a card.
  CHECK(Redacted(*scanner, "id 94111111111111111") == "id 94111111111111111");
}

TEST_CASE("IBANs are replaced only with their country's length and a valid mod-97", "[pii]") {
  const auto scanner = Scanner();
  CHECK(Redacted(*scanner, "IBAN: GB29 NWBK 6016 1331 9268 19 BIC NWBKGB2L") ==
        "IBAN: <iban-pii> BIC NWBKGB2L");
  CHECK(Redacted(*scanner, "IBAN: GB29 NWBK 6016 1331 9268 18") ==
        "IBAN: GB29 NWBK 6016 1331 9268 18");
  CHECK(Redacted(*scanner, "XXDE89370400440532013000") == "XXDE89370400440532013000");
}

TEST_CASE("The public-only option keeps private and documentation addresses", "[pii]") {
  PiiScannerOptions options;
  options.public_ips_only = true;
  const auto scanner = Scanner(options);
  CHECK(Redacted(*scanner, "10.1.2.3 192.0.2.7 172.20.0.1 ::1 fe80::1 2001:db8::1") ==
        "10.1.2.3 192.0.2.7 172.20.0.1 ::1 fe80::1 2001:db8::1");
  CHECK(Redacted(*scanner, "dns 149.112.112.112 and 2606:4700:4700::1111") ==
        "dns <ip-pii> and <ip-pii>");
  CHECK(Redacted(*Scanner(), "10.100.2.3 and 300.1.2.3") == "<ip-pii> and 300.1.2.3");
  // Dotted quads of small numbers are section numbers, not addresses.
  CHECK(Redacted(*Scanner(), "11.1.3.4. LVM Concepts") == "11.1.3.4. LVM Concepts");
}

TEST_CASE("Disabled kinds are left in the text", "[pii]") {
  PiiScannerOptions options;
  options.enabled.fill(false);
  options.enabled[static_cast<size_t>(PiiKind::kSecret)] = true;
  const auto scanner = Scanner(options);
  CHECK(Redacted(*scanner, "a@example.com AKIAIOSFODNN7EXAMPLE") == "a@example.com <secret-pii>");
  options.enabled.fill(false);
  CHECK_FALSE(PiiScanner::Create(options).ok());
}

TEST_CASE("Invalid UTF-8, empty and huge texts are scanned without trouble", "[pii]") {
  const auto scanner = Scanner();
  CHECK(Redacted(*scanner, "") == "");
  CHECK(Redacted(*scanner, "\xff\xfe x@example.com \xc3") == "\xff\xfe <email-pii> \xc3");
  // An unterminated key block and a long run of digits and separators: linear, no match.
  std::string huge = "-----BEGIN PRIVATE KEY-----\n";
  for (int i = 0; i < 200000; ++i) huge += "12 ";
  huge += "mail me@example.net";
  const std::string out = Redacted(*scanner, huge);
  CHECK(out.ends_with("mail <email-pii>"));
  CHECK(out.size() == huge.size() - std::string("me@example.net").size() + 11);
}

}  // namespace
}  // namespace tamis::pii
