#include "filters/robots/robots_parser.h"

#include "filters/robots/robots_encoding.h"
#include "pipeline/ascii.h"

namespace tamis::robots {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

bool IsBlank(char c) {
  return c == ' ' || c == '\t';
}


bool EqualsLower(std::string_view s, std::string_view lower) {
  if (s.size() != lower.size()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (AsciiLower(s[i]) != lower[i]) return false;
  }
  return true;
}

std::string ProductToken(std::string_view value) {
  size_t end = 0;
  while (end < value.size() && value[end] != '/' && !IsBlank(value[end])) ++end;
  std::string token(value.substr(0, end));
  for (char& c : token) c = AsciiLower(c);
  return token;
}

enum class Key { kUserAgent, kAllow, kDisallow, kOther };

Key ClassifyKey(std::string_view key) {
  if (EqualsLower(key, "user-agent")) return Key::kUserAgent;
  if (EqualsLower(key, "allow")) return Key::kAllow;
  if (EqualsLower(key, "disallow")) return Key::kDisallow;
  return Key::kOther;
}

}  // namespace

RobotsTxt ParseRobotsTxt(std::string_view body) {
  RobotsTxt result;
  if (body.substr(0, kUtf8Bom.size()) == kUtf8Bom) body.remove_prefix(kUtf8Bom.size());
  if (body.size() > kMaxRobotsBytes) {
    result.truncated = true;
    const bool cut_at_line_end = body[kMaxRobotsBytes] == '\r' || body[kMaxRobotsBytes] == '\n';
    body = body.substr(0, kMaxRobotsBytes);
    if (!cut_at_line_end) {
      // Drop the line the cap cut, so that "Disallow: /private" never becomes "/priv".
      const size_t last_break = body.find_last_of("\r\n");
      body = last_break == std::string_view::npos ? std::string_view() : body.substr(0, last_break);
    }
  }

  RobotsGroup* group = nullptr;  // The group rules go to; null before any user-agent line.
  bool collecting_agents = false;
  size_t pos = 0;
  while (pos < body.size()) {
    size_t end = body.find_first_of("\r\n", pos);
    size_t next;
    if (end == std::string_view::npos) {
      end = next = body.size();
    } else if (body[end] == '\r' && end + 1 < body.size() && body[end + 1] == '\n') {
      next = end + 2;
    } else {
      next = end + 1;
    }
    std::string_view line = body.substr(pos, end - pos);
    pos = next;

    if (const size_t hash = line.find('#'); hash != std::string_view::npos) {
      line = line.substr(0, hash);
    }
    line = TrimAsciiWhitespace(line);
    if (line.empty()) continue;
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
      ++result.ignored_lines;
      continue;
    }
    const std::string_view value = TrimAsciiWhitespace(line.substr(colon + 1));
    const Key key = ClassifyKey(TrimAsciiWhitespace(line.substr(0, colon)));
    switch (key) {
      case Key::kUserAgent: {
        if (!collecting_agents) {
          result.groups.emplace_back();
          group = &result.groups.back();
          collecting_agents = true;
        }
        std::string token = ProductToken(value);
        if (!token.empty()) group->agents.push_back(std::move(token));
        break;
      }
      case Key::kAllow:
      case Key::kDisallow:
        collecting_agents = false;
        if (group == nullptr || value.empty()) break;
        group->rules.push_back({key == Key::kAllow, NormalizeRobotsPath(value)});
        break;
      case Key::kOther: break;
    }
  }
  return result;
}

}  // namespace tamis::robots
