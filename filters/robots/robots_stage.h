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
// Concurrency: kParallel. Process() only reads the immutable snapshot; per-origin counters
// are relaxed atomics, so any number of threads run it at once. At Finish() the per-origin
// report is written into RunContext::report_dir as robots_report.{json,csv} (with a
// ".task-N" suffix when the run is one task of several), atomically.
#ifndef TAMIS_FILTERS_ROBOTS_ROBOTS_STAGE_H_
#define TAMIS_FILTERS_ROBOTS_ROBOTS_STAGE_H_

#include <atomic>
#include <cstdint>
#include <memory>
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
  Status Finish(StageReport& report) override;

  const robots::RobotsSnapshot& snapshot() const { return snapshot_; }

 private:
  struct OriginCounters {
    std::atomic<uint64_t> documents{0};
    std::atomic<uint64_t> dropped{0};
    std::atomic<uint64_t> bytes_dropped{0};
    std::atomic<uint64_t> agents{0};  // AgentMask of agents that blocked a document.
  };

  robots::RobotsSnapshot snapshot_;
  RobotsAbsentPolicy absent_;
  RunContext run_;
  // One per snapshot origin, plus one last slot for all absent origins.
  std::unique_ptr<OriginCounters[]> counters_;
  mutable std::atomic<uint64_t> without_url_{0};
};

Result<std::unique_ptr<Stage>> CreateRobotsStage(const Value& options);

}  // namespace tamis

#endif  // TAMIS_FILTERS_ROBOTS_ROBOTS_STAGE_H_
