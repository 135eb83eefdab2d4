// RobotsStage ("robots"): drops documents whose site opted out of crawling for any of a list
// of user agents, according to a robots.txt snapshot (RFC 9309).
//
// A document's `metadata.url` selects the origin's robots.txt in the snapshot; the document
// is dropped (rule "disallowed") when that robots.txt disallows the URL for ANY agent in the
// list, and the ledger detail names every agent that was disallowed ("GPTBot,CCBot").
// An origin missing from the snapshot follows `absent` (allow by default; "disallow" drops
// with rule "absent_origin"). A document without a usable http(s) URL is kept and counted:
// robots.txt cannot speak for it.
//
// Options (pipeline YAML or CLI):
//   snapshot: PATH      required; JSONL or WARC of robots.txt fetches (robots_snapshot_loader.h)
//   agents: [UA, ...]   default kDefaultRobotsAgents (Apertus's list); at most 64
//   absent: allow|disallow
// The snapshot is loaded by the factory, so a bad path fails before the run starts.
//
// Concurrency: kParallel. Process() only reads the immutable snapshot and counts per origin
// in its thread's scratch. At Finish() the scratches are merged and the per-origin report is
// written into RunContext::report_dir as robots_report.{json,csv} (robots_report-<task>.*
// when the run is one task of several), atomically. The stage's stats report carries the
// totals and every origin seen ("origins": status, state, agents that blocked, documents and
// bytes seen and dropped); MergeRobotsReports adds the reports of several tasks up, so
// `tamis stats` shows the whole run's opt-outs.
#ifndef TAMIS_FILTERS_ROBOTS_ROBOTS_STAGE_H_
#define TAMIS_FILTERS_ROBOTS_ROBOTS_STAGE_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "filters/robots/robots_snapshot.h"
#include "pipeline/stage.h"

namespace tamis {

// Apertus's opt-out list: AI crawlers whose robots.txt refusals it honoured, plus "*".
extern const std::vector<std::string> kDefaultRobotsAgents;

enum class RobotsAbsentPolicy { kAllow, kDisallow };

class RobotsStage final : public Stage {
 public:
  RobotsStage(robots::RobotsSnapshot snapshot, RobotsAbsentPolicy absent);

  std::string_view name() const override { return "robots"; }
  std::unique_ptr<Scratch> NewScratch() const override;
  Status Start(const RunContext& run) override;
  Status Process(DocumentBatch& batch, Scratch* scratch) const override;
  Status Finish(Scratches scratches, StageReport& report) override;

  const robots::RobotsSnapshot& snapshot() const { return snapshot_; }

 private:
  robots::RobotsSnapshot snapshot_;
  RobotsAbsentPolicy absent_;
  RunContext run_;
};

Result<std::unique_ptr<Stage>> CreateRobotsStage(const Value& options);

// The stats reports of several tasks' robots stages as one: counts added, origins merged
// (counts added, agents united), origins_seen and origins_blocking recounted.
Result<Value> MergeRobotsReports(std::span<const Value> reports);

}  // namespace tamis

#endif  // TAMIS_FILTERS_ROBOTS_ROBOTS_STAGE_H_
