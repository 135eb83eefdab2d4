#include "filters/robots/robots_snapshot.h"

#include <xxhash.h>

#include <algorithm>

#include "filters/robots/robots_url.h"
#include "pipeline/check.h"

namespace tamis::robots {
namespace {

constexpr std::string_view kRobotsPath = "/robots.txt";
// Status classes of RFC 9309 §2.3.1 (HTTP status / 100).
constexpr int kSuccessClass = 2;
constexpr int kRedirectClass = 3;
constexpr int kClientErrorClass = 4;

uint64_t HashOrigin(std::string_view origin) {
  return XXH3_64bits(origin.data(), origin.size());
}

// The absolute URL `location` points to, resolved against `base` (canonical origin + path).
std::optional<std::string> ResolveLocation(const RobotsUrl& base, std::string_view location) {
  while (!location.empty() && (location.front() == ' ' || location.front() == '\t')) {
    location.remove_prefix(1);
  }
  while (!location.empty() && (location.back() == ' ' || location.back() == '\t')) {
    location.remove_suffix(1);
  }
  if (location.empty()) return std::nullopt;
  std::string absolute;
  if (location.find("://") != std::string_view::npos) {
    absolute = std::string(location);
  } else if (location.substr(0, 2) == "//") {
    absolute = base.origin.substr(0, base.origin.find(':')) + ":" + std::string(location);
  } else if (location.front() == '/') {
    absolute = base.origin + std::string(location);
  } else {
    const std::string_view path =
        std::string_view(base.path_and_query).substr(0, base.path_and_query.find('?'));
    absolute =
        base.origin + std::string(path.substr(0, path.rfind('/') + 1)) + std::string(location);
  }
  std::optional<RobotsUrl> target = ParseRobotsUrl(absolute);
  if (!target) return std::nullopt;
  return target->origin + target->path_and_query;
}

}  // namespace

std::string_view RobotsStateName(RobotsState state) {
  switch (state) {
    case RobotsState::kRules: return "rules";
    case RobotsState::kAllowAll: return "allow_all";
    case RobotsState::kDisallowAll: return "disallow_all";
  }
  return "unknown";
}

uint32_t RobotsSnapshot::Find(std::string_view origin) const {
  const uint64_t hash = HashOrigin(origin);
  auto it = std::lower_bound(index_.begin(), index_.end(), hash,
                             [](const Slot& slot, uint64_t h) { return slot.hash < h; });
  for (; it != index_.end() && it->hash == hash; ++it) {
    if (this->origin(it->entry) == origin) return it->entry;
  }
  return kNoOrigin;
}

std::string_view RobotsSnapshot::origin(uint32_t i) const {
  const Entry& e = entries_[i];
  return std::string_view(origins_).substr(e.origin_offset, e.origin_length);
}

AgentMask RobotsSnapshot::Disallowed(uint32_t i, std::string_view path_and_query,
                                     std::string* buffer) const {
  TAMIS_CHECK_LT(i, entries_.size());
  const Entry& e = entries_[i];
  switch (e.state) {
    case RobotsState::kAllowAll: return 0;
    case RobotsState::kDisallowAll: {
      // "/robots.txt" stays allowed even then: RFC 9309 §2.2.2 makes no exception.
      if (path_and_query.substr(0, path_and_query.find('?')) == kRobotsPath) return 0;
      return agents_.size() == kMaxAgents ? ~AgentMask{0} : (AgentMask{1} << agents_.size()) - 1;
    }
    case RobotsState::kRules: break;
  }
  return store_.Disallowed(
      std::span<const RuleSpan>(spans_).subspan(e.first_span, e.span_count),
      std::span<const uint8_t>(agent_map_).subspan(e.agent_map, agents_.size()), path_and_query,
      buffer);
}

RobotsSnapshotBuilder::RobotsSnapshotBuilder(std::vector<std::string> agents) {
  TAMIS_CHECK_LE(agents.size(), kMaxAgents);
  for (const std::string& agent : agents) agent_tokens_.push_back(AgentProductToken(agent));
  snapshot_.agents_ = std::move(agents);
}

void RobotsSnapshotBuilder::Add(const RobotsFetch& fetch) {
  RobotsSnapshot::Stats& stats = snapshot_.stats_;
  ++stats.fetches;
  std::optional<RobotsUrl> url = ParseRobotsUrl(fetch.url);
  if (!url) {
    ++stats.invalid_urls;
    return;
  }
  std::string key = url->origin + url->path_and_query;
  if (by_url_.count(key)) {
    ++stats.duplicates;
    return;
  }
  Pending p;
  p.origin = url->origin;
  p.status = fetch.status;
  p.first_span = 0;
  p.agent_map = 0;
  p.span_count = 0;
  const int status_class = fetch.status / 100;
  if (status_class == kSuccessClass) {
    p.state = RobotsState::kRules;
    const RobotsTxt robots = ParseRobotsTxt(fetch.body);
    if (robots.truncated) ++stats.truncated;
    p.first_span = static_cast<uint32_t>(snapshot_.spans_.size());
    p.agent_map = static_cast<uint32_t>(snapshot_.agent_map_.size());
    snapshot_.store_.AddForAgents(robots, agent_tokens_, &snapshot_.spans_, &snapshot_.agent_map_);
    p.span_count = static_cast<uint8_t>(snapshot_.spans_.size() - p.first_span);
  } else if (status_class == kRedirectClass) {
    p.state = RobotsState::kAllowAll;  // Until Build() follows the redirect.
    p.redirect = ResolveLocation(*url, fetch.location).value_or("");
  } else if (status_class == kClientErrorClass) {
    p.state = RobotsState::kAllowAll;
  } else {
    p.state = RobotsState::kDisallowAll;
  }
  by_url_.emplace(std::move(key), static_cast<uint32_t>(pending_.size()));
  p.is_robots_txt = url->path_and_query == kRobotsPath;
  pending_.push_back(std::move(p));
}

RobotsSnapshot RobotsSnapshotBuilder::Build() && {
  RobotsSnapshot& s = snapshot_;
  for (const Pending& p : pending_) {
    if (!p.is_robots_txt) continue;
    RobotsSnapshot::Entry entry{s.origins_.size(),
                                static_cast<uint32_t>(p.origin.size()),
                                p.first_span,
                                p.agent_map,
                                p.status,
                                p.span_count,
                                p.state};
    if (p.status / 100 == kRedirectClass) {
      // Follow the chain; anything but a fetched, non-redirect target within kMaxRedirects
      // hops leaves the robots.txt unavailable (allow all).
      const Pending* at = &p;
      for (int hop = 0; hop < kMaxRedirects && at->status / 100 == kRedirectClass; ++hop) {
        auto it = by_url_.find(at->redirect);
        at = it == by_url_.end() ? nullptr : &pending_[it->second];
        if (at == nullptr) break;
      }
      if (at != nullptr && at->status / 100 != kRedirectClass) {
        entry.state = at->state;
        entry.first_span = at->first_span;
        entry.agent_map = at->agent_map;
        entry.span_count = at->span_count;
        ++s.stats_.redirects_followed;
      } else {
        entry.state = RobotsState::kAllowAll;
        ++s.stats_.redirects_unresolved;
      }
    }
    s.origins_.append(p.origin);
    s.index_.push_back({HashOrigin(p.origin), static_cast<uint32_t>(s.entries_.size())});
    s.entries_.push_back(entry);
  }
  std::sort(s.index_.begin(), s.index_.end(), [](const auto& a, const auto& b) {
    return a.hash != b.hash ? a.hash < b.hash : a.entry < b.entry;
  });
  pending_.clear();
  by_url_.clear();
  s.origins_.shrink_to_fit();
  s.entries_.shrink_to_fit();
  s.spans_.shrink_to_fit();
  s.agent_map_.shrink_to_fit();
  s.index_.shrink_to_fit();
  s.store_.ShrinkToFit();
  s.stats_.rules = s.store_.rule_count();
  s.stats_.memory_bytes =
      s.origins_.capacity() + s.entries_.capacity() * sizeof(RobotsSnapshot::Entry) +
      s.index_.capacity() * sizeof(RobotsSnapshot::Slot) + s.spans_.capacity() * sizeof(RuleSpan) +
      s.agent_map_.capacity() + s.store_.memory_bytes();
  return std::move(s);
}

}  // namespace tamis::robots
