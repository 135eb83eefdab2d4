#include "dedup/dedup_stage.h"

#include <tbb/parallel_sort.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <array>
#include <map>
#include <span>

#include "dedup/cluster_applier.h"
#include "dedup/dedup_file.h"
#include "dedup/dedup_work_files.h"
#include "dedup/min_root_union_find.h"
#include "dedup/signature_collector.h"
#include "io/output_file.h"
#include "pipeline/json.h"
#include "pipeline/options.h"

namespace tamis {
namespace {

using dedup_file::Kind;

template <size_t kWords>
std::span<const uint64_t> Flat(const std::vector<std::array<uint64_t, kWords>>& records) {
  return {reinterpret_cast<const uint64_t*>(records.data()), records.size() * kWords};
}

template <size_t kWords>
std::vector<std::array<uint64_t, kWords>> Unflat(const std::vector<uint64_t>& words) {
  std::vector<std::array<uint64_t, kWords>> records(words.size() / kWords);
  std::copy(words.begin(), words.end(), reinterpret_cast<uint64_t*>(records.data()));
  return records;
}

// Sorts on the step's threads; the result is the same for any count (a total order).
template <typename T>
void SortOnThreads(std::vector<T>* v, int threads) {
  tbb::task_arena arena(std::max(1, threads));
  arena.execute([&] { tbb::parallel_sort(v->begin(), v->end()); });
}

// The cluster partition of a document: every edge of one document, from every band, goes to
// the same partition, so that each cluster task sees all of them.
uint32_t PartitionOf(uint64_t position, int parts) {
  return static_cast<uint32_t>((position ^ (position >> 32)) % static_cast<uint64_t>(parts));
}

// Buckets of one band: `entries` hold kKeyWords key words then a position, sorted. Appends
// to edges[part] one (document, first) edge per document after the first of its bucket.
template <size_t kKeyWords>
void BucketEdges(const std::vector<std::array<uint64_t, kKeyWords + 1>>& entries, int parts,
                 std::vector<std::vector<std::array<uint64_t, 2>>>* edges) {
  auto same_key = [](const auto& a, const auto& b) {
    return std::equal(a.begin(), a.begin() + kKeyWords, b.begin());
  };
  for (size_t start = 0; start < entries.size();) {
    size_t end = start + 1;
    while (end < entries.size() && same_key(entries[start], entries[end])) ++end;
    const uint64_t first = entries[start][kKeyWords];
    for (size_t i = start + 1; i < end; ++i) {
      const uint64_t document = entries[i][kKeyWords];
      (*edges)[PartitionOf(document, parts)].push_back({document, first});
    }
    start = end;
  }
}

// Appends the keys of one band of tasks [0, tasks) of the work directory `files`, positioned
// as tasks first_task, first_task + 1, ...
template <size_t kKeyWords>
Status ReadBand(const DedupWorkFiles& files, int tasks, uint32_t first_task, Kind kind, int band,
                std::vector<std::array<uint64_t, kKeyWords + 1>>* entries) {
  for (int task = 0; task < tasks; ++task) {
    const std::string path =
        kind == Kind::kExactKeys ? files.ExactKeys(task) : files.BandKeys(band, task);
    TAMIS_ASSIGN_OR_RETURN(DedupRecords records, ReadDedupRecords(path, kind));
    if (kind == Kind::kBandKeys && records.band != static_cast<uint32_t>(band)) {
      return Status::Corruption(path + ": holds band " + std::to_string(records.band));
    }
    auto part = Unflat<kKeyWords + 1>(records.words);
    for (auto& entry : part) {
      if (entry[kKeyWords] > UINT32_MAX) return Status::Corruption(path + ": ordinal overflow");
      entry[kKeyWords] = dedup_file::Position(first_task + static_cast<uint32_t>(task),
                                              static_cast<uint32_t>(entry[kKeyWords]));
    }
    entries->insert(entries->end(), part.begin(), part.end());
  }
  return Status::Ok();
}

// The keys of one band: the reference corpus's tasks first (so that its documents come first
// and are what clusters keep), then this run's; sorted on the step's threads.
template <size_t kKeyWords>
Result<std::vector<std::array<uint64_t, kKeyWords + 1>>> ReadBandKeys(const std::string& reference,
                                                                      int reference_tasks,
                                                                      Kind kind, int band,
                                                                      const StepContext& context) {
  std::vector<std::array<uint64_t, kKeyWords + 1>> entries;
  TAMIS_RETURN_IF_ERROR(
      ReadBand<kKeyWords>(DedupWorkFiles(reference), reference_tasks, 0, kind, band, &entries));
  TAMIS_RETURN_IF_ERROR(ReadBand<kKeyWords>(DedupWorkFiles(context.work_dir), context.tasks,
                                            static_cast<uint32_t>(reference_tasks), kind, band,
                                            &entries));
  SortOnThreads(&entries, context.threads);
  return entries;
}

}  // namespace

std::string_view DedupStage::name() const {
  return options_.method == DedupMethod::kExact ? "exact_dedup" : "minhash_dedup";
}

std::vector<std::string> DedupStage::steps() const {
  return {std::string(kBucketsStep), std::string(kClusterStep), std::string(kMergeStep)};
}

int DedupStage::KeyFiles() const {
  return options_.method == DedupMethod::kExact ? 1 : options_.minhash.bands;
}

int DedupStage::ClusterTasks(int phase_tasks) const {
  if (options_.cluster_tasks > 0) return options_.cluster_tasks;
  return std::clamp(phase_tasks, 1, kMaxDefaultClusterTasks);
}

// A step task is addressed like a phase task (--task below --tasks), so a step has at most as
// many tasks as the phase; each takes every tasks_in_step-th band or partition.
int DedupStage::StepTasks(std::string_view step, int phase_tasks) const {
  if (step == kBucketsStep) return std::min(KeyFiles(), phase_tasks);
  if (step == kClusterStep) return std::min(ClusterTasks(phase_tasks), phase_tasks);
  return 1;
}

Result<std::unique_ptr<Stage>> DedupStage::Collector(const std::string& work_dir) const {
  return std::unique_ptr<Stage>(std::make_unique<SignatureCollector>(options_, work_dir));
}

Result<std::unique_ptr<Stage>> DedupStage::Applier(const std::string& work_dir) const {
  return std::unique_ptr<Stage>(std::make_unique<ClusterApplier>(options_, work_dir));
}

Status DedupStage::Step(std::string_view step, const StepContext& context) const {
  if (step == kBucketsStep) return Buckets(context);
  if (step == kClusterStep) return Cluster(context);
  if (step == kMergeStep) return Merge(context);
  return Status::InvalidArgument(std::string(name()) + " has no step '" + std::string(step) + "'");
}

Status DedupStage::Buckets(const StepContext& context) const {
  TAMIS_ASSIGN_OR_RETURN(const int reference_tasks, ReferenceTasks());
  for (int band = context.task; band < KeyFiles(); band += context.tasks_in_step) {
    TAMIS_RETURN_IF_ERROR(BandBuckets(band, reference_tasks, context));
  }
  return Status::Ok();
}

Result<int> DedupStage::ReferenceTasks() const {
  if (options_.reference.empty()) return 0;
  const std::string path = DedupWorkFiles(options_.reference).Summary();
  TAMIS_ASSIGN_OR_RETURN(std::string text, ReadWholeFile(path));
  TAMIS_ASSIGN_OR_RETURN(Value summary, ParseJson(text));
  const Value* tasks = summary.Find("phase_tasks");
  if (!tasks || !tasks->is_int() || tasks->as_int() < 1 || tasks->as_int() > UINT32_MAX / 2) {
    return Status::Corruption(path + ": no phase_tasks (not a finished dedup run's work folder)");
  }
  if (summary.Find("parameters") == nullptr || *summary.Find("parameters") != Parameters()) {
    return Status::InvalidArgument(
        std::string(name()) + ": the reference " + options_.reference +
        " was made with other parameters (" +
        (summary.Find("parameters") ? ToJson(*summary.Find("parameters")) : std::string("none")) +
        ", this run: " + ToJson(Parameters()) + ")");
  }
  return static_cast<int>(tasks->as_int());
}

Value DedupStage::Parameters() const {
  Value p = Value::EmptyObject();
  p.Set("method", std::string(name()));
  if (options_.method == DedupMethod::kMinHash) {
    p.Set("bands", options_.minhash.bands);
    p.Set("rows", options_.minhash.rows);
    p.Set("shingle_words", options_.minhash.shingle_words);
    p.Set("seed", static_cast<int64_t>(options_.minhash.seed));
  }
  return p;
}

Status DedupStage::BandBuckets(int band, int reference_tasks, const StepContext& context) const {
  const DedupWorkFiles files(context.work_dir);
  const int parts = ClusterTasks(context.tasks);
  std::vector<std::vector<std::array<uint64_t, 2>>> edges(parts);
  if (options_.method == DedupMethod::kExact) {
    TAMIS_ASSIGN_OR_RETURN(auto entries, ReadBandKeys<2>(options_.reference, reference_tasks,
                                                         Kind::kExactKeys, band, context));
    BucketEdges<2>(entries, parts, &edges);
  } else {
    TAMIS_ASSIGN_OR_RETURN(auto entries, ReadBandKeys<1>(options_.reference, reference_tasks,
                                                         Kind::kBandKeys, band, context));
    BucketEdges<1>(entries, parts, &edges);
  }
  for (int part = 0; part < parts; ++part) {
    std::sort(edges[part].begin(), edges[part].end());
    edges[part].erase(std::unique(edges[part].begin(), edges[part].end()), edges[part].end());
    TAMIS_RETURN_IF_ERROR(WriteDedupRecords(files.Edges(band, part), Kind::kEdges,
                                            static_cast<uint32_t>(band), Flat(edges[part])));
  }
  return Status::Ok();
}

Status DedupStage::Cluster(const StepContext& context) const {
  for (int part = context.task; part < ClusterTasks(context.tasks); part += context.tasks_in_step) {
    TAMIS_RETURN_IF_ERROR(ClusterPartition(part, context));
  }
  return Status::Ok();
}

Status DedupStage::ClusterPartition(int part, const StepContext& context) const {
  const DedupWorkFiles files(context.work_dir);
  std::vector<uint64_t> edges;
  for (int band = 0; band < KeyFiles(); ++band) {
    TAMIS_ASSIGN_OR_RETURN(DedupRecords records,
                           ReadDedupRecords(files.Edges(band, part), Kind::kEdges));
    edges.insert(edges.end(), records.words.begin(), records.words.end());
  }
  MinRootUnionFind components(edges);
  edges = {};
  std::vector<uint64_t> forest;
  for (uint32_t node = 0; node < components.size(); ++node) {
    const uint32_t root = components.Root(node);
    if (root == node) continue;
    forest.push_back(components.position(node));
    forest.push_back(components.position(root));
  }
  return WriteDedupRecords(files.Forest(part), Kind::kForest, 0, forest);
}

Status DedupStage::Merge(const StepContext& context) const {
  const DedupWorkFiles files(context.work_dir);
  std::vector<uint64_t> edges;
  for (int part = 0; part < ClusterTasks(context.tasks); ++part) {
    TAMIS_ASSIGN_OR_RETURN(DedupRecords records,
                           ReadDedupRecords(files.Forest(part), Kind::kForest));
    edges.insert(edges.end(), records.words.begin(), records.words.end());
  }
  TAMIS_ASSIGN_OR_RETURN(const int reference_tasks, ReferenceTasks());
  const uint32_t first_task = static_cast<uint32_t>(reference_tasks);
  const uint64_t forest_edges = edges.size() / 2;
  MinRootUnionFind components(edges);
  edges = {};
  std::vector<uint32_t> roots(components.size());
  std::vector<uint64_t> sizes(components.size(), 0);
  for (uint32_t node = 0; node < components.size(); ++node) {
    roots[node] = components.Root(node);
    ++sizes[roots[node]];
  }
  // The ids of the kept documents, read task by task from the collectors' id files (the
  // reference's for positions before first_task).
  std::map<uint64_t, std::string> kept_ids;
  for (uint32_t node = 0; node < components.size(); ++node) {
    if (roots[node] == node) kept_ids[components.position(node)];
  }
  for (auto it = kept_ids.begin(); it != kept_ids.end();) {
    const uint32_t task = dedup_file::TaskOf(it->first);
    const std::string path = task < first_task ? DedupWorkFiles(options_.reference).Ids(task)
                                               : files.Ids(task - first_task);
    TAMIS_ASSIGN_OR_RETURN(std::vector<std::string> ids, ReadDedupStrings(path));
    for (; it != kept_ids.end() && dedup_file::TaskOf(it->first) == task; ++it) {
      const uint32_t ordinal = dedup_file::OrdinalOf(it->first);
      if (ordinal >= ids.size()) {
        return Status::Corruption(path + ": no id for document " + std::to_string(ordinal));
      }
      it->second = std::move(ids[ordinal]);
    }
  }
  // Nodes are in position order, so each task's decisions come out together, by ordinal,
  // after the reference's documents (which get none).
  uint32_t node = 0;
  while (node < components.size() && dedup_file::TaskOf(components.position(node)) < first_task) {
    ++node;
  }
  for (int task = 0; task < context.tasks; ++task) {
    std::vector<uint64_t> decisions;
    std::vector<std::string> cluster_ids;
    for (; node < components.size() &&
           dedup_file::TaskOf(components.position(node)) == first_task + task;
         ++node) {
      const uint64_t root = components.position(roots[node]);
      const uint32_t root_task = dedup_file::TaskOf(root);
      decisions.push_back(dedup_file::OrdinalOf(components.position(node)));
      decisions.push_back(
          root_task < first_task
              ? dedup_file::kInReference
              : dedup_file::Position(root_task - first_task, dedup_file::OrdinalOf(root)));
      decisions.push_back(sizes[roots[node]]);
      cluster_ids.push_back(kept_ids[root]);
    }
    TAMIS_RETURN_IF_ERROR(WriteDedupRecords(files.Decisions(task), Kind::kDecisions, 0, decisions));
    TAMIS_RETURN_IF_ERROR(WriteDedupStrings(files.ClusterIds(task), cluster_ids));
  }
  if (node != components.size()) {
    return Status::Corruption(files.Forest(0) + " (or another forest): a position of task " +
                              std::to_string(dedup_file::TaskOf(components.position(node))) +
                              ", but the phase had " + std::to_string(context.tasks) + " tasks");
  }
  Value summary = Value::EmptyObject();
  summary.Set("parameters", Parameters());
  summary.Set("reference", options_.reference);
  summary.Set("reference_tasks", reference_tasks);
  summary.Set("phase_tasks", context.tasks);
  summary.Set("cluster_tasks", ClusterTasks(context.tasks));
  summary.Set("forest_edges", static_cast<int64_t>(forest_edges));
  summary.Set("clustered_documents", static_cast<int64_t>(components.size()));
  summary.Set("clusters", static_cast<int64_t>(kept_ids.size()));
  summary.Set("duplicates", static_cast<int64_t>(components.size() - kept_ids.size()));
  return WriteFileAtomically(files.Summary(), ToJson(summary, 2) + "\n");
}

namespace {

Result<std::unique_ptr<CorpusStage>> CreateDedupStage(const Value& options, DedupMethod method) {
  const std::string where =
      method == DedupMethod::kExact ? "stage exact_dedup" : "stage minhash_dedup";
  Options opts(options, where);
  DedupOptions o;
  o.method = method;
  const int64_t cluster_tasks = opts.Int("cluster_tasks", 0);
  o.reference = opts.String("reference");
  const std::string compare = opts.String("compare", "text");
  if (compare == "first_prompt") {
    o.scope = DedupScope::kFirstPrompt;
  } else if (compare != "text") {
    return Status::InvalidArgument(where + ": compare must be 'text' or 'first_prompt'");
  }
  int64_t bands = o.minhash.bands, rows = o.minhash.rows, shingle = o.minhash.shingle_words;
  int64_t seed = static_cast<int64_t>(o.minhash.seed);
  if (method == DedupMethod::kMinHash) {
    bands = opts.Int("bands", bands);
    rows = opts.Int("rows", rows);
    shingle = opts.Int("shingle_words", shingle);
    seed = opts.Int("seed", seed);
  }
  TAMIS_RETURN_IF_ERROR(opts.Finish());
  constexpr int64_t kMaxBands = 1024, kMaxRows = 1024, kMaxShingleWords = 64;
  if (bands < 1 || bands > kMaxBands || rows < 1 || rows > kMaxRows) {
    return Status::InvalidArgument(where + ": bands and rows must lie in [1, 1024]");
  }
  if (shingle < 1 || shingle > kMaxShingleWords) {
    return Status::InvalidArgument(where + ": shingle_words must lie in [1, 64]");
  }
  if (seed < 0) return Status::InvalidArgument(where + ": seed must be >= 0");
  if (cluster_tasks < 0 || cluster_tasks > 1'000'000) {
    return Status::InvalidArgument(where + ": cluster_tasks must lie in [0, 1000000]");
  }
  o.minhash = {.bands = static_cast<int>(bands),
               .rows = static_cast<int>(rows),
               .shingle_words = static_cast<int>(shingle),
               .seed = static_cast<uint64_t>(seed)};
  o.cluster_tasks = static_cast<int>(cluster_tasks);
  return std::unique_ptr<CorpusStage>(std::make_unique<DedupStage>(std::move(o)));
}

}  // namespace

Result<std::unique_ptr<CorpusStage>> CreateMinHashDedupStage(const Value& options) {
  return CreateDedupStage(options, DedupMethod::kMinHash);
}

Result<std::unique_ptr<CorpusStage>> CreateExactDedupStage(const Value& options) {
  return CreateDedupStage(options, DedupMethod::kExact);
}

}  // namespace tamis
