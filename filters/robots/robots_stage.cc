#include "filters/robots/robots_stage.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "filters/robots/robots_report.h"
#include "filters/robots/robots_snapshot_loader.h"
#include "filters/robots/robots_url.h"
#include "pipeline/options.h"

namespace tamis {

const std::vector<std::string> kDefaultRobotsAgents = {"AI2Bot",
                                                       "Applebot-Extended",
                                                       "Bytespider",
                                                       "CCBot",
                                                       "ClaudeBot",
                                                       "cohere-training-data-crawler",
                                                       "Diffbot",
                                                       "FacebookBot",
                                                       "Meta-ExternalAgent",
                                                       "Google-Extended",
                                                       "GPTBot",
                                                       "PanguBot",
                                                       "*"};

namespace {

constexpr std::string_view kReportStem = "robots_report";
constexpr std::string_view kAbsentOrigin = "(absent)";
// What one thread saw of one origin.
struct OriginCounts {
  uint64_t documents = 0;
  uint64_t dropped = 0;
  uint64_t bytes_dropped = 0;
  robots::AgentMask agents = 0;  // Agents that blocked a document.
};

class RobotsScratch final : public Scratch {
 public:
  std::string buffer;  // Normalised path of the URL being checked.
  // By snapshot origin index; RobotsSnapshot::kNoOrigin for every absent origin. Sparse:
  // a thread sees a few origins of a snapshot that may hold millions.
  std::unordered_map<uint32_t, OriginCounts> origins;
  uint64_t without_url = 0;
};

std::string AgentList(const std::vector<std::string>& agents, robots::AgentMask mask,
                      char separator) {
  std::string out;
  for (size_t i = 0; i < agents.size(); ++i) {
    if ((mask >> i & 1) == 0) continue;
    if (!out.empty()) out.push_back(separator);
    out += agents[i];
  }
  return out;
}

std::vector<std::string> AgentVector(const std::vector<std::string>& agents,
                                     robots::AgentMask mask) {
  std::vector<std::string> out;
  for (size_t i = 0; i < agents.size(); ++i) {
    if (mask >> i & 1) out.push_back(agents[i]);
  }
  return out;
}

Value RowValue(const robots::RobotsReportRow& row) {
  Value v = Value::EmptyObject();
  v.Set("status", row.status);
  v.Set("state", row.state);
  Value agents = Value::EmptyArray();
  for (const std::string& a : row.agents_blocked) agents.as_array().emplace_back(a);
  v.Set("agents_blocked", std::move(agents));
  v.Set("documents", row.documents);
  v.Set("documents_dropped", row.documents_dropped);
  v.Set("bytes_dropped", row.bytes_dropped);
  return v;
}

// The union of two sorted-as-given agent lists, in the order of the first then new ones.
void UnionAgents(const Value& from, Value* into) {
  for (const Value& agent : from.as_array()) {
    bool present = false;
    for (const Value& have : into->as_array()) present |= have.as_string() == agent.as_string();
    if (!present) into->as_array().push_back(agent);
  }
}

}  // namespace

Result<Value> MergeRobotsReports(std::span<const Value> reports) {
  Value merged = Value::EmptyObject();
  std::map<std::string, Value> blocking;  // Every origin, by name, as each task's report.
  for (const Value& report : reports) {
    for (std::string_view key :
         {"documents_checked", "documents_dropped", "bytes_dropped", "documents_without_url"}) {
      const Value* v = report.Find(key);
      const Value* have = merged.Find(key);
      merged.Set(std::string(key), (have ? have->as_int() : 0) + (v ? v->as_int() : 0));
    }
    for (std::string_view key : {"snapshot_origins", "snapshot_rules", "snapshot_memory_bytes"}) {
      if (const Value* v = report.Find(key)) merged.Set(std::string(key), *v);
    }
    const Value* origins = report.Find("origins");
    if (!origins || !origins->is_object()) continue;
    for (const auto& [origin, row] : origins->as_object()) {
      auto it = blocking.find(origin);
      if (it == blocking.end()) {
        blocking.emplace(origin, row);
        continue;
      }
      Value* have = &it->second;
      for (std::string_view key : {"documents", "documents_dropped", "bytes_dropped"}) {
        have->Set(std::string(key), have->Find(key)->as_int() + row.Find(key)->as_int());
      }
      UnionAgents(*row.Find("agents_blocked"), have->Find("agents_blocked"));
    }
  }
  int64_t origins_blocking = 0;
  Value table = Value::EmptyObject();
  for (auto& [origin, row] : blocking) {
    origins_blocking += row.Find("documents_dropped")->as_int() > 0 ? 1 : 0;
    table.Set(origin, std::move(row));
  }
  merged.Set("origins_seen", static_cast<int64_t>(table.as_object().size()));
  merged.Set("origins_blocking", origins_blocking);
  merged.Set("origins", std::move(table));
  return merged;
}

RobotsStage::RobotsStage(robots::RobotsSnapshot snapshot, RobotsAbsentPolicy absent)
    : snapshot_(std::move(snapshot)), absent_(absent) {}

std::unique_ptr<Scratch> RobotsStage::NewScratch() const {
  return std::make_unique<RobotsScratch>();
}

Status RobotsStage::Start(const RunContext& run) {
  run_ = run;
  return Status::Ok();
}

Status RobotsStage::Process(DocumentBatch& batch, Scratch* scratch) const {
  auto* counts = static_cast<RobotsScratch*>(scratch);
  const robots::AgentMask all_agents =
      snapshot_.agents().size() == robots::kMaxAgents
          ? ~robots::AgentMask{0}
          : (robots::AgentMask{1} << snapshot_.agents().size()) - 1;
  for (Document& doc : batch.documents) {
    const std::optional<robots::RobotsUrl> url =
        robots::ParseRobotsUrl(doc.metadata.GetString("url"));
    if (!url) {
      ++counts->without_url;
      continue;
    }
    const uint32_t origin = snapshot_.Find(url->origin);
    OriginCounts& counters = counts->origins[origin];
    ++counters.documents;
    robots::AgentMask disallowed;
    std::string_view rule = "disallowed";
    if (origin != robots::RobotsSnapshot::kNoOrigin) {
      disallowed = snapshot_.Disallowed(origin, url->path_and_query, &counts->buffer);
    } else if (absent_ == RobotsAbsentPolicy::kDisallow) {
      disallowed = all_agents;
      rule = "absent_origin";
    } else {
      disallowed = 0;
    }
    if (disallowed == 0) continue;
    ++counters.dropped;
    counters.bytes_dropped += doc.text.size();
    counters.agents |= disallowed;
    doc.Drop(name(), rule, AgentList(snapshot_.agents(), disallowed, ','));
  }
  return Status::Ok();
}

Status RobotsStage::Finish(Scratches scratches, StageReport& report) {
  // Merged in origin-index order (a std::map), so the report does not depend on which thread
  // saw what.
  std::map<uint32_t, OriginCounts> merged;
  uint64_t without_url = 0;
  for (Scratch* scratch : scratches) {
    const auto* counts = static_cast<const RobotsScratch*>(scratch);
    without_url += counts->without_url;
    for (const auto& [origin, c] : counts->origins) {
      OriginCounts& m = merged[origin];
      m.documents += c.documents;
      m.dropped += c.dropped;
      m.bytes_dropped += c.bytes_dropped;
      m.agents |= c.agents;
    }
  }
  std::vector<robots::RobotsReportRow> rows;
  uint64_t documents = 0, dropped = 0, bytes_dropped = 0, origins_blocking = 0;
  for (const auto& [i, c] : merged) {
    robots::RobotsReportRow row;
    if (i != robots::RobotsSnapshot::kNoOrigin) {
      row.origin = std::string(snapshot_.origin(i));
      row.status = snapshot_.status(i);
      row.state = std::string(robots::RobotsStateName(snapshot_.state(i)));
    } else {
      row.origin = std::string(kAbsentOrigin);
      row.status = -1;
      row.state = absent_ == RobotsAbsentPolicy::kAllow ? "absent_allow" : "absent_disallow";
    }
    row.agents_blocked = AgentVector(snapshot_.agents(), c.agents);
    row.documents = c.documents;
    row.documents_dropped = c.dropped;
    row.bytes_dropped = c.bytes_dropped;
    documents += row.documents;
    dropped += row.documents_dropped;
    bytes_dropped += row.bytes_dropped;
    origins_blocking += row.documents_dropped > 0 ? 1 : 0;
    rows.push_back(std::move(row));
  }
  // Most-dropped origins first: the report is read to see who opted out.
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    if (a.documents_dropped != b.documents_dropped) {
      return a.documents_dropped > b.documents_dropped;
    }
    return a.origin < b.origin;
  });

  const robots::RobotsSnapshot::Stats& stats = snapshot_.stats();
  report.extra.Set("documents_checked", documents);
  report.extra.Set("documents_dropped", dropped);
  report.extra.Set("bytes_dropped", bytes_dropped);
  report.extra.Set("documents_without_url", without_url);
  report.extra.Set("origins_seen", static_cast<uint64_t>(rows.size()));
  report.extra.Set("origins_blocking", origins_blocking);
  report.extra.Set("snapshot_origins", static_cast<uint64_t>(snapshot_.origin_count()));
  report.extra.Set("snapshot_rules", stats.rules);
  report.extra.Set("snapshot_memory_bytes", stats.memory_bytes);
  // Every origin seen, by name, so that the merged reports of many tasks (MergeRobotsReports)
  // are the report of one task over all their inputs.
  std::map<std::string, Value> by_origin;
  for (const robots::RobotsReportRow& row : rows) by_origin.emplace(row.origin, RowValue(row));
  Value origins = Value::EmptyObject();
  for (auto& [origin, row] : by_origin) origins.Set(origin, std::move(row));
  report.extra.Set("origins", std::move(origins));

  if (run_.report_dir.empty()) return Status::Ok();
  return robots::WriteRobotsReport(run_.report_dir, run_.TaskStem(kReportStem), rows)
      .WithContext("writing the robots report");
}

