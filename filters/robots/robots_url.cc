#include "filters/robots/robots_url.h"

namespace tamis::robots {
namespace {

// Ports above this do not exist (RFC 6335).
constexpr uint32_t kMaxPort = 65535;

char Lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string LowerCopy(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = Lower(c);
  return out;
}

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

}  // namespace

std::optional<RobotsUrl> ParseRobotsUrl(std::string_view url) {
  while (!url.empty() && IsSpace(url.front())) url.remove_prefix(1);
  while (!url.empty() && IsSpace(url.back())) url.remove_suffix(1);

  const size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return std::nullopt;
  const std::string scheme = LowerCopy(url.substr(0, scheme_end));
  uint32_t default_port;
  if (scheme == "http") {
    default_port = kHttpPort;
  } else if (scheme == "https") {
    default_port = kHttpsPort;
  } else {
    return std::nullopt;
  }
  std::string_view rest = url.substr(scheme_end + 3);
  const size_t authority_end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, authority_end);
  std::string_view tail =
      authority_end == std::string_view::npos ? std::string_view() : rest.substr(authority_end);
  if (const size_t at = authority.rfind('@'); at != std::string_view::npos) {
    authority.remove_prefix(at + 1);
  }

  // Host, then an optional port; an IPv6 literal keeps its brackets.
  std::string_view host = authority;
  std::string_view port_text;
  if (!authority.empty() && authority.front() == '[') {
    const size_t close = authority.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    host = authority.substr(0, close + 1);
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return std::nullopt;
      port_text = after.substr(1);
    }
  } else if (const size_t colon = authority.rfind(':'); colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    port_text = authority.substr(colon + 1);
  }
  if (host.empty()) return std::nullopt;
  uint32_t port = default_port;
  if (!port_text.empty()) {
    port = 0;
    for (char c : port_text) {
      if (c < '0' || c > '9') return std::nullopt;
      port = port * 10 + static_cast<uint32_t>(c - '0');
      if (port > kMaxPort) return std::nullopt;
    }
  }

  RobotsUrl result;
  result.origin = scheme + "://" + LowerCopy(host);
  if (port != default_port) result.origin += ":" + std::to_string(port);

  if (const size_t hash = tail.find('#'); hash != std::string_view::npos) {
    tail = tail.substr(0, hash);
  }
  if (tail.empty() || tail.front() != '/') result.path_and_query = "/";
  result.path_and_query.append(tail);
  return result;
}

std::optional<std::string> CanonicalOrigin(std::string_view url) {
  std::optional<RobotsUrl> parsed = ParseRobotsUrl(url);
  if (!parsed) return std::nullopt;
  return std::move(parsed->origin);
}

}  // namespace tamis::robots
