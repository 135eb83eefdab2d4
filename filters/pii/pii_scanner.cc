#include "filters/pii/pii_scanner.h"

#include <re2/re2.h>

#include "filters/pii/ip_address.h"
#include "filters/pii/pii_checksums.h"

namespace tamis::pii {
namespace {

using Check = PiiScanner::Check;

struct Pattern {
  PiiKind kind;
  Check check;
  const char* regex;  // RE2 syntax. A capturing group, if any, holds the value to replace.
};

// Order matters twice: RE2 reports the leftmost match, and among alternatives starting at the
// same byte the first listed. Secrets come first (a key may contain an e-mail-like run),
// e-mail before the number kinds ("4111...@bank.example" is an address), IBAN before cards.
// Every number pattern is anchored on fixed group layouts rather than "digits and separators"
// so that a greedy match cannot swallow the number next to it.
constexpr Pattern kPatterns[] = {
    // Private keys in PEM armour. The body class excludes '.' and '@', so an unterminated
    // BEGIN line dies at the next sentence instead of keeping the DFA alive to the end.
    {PiiKind::kSecret, Check::kNone,
     R"(-----BEGIN [A-Z0-9 ]{0,32}PRIVATE KEY(?: BLOCK)?-----[A-Za-z0-9+/=\s:,-]*?-----END [A-Z0-9 ]{0,32}PRIVATE KEY(?: BLOCK)?-----)"},
    // AWS access key ids (AKIA long-term, ASIA temporary, and the other documented prefixes).
    {PiiKind::kSecret, Check::kNone,
     R"(\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|AROA|APKA)[A-Z0-9]{16}\b)"},
    // GitHub tokens: classic (ghp_, gho_, ghu_, ghs_, ghr_) and fine-grained.
    {PiiKind::kSecret, Check::kNone, R"(\bgh[pousr]_[A-Za-z0-9]{36}\b)"},
    {PiiKind::kSecret, Check::kNone, R"(\bgithub_pat_[A-Za-z0-9_]{82})"},
    // Slack tokens (bot, user, app, refresh, ...).
    {PiiKind::kSecret, Check::kNone, R"(\bxox[abposr]-[A-Za-z0-9]{8}[A-Za-z0-9-]*)"},
    // Google API keys.
    {PiiKind::kSecret, Check::kNone, R"(\bAIza[0-9A-Za-z_-]{35})"},
    // Stripe live secret and restricted keys.
    {PiiKind::kSecret, Check::kNone, R"(\b[rs]k_live_[0-9A-Za-z]{24}[0-9A-Za-z]*)"},
    // JSON Web Tokens: header.payload.signature, base64url, header and payload JSON objects.
    {PiiKind::kSecret, Check::kNone,
     R"(\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,})"},
    // Bearer tokens in HTTP examples: only the token is replaced.
    {PiiKind::kSecret, Check::kValue, R"(\b[Bb]earer[ \t]+([A-Za-z0-9._~+/-]{20,}=*))"},
    // key = value assignments in code and config: only the value is replaced.
    {PiiKind::kSecret, Check::kValue,
     R"((?i:aws_secret_access_key|api[_-]?key|secret[_-]?key|access[_-]?token|auth[_-]?token|client[_-]?secret|password)["']?[ \t]*[:=][ \t]*["']?([A-Za-z0-9/+_.=-]{16,}))"},
    {PiiKind::kEmail, Check::kEmail,
     R"([A-Za-z0-9._%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,24})"},
    // IBAN: country, check digits, then groups of four (compact or space-grouped).
    {PiiKind::kIban, Check::kIban, R"([A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?)"},
    {PiiKind::kIp, Check::kIpv6,
     R"([0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?:\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3})?)"},
    {PiiKind::kIp, Check::kIpv4,
     R"((?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(?:\.(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3})"},
    // Cards: compact, 4-4-4-4(-3) and 4-6-5/4-6-4 (American Express, Diners), with one
    // separator kind throughout.
    {PiiKind::kCard, Check::kCard,
     R"([0-9]{13,19}|[0-9]{4}(?: [0-9]{4}){3}(?: [0-9]{3})?|[0-9]{4}(?:-[0-9]{4}){3}(?:-[0-9]{3})?|[0-9]{4} [0-9]{6} [0-9]{4,5}|[0-9]{4}-[0-9]{6}-[0-9]{4,5})"},
    // International: +CC, an optional "(0)" and area code in parentheses, then digit groups.
    {PiiKind::kPhone, Check::kPhone,
     R"(\+[1-9][0-9]{0,2}(?:[ .-]?\(0\))?(?:[ .-]?\([0-9]{1,4}\))?(?:[ .-]?[0-9]{1,5}){1,6})"},
    // North American: (555) 123-4567, 555-123-4567, 555.123.4567; the area code needs its
    // parentheses or a separator, or "523248 1676" in a table of figures would match.
    {PiiKind::kPhone, Check::kNanpPhone,
     R"((?:\([2-9][0-9]{2}\) ?|[2-9][0-9]{2}[ .-])[2-9][0-9]{2}[ .-][0-9]{4})"},
    // National trunk-prefix formats: 01 23 45 67 89 (France, Belgium, ...; one separator kind),
    // 030 1234 5678, 0211 1234567, 020 7946 0958 (Germany, UK, Italy, ...).
    {PiiKind::kPhone, Check::kPhone,
     R"(0[1-9](?: [0-9]{2}){4}|0[1-9](?:\.[0-9]{2}){4}|0[1-9](?:-[0-9]{2}){4}|0[1-9][0-9]{8}|0[1-9][0-9]{1,3}[ /-][0-9]{3,4}[ -]?[0-9]{3,4})"},
};

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}
bool IsAlnum(char c) {
  return IsDigit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}
