#include "dedup/cluster_applier.h"

#include "dedup/dedup_file.h"
#include "dedup/dedup_work_files.h"

namespace tamis {
namespace {

class CursorScratch final : public Scratch {
 public:
  uint64_t next_ordinal = 0;
  size_t next_decision = 0;
  int64_t kept = 0;     // Clustered documents kept (one per cluster).
  int64_t removed = 0;  // Clustered documents dropped.
};

constexpr size_t kDecisionWords = 3;

}  // namespace

std::string_view ClusterApplier::name() const {
  return options_.method == DedupMethod::kExact ? "exact_dedup" : "minhash_dedup";
}

std::unique_ptr<Scratch> ClusterApplier::NewScratch() const {
  return std::make_unique<CursorScratch>();
}

Status ClusterApplier::Start(const RunContext& run) {
  task_ = run.task;
  const std::string method = options_.method == DedupMethod::kExact ? "exact" : "minhash";
  size_key_ = method + "_cluster_size";
  id_key_ = method + "_cluster_id";
  rule_ = method + "_duplicate";
  const DedupWorkFiles files(work_dir_);
  const std::string path = files.Decisions(task_);
  TAMIS_ASSIGN_OR_RETURN(DedupRecords decisions,
                         ReadDedupRecords(path, dedup_file::Kind::kDecisions));
  TAMIS_ASSIGN_OR_RETURN(kept_ids_, ReadDedupStrings(files.ClusterIds(task_)));
  decisions_ = std::move(decisions.words);
  if (kept_ids_.size() * kDecisionWords != decisions_.size()) {
    return Status::Corruption(files.ClusterIds(task_) + ": " + std::to_string(kept_ids_.size()) +
                              " ids for " + std::to_string(decisions_.size() / kDecisionWords) +
                              " decisions of " + path);
  }
  return Status::Ok();
}

Status ClusterApplier::Process(DocumentBatch& batch, Scratch* scratch) const {
  auto& cursor = *static_cast<CursorScratch*>(scratch);
  for (Document& doc : batch.documents) {
    const uint64_t ordinal = cursor.next_ordinal++;
    const size_t d = cursor.next_decision;
    if (d * kDecisionWords >= decisions_.size() || decisions_[d * kDecisionWords] != ordinal) {
      continue;
    }
    ++cursor.next_decision;
    const uint64_t kept = decisions_[d * kDecisionWords + 1];
    const int64_t size = static_cast<int64_t>(decisions_[d * kDecisionWords + 2]);
    const std::string& kept_id = kept_ids_[d];
    doc.metadata.Set(size_key_, size);
    doc.metadata.Set(id_key_, kept_id);
    if (kept ==
        dedup_file::Position(static_cast<uint32_t>(task_), static_cast<uint32_t>(ordinal))) {
      if (doc.id != kept_id) {
        return Status::FailedPrecondition(
            std::string(name()) + ": document " + std::to_string(ordinal) + " of task " +
            std::to_string(task_) + " is '" + doc.id + "', the signatures saw '" + kept_id +
            "' (input changed between the phases?)");
      }
      ++cursor.kept;
      continue;
    }
    ++cursor.removed;
    doc.Drop(name(), rule_, "duplicate of " + kept_id, static_cast<double>(size));
  }
  return Status::Ok();
}

Status ClusterApplier::Finish(Scratches scratches, StageReport& report) {
  int64_t kept = 0, removed = 0;
  for (Scratch* s : scratches) {
    const auto& cursor = *static_cast<CursorScratch*>(s);
    if (cursor.next_decision * kDecisionWords != decisions_.size()) {
      return Status::FailedPrecondition(
          std::string(name()) + ": task " + std::to_string(task_) + " saw " +
          std::to_string(cursor.next_ordinal) + " documents but " +
          std::to_string(decisions_.size() / kDecisionWords - cursor.next_decision) +
          " decisions were not reached (input changed between the phases?)");
    }
    kept += cursor.kept;
    removed += cursor.removed;
  }
  report.extra.Set("clusters_kept", kept);
  report.extra.Set("duplicates_removed", removed);
  return Status::Ok();
}

}  // namespace tamis
