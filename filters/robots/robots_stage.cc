#include "filters/robots/robots_stage.h"

#include <algorithm>

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
constexpr auto kRelaxed = std::memory_order_relaxed;

class RobotsScratch final : public Scratch {
 public:
  std::string buffer;  // Normalised path of the URL being checked.
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

}  // namespace

RobotsStage::RobotsStage(robots::RobotsSnapshot snapshot, RobotsAbsentPolicy absent)
    : snapshot_(std::move(snapshot)),
      absent_(absent),
      counters_(std::make_unique<OriginCounters[]>(snapshot_.origin_count() + 1)) {}

std::unique_ptr<Scratch> RobotsStage::NewScratch() const {
  return std::make_unique<RobotsScratch>();
}

Status RobotsStage::Start(const RunContext& run) {
  run_ = run;
  return Status::Ok();
}

Status RobotsStage::Process(DocumentBatch& batch, Scratch* scratch) const {
  std::string& buffer = static_cast<RobotsScratch*>(scratch)->buffer;
  const robots::AgentMask all_agents =
      snapshot_.agents().size() == robots::kMaxAgents
          ? ~robots::AgentMask{0}
          : (robots::AgentMask{1} << snapshot_.agents().size()) - 1;
  for (Document& doc : batch.documents) {
    if (doc.dropped()) continue;
    const std::optional<robots::RobotsUrl> url =
        robots::ParseRobotsUrl(doc.metadata.GetString("url"));
    if (!url) {
      without_url_.fetch_add(1, kRelaxed);
      continue;
    }
    const uint32_t origin = snapshot_.Find(url->origin);
    OriginCounters& counters =
        counters_[origin == robots::RobotsSnapshot::kNoOrigin ? snapshot_.origin_count() : origin];
    counters.documents.fetch_add(1, kRelaxed);
    robots::AgentMask disallowed;
    std::string_view rule = "disallowed";
    if (origin != robots::RobotsSnapshot::kNoOrigin) {
      disallowed = snapshot_.Disallowed(origin, url->path_and_query, &buffer);
    } else if (absent_ == RobotsAbsentPolicy::kDisallow) {
      disallowed = all_agents;
      rule = "absent_origin";
    } else {
      disallowed = 0;
    }
    if (disallowed == 0) continue;
    counters.dropped.fetch_add(1, kRelaxed);
    counters.bytes_dropped.fetch_add(doc.text.size(), kRelaxed);
    counters.agents.fetch_or(disallowed, kRelaxed);
    doc.Drop(name(), rule, AgentList(snapshot_.agents(), disallowed, ','));
  }
  return Status::Ok();
}

Status RobotsStage::Finish(StageReport& report) {
  std::vector<robots::RobotsReportRow> rows;
  uint64_t documents = 0, dropped = 0, bytes_dropped = 0, origins_blocking = 0;
  for (uint32_t i = 0; i <= snapshot_.origin_count(); ++i) {
    const OriginCounters& c = counters_[i];
    if (c.documents.load(kRelaxed) == 0) continue;
    robots::RobotsReportRow row;
    if (i < snapshot_.origin_count()) {
      row.origin = std::string(snapshot_.origin(i));
      row.status = snapshot_.status(i);
      row.state = std::string(robots::RobotsStateName(snapshot_.state(i)));
    } else {
      row.origin = std::string(kAbsentOrigin);
      row.status = -1;
      row.state = absent_ == RobotsAbsentPolicy::kAllow ? "absent_allow" : "absent_disallow";
    }
    row.agents_blocked = AgentVector(snapshot_.agents(), c.agents.load(kRelaxed));
    row.documents = c.documents.load(kRelaxed);
    row.documents_dropped = c.dropped.load(kRelaxed);
    row.bytes_dropped = c.bytes_dropped.load(kRelaxed);
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
  report.extra.Set("documents_without_url", without_url_.load(kRelaxed));
  report.extra.Set("origins_seen", static_cast<uint64_t>(rows.size()));
  report.extra.Set("origins_blocking", origins_blocking);
  report.extra.Set("snapshot_origins", static_cast<uint64_t>(snapshot_.origin_count()));
  report.extra.Set("snapshot_rules", stats.rules);
  report.extra.Set("snapshot_memory_bytes", stats.memory_bytes);

  if (run_.report_dir.empty()) return Status::Ok();
  std::string stem(kReportStem);
  if (run_.tasks > 1) stem += ".task-" + std::to_string(run_.task);
  return robots::WriteRobotsReport(run_.report_dir, stem, rows)
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