// Characters that join numbers into one figure ("1.2.3.4.5", "2024-01-15", "12/31").
bool IsConnector(char c) {
  return c == '.' || c == '-' || c == '/';
}

// No look-around in RE2, so the neighbours of a number candidate are checked here: it must not
// continue a word or a longer figure on either side.
bool StandsAloneLeft(std::string_view text, size_t begin) {
  if (begin == 0) return true;
  const char before = text[begin - 1];
  if (IsAlnum(before) || before == '+') return false;
  return !(IsConnector(before) && begin >= 2 && IsDigit(text[begin - 2]));
}
bool StandsAloneRight(std::string_view text, size_t end) {
  if (end >= text.size()) return true;
  const char after = text[end];
  if (IsAlnum(after)) return false;
  return !(IsConnector(after) && end + 1 < text.size() && IsDigit(text[end + 1]));
}
bool StandsAlone(std::string_view text, size_t begin, size_t end) {
  return StandsAloneLeft(text, begin) && StandsAloneRight(text, end);
}

int CountDigits(std::string_view s) {
  int n = 0;
  for (char c : s) n += IsDigit(c);
  return n;
}

// The end of `span` without its last group of digits and the separators before it.
size_t WithoutLastGroup(std::string_view text, size_t begin, size_t end) {
  while (end > begin && IsDigit(text[end - 1])) --end;
  while (end > begin && !IsDigit(text[end - 1])) --end;
  return end;
}

// Section and version numbers ("see 8.2.3.1", "11.1.3.4. LVM Concepts") are dotted quads of
// small numbers; a public address has all four octets in 1..30 with probability (30/256)^4,
// about 0.02%, so such quads are taken for outline numbers, not addresses.
bool LooksLikeOutlineNumber(std::string_view quad) {
  int octet = 0;
  for (size_t i = 0; i <= quad.size(); ++i) {
    if (i < quad.size() && quad[i] != '.') {
      octet = octet * 10 + (quad[i] - '0');
      continue;
    }
    if (octet < 1 || octet > 30) return false;
    octet = 0;
  }
  return true;
}

constexpr std::pair<size_t, size_t> kRejected = {0, 0};

