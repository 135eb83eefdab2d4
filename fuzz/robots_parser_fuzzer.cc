// Fuzzes robots.txt parsing and matching: any bytes must parse without crashing, hanging or
// reading out of bounds, and the greedy wildcard matcher must agree with the position-set
// algorithm RFC 9309 implementations use (google/robotstxt), which serves as the oracle.
//
// Input layout: robots.txt bytes, then optionally "\0" and a URL path to check against it.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "filters/robots/robots_encoding.h"
#include "filters/robots/robots_matcher.h"
#include "filters/robots/robots_parser.h"

namespace {

// Position-set matching: keeps every path offset the pattern prefix can end at.
bool OracleMatches(std::string_view pattern, std::string_view path) {
  std::vector<size_t> pos{0};
  for (size_t j = 0; j < pattern.size(); ++j) {
    const char c = pattern[j];
    if (c == '$' && j + 1 == pattern.size()) return pos.back() == path.size();
    if (c == '*') {
      const size_t from = pos.front();
      pos.clear();
      for (size_t p = from; p <= path.size(); ++p) pos.push_back(p);
      continue;
    }
    std::vector<size_t> next;
    for (size_t p : pos) {
      if (p < path.size() && path[p] == c) next.push_back(p + 1);
    }
    if (next.empty()) return false;
    pos.swap(next);
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t split = input.find('\0');
  const std::string_view body = input.substr(0, split);
  const std::string_view path = split == std::string_view::npos ? "/" : input.substr(split + 1);

  const tamis::robots::RobotsTxt robots = tamis::robots::ParseRobotsTxt(body);
  const std::string normalized = tamis::robots::NormalizeRobotsPath(path);
  for (const tamis::robots::RobotsGroup& group : robots.groups) {
    for (const tamis::robots::RobotsRule& rule : group.rules) {
      if (rule.pattern.empty()) std::abort();  // Empty values are no rule.
      if (tamis::robots::RobotsPatternMatches(rule.pattern, normalized) !=
          OracleMatches(rule.pattern, normalized)) {
        std::abort();
      }
    }
  }
  const std::vector<std::string> agents{"GPTBot", "CCBot", "*"};
  const tamis::robots::RobotsMatcher matcher(robots, agents);
  const tamis::robots::AgentMask mask = matcher.Disallowed(path);
  if (mask >> agents.size() != 0) std::abort();
  return 0;
}
