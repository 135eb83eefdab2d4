#include "filters/top_fraction/score_histogram.h"

#include <xxhash.h>

#include <cmath>
#include <cstring>

#include "filters/top_fraction/score_histogram_format.h"
#include "io/little_endian.h"

namespace tamis {
namespace {

// Reads fixed-size fields off the front of a byte range.
class Cursor {
 public:
  explicit Cursor(std::string_view bytes) : rest_(bytes) {}
  template <typename T>
  bool Get(T* value) {
    if (rest_.size() < sizeof(T)) return false;
    std::memcpy(value, rest_.data(), sizeof(T));
    rest_.remove_prefix(sizeof(T));
    return true;
  }
  bool GetBytes(size_t n, std::string_view* out) {
    if (rest_.size() < n) return false;
    *out = rest_.substr(0, n);
    rest_.remove_prefix(n);
    return true;
  }
  bool empty() const { return rest_.empty(); }

 private:
  std::string_view rest_;
};

}  // namespace

uint32_t HistogramBins::BinOf(double score) const {
  const double position = (score - lo) / (hi - lo) * bins;
  if (!(position > 0)) return 0;  // Also catches -inf.
  if (position >= bins) return bins - 1;
  return static_cast<uint32_t>(position);
}

Status ScoreHistogram::Merge(const ScoreHistogram& other) {
  if (!(other.bins_ == bins_)) {
    return Status::InvalidArgument("score histograms with different bins cannot be merged");
  }
  missing_ += other.missing_;
  for (const auto& [group, counts] : other.groups_) {
    auto& mine = groups_[group];
    for (const auto& [bin, n] : counts) mine[bin] += n;
  }
  return Status::Ok();
}

uint64_t ScoreHistogram::Documents(std::string_view group) const {
  return DocumentsAtOrAbove(group, 0);
}

uint64_t ScoreHistogram::DocumentsAtOrAbove(std::string_view group, uint32_t bin) const {
  auto it = groups_.find(std::string(group));
  if (it == groups_.end()) return 0;
  uint64_t n = 0;
  for (auto c = it->second.lower_bound(bin); c != it->second.end(); ++c) n += c->second;
  return n;
}

uint32_t ScoreHistogram::ThresholdBin(std::string_view group, double keep) const {
  auto it = groups_.find(std::string(group));
  if (it == groups_.end() || keep >= 1) return 0;
  uint64_t total = 0;
  for (const auto& [bin, n] : it->second) total += n;
  // Integer arithmetic on the target so that every machine agrees on it.
  const uint64_t wanted = static_cast<uint64_t>(std::ceil(keep * static_cast<double>(total)));
  if (wanted == 0) return bins_.bins;  // Keep nothing: no bin reaches this.
  uint64_t above = 0;
  for (auto c = it->second.rbegin(); c != it->second.rend(); ++c) {
    above += c->second;
    if (above >= wanted) return c->first;
  }
  return 0;
}

std::string ScoreHistogram::Serialize() const {
  std::string out(score_histogram::kMagic);
  AppendLittleEndian(&out, score_histogram::kVersion);
  AppendLittleEndian(&out, bins_.bins);
  AppendLittleEndian(&out, bins_.lo);
  AppendLittleEndian(&out, bins_.hi);
  AppendLittleEndian(&out, missing_);
  AppendLittleEndian(&out, static_cast<uint32_t>(groups_.size()));
  for (const auto& [group, counts] : groups_) {
    AppendLittleEndian(&out, static_cast<uint32_t>(group.size()));
    out += group;
    AppendLittleEndian(&out, static_cast<uint32_t>(counts.size()));
    for (const auto& [bin, n] : counts) {
      AppendLittleEndian(&out, bin);
      AppendLittleEndian(&out, n);
    }
  }
  AppendLittleEndian(
      &out, static_cast<uint64_t>(XXH64(out.data(), out.size(), score_histogram::kChecksumSeed)));
  return out;
}

Result<ScoreHistogram> ScoreHistogram::Parse(std::string_view bytes, const std::string& where) {
  auto bad = [&](const std::string& what) {
    return Status::Corruption(where + ": not a valid score histogram: " + what);
  };
  if (bytes.size() < score_histogram::kHeaderBytes + score_histogram::kChecksumBytes ||
      bytes.substr(0, score_histogram::kMagic.size()) != score_histogram::kMagic) {
    return bad("no TAMISHST header");
  }
  const std::string_view body = bytes.substr(0, bytes.size() - score_histogram::kChecksumBytes);
  uint64_t checksum = 0;
  std::memcpy(&checksum, bytes.data() + body.size(), sizeof(checksum));
  if (checksum != XXH64(body.data(), body.size(), score_histogram::kChecksumSeed)) {
    return bad("checksum mismatch (truncated or damaged)");
  }
  Cursor in(body.substr(score_histogram::kMagic.size()));
  uint32_t version = 0, groups = 0;
  HistogramBins bins;
  uint64_t missing = 0;
  in.Get(&version);
  in.Get(&bins.bins);
  in.Get(&bins.lo);
  in.Get(&bins.hi);
  in.Get(&missing);
  in.Get(&groups);
  if (version != score_histogram::kVersion) return bad("version " + std::to_string(version));
  if (bins.bins == 0 || bins.bins > score_histogram::kMaxBins || !(bins.hi > bins.lo)) {
    return bad("bins or range out of bounds");
  }
  ScoreHistogram histogram(bins);
  histogram.missing_ = missing;
  std::string previous;
  for (uint32_t g = 0; g < groups; ++g) {
    uint32_t name_bytes = 0, nonzero = 0;
    std::string_view name;
    if (!in.Get(&name_bytes) || name_bytes > score_histogram::kMaxGroupNameBytes ||
        !in.GetBytes(name_bytes, &name) || !in.Get(&nonzero)) {
      return bad("group record " + std::to_string(g) + " cut short");
    }
    if (g > 0 && name <= previous) return bad("groups out of order");
    previous = std::string(name);
    auto& counts = histogram.groups_[previous];
    int64_t last_bin = -1;
    for (uint32_t i = 0; i < nonzero; ++i) {
      uint32_t bin = 0;
      uint64_t n = 0;
      if (!in.Get(&bin) || !in.Get(&n)) return bad("bins of group '" + previous + "' cut short");
      if (bin >= bins.bins || static_cast<int64_t>(bin) <= last_bin || n == 0) {
        return bad("bad bin in group '" + previous + "'");
      }
      last_bin = bin;
      counts[bin] = n;
    }
  }
  if (!in.empty()) return bad("trailing bytes");
  return histogram;
}

}  // namespace tamis
