// PiiScanner: finds e-mail addresses, IP addresses, phone numbers, IBANs, payment cards and
// secrets in a text in one left-to-right pass, and replaces them with tokens.
//
// How: every pattern of every enabled kind is one alternative of a single RE2, so the text is
// scanned once by RE2's DFA whatever the number of patterns; only the span of a candidate is
// re-matched for its sub-groups. A candidate then goes through its kind's check (pii_checksums.h,
// ip_address.h, digit counts, and the characters on either side, since RE2 has no look-around);
// a candidate that fails is skipped as a whole, so a look-alike (a card number whose Luhn digit
// is wrong, an ISBN, a date, the tail of a longer number) stays exactly as it was.
// A few candidates shrink instead of failing (a card's optional fifth group, a phone number's
// trailing groups beyond the 15 digits of E.164, an IBAN followed by more capitals): the rest
// is scanned again.
//
// Ownership and threads: immutable after Create(); Scan() and Redact() are const and safe to
// call from many threads at once (RE2 is thread-safe). The caller owns the buffers.
#ifndef TAMIS_FILTERS_PII_PII_SCANNER_H_
#define TAMIS_FILTERS_PII_PII_SCANNER_H_

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "filters/pii/pii_kind.h"
#include "pipeline/status.h"

namespace re2 {
class RE2;
}

namespace tamis::pii {

struct PiiScannerOptions {
  std::array<bool, kPiiKindCount> enabled = {true, true, true, true, true, true};
  // Replacement per kind, in PiiKind order.
  std::array<std::string, kPiiKindCount> tokens = {
      std::string(kDefaultPiiTokens[0]), std::string(kDefaultPiiTokens[1]),
      std::string(kDefaultPiiTokens[2]), std::string(kDefaultPiiTokens[3]),
      std::string(kDefaultPiiTokens[4]), std::string(kDefaultPiiTokens[5])};
  // Replace only publicly routable IP addresses; keep 10.0.0.1, ::1, 192.0.2.7, ...
  bool public_ips_only = false;
};

struct PiiMatch {
  PiiKind kind;
  size_t begin, end;  // Byte offsets in the scanned text.
};

using PiiCounts = std::array<uint32_t, kPiiKindCount>;

// One pattern of the combined RE2, in scan order; for benchmarks that apply the same patterns
// one by one with another engine (bench/scrub/).
struct PiiPattern {
  PiiKind kind;
  std::string_view regex;
};
std::vector<PiiPattern> PiiPatterns();

class PiiScanner {
 public:
  // Fails only when no kind is enabled (or on an internal pattern error, a bug).
  static Result<std::unique_ptr<PiiScanner>> Create(PiiScannerOptions options);
  ~PiiScanner();

  // Appends every accepted match of `text`, in text order, non-overlapping, to `out`.
  void Scan(std::string_view text, std::vector<PiiMatch>* out) const;

  // Writes `text` with every match replaced by its kind's token into `out` (cleared first)
  // and returns the counts per kind. `matches` is scratch space, reused across calls.
  PiiCounts Redact(std::string_view text, std::string* out, std::vector<PiiMatch>* matches) const;

  const PiiScannerOptions& options() const { return options_; }

  // One alternative of the combined pattern; public for the .cc's tables only.
  enum class Check { kNone, kEmail, kIpv4, kIpv6, kIban, kCard, kPhone, kNanpPhone, kValue };

 private:
  struct Alternative {
    PiiKind kind;
    Check check;
    int group;        // Its capturing group in the combined RE2.
    int value_group;  // The group holding the value to replace (a secret after its key), or 0.
  };

  explicit PiiScanner(PiiScannerOptions options);
  // The accepted [begin, end) of a candidate, or begin == end when it is rejected.
  std::pair<size_t, size_t> Accept(Check check, std::string_view text, size_t begin,
                                   size_t end) const;

  PiiScannerOptions options_;
  std::unique_ptr<re2::RE2> re_;
  std::vector<Alternative> alternatives_;
  int groups_ = 0;
};

}  // namespace tamis::pii

#endif  // TAMIS_FILTERS_PII_PII_SCANNER_H_
