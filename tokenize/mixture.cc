#include "tokenize/mixture.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <numeric>
#include <sstream>

#include "io/output_file.h"
#include "pipeline/check.h"
#include "pipeline/json.h"
#include "pipeline/options.h"
#include "pipeline/yaml.h"
#include "tokenize/default_tokenizer.h"
#include "tokenize/megatron_reader.h"

namespace tamis {
namespace {

namespace fs = std::filesystem;

// Distinct, fixed stream offsets so each source's sample and the final shuffle draw from
// independent sequences of the one user seed. Pinned: changing them changes every mixture.
constexpr uint64_t kSourceStream = 0x5eed'0000'0000'0001ULL;
constexpr uint64_t kShuffleStream = 0x5eed'ffff'0000'0002ULL;

std::string Resolve(const std::string& path, const std::string& base_dir) {
  if (path.empty() || fs::path(path).is_absolute() || base_dir.empty()) return path;
  return (fs::path(base_dir) / path).string();
}

std::string StrategyName(MixStrategy s) {
  switch (s) {
    case MixStrategy::kWeights: return "weights";
    case MixStrategy::kTemperature: return "temperature";
    case MixStrategy::kMultipliers: return "multipliers";
  }
  return "unknown";
}

// Removes the temporary per-source datasets whatever way the run ends.
class TempDir {
 public:
  explicit TempDir(std::string path) : path_(std::move(path)) {}
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// One source's datasets seen as one run of sequences.
struct SourceDatasets {
  std::vector<std::unique_ptr<megatron::IndexedDataset>> datasets;
  // The loss mask of each dataset (chat_tokenize's), nullptr when it has none.
  std::vector<std::unique_ptr<megatron::IndexedDataset>> masks;
  std::vector<uint64_t> first_sequence;  // Of each dataset, in the source's numbering.
  uint64_t sequences = 0;

