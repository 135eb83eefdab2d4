// RobotsParser: turns the bytes of a robots.txt file into groups of rules (RFC 9309 §2.1-2.2).
//
// Parsing never fails: a robots.txt is written by hand by millions of site owners, so the
// parser is robust the way the RFC asks (§2.2) and takes what it can:
//   - only the first kMaxRobotsBytes (500 KiB, RFC 9309 §2.5) are parsed; a line cut by that
//     limit is dropped rather than read as a shorter, different rule;
//   - a leading UTF-8 byte order mark is skipped; lines end at CR, LF or CRLF;
//   - "#" starts a comment; a line is `key ":" value`, the key matched case-insensitively and
//     both trimmed of spaces and tabs; lines without ":" and unknown keys are ignored;
//   - `user-agent` lines that follow each other (blank, comment and unknown lines do not
//     interrupt them) start one group; the first allow/disallow line after them closes the
//     list, so the next user-agent line starts a new group;
//   - allow/disallow lines before any user-agent line belong to no group and are ignored;
//   - an allow/disallow with an empty value is no rule (an empty disallow allows everything).
// A user-agent value is reduced to its product token: text up to the first "/" (the version
// in "GPTBot/1.0") or whitespace, lower-cased; matching it is RobotsMatcher's business.
// Rule patterns are stored normalised (robots_encoding.h), ready to compare.
// Pure function; thread-safe.
#ifndef TAMIS_FILTERS_ROBOTS_ROBOTS_PARSER_H_
#define TAMIS_FILTERS_ROBOTS_ROBOTS_PARSER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tamis::robots {

// RFC 9309 §2.5: crawlers MUST parse at least 500 kibibytes.
inline constexpr size_t kMaxRobotsBytes = 500 * 1024;

struct RobotsRule {
  bool allow = false;
  std::string pattern;  // Normalised (robots_encoding.h); may contain "*" and a final "$".
};

struct RobotsGroup {
  std::vector<std::string> agents;  // Lower-cased product tokens, "*" for the default group.
  std::vector<RobotsRule> rules;    // In file order.
};

struct RobotsTxt {
  std::vector<RobotsGroup> groups;  // In file order; the same agent may appear in several.
  bool truncated = false;           // The body was longer than kMaxRobotsBytes.
  uint64_t ignored_lines = 0;       // Non-empty lines that were neither a record nor a comment.
};

RobotsTxt ParseRobotsTxt(std::string_view body);

}  // namespace tamis::robots

#endif  // TAMIS_FILTERS_ROBOTS_ROBOTS_PARSER_H_
