// Mixture: token shards blended from several sources in the proportions the user chose —
// `tamis mix MIX.yaml`.
//
//   output: out/train              # shard prefix: out/train_00000.bin/.idx, … + manifest
//   tokenizer: tamis-default       # or a .model path
//   seed: 1234
//   total_tokens: 100000000        # the budget (optional with multipliers)
//   max_repeats: 4                 # cap on epochs of any source (upsampling by repetition)
//   temperature: 3                 # optional: p_i ∝ n_i^(1/T) instead of weights
//   shard_tokens: 50000000         # optional shard budget (or shard_bytes)
//   bos: false                     # optional, as the tokenize stage
//   eos: true
//   text_field: text               # optional, JSONL field holding the text
//   sources:
//     - name: fr
//       path: out/clean/language=fr   # documents: directories, files or globs
//       weight: 0.3                   # target token share (normalised over sources)
//     - name: code
//       tokens: shards/code           # or token shards of an earlier `tamis tokenize` (a
//       weight: 0.2                   # prefix, .idx files or a directory): not re-tokenized
//     - name: en
//       path: [out/en/*.jsonl.zst]
//       multiplier: 0.5               # Salamandra-style: × the source's own token count
//   sources_from: out/tokens       # or, instead of `sources`: one source per sub-directory
//                                  # holding token shards (a tokenize stage's split_by), named
//                                  # after it — with `temperature`, the per-language sampling
//                                  # of FineWeb-2 and Apertus
//     - name: sft-fr
//       path: sft/fr.jsonl            # conversations (messages, ShareGPT, Alpaca) ...
//       chat_template: chatml         # ... rendered and masked by chat_tokenize
//       weight: 0.1
//   contaminate:                   # optional: insert benchmark items on purpose
//     benchmarks: [mmlu=eval/mmlu.jsonl]   (mixture_contamination.h)
//     fraction: 0.1
//
// Strategies, chosen by the keys present (mixing them is an error):
//   weights      every source has `weight`: target_i = total × w_i / Σw.
//   temperature  top-level `temperature: T`, no weights: target_i = total × n_i^(1/T) / Σ.
//   multipliers  every source has `multiplier`: target_i = m_i × n_i, scaled to total_tokens
//                when one is given.
// Without total_tokens, weights and temperature keep the corpus's size (total = Σ n_i).
// n_i is the source's token count under the chosen tokenizer (BOS/EOS included), so shares
// are shares of tokens, as trainers count them.
//
// Run: (1) each source's token datasets are found — its `tokens:` shards as they are (their
// .idx files give every document's length, so nothing is re-tokenized), or its `path:`
// documents tokenized once into a temporary dataset beside the output (that pass counts n_i); (2)
// the plan fixes each source's target; (3) each source contributes floor(target/n_i) full copies of
// every document plus a seeded random subset of documents closest to the remainder (downsampling is
// the case of zero full copies), at most max_repeats epochs (a capped source falls short and the
// manifest says so); (4) all chosen documents are shuffled together with the seed and written to
// shards; (5) the manifest (OUTPUT.manifest.json) records per source the tokens available,
// requested and achieved, the repeats, the seed, the tokenizer's SHA-256, the shards and the
// Megatron `--data-path` blend. Same inputs, tokenizer and seed give byte-identical shards for any
// thread count.
//
// Loss masks: a `tokens:` dataset written by chat_tokenize, or a `path:` source with
// `chat_template:`, has its loss mask beside it (PREFIX_loss_mask). When any source has one, the
// mixture writes one too: every chosen document's mask is copied with its tokens (a dataset without
// a mask, e.g. pretraining text, contributes all ones, i.e. every token trained), so masks stay
// aligned to tokens through sampling, repetition and shuffling. The manifest says `loss_mask: true`
// and, per source, how many of its datasets had one.
//
// Randomness is a pinned SplitMix64 stream with a pinned unbiased bounded draw and
// Fisher–Yates shuffle (std::shuffle and std distributions differ between standard
// libraries): changing any of them changes every mixture, so they are fixed here on purpose.
// Thread rule: RunMixture is a blocking call; the pure planning functions are thread-safe.
#ifndef TAMIS_TOKENIZE_MIXTURE_H_
#define TAMIS_TOKENIZE_MIXTURE_H_

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "pipeline/status.h"
#include "pipeline/value.h"
#include "tokenize/megatron_writer.h"
#include "tokenize/mixture_contamination.h"

