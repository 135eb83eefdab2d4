#include "filters/pii/pii_checksums.h"

#include <catch2/catch.hpp>

#include "filters/pii/ip_address.h"

namespace tamis::pii {
namespace {

TEST_CASE("Luhn accepts the networks' published test numbers and rejects a changed digit",
          "[pii]") {
  CHECK(PassesLuhn("79927398713"));
  CHECK_FALSE(PassesLuhn("79927398710"));
  CHECK(IsPaymentCardNumber("4111-1111-1111-1111"));
  CHECK(IsPaymentCardNumber("378282246310005"));
  CHECK(IsPaymentCardNumber("2223 0000 4841 0010"));
  CHECK_FALSE(IsPaymentCardNumber("4111 1111 1111 1112"));
  // Right checksum, wrong length for American Express.
  CHECK_FALSE(IsPaymentCardNumber("3400000000000009"));
  CHECK_FALSE(IsPaymentCardNumber("4111x1111"));
}

TEST_CASE("IBANs need their country's registered length and mod-97 == 1", "[pii]") {
  CHECK(IbanLength("DE") == 22);
  CHECK(IbanLength("ZZ") == 0);
  CHECK(IsValidIban("DE89 3704 0044 0532 0130 00"));
  CHECK(IsValidIban("NO9386011117947"));
  CHECK_FALSE(IsValidIban("DE89 3704 0044 0532 0130 01"));
  CHECK_FALSE(IsValidIban("DE89 3704 0044 0532 0130"));
  CHECK_FALSE(IsValidIban("de89370400440532013000"));
}

TEST_CASE("IP addresses are told public from private, loopback and documentation ranges", "[pii]") {
  CHECK(ClassifyIpv4("8.8.8.8") == IpClass::kPublic);
  CHECK(ClassifyIpv4("100.64.0.1") == IpClass::kNonPublic);
  CHECK(ClassifyIpv4("172.31.255.255") == IpClass::kNonPublic);
  CHECK(ClassifyIpv4("172.32.0.1") == IpClass::kPublic);
  CHECK(ClassifyIpv4("01.2.3.4") == IpClass::kNotAnAddress);
  CHECK(ClassifyIpv6("2001:4860:4860::8888") == IpClass::kPublic);
  CHECK(ClassifyIpv6("fd12:3456::1") == IpClass::kNonPublic);
  CHECK(ClassifyIpv6("::ffff:192.168.0.1") == IpClass::kNonPublic);
  CHECK(ClassifyIpv6("::ffff:8.8.4.4") == IpClass::kPublic);
  CHECK(ClassifyIpv6("12:30:45") == IpClass::kNotAnAddress);
}

}  // namespace
}  // namespace tamis::pii