// Capturing groups of the combined pattern (21 with every kind) plus the whole match.
constexpr int kMaxGroups = 32;

}  // namespace

std::vector<PiiPattern> PiiPatterns() {
  std::vector<PiiPattern> out;
  for (const Pattern& p : kPatterns) out.push_back({p.kind, p.regex});
  return out;
}

PiiScanner::PiiScanner(PiiScannerOptions options) : options_(std::move(options)) {}
PiiScanner::~PiiScanner() = default;

Result<std::unique_ptr<PiiScanner>> PiiScanner::Create(PiiScannerOptions options) {
  std::unique_ptr<PiiScanner> scanner(new PiiScanner(std::move(options)));
  std::string combined;
  int group = 1;
  for (const Pattern& p : kPatterns) {
    if (!scanner->options_.enabled[static_cast<size_t>(p.kind)]) continue;
    const int inner = RE2(p.regex).NumberOfCapturingGroups();
    scanner->alternatives_.push_back({p.kind, p.check, group, inner > 0 ? group + 1 : 0});
    combined += combined.empty() ? "(" : "|(";
    combined += p.regex;
    combined += ")";
    group += 1 + inner;
  }
  if (scanner->alternatives_.empty()) {
    return Status::InvalidArgument("stage pii: no kind enabled");
  }
  RE2::Options re2_options;
  re2_options.set_log_errors(false);
  // The DFA's cache: the combined pattern has a few hundred states on web text; the default
  // 8 MiB would make RE2 fall back to its much slower NFA on long documents.
  re2_options.set_max_mem(int64_t{64} << 20);
  scanner->re_ = std::make_unique<RE2>(combined, re2_options);
  if (!scanner->re_->ok()) {
    return Status::Internal("stage pii: pattern does not compile: " + scanner->re_->error());
  }
  scanner->groups_ = group;
  if (group > kMaxGroups) {
    return Status::Internal("stage pii: " + std::to_string(group) + " groups > kMaxGroups");
  }
  return scanner;
}

std::pair<size_t, size_t> PiiScanner::Accept(Check check, std::string_view text, size_t begin,
                                             size_t end) const {
  const std::string_view span = text.substr(begin, end - begin);
  switch (check) {
    case Check::kNone: return {begin, end};
    case Check::kValue: {
      bool letter = false, digit = false;
      for (char c : span) {
        digit |= IsDigit(c);
        letter |= IsAlnum(c) && !IsDigit(c);
      }
      return letter && digit ? std::pair{begin, end} : kRejected;
    }
    case Check::kEmail: {
      const size_t at = span.find('@');
      const std::string_view local = span.substr(0, at);
      if (local.front() == '.' || local.back() == '.' || local.find("..") != local.npos ||
          local.size() > 64) {
        return kRejected;
      }
      return end < text.size() && IsAlnum(text[end]) ? kRejected : std::pair{begin, end};
    }
    case Check::kIpv4: {
      if (!StandsAlone(text, begin, end) || LooksLikeOutlineNumber(span)) return kRejected;
      const IpClass ip = ClassifyIpv4(span);
      if (ip == IpClass::kNotAnAddress) return kRejected;
      return ip == IpClass::kPublic || !options_.public_ips_only ? std::pair{begin, end}
                                                                 : kRejected;
    }
    case Check::kIpv6: {
      // A decimal digit and two colons at least: "a::b" in C++ and "be::" are not addresses.
      if (CountDigits(span) == 0 || !StandsAlone(text, begin, end)) return kRejected;
      if (begin > 0 && text[begin - 1] == ':') return kRejected;
      const IpClass ip = ClassifyIpv6(span);
      if (ip == IpClass::kNotAnAddress) return kRejected;
      return ip == IpClass::kPublic || !options_.public_ips_only ? std::pair{begin, end}
                                                                 : kRejected;
    }
    case Check::kIban: {
      if (!StandsAloneLeft(text, begin)) return kRejected;
      const int length = IbanLength(span.substr(0, 2));
      if (length == 0) return kRejected;
      // Take exactly the country's length; the match may have run into a following word.
      size_t cut = begin;
      for (int taken = 0; cut < end && taken < length; ++cut) taken += text[cut] != ' ';
      if (CountDigits(span) == 0 || !StandsAloneRight(text, cut) ||
          !IsValidIban(text.substr(begin, cut - begin))) {
        return kRejected;
      }
      return {begin, cut};
    }
    case Check::kCard: {
      if (!StandsAloneLeft(text, begin)) return kRejected;
      for (int attempt = 0; attempt < 2; ++attempt) {
        if (StandsAloneRight(text, end) && IsPaymentCardNumber(text.substr(begin, end - begin))) {
          return {begin, end};
        }
        // 4-4-4-4-3 layouts may have taken a figure that follows the card.
        if (text.substr(begin, end - begin).find_first_of(" -") == std::string_view::npos ||
            CountDigits(text.substr(begin, end - begin)) != 19) {
          break;
        }
        end = WithoutLastGroup(text, begin, end);
      }
      return kRejected;
    }
    case Check::kPhone: {
      if (!StandsAloneLeft(text, begin)) return kRejected;
      const bool international = text[begin] == '+';
      // E.164 numbers have at most 15 digits: drop trailing groups a greedy match took.
      while (CountDigits(text.substr(begin, end - begin)) > 15) {
        end = WithoutLastGroup(text, begin, end);
      }
      const int digits = CountDigits(text.substr(begin, end - begin));
      const bool length_ok = international ? digits >= 8 : digits >= 10 && digits <= 12;
      return length_ok && StandsAloneRight(text, end) ? std::pair{begin, end} : kRejected;
    }
    case Check::kNanpPhone: {
      const bool open = text[begin] == '(';
      const bool close = span.find(')') != span.npos;
      if (open != close || !StandsAlone(text, begin, end)) return kRejected;
      return {begin, end};
    }
  }
  return kRejected;
}

