// DedupStage: document-level deduplication over the whole corpus, on one machine or as many
// SLURM array tasks, as a corpus stage (pipeline/corpus_stage.h). Two methods share the
// machinery: `- stage: exact_dedup` (xxh3-128 of the normalised text, dedup_text.h) and
// `- stage: minhash_dedup` (MinHash LSH, minhash.h). Both keep, of every cluster of
// duplicates, the document that comes first in input order (phase task, then position).
//
//   phase K    collector "<method>_signatures": normalises each document and computes its
//              keys (the exact hash, or one LSH key per band); each task writes, at Finish,
//              ids-<task>.bin and its keys sorted per band, band-<bb>-<task>.bin (minhash)
//              or exact-<task>.bin (dedup_file_format.md)
//   step       "buckets", up to one step task per band: merges that band's keys of every task
//              and writes, for each bucket of documents sharing a key, an edge from each
//              document to the bucket's first; edges are partitioned by document over the
//              cluster tasks (edges-<bb>-<part>.bin)
//   step       "cluster", up to one step task per partition: union-find over the partition's
//              edges of every band; writes the spanning forest (forest-<part>.bin: each
//              clustered document and the first document of its local component)
//   step       "merge", one task: union-find over the forests (far fewer edges than the
//              buckets made: one per clustered document and partition); writes per phase
//              task the clustered documents with their cluster's kept position and size
//              (decisions-<task>.bin) and the kept documents' ids (cluster-ids-<task>.bin)
//   phase K+1  applier "<method>": on every clustered document sets
//              metadata.<method>_cluster_size and .<method>_cluster_id (the kept document's
//              id); drops the others with rule "<method>_duplicate", detail "duplicate of ID"
// Here <method> is "minhash" or "exact". Documents in no cluster are left untouched.
// A step has at most as many tasks as the phase before (step tasks are addressed like phase
// tasks); step task i of k handles bands, or partitions, i, i + k, i + 2k, ...
//
// Options (minhash_dedup): bands: 14, rows: 8, shingle_words: 5, seed: 1 (FineWeb's
// defaults). Both: `compare: text` (default) or `compare: first_prompt` (conversations are
// duplicates when their first user turns are: translated prompt sets repeat prompts under
// new answers); cluster_tasks: N (default: as many as the phase has tasks, at most 64);
// reference: DIR, the work folder (OUT/.tamis/work/NN-<stage>) of an earlier finished run
// with the same parameters: incremental dedup. Its keys join every bucket as if its tasks
// came before this run's, so a new document near one of the reference corpus (kept or not
// in that run) is dropped as its duplicate, and nothing of the reference is reprocessed;
// cluster sizes count the reference's documents too.
// Every decision depends only on the side files, so any --threads gives the same bytes, and
// the same --tasks gives the same bytes in one process or part by part.
#ifndef TAMIS_DEDUP_DEDUP_STAGE_H_
#define TAMIS_DEDUP_DEDUP_STAGE_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dedup/minhash.h"
#include "pipeline/corpus_stage.h"
#include "pipeline/value.h"

namespace tamis {

enum class DedupMethod {
  kExact,    // One key per document: xxh3-128 of its normalised text.
  kMinHash,  // One key per LSH band.
};

// What of a document is compared.
enum class DedupScope {
  kText,         // The whole text.
  kFirstPrompt,  // A conversation's first user turn (pipeline/chat_turns.h); the whole text
                 // of a document that is no conversation.
};

struct DedupOptions {
  DedupMethod method = DedupMethod::kMinHash;
  DedupScope scope = DedupScope::kText;
  MinHashOptions minhash;
  int cluster_tasks = 0;  // 0: as many as the phase has tasks, at most kMaxDefaultClusterTasks.
  // The work folder of an earlier run of the same stage and parameters (incremental dedup).
  std::string reference;
};

class DedupStage final : public CorpusStage {
 public:
  static constexpr std::string_view kBucketsStep = "buckets";
  static constexpr std::string_view kClusterStep = "cluster";
  static constexpr std::string_view kMergeStep = "merge";
  static constexpr int kMaxDefaultClusterTasks = 64;

  explicit DedupStage(DedupOptions options) : options_(std::move(options)) {}

  std::string_view name() const override;
  std::vector<std::string> steps() const override;
  Result<std::unique_ptr<Stage>> Collector(const std::string& work_dir) const override;
  Status Step(std::string_view step, const StepContext& context) const override;
  Result<std::unique_ptr<Stage>> Applier(const std::string& work_dir) const override;
  int StepTasks(std::string_view step, int phase_tasks) const override;

 private:
  Status Buckets(const StepContext& context) const;
  Status BandBuckets(int band, int reference_tasks, const StepContext& context) const;
  // The phase tasks of the reference run (0 without one); an error when its parameters differ.
  Result<int> ReferenceTasks() const;
  Value Parameters() const;  // What must match between a run and its reference.
  Status Cluster(const StepContext& context) const;
  Status ClusterPartition(int part, const StepContext& context) const;
  Status Merge(const StepContext& context) const;
  int KeyFiles() const;  // Band files per phase task (bands, or 1 for exact).
  int ClusterTasks(int phase_tasks) const;

  DedupOptions options_;
};

Result<std::unique_ptr<CorpusStage>> CreateMinHashDedupStage(const Value& options);
Result<std::unique_ptr<CorpusStage>> CreateExactDedupStage(const Value& options);

}  // namespace tamis

#endif  // TAMIS_DEDUP_DEDUP_STAGE_H_