  size_t DatasetOf(uint64_t sequence) const {
    return static_cast<size_t>(
        std::upper_bound(first_sequence.begin(), first_sequence.end(), sequence) -
        first_sequence.begin() - 1);
  }
  void ReadTokens(uint64_t sequence, std::vector<int32_t>* out) const {
    const size_t d = DatasetOf(sequence);
    datasets[d]->ReadTokens(sequence - first_sequence[d], out);
  }
  // The sequence's loss mask; all ones (every token trained, as in pretraining text) for a
  // dataset without one.
  void ReadMask(uint64_t sequence, std::vector<uint8_t>* out) const {
    const size_t d = DatasetOf(sequence);
    if (masks[d] != nullptr) {
      masks[d]->ReadBytes(sequence - first_sequence[d], out);
    } else {
      out->assign(static_cast<size_t>(datasets[d]->sequence_length(sequence - first_sequence[d])),
                  1);
    }
  }
  size_t MaskCount() const {
    return static_cast<size_t>(
        std::count_if(masks.begin(), masks.end(), [](const auto& m) { return m != nullptr; }));
  }
};

}  // namespace

uint64_t MixRandom::Next() {
  uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

uint64_t MixRandom::Below(uint64_t n) {
  TAMIS_CHECK(n > 0);
  // Reject the top partial block of 2^64 so every residue is equally likely.
  const uint64_t limit =
      std::numeric_limits<uint64_t>::max() - std::numeric_limits<uint64_t>::max() % n;
  uint64_t x;
  do {
    x = Next();
  } while (x >= limit);
  return x % n;
}

Result<MixConfig> ParseMixConfig(const Value& value, const std::string& base_dir) {
  if (!value.is_object()) return Status::InvalidArgument("mixture: expected a YAML mapping");
  Options opts(value, "mixture");
  MixConfig config;
  config.output = Resolve(opts.RequiredString("output"), base_dir);
  config.tokenizer = opts.String("tokenizer", kDefaultTokenizerName);
  if (config.tokenizer != kDefaultTokenizerName) {
    config.tokenizer = Resolve(config.tokenizer, base_dir);
  }
  const int64_t seed = opts.Int("seed", 0);
  const int64_t total = opts.Int("total_tokens", 0);
  config.max_repeats = opts.Number("max_repeats", 4);
  const bool has_temperature = opts.Has("temperature");
  config.temperature = opts.Number("temperature", 1);
  const int64_t shard_tokens = opts.Int("shard_tokens", 0);
  const int64_t shard_bytes = opts.Int("shard_bytes", 0);
  config.bos = opts.Bool("bos", false);
  config.eos = opts.Bool("eos", true);
  config.text_field = opts.String("text_field", "text");
  const Value* sources = opts.Raw("sources");
  if (opts.Has("sources_from"))
    config.sources_from = Resolve(opts.String("sources_from"), base_dir);
  const Value* contaminate = opts.Raw("contaminate");
  TAMIS_RETURN_IF_ERROR(opts.Finish());
  if (contaminate) {
    TAMIS_ASSIGN_OR_RETURN(config.contaminate, ParseMixContamination(*contaminate));
    for (BenchmarkSpec& b : config.contaminate.benchmarks) b.path = Resolve(b.path, base_dir);
  }

  if (seed < 0 || total < 0 || shard_tokens < 0 || shard_bytes < 0) {
    return Status::InvalidArgument(
        "mixture: seed, total_tokens, shard_tokens and shard_bytes must be >= 0");
  }
  config.seed = static_cast<uint64_t>(seed);
  config.total_tokens = static_cast<uint64_t>(total);
  config.shard_tokens = static_cast<uint64_t>(shard_tokens);
  config.shard_bytes = static_cast<uint64_t>(shard_bytes);
  if (!(config.max_repeats >= 1)) {
    return Status::InvalidArgument("mixture: max_repeats must be >= 1");
  }
  const Value::Array no_sources;
  if (!config.sources_from.empty()) {
    if (!has_temperature) {
      return Status::InvalidArgument(
          "mixture: 'sources_from' finds its sources when the mixture runs, so they have no "
          "weights: give a 'temperature' (1 keeps the corpus's proportions)");
    }
    if (sources != nullptr) {
      return Status::InvalidArgument("mixture: give 'sources' or 'sources_from', not both");
    }
  } else if (sources == nullptr || !sources->is_array() || sources->as_array().empty()) {
    return Status::InvalidArgument(
        "mixture: 'sources' must be a non-empty list (or give 'sources_from')");
  }
  const Value::Array& source_list = sources ? sources->as_array() : no_sources;

  size_t with_weight = 0, with_multiplier = 0;
  for (size_t i = 0; i < source_list.size(); ++i) {
    const Value& s = source_list[i];
    const std::string where = "mixture source " + std::to_string(i + 1);
    if (!s.is_object()) return Status::InvalidArgument(where + ": expected a mapping");
    Options so(s, where);
    MixSource source;
    source.name = so.RequiredString("name");
    for (const std::string& p : so.StringList("path")) {
      source.paths.push_back(Resolve(p, base_dir));
    }
    for (const std::string& p : so.StringList("tokens")) {
      source.tokens.push_back(Resolve(p, base_dir));
    }
    source.chat_template = so.String("chat_template");
    if (so.Has("weight")) {
      ++with_weight;
      source.weight = so.Number("weight", 0);
    }
    if (so.Has("multiplier")) {
      ++with_multiplier;
      source.multiplier = so.Number("multiplier", 0);
    }
    TAMIS_RETURN_IF_ERROR(so.Finish());
    if (source.paths.empty() == source.tokens.empty()) {
      return Status::InvalidArgument(where +
                                     ": give 'path' (documents) or 'tokens' (token shards of "
                                     "an earlier tamis tokenize), one of the two");
    }
    if (!source.chat_template.empty() && source.paths.empty()) {
      return Status::InvalidArgument(where +
                                     ": 'chat_template' renders 'path' conversations; 'tokens' "
                                     "shards are already tokenized");
    }
    if (source.weight < 0 || source.multiplier < 0 || !std::isfinite(source.weight) ||
        !std::isfinite(source.multiplier)) {
      return Status::InvalidArgument(where + ": weight and multiplier must be >= 0");
    }
    for (const MixSource& other : config.sources) {
      if (other.name == source.name) {
        return Status::InvalidArgument(where + ": duplicate source name '" + source.name + "'");
      }
    }
    config.sources.push_back(std::move(source));
  }

  const size_t n = config.sources.size();
  if (has_temperature) {
    if (with_weight || with_multiplier) {
      return Status::InvalidArgument(
          "mixture: 'temperature' replaces per-source weight/multiplier; give one or the other");
    }
    if (!(config.temperature > 0) || !std::isfinite(config.temperature)) {
      return Status::InvalidArgument("mixture: temperature must be > 0");
    }
    config.strategy = MixStrategy::kTemperature;
  } else if (with_weight) {
    if (with_weight != n || with_multiplier) {
      return Status::InvalidArgument(
          "mixture: with weights, every source needs 'weight' (and none 'multiplier')");
    }
    config.strategy = MixStrategy::kWeights;
  } else if (with_multiplier) {
    if (with_multiplier != n) {
      return Status::InvalidArgument("mixture: with multipliers, every source needs 'multiplier'");
    }
    config.strategy = MixStrategy::kMultipliers;
  } else {
    return Status::InvalidArgument(
        "mixture: give every source a 'weight' or a 'multiplier', or a top-level 'temperature'");
  }
  return config;
}

Result<MixConfig> LoadMixConfig(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": no such mixture file");
  std::ostringstream text;
  text << in.rdbuf();
  TAMIS_ASSIGN_OR_RETURN(Value value, ParseYaml(text.str(), path));
  Result<MixConfig> config = ParseMixConfig(value, fs::path(path).parent_path().string());
  if (!config.ok()) return config.status().WithContext(path);
  return config;
}

Result<std::vector<SourcePlan>> PlanMixture(const MixConfig& config,
                                            std::span<const uint64_t> available) {
  TAMIS_CHECK_EQ(available.size(), config.sources.size());
  const size_t n = available.size();
  std::vector<double> raw(n, 0);
  for (size_t i = 0; i < n; ++i) {
    const double tokens = static_cast<double>(available[i]);
    switch (config.strategy) {
      case MixStrategy::kWeights: raw[i] = config.sources[i].weight; break;
      case MixStrategy::kTemperature:
        raw[i] = tokens > 0 ? std::pow(tokens, 1.0 / config.temperature) : 0;
        break;
      case MixStrategy::kMultipliers: raw[i] = config.sources[i].multiplier * tokens; break;
    }
  }
  const double sum = std::accumulate(raw.begin(), raw.end(), 0.0);
  if (!(sum > 0)) {
    return Status::InvalidArgument(
        "mixture: every source has zero weight or zero tokens; nothing to mix");
  }
  // Without a budget, multipliers give Σ m_i·n_i and the other strategies keep the corpus's
  // size (Σ n_i) while changing its proportions.
  double total = static_cast<double>(config.total_tokens);
  if (config.total_tokens == 0) {
    total =
        config.strategy == MixStrategy::kMultipliers
            ? sum
            : static_cast<double>(std::accumulate(available.begin(), available.end(), uint64_t{0}));
  }
  std::vector<SourcePlan> plan(n);
  for (size_t i = 0; i < n; ++i) {
    SourcePlan& p = plan[i];
    p.share = raw[i] / sum;
    p.requested_tokens = static_cast<uint64_t>(std::llround(total * p.share));
    if (p.requested_tokens > 0 && available[i] == 0) {
      return Status::InvalidArgument("mixture: source '" + config.sources[i].name +
                                     "' has no tokens but a share of " + std::to_string(p.share));
    }
    const double cap = config.max_repeats * static_cast<double>(available[i]);
    p.target_tokens = p.requested_tokens;
    if (static_cast<double>(p.requested_tokens) > cap) {
      p.target_tokens = static_cast<uint64_t>(std::floor(cap));
      p.capped = true;
    }
  }
  return plan;
}

Sample SampleDocuments(std::span<const int32_t> lengths, uint64_t target, MixRandom& rng) {
  Sample sample;
  uint64_t total = 0;
  for (int32_t len : lengths) total += static_cast<uint64_t>(len);
  if (total == 0 || target == 0) return sample;
  sample.full_repeats = target / total;
  for (uint64_t r = 0; r < sample.full_repeats; ++r) {
    for (uint64_t d = 0; d < lengths.size(); ++d) sample.documents.push_back(d);
  }
  sample.tokens = sample.full_repeats * total;
  const uint64_t remainder = target - sample.tokens;
  std::vector<uint64_t> order(lengths.size());
  std::iota(order.begin(), order.end(), 0);
  rng.Shuffle(order);
  uint64_t taken = 0;
  for (uint64_t d : order) {
    if (taken >= remainder) break;
    const uint64_t len = static_cast<uint64_t>(lengths[d]);
    // Take the document only if that lands closer to the remainder than stopping here.
    if (taken + len > remainder && taken + len - remainder > remainder - taken) continue;
    sample.documents.push_back(d);
    taken += len;
  }
  sample.tokens += taken;
  return sample;
}

Value MixConfigValue(const MixConfig& config) {
  auto strings = [](const std::vector<std::string>& items) {
    Value list = Value::EmptyArray();
    for (const std::string& s : items) list.as_array().emplace_back(s);
    return list;
  };
  Value v = Value::EmptyObject();
  v.Set("output", config.output);
  v.Set("tokenizer", config.tokenizer);
  v.Set("seed", config.seed);
  v.Set("total_tokens", config.total_tokens);
  v.Set("max_repeats", config.max_repeats);
  v.Set("strategy", StrategyName(config.strategy));
  v.Set("temperature", config.temperature);
  v.Set("shard_tokens", config.shard_tokens);
  v.Set("shard_bytes", config.shard_bytes);
  v.Set("bos", config.bos);
  v.Set("eos", config.eos);
  v.Set("text_field", config.text_field);
  if (!config.sources_from.empty()) v.Set("sources_from", config.sources_from);
  Value sources = Value::EmptyArray();
  for (const MixSource& s : config.sources) {
    Value source = Value::EmptyObject();
    source.Set("name", s.name);
    source.Set("path", strings(s.paths));
    source.Set("tokens", strings(s.tokens));
    // Only when set, so that the manifests of earlier mixtures still match their config.
    if (!s.chat_template.empty()) source.Set("chat_template", s.chat_template);
    source.Set("weight", s.weight);
    source.Set("multiplier", s.multiplier);
    sources.as_array().push_back(std::move(source));
  }
  v.Set("sources", std::move(sources));
  return v;
}

Result<std::vector<std::string>> FindTokenDatasets(const std::string& path) {
  std::error_code ec;
  std::vector<std::string> prefixes;
  if (fs::is_directory(path, ec)) {
    // Every dataset below the directory, hidden entries (a run's .tamis) skipped.
    for (fs::recursive_directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
      const std::string name = it->path().filename().string();
      if (!name.empty() && name[0] == '.') {
        if (it->is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      const std::string file = it->path().string();
      if (it->is_regular_file(ec) && file.ends_with(megatron::kIndexSuffix)) {
        std::string prefix = file.substr(0, file.size() - megatron::kIndexSuffix.size());
        // A loss mask travels with its token dataset (OpenLossMask), never as one itself.
        if (!megatron::IsLossMaskPrefix(prefix)) prefixes.push_back(std::move(prefix));
      }
    }
    std::sort(prefixes.begin(), prefixes.end());
    if (prefixes.empty()) return Status::NotFound(path + ": no token dataset (.idx) below it");
    return prefixes;
  }
  if (path.ends_with(megatron::kIndexSuffix)) {
    return std::vector<std::string>{path.substr(0, path.size() - megatron::kIndexSuffix.size())};
  }
  return megatron::ResolveDatasetPrefixes(path);
}

Status FindMixSources(MixConfig& config) {
  if (config.sources_from.empty() || !config.sources.empty()) return Status::Ok();
  std::error_code ec;
  const fs::path from = fs::weakly_canonical(config.sources_from, ec);
  const fs::path out_dir = fs::weakly_canonical(fs::absolute(config.output).parent_path(), ec);
  for (fs::path p = out_dir; !p.empty(); p = p.parent_path()) {
    if (p == from) {
      return Status::InvalidArgument("mixture: output " + config.output + " lies in sources_from " +
                                     config.sources_from +
                                     ": a later run would read the mixture as a source; write it "
                                     "elsewhere");
    }
    if (p == p.parent_path()) break;
  }
  if (!fs::is_directory(config.sources_from, ec)) {
    return Status::NotFound("mixture: sources_from " + config.sources_from +
                            ": no such directory (has the tokenize stage run?)");
  }
  std::vector<std::string> names;
  for (fs::directory_iterator it(config.sources_from, ec), end; !ec && it != end;
       it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.empty() || name[0] == '.' || !it->is_directory(ec)) continue;
    if (FindTokenDatasets(it->path().string()).ok()) names.push_back(name);
  }
  if (ec) return Status::IoError(config.sources_from + ": cannot list: " + ec.message());
  std::sort(names.begin(), names.end());
  if (names.empty()) {
    return Status::NotFound("mixture: sources_from " + config.sources_from +
                            ": no sub-directory holds token shards");
  }
  for (const std::string& name : names) {
    MixSource source;
    source.name = name;
    source.tokens.push_back((fs::path(config.sources_from) / name).string());
    config.sources.push_back(std::move(source));
  }
  return Status::Ok();
}

Result<MixResult> RunMixture(const MixConfig& config, const SourceTokenizer& tokenize_documents) {
  if (config.sources.empty()) return Status::InvalidArgument("mixture: no source to mix");
  TokenizerOptions tokenizer_options;
  tokenizer_options.add_bos = config.bos;
  tokenizer_options.add_eos = config.eos;
  TAMIS_ASSIGN_OR_RETURN(std::shared_ptr<const Tokenizer> tokenizer,
                         LoadTokenizer(config.tokenizer, tokenizer_options));

  const fs::path out(config.output);
  const fs::path out_dir = out.has_parent_path() ? out.parent_path() : fs::path(".");
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (ec) return Status::IoError("creating " + out_dir.string() + ": " + ec.message());
  std::string temp_name = out.filename().string();
  temp_name.insert(0, 1, '.');
  temp_name.append(".mix-tmp.");
  temp_name.append(std::to_string(::getpid()));
  TempDir temp((out_dir / temp_name).string());
  fs::create_directories(temp.path(), ec);
  if (ec) return Status::IoError("creating " + temp.path() + ": " + ec.message());

  // (1) Each source's token datasets: its own shards, or its documents tokenized once into a
  // temporary dataset. Their index files give every document's length, so nothing is read
  // from the .bin files until the chosen documents are copied.
  const size_t n = config.sources.size();
  std::vector<SourceDatasets> sources(n);
  std::vector<uint64_t> available(n);
  std::vector<std::vector<int32_t>> lengths(n);
  for (size_t i = 0; i < n; ++i) {
    const MixSource& source = config.sources[i];
    std::vector<std::string> prefixes;
    if (!source.tokens.empty()) {
      for (const std::string& t : source.tokens) {
        TAMIS_ASSIGN_OR_RETURN(std::vector<std::string> found, FindTokenDatasets(t));
        prefixes.insert(prefixes.end(), found.begin(), found.end());
      }
    } else {
      Result<std::vector<std::string>> tokenized =
          tokenize_documents(source, temp.path() + "/source" + std::to_string(i));
      if (!tokenized.ok()) return tokenized.status().WithContext("mixture source " + source.name);
      prefixes = std::move(tokenized).value();
    }
    for (const std::string& prefix : prefixes) {
      TAMIS_ASSIGN_OR_RETURN(auto dataset, megatron::IndexedDataset::Open(prefix));
      if (dataset->dtype() != megatron::OptimalDType(tokenizer->vocab_size())) {
        return Status::InvalidArgument("mixture source " + source.name + ": " + prefix + " holds " +
                                       std::string(megatron::DTypeName(dataset->dtype())) +
                                       " ids, not those of the mixture's tokenizer");
      }
      Result<std::unique_ptr<megatron::IndexedDataset>> mask = megatron::OpenLossMask(*dataset);
      if (!mask.ok()) return mask.status().WithContext("mixture source " + source.name);
      sources[i].masks.push_back(std::move(mask).value());
      available[i] += dataset->token_count();
      for (uint64_t d = 0; d < dataset->sequence_count(); ++d) {
        lengths[i].push_back(dataset->sequence_length(d));
      }
      sources[i].first_sequence.push_back(sources[i].sequences);
      sources[i].sequences += dataset->sequence_count();
      sources[i].datasets.push_back(std::move(dataset));
    }
  }

  // (2) The plan, (3) the sample of each source.
  TAMIS_ASSIGN_OR_RETURN(std::vector<SourcePlan> plan, PlanMixture(config, available));
  std::vector<Sample> samples(n);
  for (size_t i = 0; i < n; ++i) {
    MixRandom rng(config.seed ^ (kSourceStream * (i + 1)));
    samples[i] = SampleDocuments(lengths[i], plan[i].target_tokens, rng);
  }

  // (3b) Benchmark items inserted on purpose, as documents of a pseudo-source numbered n.
  PlantedItems planted;
  if (!config.contaminate.benchmarks.empty()) {
    TAMIS_ASSIGN_OR_RETURN(planted,
                           PlantBenchmarkItems(config.contaminate, *tokenizer, config.seed));
  }

  // (4) One shuffled order over every chosen document, then the shards.
  struct Pick {
    uint32_t source;
    uint64_t document;
  };
  std::vector<Pick> picks;
  for (size_t i = 0; i < n; ++i) {
    for (uint64_t d : samples[i].documents) picks.push_back({static_cast<uint32_t>(i), d});
  }
  for (uint64_t d = 0; d < planted.documents.size(); ++d) {
    picks.push_back({static_cast<uint32_t>(n), d});
  }
  MixRandom shuffle_rng(config.seed ^ kShuffleStream);
  shuffle_rng.Shuffle(picks);

  // SFT sources carry their loss masks: when any source has one, the mixture has one, each
  // document's mask copied with its tokens (all ones for documents of a source without).
  bool with_masks = false;
  for (const SourceDatasets& s : sources) with_masks |= s.MaskCount() > 0;
  megatron::ShardOptions shard_options;
  shard_options.dtype = megatron::OptimalDType(tokenizer->vocab_size());
  shard_options.max_tokens = config.shard_tokens;
  shard_options.max_bytes = config.shard_bytes;
  shard_options.loss_mask = with_masks;
  TAMIS_ASSIGN_OR_RETURN(auto writer, megatron::ShardWriter::Create(config.output, shard_options));
  std::vector<int32_t> ids;
  std::vector<uint8_t> mask;
  for (const Pick& p : picks) {
    if (p.source == n) {
      const std::vector<int32_t>& item = planted.documents[p.document];
      if (with_masks) {
        mask.assign(item.size(), 1);
        TAMIS_RETURN_IF_ERROR(writer->AddDocument(item, mask));
      } else {
        TAMIS_RETURN_IF_ERROR(writer->AddDocument(item));
      }
      continue;
    }
    sources[p.source].ReadTokens(p.document, &ids);
    if (with_masks) {
      sources[p.source].ReadMask(p.document, &mask);
      TAMIS_RETURN_IF_ERROR(writer->AddDocument(ids, mask));
    } else {
      TAMIS_RETURN_IF_ERROR(writer->AddDocument(ids));
    }
  }
  TAMIS_RETURN_IF_ERROR(writer->Finish());

  // (5) The manifest.
  uint64_t achieved_total = 0;
  for (const Sample& s : samples) achieved_total += s.tokens;
  Value manifest = Value::EmptyObject();
  manifest.Set("tamis_version", TAMIS_VERSION);
  manifest.Set("config", MixConfigValue(config));
  manifest.Set("strategy", StrategyName(config.strategy));
  if (config.strategy == MixStrategy::kTemperature) manifest.Set("temperature", config.temperature);
  manifest.Set("seed", config.seed);
  manifest.Set("max_repeats", config.max_repeats);
  Value tok = Value::EmptyObject();
  tok.Set("path", tokenizer->path());
  tok.Set("sha256", tokenizer->sha256());
  tok.Set("vocab_size", tokenizer->vocab_size());
  tok.Set("bos", config.bos);
  tok.Set("eos", config.eos);
  manifest.Set("tokenizer", std::move(tok));
  manifest.Set("dtype", std::string(megatron::DTypeName(shard_options.dtype)));
  manifest.Set("loss_mask", with_masks);
  uint64_t requested_total = 0;
  for (const SourcePlan& p : plan) requested_total += p.requested_tokens;
  manifest.Set("tokens_requested", requested_total);
  manifest.Set("tokens_achieved", achieved_total);
  manifest.Set("documents", writer->documents());
  Value::Array source_values;
  for (size_t i = 0; i < n; ++i) {
    const MixSource& src = config.sources[i];
    Value s = Value::EmptyObject();
    s.Set("name", src.name);
    Value paths = Value::EmptyArray();
    for (const std::string& p : src.paths) paths.as_array().emplace_back(std::string_view(p));
    if (!src.paths.empty()) s.Set("paths", std::move(paths));
    Value tokens = Value::EmptyArray();
    for (const std::string& p : src.tokens) tokens.as_array().emplace_back(std::string_view(p));
    if (!src.tokens.empty()) s.Set("tokens", std::move(tokens));
    s.Set("datasets", static_cast<uint64_t>(sources[i].datasets.size()));
    s.Set("datasets_with_loss_mask", static_cast<uint64_t>(sources[i].MaskCount()));
    if (config.strategy == MixStrategy::kWeights) s.Set("weight", src.weight);
    if (config.strategy == MixStrategy::kMultipliers) s.Set("multiplier", src.multiplier);
    s.Set("documents_available", static_cast<uint64_t>(lengths[i].size()));
    s.Set("tokens_available", available[i]);
    s.Set("share_requested", plan[i].share);
    s.Set("tokens_requested", plan[i].requested_tokens);
    s.Set("tokens_achieved", samples[i].tokens);
    s.Set("share_achieved", achieved_total > 0 ? static_cast<double>(samples[i].tokens) /
                                                     static_cast<double>(achieved_total)
                                               : 0.0);
    s.Set("documents_selected", static_cast<uint64_t>(samples[i].documents.size()));
    s.Set("epochs", available[i] > 0
                        ? static_cast<double>(samples[i].tokens) / static_cast<double>(available[i])
                        : 0.0);
    s.Set("full_repeats", samples[i].full_repeats);
    s.Set("capped", plan[i].capped);
    source_values.push_back(std::move(s));
  }
  manifest.Set("sources", Value(std::move(source_values)));
  Value::Array shards;
  for (const megatron::ShardInfo& si : writer->shards()) {
    Value s = Value::EmptyObject();
    s.Set("prefix", si.prefix);
    s.Set("documents", si.documents);
    s.Set("tokens", si.tokens);
    shards.push_back(std::move(s));
  }
  manifest.Set("shards", Value(std::move(shards)));
  manifest.Set("data_path", writer->BlendString());
  if (!config.contaminate.benchmarks.empty()) manifest.Set("contamination", planted.manifest);

  MixResult result;
  result.manifest_path = config.output + ".manifest.json";
  TAMIS_ASSIGN_OR_RETURN(auto file, OutputFile::Create(result.manifest_path));
  TAMIS_RETURN_IF_ERROR(file->Write(ToJson(manifest, 2) + "\n"));
  TAMIS_RETURN_IF_ERROR(file->Commit());
  result.manifest = std::move(manifest);
  result.shards = writer->shards();
  result.blend = writer->BlendString();
  return result;
}

}  // namespace tamis
