// MixContamination: the optional `contaminate:` section of a mixture, which deliberately
// inserts a chosen fraction of benchmark items into the training data, for contamination
// research (Gaperon-style: how much does a model gain from having seen the test set?).
//
//   contaminate:
//     benchmarks: [mmlu=eval/mmlu.jsonl, {name: arc, path: eval/arc.jsonl, preset: arc}]
//     fraction: 0.1        # of each benchmark's items, in [0, 1]: round(fraction × items)
//     copies: 1            # times each chosen item is inserted (>= 1)
//
// Items are read as `tamis decontaminate` reads them (filters/decontaminate/benchmark_file.h:
// same presets, same text), chosen per benchmark by a seeded partial Fisher–Yates draw from
// the mixture's seed (MixRandom, its own pinned stream), tokenized with the mixture's
// tokenizer and shuffled in with the sources' documents. The manifest records, per
// benchmark, the file, the item count and the ids of the items inserted, so the
// contamination is auditable and `tamis decontaminate` can be checked against it.
// Thread rule: pure functions; PlantBenchmarkItems blocks while it reads the files.
#ifndef TAMIS_TOKENIZE_MIXTURE_CONTAMINATION_H_
#define TAMIS_TOKENIZE_MIXTURE_CONTAMINATION_H_

#include <cstdint>
#include <vector>

#include "filters/decontaminate/benchmark_file.h"
#include "pipeline/status.h"
#include "pipeline/value.h"
#include "tokenize/sentencepiece_tokenizer.h"

namespace tamis {

struct MixContamination {
  std::vector<BenchmarkSpec> benchmarks;  // Empty: no contamination.
  double fraction = 0;
  int64_t copies = 1;
};

// Validates the section; paths are as written (the mixture resolves them).
Result<MixContamination> ParseMixContamination(const Value& section);

struct PlantedItems {
  std::vector<std::vector<int32_t>> documents;  // Token ids, one entry per inserted copy.
  uint64_t tokens = 0;
  Value manifest = Value::EmptyObject();  // The manifest's "contamination" entry.
};

Result<PlantedItems> PlantBenchmarkItems(const MixContamination& contamination,
                                         const Tokenizer& tokenizer, uint64_t seed);

}  // namespace tamis

#endif  // TAMIS_TOKENIZE_MIXTURE_CONTAMINATION_H_