void PiiScanner::Scan(std::string_view text, std::vector<PiiMatch>* out) const {
  // Sub-match slots for every group, on the stack: no allocation per document.
  std::array<re2::StringPiece, kMaxGroups> groups;
  size_t pos = 0;
  while (pos < text.size()) {
    if (!re_->Match(text, pos, text.size(), RE2::UNANCHORED, groups.data(), groups_)) break;
    const size_t match_end = static_cast<size_t>(groups[0].data() - text.data()) + groups[0].size();
    const Alternative* alt = nullptr;
    for (const Alternative& a : alternatives_) {
      if (groups[static_cast<size_t>(a.group)].data() != nullptr) {
        alt = &a;
        break;
      }
    }
    const re2::StringPiece value =
        groups[static_cast<size_t>(alt->value_group ? alt->value_group : alt->group)];
    const size_t begin = static_cast<size_t>(value.data() - text.data());
    const auto [accepted_begin, accepted_end] =
        Accept(alt->check, text, begin, begin + value.size());
    if (accepted_end > accepted_begin) {
      out->push_back({alt->kind, accepted_begin, accepted_end});
      // A shrunk candidate leaves its tail to be scanned again.
      pos = alt->value_group ? match_end : accepted_end;
    } else {
      pos = match_end;
    }
    if (match_end == static_cast<size_t>(groups[0].data() - text.data())) ++pos;  // Empty match.
  }
}

PiiCounts PiiScanner::Redact(std::string_view text, std::string* out,
                             std::vector<PiiMatch>* matches) const {
  PiiCounts counts{};
  matches->clear();
  out->clear();
  Scan(text, matches);
  if (matches->empty()) return counts;
  out->reserve(text.size());
  size_t last = 0;
  for (const PiiMatch& m : *matches) {
    out->append(text.substr(last, m.begin - last));
    out->append(options_.tokens[static_cast<size_t>(m.kind)]);
    ++counts[static_cast<size_t>(m.kind)];
    last = m.end;
  }
  out->append(text.substr(last));
  return counts;
}

}  // namespace tamis::pii
