#include "filters/robots/robots_matcher.h"

#include <algorithm>

#include "filters/robots/robots_encoding.h"
#include "pipeline/check.h"

namespace tamis::robots {
namespace {

// RFC 9309 §2.2.2: "The /robots.txt URI is implicitly allowed."
constexpr std::string_view kRobotsPath = "/robots.txt";

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

}  // namespace

// Greedy glob matching: with "*" the only wildcard, taking the leftmost occurrence of each
// literal segment never loses a match, so no backtracking or position set is needed.
bool RobotsPatternMatches(std::string_view pattern, std::string_view path) {
  const bool anchored = !pattern.empty() && pattern.back() == '$';
  if (anchored) pattern.remove_suffix(1);
  size_t star = pattern.find('*');
  if (star == std::string_view::npos) {
    return anchored ? path == pattern : StartsWith(path, pattern);
  }
  if (!StartsWith(path, pattern.substr(0, star))) return false;
  size_t pos = star;
  std::string_view rest = pattern.substr(star + 1);
  while (true) {
    star = rest.find('*');
    if (star == std::string_view::npos) {
      if (!anchored) return path.find(rest, pos) != std::string_view::npos;
      return path.size() - pos >= rest.size() &&
             path.compare(path.size() - rest.size(), rest.size(), rest) == 0;
    }
    const std::string_view segment = rest.substr(0, star);
    const size_t found = path.find(segment, pos);
    if (found == std::string_view::npos) return false;
    pos = found + segment.size();
    rest.remove_prefix(star + 1);
  }
}

std::string AgentProductToken(std::string_view agent) {
  while (!agent.empty() && (agent.front() == ' ' || agent.front() == '\t')) agent.remove_prefix(1);
  size_t end = 0;
  while (end < agent.size() && agent[end] != '/' && agent[end] != ' ' && agent[end] != '\t') ++end;
  std::string token(agent.substr(0, end));
  for (char& c : token) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return token;
}

std::vector<size_t> GroupsForAgent(const RobotsTxt& robots, std::string_view agent) {
  std::vector<size_t> named, fallback;
  for (size_t i = 0; i < robots.groups.size(); ++i) {
    for (const std::string& a : robots.groups[i].agents) {
      if (a == agent) {
        named.push_back(i);
        break;
      }
      if (a == "*" && (fallback.empty() || fallback.back() != i)) fallback.push_back(i);
    }
  }
  return named.empty() ? fallback : named;
}

RuleSpan RuleStore::Add(const RobotsTxt& robots, std::span<const size_t> groups) {
  RuleSpan span{rules_.size(), 0};
  for (size_t g : groups) {
    TAMIS_CHECK_LT(g, robots.groups.size());
    for (const RobotsRule& rule : robots.groups[g].rules) {
      const bool wild = rule.pattern.find('*') != std::string::npos ||
                        (!rule.pattern.empty() && rule.pattern.back() == '$');
      rules_.push_back(
          {arena_.size(), static_cast<uint32_t>(rule.pattern.size()), rule.allow, wild});
      arena_.append(rule.pattern);
      ++span.count;
    }
  }
  // Longest first, allow first at equal length: then the first match is the RFC's winner.
  std::stable_sort(rules_.begin() + static_cast<ptrdiff_t>(span.first), rules_.end(),
                   [](const PackedRule& a, const PackedRule& b) {
                     if (a.length != b.length) return a.length > b.length;
                     return a.allow && !b.allow;
                   });
  return span;
}

bool RuleStore::Allowed(RuleSpan span, std::string_view normalized_path) const {
  const PackedRule* rule = rules_.data() + span.first;
  const PackedRule* end = rule + span.count;
  for (; rule != end; ++rule) {
    const std::string_view pattern(arena_.data() + rule->offset, rule->length);
    const bool matches = rule->has_wildcards ? RobotsPatternMatches(pattern, normalized_path)
                                             : StartsWith(normalized_path, pattern);
    if (matches) return rule->allow;
  }
  return true;
}

void RuleStore::AddForAgents(const RobotsTxt& robots, std::span<const std::string> agent_tokens,
                             std::vector<RuleSpan>* spans, std::vector<uint8_t>* agent_map) {
  TAMIS_CHECK_LE(agent_tokens.size(), kMaxAgents);
  std::vector<std::vector<size_t>> distinct;
  for (const std::string& token : agent_tokens) {
    std::vector<size_t> groups = GroupsForAgent(robots, token);
    size_t k = 0;
    while (k < distinct.size() && distinct[k] != groups) ++k;
    if (k == distinct.size()) {
      spans->push_back(Add(robots, groups));
      distinct.push_back(std::move(groups));
    }
    agent_map->push_back(static_cast<uint8_t>(k));
  }
}

AgentMask RuleStore::Disallowed(std::span<const RuleSpan> spans, std::span<const uint8_t> agent_map,
                                std::string_view path_and_query, std::string* buffer) const {
  TAMIS_CHECK_LE(agent_map.size(), kMaxAgents);
  const std::string_view path_only = path_and_query.substr(0, path_and_query.find('?'));
  if (path_only == kRobotsPath) return 0;
  buffer->clear();
  AppendNormalizedRobotsPath(path_and_query, buffer);
  uint64_t blocked_spans = 0;  // Bit k: spans[k] disallows the path.
  for (size_t k = 0; k < spans.size(); ++k) {
    if (spans[k].count != 0 && !Allowed(spans[k], *buffer)) blocked_spans |= uint64_t{1} << k;
  }
  if (blocked_spans == 0) return 0;
  AgentMask disallowed = 0;
  for (size_t i = 0; i < agent_map.size(); ++i) {
    if (blocked_spans >> agent_map[i] & 1) disallowed |= AgentMask{1} << i;
  }
  return disallowed;
}

RobotsMatcher::RobotsMatcher(const RobotsTxt& robots, std::span<const std::string> agents) {
  std::vector<std::string> tokens;
  for (const std::string& agent : agents) tokens.push_back(AgentProductToken(agent));
  store_.AddForAgents(robots, tokens, &spans_, &agent_map_);
}

AgentMask RobotsMatcher::Disallowed(std::string_view path_and_query) const {
  std::string buffer;
  return store_.Disallowed(spans_, agent_map_, path_and_query, &buffer);
}

}  // namespace tamis::robots
