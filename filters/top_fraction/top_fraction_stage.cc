#include "filters/top_fraction/top_fraction_stage.h"

#include <cmath>
#include <cstdio>
#include <filesystem>

#include "io/output_file.h"
#include "pipeline/json.h"
#include "pipeline/options.h"
#include "pipeline/task_files.h"

namespace tamis {
namespace {

constexpr std::string_view kHistogramStem = "histogram";
constexpr std::string_view kHistogramExtension = ".bin";
constexpr std::string_view kNoGroup = "all";

std::string HistogramFile(const std::string& work_dir, int task) {
  return work_dir + "/" + PerTaskName(kHistogramStem, task) + std::string(kHistogramExtension);
}

std::string FormatScore(double score) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.6g", score);
  return buf;
}

// The document's group and score; false when it has no numeric score.
bool ScoreOf(const Document& doc, const TopFractionOptions& options, std::string_view* group,
             double* score) {
  *group = options.by.empty() ? kNoGroup : doc.metadata.GetString(options.by);
  const Value* v = doc.metadata.Find(options.score);
  if (!v || !v->is_number() || std::isnan(v->as_number())) return false;
  *score = v->as_number();
  return true;
}

class HistogramScratch final : public Scratch {
 public:
  explicit HistogramScratch(HistogramBins bins) : histogram(bins) {}
  ScoreHistogram histogram;
};

// Phase K: counts scores; writes this task's histogram at Finish().
class HistogramCollector final : public Stage {
 public:
  HistogramCollector(const TopFractionOptions& options, std::string work_dir)
      : options_(options), work_dir_(std::move(work_dir)) {}
  std::string_view name() const override { return "top_fraction_histogram"; }
  std::unique_ptr<Scratch> NewScratch() const override {
    return std::make_unique<HistogramScratch>(options_.bins);
  }
  Status Start(const RunContext& run) override {
    task_ = run.task;
    return Status::Ok();
  }
  Status Process(DocumentBatch& batch, Scratch* scratch) const override {
    ScoreHistogram& histogram = static_cast<HistogramScratch*>(scratch)->histogram;
    for (const Document& doc : batch.documents) {
      std::string_view group;
      double score = 0;
      if (ScoreOf(doc, options_, &group, &score)) {
        histogram.Add(group, score);
      } else {
        histogram.AddMissing();
      }
    }
    return Status::Ok();
  }
  Status Finish(Scratches scratches, StageReport& report) override {
    ScoreHistogram merged(options_.bins);
    for (Scratch* s : scratches) {
      TAMIS_RETURN_IF_ERROR(merged.Merge(static_cast<HistogramScratch*>(s)->histogram));
    }
    report.extra.Set("groups", static_cast<int64_t>(merged.groups().size()));
    report.extra.Set("missing_score", merged.missing());
    return WriteFileAtomically(HistogramFile(work_dir_, task_), merged.Serialize());
  }

 private:
  const TopFractionOptions& options_;
  std::string work_dir_;
  int task_ = 0;
};

struct GroupThreshold {
  uint32_t bin = 0;
  double score = 0;
};

class ApplyScratch final : public Scratch {
 public:
  std::map<std::string, std::pair<int64_t, int64_t>> kept_dropped;  // By group.
};

// Phase K+1: drops what lies below its group's threshold.
class ThresholdApplier final : public Stage {
 public:
  ThresholdApplier(const TopFractionOptions& options, std::string work_dir)
      : options_(options), work_dir_(std::move(work_dir)) {}
  std::string_view name() const override { return "top_fraction"; }
  std::unique_ptr<Scratch> NewScratch() const override { return std::make_unique<ApplyScratch>(); }

  Status Start(const RunContext& run) override {
    const std::string path = work_dir_ + "/" + std::string(TopFractionStage::kThresholdsFile);
    TAMIS_ASSIGN_OR_RETURN(std::string text, ReadWholeFile(path));
    TAMIS_ASSIGN_OR_RETURN(Value decision, ParseJson(text));
    const Value* groups = decision.Find("groups");
    if (!groups || !groups->is_object()) {
      return Status::Corruption(path + ": no 'groups' object (not a thresholds file)");
    }
    for (const auto& [group, g] : groups->as_object()) {
      const Value* bin = g.Find("threshold_bin");
      const Value* score = g.Find("threshold");
      if (!bin || !bin->is_int() || !score || !score->is_number()) {
        return Status::Corruption(path + ": group '" + group + "' has no threshold");
      }
      thresholds_[group] = {static_cast<uint32_t>(bin->as_int()), score->as_number()};
    }
    return Status::Ok();
  }

  Status Process(DocumentBatch& batch, Scratch* scratch) const override {
    auto& counts = static_cast<ApplyScratch*>(scratch)->kept_dropped;
    for (Document& doc : batch.documents) {
      std::string_view group;
      double score = 0;
      if (!ScoreOf(doc, options_, &group, &score)) {
        if (!options_.keep_missing) doc.Drop(name(), "no_score", options_.score);
        continue;
      }
      auto it = thresholds_.find(group);
      // A group the histogram never saw cannot reach this phase (it reads what the collector
      // counted); if it does, the input changed under the run.
      if (it == thresholds_.end()) {
        return Status::FailedPrecondition("top_fraction: group '" + std::string(group) +
                                          "' of document " + doc.id +
                                          " is not in the thresholds (input changed?)");
      }
      auto& [kept, dropped] = counts[std::string(group)];
      if (options_.bins.BinOf(score) >= it->second.bin) {
        ++kept;
        continue;
      }
      ++dropped;
      doc.Drop(
          name(), "below_threshold",
          std::string(group) + " " + FormatScore(score) + " < " + FormatScore(it->second.score),
          score);
    }
    return Status::Ok();
  }

