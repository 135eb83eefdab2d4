#include "filters/pii/pii_checksums.h"

#include <array>
#include <string>

namespace tamis::pii {
namespace {

bool IsSeparator(char c) {
  return c == ' ' || c == '-';
}

// The digits of `number` without separators; empty when something else is in it.
std::string DigitsOnly(std::string_view number) {
  std::string digits;
  digits.reserve(number.size());
  for (char c : number) {
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
    } else if (!IsSeparator(c)) {
      return {};
    }
  }
  return digits;
}

int Prefix(std::string_view digits, size_t n) {
  int value = 0;
  for (size_t i = 0; i < n && i < digits.size(); ++i) value = value * 10 + (digits[i] - '0');
  return value;
}

// One issuer number range: the first `prefix_digits` digits in [low, high], with a length in
// [min_length, max_length] (Visa's 13/16/19 is approximated by 13..19).
struct CardRange {
  int prefix_digits;
  int low, high;
  int min_length, max_length;
};

// From the networks' published IIN ranges (ISO/IEC 7812 registrations as the networks list
// them), 2024.
constexpr std::array<CardRange, 13> kCardRanges = {{
    {1, 4, 4, 13, 19},        // Visa
    {2, 51, 55, 16, 16},      // Mastercard
    {4, 2221, 2720, 16, 16},  // Mastercard 2-series
    {2, 34, 34, 15, 15},      // American Express
    {2, 37, 37, 15, 15},      // American Express
    {3, 300, 305, 14, 19},    // Diners Club
    {2, 36, 36, 14, 19},      // Diners Club
    {2, 38, 39, 14, 19},      // Diners Club
    {4, 3528, 3589, 16, 19},  // JCB
    {4, 6011, 6011, 16, 19},  // Discover
    {3, 644, 649, 16, 19},    // Discover
    {2, 62, 65, 16, 19},      // UnionPay (62), Discover (64, 65)
    {2, 50, 58, 13, 19},      // Maestro (50, 56-58; 51-55 matched above first)
}};

}  // namespace

bool PassesLuhn(std::string_view digits) {
  int sum = 0;
  bool twice = false;
  for (size_t i = digits.size(); i-- > 0;) {
    int d = digits[i] - '0';
    if (d < 0 || d > 9) return false;
    if (twice) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    twice = !twice;
  }
  return !digits.empty() && sum % 10 == 0;
}

bool IsPaymentCardNumber(std::string_view number) {
  const std::string digits = DigitsOnly(number);
  const int length = static_cast<int>(digits.size());
  if (length < 13 || length > 19) return false;
  bool issued = false;
  for (const CardRange& range : kCardRanges) {
    const int prefix = Prefix(digits, range.prefix_digits);
    if (prefix >= range.low && prefix <= range.high && length >= range.min_length &&
        length <= range.max_length) {
      issued = true;
      break;
    }
  }
  return issued && PassesLuhn(digits);
}

int IbanLength(std::string_view country) {
  // ISO 13616 registry (SWIFT IBAN Registry, release 98, 2024): country, total length.
  static constexpr std::pair<std::string_view, int> kLengths[] = {
      {"AD", 24}, {"AE", 23}, {"AL", 28}, {"AT", 20}, {"AZ", 28}, {"BA", 20}, {"BE", 16},
      {"BG", 22}, {"BH", 22}, {"BI", 27}, {"BR", 29}, {"BY", 28}, {"CH", 21}, {"CR", 22},
      {"CY", 28}, {"CZ", 24}, {"DE", 22}, {"DJ", 27}, {"DK", 18}, {"DO", 28}, {"EE", 20},
      {"EG", 29}, {"ES", 24}, {"FI", 18}, {"FK", 18}, {"FO", 18}, {"FR", 27}, {"GB", 22},
      {"GE", 22}, {"GI", 23}, {"GL", 18}, {"GR", 27}, {"GT", 28}, {"HR", 21}, {"HU", 28},
      {"IE", 22}, {"IL", 23}, {"IQ", 23}, {"IS", 26}, {"IT", 27}, {"JO", 30}, {"KW", 30},
      {"KZ", 20}, {"LB", 28}, {"LC", 32}, {"LI", 21}, {"LT", 20}, {"LU", 20}, {"LV", 21},
      {"LY", 25}, {"MC", 27}, {"MD", 24}, {"ME", 22}, {"MK", 19}, {"MN", 20}, {"MR", 27},
      {"MT", 31}, {"MU", 30}, {"NI", 28}, {"NL", 18}, {"NO", 15}, {"OM", 23}, {"PK", 24},
      {"PL", 28}, {"PS", 29}, {"PT", 25}, {"QA", 29}, {"RO", 24}, {"RS", 22}, {"RU", 33},
      {"SA", 24}, {"SC", 31}, {"SD", 18}, {"SE", 24}, {"SI", 19}, {"SK", 24}, {"SM", 27},
      {"SO", 23}, {"ST", 25}, {"SV", 28}, {"TL", 23}, {"TN", 24}, {"TR", 26}, {"UA", 29},
      {"VA", 22}, {"VG", 24}, {"XK", 20}, {"YE", 30},
  };
  for (const auto& [code, length] : kLengths) {
    if (code == country) return length;
  }
  return 0;
}

bool IsValidIban(std::string_view iban) {
  std::string compact;
  compact.reserve(iban.size());
  for (char c : iban) {
    if (c == ' ') continue;
    if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'))) return false;
    compact.push_back(c);
  }
  if (compact.size() < 4 || static_cast<int>(compact.size()) != IbanLength(compact.substr(0, 2))) {
    return false;
  }
  // The check moves the first four characters to the end, reads letters as 10..35 and takes
  // the whole as one decimal number mod 97, digit by digit so nothing overflows.
  int remainder = 0;
  for (size_t k = 0; k < compact.size(); ++k) {
    const char c = compact[(k + 4) % compact.size()];
    if (c <= '9') {
      remainder = (remainder * 10 + (c - '0')) % 97;
    } else {
      remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
    }
  }
  return remainder == 1;
}

}  // namespace tamis::pii
