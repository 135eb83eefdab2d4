// PiiKind: the six kinds of personal or secret data the pii stage replaces, with their stable
// names (metadata.pii keys, ledger rules, option keys) and default replacement tokens.
//
// The names and tokens are part of tamis's output: changing one changes output bytes and the
// stats keys users query, so they are pinned here and nowhere else.
#ifndef TAMIS_FILTERS_PII_PII_KIND_H_
#define TAMIS_FILTERS_PII_PII_KIND_H_

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace tamis::pii {

enum class PiiKind { kEmail, kIp, kPhone, kIban, kCard, kSecret };

inline constexpr size_t kPiiKindCount = 6;

// In PiiKind order.
inline constexpr std::array<std::string_view, kPiiKindCount> kPiiKindNames = {
    "email", "ip", "phone", "iban", "card", "secret"};
inline constexpr std::array<std::string_view, kPiiKindCount> kDefaultPiiTokens = {
    "<email-pii>", "<ip-pii>", "<phone-pii>", "<iban-pii>", "<card-pii>", "<secret-pii>"};

inline std::string_view PiiKindName(PiiKind kind) {
  return kPiiKindNames[static_cast<size_t>(kind)];
}

inline std::optional<PiiKind> ParsePiiKind(std::string_view name) {
  for (size_t i = 0; i < kPiiKindCount; ++i) {
    if (kPiiKindNames[i] == name) return static_cast<PiiKind>(i);
  }
  return std::nullopt;
}

}  // namespace tamis::pii

#endif  // TAMIS_FILTERS_PII_PII_KIND_H_