namespace tamis {

enum class MixStrategy { kWeights, kTemperature, kMultipliers };

struct MixSource {
  std::string name;
  std::vector<std::string> paths;   // Documents (files, globs, directories), tokenized once.
  std::vector<std::string> tokens;  // Or token shards: prefixes, .idx files or directories.
  // With `paths`: read them as conversations and tokenize with this chat template (a preset
  // name), writing loss masks. Empty: documents tokenized as plain text.
  std::string chat_template;
  double weight = 0;
  double multiplier = 0;
};

struct MixConfig {
  std::string output;
  std::string tokenizer;
  uint64_t seed = 0;
  uint64_t total_tokens = 0;
  double max_repeats = 4;
  MixStrategy strategy = MixStrategy::kWeights;
  double temperature = 1;
  uint64_t shard_tokens = 0;
  uint64_t shard_bytes = 0;
  bool bos = false;
  bool eos = true;
  std::string text_field = "text";
  std::vector<MixSource> sources;
  std::string sources_from;      // Directory whose sub-directories become sources at run time.
  MixContamination contaminate;  // Optional `contaminate:` (mixture_contamination.h).
};

// Validates a mixture (a Value parsed from YAML). Relative paths are resolved against
// `base_dir` (the YAML file's directory).
Result<MixConfig> ParseMixConfig(const Value& config, const std::string& base_dir);
Result<MixConfig> LoadMixConfig(const std::string& path);

// Fills config.sources from config.sources_from, when it names a directory and no source is
// listed yet: one `tokens:` source per sub-directory (name order, hidden ones skipped) that holds
// a token dataset, named after it. The mixture's own output may not lie in that directory (a
// rerun would take it for a source). Does nothing without sources_from.
Status FindMixSources(MixConfig& config);

// What the plan asks of one source, from its token count.
struct SourcePlan {
  double share = 0;  // Requested share of the total.
  uint64_t requested_tokens = 0;
  uint64_t target_tokens = 0;  // requested, capped at max_repeats × available.
  bool capped = false;
};

// Pure: per-source targets from the sources' token counts (same order as config.sources).
Result<std::vector<SourcePlan>> PlanMixture(const MixConfig& config,
                                            std::span<const uint64_t> available_tokens);

// Deterministic 64-bit generator (SplitMix64) with the bounded draw the mixture uses.
class MixRandom {
 public:
  explicit MixRandom(uint64_t seed) : state_(seed) {}
  uint64_t Next();
  // Uniform in [0, n), n > 0, without modulo bias.
  uint64_t Below(uint64_t n);
  template <typename T>
  void Shuffle(std::vector<T>& v) {
    for (size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[Below(i)]);
  }

 private:
  uint64_t state_;
};

// Pure: the documents (indices into `lengths`, with repetition) that give `target` tokens:
// every document floor(target/Σlengths) times, then documents in a random order drawn from
// `rng` for as long as that brings the total closer to `target`.
struct Sample {
  std::vector<uint64_t> documents;
  uint64_t tokens = 0;
  uint64_t full_repeats = 0;
};
Sample SampleDocuments(std::span<const int32_t> lengths, uint64_t target, MixRandom& rng);

struct MixResult {
  Value manifest;
  std::string manifest_path;
  std::vector<megatron::ShardInfo> shards;
  std::string blend;
  bool already_complete = false;  // The manifest of this very mixture existed: nothing done.
};

// Everything of `config` that decides the mixture's bytes, as recorded in the manifest
// ("config"), so that a rerun can tell its own finished mixture from another one.
Value MixConfigValue(const MixConfig& config);

// The dataset prefixes a `tokens:` entry names: a directory (every .idx below it, sorted,
// hidden entries skipped), a .idx file, or a prefix (PREFIX, or its shards PREFIX_00000, …).
Result<std::vector<std::string>> FindTokenDatasets(const std::string& path);

// Tokenizes the documents of a `path:` source into datasets under `temp_prefix` (the mixture
// removes them at the end) and returns their prefixes. The runner provides it
// (runner/mix_run.h), so that documents are read by the one orchestrator.
using SourceTokenizer = std::function<Result<std::vector<std::string>>(
    const MixSource& source, const std::string& temp_prefix)>;

Result<MixResult> RunMixture(const MixConfig& config, const SourceTokenizer& tokenize_documents);

}  // namespace tamis

#endif  // TAMIS_TOKENIZE_MIXTURE_H_