Result<std::unique_ptr<Stage>> CreateRobotsStage(const Value& options) {
  Options opts(options, "stage robots");
  const std::string snapshot_path = opts.RequiredString("snapshot");
  std::vector<std::string> agents = opts.StringList("agents");
  const std::string absent = opts.String("absent", "allow");
  TAMIS_RETURN_IF_ERROR(opts.Finish());
  if (agents.empty()) agents = kDefaultRobotsAgents;
  if (agents.size() > robots::kMaxAgents) {
    return Status::InvalidArgument("stage robots: at most " + std::to_string(robots::kMaxAgents) +
                                   " agents");
  }
  for (const std::string& agent : agents) {
    if (robots::AgentProductToken(agent).empty()) {
      return Status::InvalidArgument("stage robots: agent '" + agent + "' has no product token");
    }
  }
  RobotsAbsentPolicy policy;
  if (absent == "allow") {
    policy = RobotsAbsentPolicy::kAllow;
  } else if (absent == "disallow") {
    policy = RobotsAbsentPolicy::kDisallow;
  } else {
    return Status::InvalidArgument("stage robots: absent must be 'allow' or 'disallow', not '" +
                                   absent + "'");
  }
  TAMIS_ASSIGN_OR_RETURN(robots::LoadedSnapshot loaded,
                         robots::LoadRobotsSnapshot(snapshot_path, {agents, false}));
  return std::unique_ptr<Stage>(std::make_unique<RobotsStage>(std::move(loaded.snapshot), policy));
}

}  // namespace tamis
