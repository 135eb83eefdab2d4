// SignatureCollector: phase K of a dedup run (dedup_stage.h). For each document it
// normalises the text (dedup_text.h) and computes its keys — the xxh3-128 of the normalised
// text (exact) or one MinHash LSH key per band — and at Finish writes this task's ids and
// keys, sorted per band, into the work directory (dedup_work_files.h).
//
// Ordinals: documents are numbered in input order among those this task's collector sees.
// Batches run in parallel, so each scratch keeps (batch sequence, index in batch) with the
// keys, and Finish sorts them into input order before numbering: the numbering is the same
// for any thread count. Memory: about 16 + 8 × bands bytes per document plus its id, until
// Finish writes them.
// Thread rule: kParallel; per-thread state in the scratch, merged at Finish.
#ifndef TAMIS_DEDUP_SIGNATURE_COLLECTOR_H_
#define TAMIS_DEDUP_SIGNATURE_COLLECTOR_H_

#include <memory>
#include <string>

#include "dedup/dedup_stage.h"
#include "dedup/minhash.h"
#include "pipeline/stage.h"

namespace tamis {

class SignatureCollector final : public Stage {
 public:
  SignatureCollector(const DedupOptions& options, std::string work_dir);

  std::string_view name() const override;
  std::unique_ptr<Scratch> NewScratch() const override;
  Status Start(const RunContext& run) override;
  Status Process(DocumentBatch& batch, Scratch* scratch) const override;
  Status Finish(Scratches scratches, StageReport& report) override;

  // Key words per document: bands (minhash) or 2 (the exact hash's halves).
  int KeyWords() const;

 private:
  const DedupOptions& options_;
  MinHasher hasher_;
  std::string work_dir_;
  int task_ = 0;
};

}  // namespace tamis

#endif  // TAMIS_DEDUP_SIGNATURE_COLLECTOR_H_
