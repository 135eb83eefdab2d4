#include "tokenize/mixture_contamination.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "pipeline/options.h"
#include "tokenize/mixture.h"

namespace tamis {
namespace {

// The contamination draw's own stream of the mixture seed, apart from the sources' samples
// and the shuffle (mixture.cc). Pinned: changing it changes which items are inserted.
constexpr uint64_t kContaminationStream = 0x5eed'c0c0'0000'0003ULL;

}  // namespace

Result<MixContamination> ParseMixContamination(const Value& section) {
  if (!section.is_object()) {
    return Status::InvalidArgument("mixture: 'contaminate' must be a mapping");
  }
  Options opts(section, "mixture contaminate");
  MixContamination c;
  const Value* benchmarks = opts.Raw("benchmarks");
  c.fraction = opts.Number("fraction", -1);
  c.copies = opts.Int("copies", 1);
  TAMIS_RETURN_IF_ERROR(opts.Finish());
  if (!benchmarks || !benchmarks->is_array() || benchmarks->as_array().empty()) {
    return Status::InvalidArgument("mixture contaminate: 'benchmarks' must be a non-empty list");
  }
  for (const Value& b : benchmarks->as_array()) {
    TAMIS_ASSIGN_OR_RETURN(BenchmarkSpec spec, BenchmarkSpecFromValue(b, "mixture contaminate"));
    c.benchmarks.push_back(std::move(spec));
  }
  if (!(c.fraction >= 0 && c.fraction <= 1)) {
    return Status::InvalidArgument("mixture contaminate: 'fraction' must lie in [0, 1]");
  }
  if (c.copies < 1) return Status::InvalidArgument("mixture contaminate: 'copies' must be >= 1");
  return c;
}

Result<PlantedItems> PlantBenchmarkItems(const MixContamination& contamination,
                                         const Tokenizer& tokenizer, uint64_t seed) {
  PlantedItems planted;
  Value benchmarks = Value::EmptyArray();
  std::vector<int32_t> ids;
  for (size_t b = 0; b < contamination.benchmarks.size(); ++b) {
    const BenchmarkSpec& spec = contamination.benchmarks[b];
    TAMIS_ASSIGN_OR_RETURN(BenchmarkFile file, LoadBenchmarkFile(spec, /*strict=*/true));
    const size_t items = file.items.size();
    const size_t chosen =
        static_cast<size_t>(std::llround(contamination.fraction * static_cast<double>(items)));
    // Partial Fisher–Yates: the first `chosen` entries are a uniform sample without
    // replacement; sorted afterwards so the manifest lists them in file order.
    std::vector<size_t> order(items);
    std::iota(order.begin(), order.end(), size_t{0});
    MixRandom rng(seed ^ (kContaminationStream * (b + 1)));
    for (size_t i = 0; i < chosen; ++i) std::swap(order[i], order[i + rng.Below(items - i)]);
    order.resize(chosen);
    std::sort(order.begin(), order.end());
    Value inserted = Value::EmptyArray();
    for (size_t index : order) {
      const BenchmarkItem& item = file.items[index];
      TAMIS_RETURN_IF_ERROR(tokenizer.Encode(item.text, &ids).WithContext(spec.path));
      for (int64_t copy = 0; copy < contamination.copies; ++copy) {
        planted.documents.push_back(ids);
        planted.tokens += ids.size();
      }
      inserted.as_array().emplace_back(item.id);
    }
    Value entry = Value::EmptyObject();
    entry.Set("name", spec.name);
    entry.Set("file", spec.path);
    entry.Set("items", static_cast<uint64_t>(items));
    entry.Set("inserted", static_cast<uint64_t>(chosen));
    entry.Set("ids", std::move(inserted));
    benchmarks.as_array().push_back(std::move(entry));
  }
  planted.manifest.Set("fraction", contamination.fraction);
  planted.manifest.Set("copies", contamination.copies);
  planted.manifest.Set("documents", static_cast<uint64_t>(planted.documents.size()));
  planted.manifest.Set("tokens", planted.tokens);
  planted.manifest.Set("benchmarks", std::move(benchmarks));
  return planted;
}

}  // namespace tamis
