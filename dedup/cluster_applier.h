// ClusterApplier: phase K+1 of a dedup run (dedup_stage.h). Reads this task's decisions at
// Start — for each clustered document (by ordinal) the position its cluster keeps, the
// cluster's size and the kept document's id — then walks the documents in input order:
// every clustered one gets metadata.<method>_cluster_size and .<method>_cluster_id, and all
// but the kept one are dropped with rule "<method>_duplicate", detail "duplicate of ID".
//
// It counts ordinals the way the collector numbered them, so it runs kSerialInOrder (a
// lookup per document: cheap) and must be the first stage of its phase, which it is by
// construction (corpus_stage.h). A kept document whose id differs from the one recorded, or
// decisions left over at Finish, mean the input changed between the phases: an error.
// Thread rule: kSerialInOrder; the single scratch holds the cursor.
#ifndef TAMIS_DEDUP_CLUSTER_APPLIER_H_
#define TAMIS_DEDUP_CLUSTER_APPLIER_H_

#include <memory>
#include <string>
#include <vector>

#include "dedup/dedup_stage.h"
#include "pipeline/stage.h"

namespace tamis {

class ClusterApplier final : public Stage {
 public:
  ClusterApplier(const DedupOptions& options, std::string work_dir)
      : options_(options), work_dir_(std::move(work_dir)) {}

  std::string_view name() const override;
  StageMode mode() const override { return StageMode::kSerialInOrder; }
  std::unique_ptr<Scratch> NewScratch() const override;
  Status Start(const RunContext& run) override;
  Status Process(DocumentBatch& batch, Scratch* scratch) const override;
  Status Finish(Scratches scratches, StageReport& report) override;

 private:
  const DedupOptions& options_;
  std::string work_dir_;
  int task_ = 0;
  std::string size_key_, id_key_, rule_;
  std::vector<uint64_t> decisions_;  // (ordinal, kept position, cluster size) triples.
  std::vector<std::string> kept_ids_;
};

}  // namespace tamis

#endif  // TAMIS_DEDUP_CLUSTER_APPLIER_H_
