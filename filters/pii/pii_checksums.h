// Checksums that separate real account numbers from look-alikes: the Luhn check digit of
// payment cards (ISO/IEC 7812) with the card networks' number ranges, and the IBAN check
// (ISO 13616: per-country length, mod-97 == 1).
//
// Pure functions over ASCII; spaces and dashes in the input are skipped, any other non-digit
// (non-alphanumeric for IBANs) makes the check fail. Thread-safe.
#ifndef TAMIS_FILTERS_PII_PII_CHECKSUMS_H_
#define TAMIS_FILTERS_PII_PII_CHECKSUMS_H_

#include <string_view>

namespace tamis::pii {

// True when the digits pass the Luhn check.
bool PassesLuhn(std::string_view digits);

// True when the digits are a plausible payment card: 13 to 19 digits, a number range and
// length some network issues (Visa, Mastercard, American Express, Discover, Diners, JCB,
// UnionPay, Maestro), and a valid Luhn digit.
bool IsPaymentCardNumber(std::string_view number);

// The IBAN length ISO 13616 registers for a country ("DE" -> 22); 0 for an unknown country.
int IbanLength(std::string_view country);

// True when `iban` (upper case, spaces allowed) has its country's length and mod-97 == 1.
bool IsValidIban(std::string_view iban);

}  // namespace tamis::pii

#endif  // TAMIS_FILTERS_PII_PII_CHECKSUMS_H_
