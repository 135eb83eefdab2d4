// RobotsSnapshot: robots.txt verdicts for millions of origins, as captured by one crawl.
//
// Built once from fetch records (RobotsSnapshotBuilder, fed by robots_snapshot_loader.h), then
// immutable: every pipeline thread looks origins up concurrently with no lock.
//
// What a fetch means, by its HTTP status (RFC 9309 §2.3.1):
//   - 2xx: the body is parsed and compiled for the snapshot's agents (kRules);
//   - 3xx: the recorded redirect (Location, resolved against the fetched URL) is followed,
//     up to kMaxRedirects hops, when its target was fetched in the same snapshot; the origin
//     then gets the target's verdict. A target that is missing, a loop or a longer chain
//     makes the robots.txt "unavailable", which allows everything (§2.3.1.2, §2.3.1.3);
//   - 4xx: unavailable: everything allowed (kAllowAll);
//   - 5xx, status 0 (unreachable: DNS, timeout, refused) and any other code: everything
//     disallowed (kDisallowAll, §2.3.1.4);
// An origin missing from the snapshot is the caller's policy (RobotsStage's `absent`).
// The first fetch of a URL wins; later duplicates are counted and ignored, so a snapshot's
// verdicts do not depend on how often a robots.txt was re-fetched.
//
// Memory: per origin one index slot (16 bytes), one entry (32 bytes) and its origin string;
// for kRules, one byte per agent and one 16-byte RuleSpan per distinct rule list (agents that
// fall back to "*" share one), with the rules of all origins in one arena (RuleStore).
#ifndef TAMIS_FILTERS_ROBOTS_ROBOTS_SNAPSHOT_H_
#define TAMIS_FILTERS_ROBOTS_ROBOTS_SNAPSHOT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "filters/robots/robots_matcher.h"

namespace tamis::robots {

// RFC 9309 §2.3.1.2: crawlers SHOULD follow at least five consecutive redirects.
inline constexpr int kMaxRedirects = 5;

enum class RobotsState : uint8_t {
  kRules,        // A robots.txt was parsed; its rules decide.
  kAllowAll,     // 4xx, or a redirect that could not be followed: nothing is disallowed.
  kDisallowAll,  // 5xx or unreachable: everything is disallowed.
};

std::string_view RobotsStateName(RobotsState state);  // "rules", "allow_all", "disallow_all".

// One robots.txt fetch, as recorded by the crawler.
struct RobotsFetch {
  std::string url;       // What was fetched: "https://example.com/robots.txt".
  int status = 0;        // HTTP status; 0 when the server could not be reached.
  std::string body;      // Response body (used for 2xx only).
  std::string location;  // Redirect target for 3xx (absolute or relative), else empty.
};

class RobotsSnapshot {
 public:
  static constexpr uint32_t kNoOrigin = UINT32_MAX;

  const std::vector<std::string>& agents() const { return agents_; }
  uint32_t origin_count() const { return static_cast<uint32_t>(index_.size()); }

  // The index of a canonical origin (robots_url.h), or kNoOrigin.
  uint32_t Find(std::string_view origin) const;

  // Agents (bit i = agents()[i]) disallowed from `path_and_query` on origin `i`.
  // `buffer` is the caller's per-thread scratch.
  AgentMask Disallowed(uint32_t i, std::string_view path_and_query, std::string* buffer) const;

  std::string_view origin(uint32_t i) const;
  int status(uint32_t i) const { return entries_[i].status; }
  RobotsState state(uint32_t i) const { return entries_[i].state; }

  struct Stats {
    uint64_t fetches = 0;             // Records given to the builder.
    uint64_t duplicates = 0;          // Ignored: same URL fetched before.
    uint64_t invalid_urls = 0;        // Ignored: not an http(s) URL.
    uint64_t redirects_followed = 0;  // 3xx resolved to a fetched target.
    uint64_t redirects_unresolved = 0;
    uint64_t truncated = 0;     // Bodies over kMaxRobotsBytes.
    uint64_t rules = 0;         // Compiled rules, all origins.
    uint64_t memory_bytes = 0;  // Approximate, of the built snapshot.
  };
  const Stats& stats() const { return stats_; }

 private:
  friend class RobotsSnapshotBuilder;
  struct Entry {
    uint64_t origin_offset;  // Into origins_.
    uint32_t origin_length;
    uint32_t first_span;  // Into spans_, span_count of them; kRules only.
    uint32_t agent_map;   // Into agent_map_, agents_.size() of them; kRules only.
    int32_t status;
    uint8_t span_count;
    RobotsState state;
  };
  struct Slot {
    uint64_t hash;
    uint32_t entry;
  };

  std::vector<std::string> agents_;
  std::string origins_;
  std::vector<Entry> entries_;  // One per origin, in input order.
  std::vector<Slot> index_;     // Sorted by hash.
  std::vector<RuleSpan> spans_;
  std::vector<uint8_t> agent_map_;
  RuleStore store_;
  Stats stats_;
};

// Collects fetches, then builds a snapshot. Single-threaded; Build() consumes the builder.
class RobotsSnapshotBuilder {
 public:
  // `agents`: at most kMaxAgents user agents (product tokens or full strings).
  explicit RobotsSnapshotBuilder(std::vector<std::string> agents);

  // Parses and compiles a 2xx body right away, so bodies are not kept.
  void Add(const RobotsFetch& fetch);

  RobotsSnapshot Build() &&;

 private:
  struct Pending {
    bool is_robots_txt;  // The fetch was of origin + "/robots.txt": an origin's entry.
    std::string origin;
    int status;
    RobotsState state;
    uint32_t first_span;
    uint32_t agent_map;
    uint8_t span_count;
    std::string redirect;  // Canonical absolute target URL for 3xx.
  };

  std::vector<std::string> agent_tokens_;
  std::vector<Pending> pending_;
  std::unordered_map<std::string, uint32_t> by_url_;
  RobotsSnapshot snapshot_;
};

}  // namespace tamis::robots

#endif  // TAMIS_FILTERS_ROBOTS_ROBOTS_SNAPSHOT_H_
