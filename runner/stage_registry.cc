#include "runner/stage_registry.h"

#include <string>

#include "dedup/dedup_stage.h"
#include "filters/chat/chat_filter_stage.h"
#include "filters/code/code_stage.h"
#include "filters/decontaminate/decontaminate_stage.h"
#include "filters/pii/pii_stage.h"
#include "filters/quality/heuristic_stage.h"
#include "filters/quality/quality_classifier_stage.h"
#include "filters/robots/robots_stage.h"
#include "filters/top_fraction/top_fraction_stage.h"
#include "filters/toxicity/toxicity_stage.h"
#include "langid/langid_stage.h"
#include "pipeline/noop_stage.h"
#include "tokenize/chat_tokenize_stage.h"
#include "tokenize/tokenize_stage.h"

namespace tamis {
namespace {

// One line per stage, in pipeline order. Factories are declared in their stage's header.
const StageInfo kStages[] = {
    {.name = "noop",
     .summary = "passes documents through unchanged (for testing wiring)",
     .create = &CreateNoopStage},
    {.name = "langid",
     .summary = "identifies the language (ISO 639-3 + script) with fastText; filters",
     .create = &CreateLangidStage},
    {.name = "robots",
     .summary = "drops pages whose robots.txt (from a snapshot) disallows any listed agent",
     .create = &CreateRobotsStage,
     .merge_report = &MergeRobotsReports},
    {.name = "pii",
     .summary = "replaces e-mails, IPs, phones, IBANs, cards and secrets with tokens",
     .create = &CreatePiiStage},
    {.name = "toxicity",
     .summary = "scores obscene/offensive words per language (LDNOOBW), optional fastText; drops",
     .create = &CreateToxicityStage},
    {.name = "gopher_repetition",
     .summary = "drops pages with repeated lines, paragraphs and n-grams (Gopher)",
     .create = &CreateGopherRepetitionStage},
    {.name = "gopher_quality",
     .summary = "drops pages failing Gopher's word, symbol, bullet and stop-word rules",
     .create = &CreateGopherQualityStage},
    {.name = "c4_quality",
     .summary = "removes C4's boilerplate lines; drops lorem ipsum, code, too few sentences",
     .create = &CreateC4QualityStage},
    {.name = "fineweb_quality",
     .summary = "drops pages failing FineWeb's punctuation, short-line, dup and list rules",
     .create = &CreateFinewebQualityStage},
    {.name = "quality_heuristics",
     .summary = "the four heuristic filters in FineWeb's order, per language, one pass",
     .create = &CreateQualityHeuristicsStage},
    {.name = "quality",
     .summary = "scores documents with fastText quality classifiers (metadata.quality_<name>)",
     .create = &CreateQualityClassifierStage},
    {.name = "code_quality",
     .summary = "drops source files with long lines, little text, generated code, data blobs",
     .create = &CreateCodeStage},
    {.name = "chat_filter",
     .summary = "judges conversations: turn languages, empty/truncated answers, refusals, loops",
     .create = &CreateChatFilterStage},
    {.name = "top_fraction",
     .summary = "keeps the top fraction of each group by a score (corpus stage: 2 phases)",
     .create_corpus = &CreateTopFractionStage},
    {.name = "decontaminate",
     .summary = "finds benchmark items by n-grams; tags, drops or cuts; merged report (corpus)",
     .create_corpus = &CreateDecontaminateStage},
    {.name = "exact_dedup",
     .summary = "drops exact duplicates of normalised text, keeps the first (corpus stage)",
     .create_corpus = &CreateExactDedupStage},
    {.name = "minhash_dedup",
     .summary = "MinHash-LSH near-duplicate clusters, keeps the first of each (corpus stage)",
     .create_corpus = &CreateMinHashDedupStage},
    {.name = "tokenize",
     .summary = "encodes text with a SentencePiece model into Megatron token shards",
     .create = &CreateTokenizeStage,
     .merge_report = &MergeTokenizeReports},
    {.name = "chat_tokenize",
     .summary = "renders conversations with a chat template; token shards + loss-mask datasets",
     .create = &CreateChatTokenizeStage,
     .merge_report = &MergeChatTokenizeReports},
};

std::string KnownNames() {
  std::string known;
  for (const StageInfo& info : AllStages()) {
    known += known.empty() ? "" : ", ";
    known += info.name;
  }
  return known;
}

void AddInto(const Value& from, Value* into);

// `into` holds the merge so far of one key; `from` is the next task's value.
void MergeValue(const Value& from, Value* into) {
  if (from.is_int() && into->is_int()) {
    *into = Value(into->as_int() + from.as_int());
  } else if (from.is_number() && into->is_number()) {
    *into = Value(into->as_number() + from.as_number());
  } else if (from.is_object() && into->is_object()) {
    AddInto(from, into);
  } else if (from.is_array() && into->is_array()) {
    for (const Value& item : from.as_array()) {
      bool present = false;
      for (const Value& have : into->as_array()) {
        present |= item.is_string() && have.is_string() && have.as_string() == item.as_string();
      }
      if (!present) into->as_array().push_back(item);
    }
  } else if (from.is_string() && into->is_string()) {
    if (from.as_string() != into->as_string()) {
      Value both = Value::EmptyArray();
      both.as_array().push_back(*into);
      both.as_array().push_back(from);
      *into = std::move(both);
    }
  } else if (from.is_string() && into->is_array()) {
    MergeValue(Value(Value::Array{from}), into);
  }
}

void AddInto(const Value& from, Value* into) {
  for (const auto& [key, v] : from.as_object()) {
    Value* existing = into->Find(key);
    if (!existing) {
      into->Set(key, v);
    } else {
      MergeValue(v, existing);
    }
  }
}

}  // namespace

std::span<const StageInfo> AllStages() {
  return {kStages, std::size(kStages)};
}

const StageInfo* FindStage(std::string_view name) {
  return FindStage(name, AllStages());
}

const StageInfo* FindStage(std::string_view name, std::span<const StageInfo> table) {
  for (const StageInfo& info : table) {
    if (info.name == name) return &info;
  }
  return nullptr;
}

Result<std::unique_ptr<Stage>> CreateStage(std::string_view name, const Value& options) {
  const StageInfo* info = FindStage(name);
  if (!info) {
    return Status::InvalidArgument("unknown stage '" + std::string(name) +
                                   "' (known: " + KnownNames() + ")");
  }
  if (!info->create) {
    return Status::InvalidArgument("stage '" + std::string(name) +
                                   "' is a corpus stage: it runs in a pipeline (tamis run)");
  }
  return info->create(options);
}

Result<std::unique_ptr<CorpusStage>> CreateCorpusStage(std::string_view name,
                                                       const Value& options) {
  const StageInfo* info = FindStage(name);
  if (!info || !info->create_corpus) {
    return Status::InvalidArgument("'" + std::string(name) + "' is not a corpus stage");
  }
  return info->create_corpus(options);
}

Result<Value> MergeCountersReport(std::span<const Value> reports) {
  Value merged = Value::EmptyObject();
  for (const Value& report : reports) {
    if (report.is_object()) AddInto(report, &merged);
  }
  return merged;
}

Result<Value> MergeStageReports(std::string_view name, std::span<const Value> reports) {
  const StageInfo* info = FindStage(name);
  if (info && info->merge_report) return info->merge_report(reports);
  return MergeCountersReport(reports);
}

}  // namespace tamis
