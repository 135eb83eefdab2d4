// ScoreHistogram: per group (e.g. language), how many documents fell into each bin of a score,
// the mergeable summary behind "keep the top X% of each language".
//
// Counts are exact integers, so merging the histograms of any number of tasks in any order
// gives the same histogram, and the threshold it yields is the same for one task or many.
// The resolution is the bin width: a threshold is a bin, and documents are compared with it
// by bin, never by a float cut that could land differently on another machine.
// Files: score_histogram_format.md. Thread rule: a value type; no sharing.
#ifndef TAMIS_FILTERS_TOP_FRACTION_SCORE_HISTOGRAM_H_
#define TAMIS_FILTERS_TOP_FRACTION_SCORE_HISTOGRAM_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "pipeline/status.h"

namespace tamis {

struct HistogramBins {
  uint32_t bins = 10000;
  double lo = 0;
  double hi = 1;

  // The bin of `score` (NaN is the caller's to exclude).
  uint32_t BinOf(double score) const;
  double LowerEdge(uint32_t bin) const { return lo + (hi - lo) * bin / bins; }
  bool operator==(const HistogramBins&) const = default;
};

class ScoreHistogram {
 public:
  explicit ScoreHistogram(HistogramBins bins) : bins_(bins) {}

  void Add(std::string_view group, double score) {
    ++groups_[std::string(group)][bins_.BinOf(score)];
  }
  void AddMissing(uint64_t n = 1) { missing_ += n; }
  // kInvalidArgument when the bins differ.
  Status Merge(const ScoreHistogram& other);

  // The lowest bin b such that the documents of `group` in bins >= b are at least
  // ceil(keep × documents): keeping bins >= b keeps the top `keep` fraction (or slightly more,
  // by the documents tied in bin b). 0 for a group with no documents.
  uint32_t ThresholdBin(std::string_view group, double keep) const;
  uint64_t Documents(std::string_view group) const;
  uint64_t DocumentsAtOrAbove(std::string_view group, uint32_t bin) const;

  const HistogramBins& bins() const { return bins_; }
  uint64_t missing() const { return missing_; }
  const std::map<std::string, std::map<uint32_t, uint64_t>>& groups() const { return groups_; }

  std::string Serialize() const;
  // kCorruption naming `where` for anything but a valid file.
  static Result<ScoreHistogram> Parse(std::string_view bytes, const std::string& where);

 private:
  HistogramBins bins_;
  uint64_t missing_ = 0;
  std::map<std::string, std::map<uint32_t, uint64_t>> groups_;  // group -> bin -> count
};

}  // namespace tamis

#endif  // TAMIS_FILTERS_TOP_FRACTION_SCORE_HISTOGRAM_H_