  Status Finish(Scratches scratches, StageReport& report) override {
    std::map<std::string, std::pair<int64_t, int64_t>> total;
    for (Scratch* s : scratches) {
      for (const auto& [group, kd] : static_cast<ApplyScratch*>(s)->kept_dropped) {
        total[group].first += kd.first;
        total[group].second += kd.second;
      }
    }
    Value groups = Value::EmptyObject();
    for (const auto& [group, kd] : total) {
      Value g = Value::EmptyObject();
      g.Set("kept", kd.first);
      g.Set("dropped", kd.second);
      groups.Set(group, std::move(g));
    }
    report.extra.Set("groups", std::move(groups));
    return Status::Ok();
  }

 private:
  const TopFractionOptions& options_;
  std::string work_dir_;
  std::map<std::string, GroupThreshold, std::less<>> thresholds_;
};

}  // namespace

Result<std::unique_ptr<Stage>> TopFractionStage::Collector(const std::string& work_dir) const {
  return std::unique_ptr<Stage>(std::make_unique<HistogramCollector>(options_, work_dir));
}

Result<std::unique_ptr<Stage>> TopFractionStage::Applier(const std::string& work_dir) const {
  return std::unique_ptr<Stage>(std::make_unique<ThresholdApplier>(options_, work_dir));
}

Status TopFractionStage::Step(std::string_view step, const StepContext& context) const {
  if (step != kThresholdsStep) {
    return Status::InvalidArgument("top_fraction has no step '" + std::string(step) + "'");
  }
  ScoreHistogram merged(options_.bins);
  for (int task = 0; task < context.tasks; ++task) {
    const std::string path = HistogramFile(context.work_dir, task);
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
      return Status::FailedPrecondition(path + ": missing: task " + std::to_string(task) +
                                        " of the phase before has not finished");
    }
    TAMIS_ASSIGN_OR_RETURN(std::string bytes, ReadWholeFile(path));
    TAMIS_ASSIGN_OR_RETURN(ScoreHistogram h, ScoreHistogram::Parse(bytes, path));
    TAMIS_RETURN_IF_ERROR(merged.Merge(h).WithContext(path));
  }
  Value groups = Value::EmptyObject();
  for (const auto& [group, counts] : merged.groups()) {
    auto keep_it = options_.keep_by_group.find(group);
    const double keep = keep_it != options_.keep_by_group.end() ? keep_it->second : options_.keep;
    const uint32_t bin = merged.ThresholdBin(group, keep);
    Value g = Value::EmptyObject();
    g.Set("keep", keep);
    g.Set("documents", merged.Documents(group));
    g.Set("kept", merged.DocumentsAtOrAbove(group, bin));
    g.Set("threshold_bin", static_cast<int64_t>(bin));
    g.Set("threshold", options_.bins.LowerEdge(bin));
    groups.Set(group, std::move(g));
  }
  Value decision = Value::EmptyObject();
  decision.Set("score", options_.score);
  decision.Set("by", options_.by);
  decision.Set("bins", static_cast<int64_t>(options_.bins.bins));
  decision.Set("lo", options_.bins.lo);
  decision.Set("hi", options_.bins.hi);
  decision.Set("tasks", context.tasks);
  decision.Set("missing_score", merged.missing());
  decision.Set("groups", std::move(groups));
  return WriteFileAtomically(context.work_dir + "/" + std::string(kThresholdsFile),
                             ToJson(decision, 2) + "\n");
}

Result<std::unique_ptr<CorpusStage>> CreateTopFractionStage(const Value& options) {
  Options opts(options, "stage top_fraction");
  TopFractionOptions o;
  o.score = opts.RequiredString("score");
  o.by = opts.String("by");
  o.keep = opts.Number("keep", -1);
  const int64_t bins = opts.Int("bins", o.bins.bins);
  o.bins.lo = opts.Number("lo", o.bins.lo);
  o.bins.hi = opts.Number("hi", o.bins.hi);
  const std::string missing = opts.String("missing", "drop");
  const Value* per_group = opts.Raw("keep_by_group");
  TAMIS_RETURN_IF_ERROR(opts.Finish());
  auto valid_fraction = [](double f) { return f > 0 && f <= 1; };
  if (!valid_fraction(o.keep)) {
    return Status::InvalidArgument("stage top_fraction: keep must be a fraction in (0, 1]");
  }
  if (bins < 1 || bins > 1 << 24) {
    return Status::InvalidArgument("stage top_fraction: bins must lie in [1, 16777216]");
  }
  o.bins.bins = static_cast<uint32_t>(bins);
  if (!(o.bins.hi > o.bins.lo) || !std::isfinite(o.bins.lo) || !std::isfinite(o.bins.hi)) {
    return Status::InvalidArgument("stage top_fraction: need finite lo < hi");
  }
  if (missing != "drop" && missing != "keep") {
    return Status::InvalidArgument("stage top_fraction: missing must be 'drop' or 'keep'");
  }
  o.keep_missing = missing == "keep";
  if (per_group) {
    if (!per_group->is_object()) {
      return Status::InvalidArgument("stage top_fraction: keep_by_group must be a mapping");
    }
    for (const auto& [group, f] : per_group->as_object()) {
      if (!f.is_number() || !valid_fraction(f.as_number())) {
        return Status::InvalidArgument("stage top_fraction: keep_by_group." + group +
                                       " must be a fraction in (0, 1]");
      }
      o.keep_by_group[group] = f.as_number();
    }
  }
  return std::unique_ptr<CorpusStage>(std::make_unique<TopFractionStage>(std::move(o)));
}

}  // namespace tamis
