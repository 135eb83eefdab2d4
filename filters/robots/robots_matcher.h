// RobotsMatcher: RFC 9309 matching of URL paths against parsed robots.txt rules.
//
// The rules, as RFC 9309 §2.2 states them:
//   - an agent's rules are those of every group that names its product token, compared
//     case-insensitively and exactly ("GPTBot" is not "GPTBot-News"), merged; only when no
//     group names it do the rules of the "*" groups apply; with neither, everything is allowed;
//   - a rule matches when its pattern matches a prefix of the path ("*" matches any run of
//     octets, a final "$" anchors the end); among the matching rules the one with the most
//     octets in its pattern wins and, at equal length, allow beats disallow; no match allows;
//   - both sides are percent-normalised first (robots_encoding.h);
//   - "/robots.txt" itself is always allowed.
//
// RuleStore is the compiled form shared by RobotsMatcher (one robots.txt) and RobotsSnapshot
// (millions of them): each agent's merged rules become one contiguous span, sorted so that
// the first matching rule is the winner, with all pattern bytes in one arena. A store is
// built by one thread, then read-only: concurrent lookups need no lock.
#ifndef TAMIS_FILTERS_ROBOTS_ROBOTS_MATCHER_H_
#define TAMIS_FILTERS_ROBOTS_ROBOTS_MATCHER_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "filters/robots/robots_parser.h"

namespace tamis::robots {

// Bit i set = agent i of the caller's agent list is disallowed.
using AgentMask = uint64_t;
inline constexpr size_t kMaxAgents = 64;

// Whether `pattern` (normalised, with "*" and a final "$") matches the start of `path`
// (normalised).
bool RobotsPatternMatches(std::string_view pattern, std::string_view path);

// Lower-cased product token of a user-agent string ("GPTBot/1.1" -> "gptbot").
std::string AgentProductToken(std::string_view agent);

// The indices of the groups whose rules apply to `agent` (a lower-cased product token),
// in file order: those naming it, else those naming "*", else none.
std::vector<size_t> GroupsForAgent(const RobotsTxt& robots, std::string_view agent);

// Where one agent's rules sit in a RuleStore.
struct RuleSpan {
  uint64_t first = 0;
  uint32_t count = 0;
  bool operator==(const RuleSpan&) const = default;
};

class RuleStore {
 public:
  // Compiles the merged rules of `groups` of `robots` into a new span.
  RuleSpan Add(const RobotsTxt& robots, std::span<const size_t> groups);

  // Compiles `robots` for a list of agents (lower-cased product tokens, at most kMaxAgents):
  // appends one span per distinct rule list to `*spans` (agents that select the same groups,
  // typically all that fall back to "*", share one) and, per agent, the index of its span
  // among those appended to `*agent_map`.
  void AddForAgents(const RobotsTxt& robots, std::span<const std::string> agent_tokens,
                    std::vector<RuleSpan>* spans, std::vector<uint8_t>* agent_map);

  // Whether `normalized_path` (robots_encoding.h) is allowed by the rules in `span`.
  bool Allowed(RuleSpan span, std::string_view normalized_path) const;

  // The agents whose span disallows `path_and_query` (as written in the URL), given what
  // AddForAgents appended. Each distinct span is matched once. `buffer` is caller-owned
  // scratch for the normalised path, so a lookup allocates nothing once warm.
  AgentMask Disallowed(std::span<const RuleSpan> spans, std::span<const uint8_t> agent_map,
                       std::string_view path_and_query, std::string* buffer) const;

  // Releases spare capacity once nothing more will be added.
  void ShrinkToFit() {
    arena_.shrink_to_fit();
    rules_.shrink_to_fit();
  }

  uint64_t rule_count() const { return rules_.size(); }
  uint64_t memory_bytes() const {
    return arena_.capacity() + rules_.capacity() * sizeof(PackedRule);
  }

 private:
  struct PackedRule {
    uint64_t offset;  // Into arena_.
    uint32_t length;  // Pattern octets, "*" and "$" included: the RFC's priority.
    bool allow;
    bool has_wildcards;  // Contains "*" or ends in "$"; else a plain prefix compare.
  };
  std::string arena_;
  std::vector<PackedRule> rules_;
};

// One robots.txt compiled for a list of agents (at most kMaxAgents).
class RobotsMatcher {
 public:
  RobotsMatcher(const RobotsTxt& robots, std::span<const std::string> agents);

  // Agents (bit i = agents[i]) disallowed from `path_and_query` ("/a?b", as in the URL).
  AgentMask Disallowed(std::string_view path_and_query) const;
  bool Allowed(std::string_view path_and_query, size_t agent_index) const {
    return (Disallowed(path_and_query) >> agent_index & 1) == 0;
  }

 private:
  RuleStore store_;
  std::vector<RuleSpan> spans_;
  std::vector<uint8_t> agent_map_;
};

}  // namespace tamis::robots

#endif  // TAMIS_FILTERS_ROBOTS_ROBOTS_MATCHER_H_
