#include "filters/quality/heuristic_stage.h"

#include <cstdio>
#include <map>

#include "filters/quality/c4_filter.h"
#include "filters/quality/fineweb_filter.h"
#include "filters/quality/gopher_quality_filter.h"
#include "filters/quality/gopher_repetition_filter.h"
#include "pipeline/options.h"

namespace tamis {
namespace {

using quality::HeuristicFilter;
using quality::JudgementKind;
using FilterList = std::vector<std::unique_ptr<HeuristicFilter>>;

class HeuristicScratch : public Scratch {
 public:
  std::unique_ptr<quality::TextSegmenter::Scratch> segmenter;
  std::unique_ptr<quality::TextAnalysis> analysis;
  quality::FilterScratch filter;
  std::map<std::string, int64_t> profiles_used;  // Documents per profile label.
  std::map<std::string, int64_t> dropped;        // By rule.
};

std::string Detail(const quality::Judgement& j, const quality::LanguageProfile& profile) {
  char buf[96];
  std::snprintf(buf, sizeof(buf), "%.4g vs limit %.4g (%s)", j.value, j.limit,
                profile.label.empty() ? "generic" : profile.label.c_str());
  return buf;
}

// An n-gram limit list given as a stage option, in the profile files' [[n, fraction]] form.
Status NGramOption(Options& opts, std::string_view key,
                   std::optional<std::vector<quality::NGramLimit>>* into) {
  const Value* v = opts.Raw(key);
  if (!v) return Status::Ok();
  TAMIS_ASSIGN_OR_RETURN(*into, quality::ParseNGramLimits(*v, "option", key));
  return Status::Ok();
}

// The options every heuristic stage shares: where profiles come from and overrides of them.
struct ProfileChoice {
  std::string languages_dir;
  std::string default_language;
  quality::ProfileOverrides overrides;
};

Result<ProfileChoice> ReadProfileChoice(Options& opts) {
  ProfileChoice c;
  c.languages_dir = opts.String("languages_dir");
  c.default_language = opts.String("default_language");
  auto number = [&](std::string_view key, std::optional<double>* into) {
    if (opts.Has(key)) *into = opts.Number(key, 0);
  };
  number("dup_line_frac", &c.overrides.dup_line_frac);
  number("line_punct_thr", &c.overrides.line_punct_thr);
  number("new_line_ratio", &c.overrides.new_line_ratio);
  number("min_avg_word_length", &c.overrides.min_avg_word_length);
  number("max_avg_word_length", &c.overrides.max_avg_word_length);
  number("max_non_alpha_words_ratio", &c.overrides.max_non_alpha_words_ratio);
  TAMIS_RETURN_IF_ERROR(NGramOption(opts, "top_n_grams", &c.overrides.top_n_grams));
  TAMIS_RETURN_IF_ERROR(NGramOption(opts, "dup_n_grams", &c.overrides.dup_n_grams));
  if (opts.Has("stopwords")) c.overrides.stopwords = opts.StringList("stopwords");
  return c;
}

Result<std::unique_ptr<Stage>> BuildStage(std::string name, FilterList filters,
                                          const ProfileChoice& choice) {
  auto profiles = quality::LanguageProfiles::Create(choice.languages_dir, choice.overrides);
  if (!profiles.ok()) return profiles.status();  // The runner names the stage.
  return std::unique_ptr<Stage>(new HeuristicStage(
      std::move(name), std::move(filters), std::move(profiles).value(), choice.default_language));
}

// The filter a single-filter stage runs, read from that stage's options.
using FilterReader = Result<std::unique_ptr<HeuristicFilter>> (*)(Options& opts);

Result<std::unique_ptr<HeuristicFilter>> ReadGopherQuality(Options& opts) {
  TAMIS_ASSIGN_OR_RETURN(auto o, quality::GopherQualityOptions::Read(opts));
  return std::unique_ptr<HeuristicFilter>(new quality::GopherQualityFilter(o));
}
Result<std::unique_ptr<HeuristicFilter>> ReadGopherRepetition(Options& opts) {
  TAMIS_ASSIGN_OR_RETURN(auto o, quality::GopherRepetitionOptions::Read(opts));
  return std::unique_ptr<HeuristicFilter>(new quality::GopherRepetitionFilter(o));
}
Result<std::unique_ptr<HeuristicFilter>> ReadC4(Options& opts) {
  TAMIS_ASSIGN_OR_RETURN(auto o, quality::C4Options::Read(opts, quality::C4Options()));
  return std::unique_ptr<HeuristicFilter>(new quality::C4Filter(o));
}
// FineWeb's pipeline runs C4 without its terminal punctuation rule (FineWeb's own
// line_punct_ratio replaces it).
Result<std::unique_ptr<HeuristicFilter>> ReadC4InFinewebSet(Options& opts) {
  quality::C4Options defaults;
  defaults.filter_no_terminal_punct = false;
  TAMIS_ASSIGN_OR_RETURN(auto o, quality::C4Options::Read(opts, defaults));
  return std::unique_ptr<HeuristicFilter>(new quality::C4Filter(o));
}
Result<std::unique_ptr<HeuristicFilter>> ReadFineweb(Options& opts) {
  TAMIS_ASSIGN_OR_RETURN(auto o, quality::FinewebOptions::Read(opts));
  return std::unique_ptr<HeuristicFilter>(new quality::FinewebFilter(o));
}

Result<std::unique_ptr<Stage>> CreateSingleFilterStage(std::string name, const Value& options,
                                                       FilterReader read) {
  Options opts(options, "stage " + name);
  TAMIS_ASSIGN_OR_RETURN(ProfileChoice choice, ReadProfileChoice(opts));
  auto filter = read(opts);
  if (!filter.ok()) return filter.status();
  TAMIS_RETURN_IF_ERROR(opts.Finish());
  FilterList filters;
  filters.push_back(std::move(filter).value());
  return BuildStage(std::move(name), std::move(filters), choice);
}

}  // namespace

HeuristicStage::HeuristicStage(std::string name, FilterList filters,
                               quality::LanguageProfiles profiles, std::string default_language)
    : name_(std::move(name)),
      filters_(std::move(filters)),
      profiles_(std::move(profiles)),
      default_language_(std::move(default_language)) {}

Status HeuristicStage::Start(const RunContext&) {
  // Fail before any document if ICU cannot segment at all (a broken installation).
  auto probe = quality::TextSegmenter::NewScratch();
  return probe.ok() ? Status::Ok() : probe.status().WithContext("stage " + name_);
}

std::unique_ptr<Scratch> HeuristicStage::NewScratch() const {
  auto scratch = std::make_unique<HeuristicScratch>();
  auto segmenter = quality::TextSegmenter::NewScratch();
  // Start() checked that ICU works; a failure here is resource exhaustion.
  if (!segmenter.ok()) std::abort();
  scratch->segmenter = std::move(segmenter).value();
  scratch->analysis = std::make_unique<quality::TextAnalysis>(scratch->segmenter.get());
  return scratch;
}

Status HeuristicStage::Process(DocumentBatch& batch, Scratch* scratch) const {
  auto* s = static_cast<HeuristicScratch*>(scratch);
  for (Document& doc : batch.documents) {
    std::string_view language = doc.metadata.GetString("language", default_language_);
    const quality::LanguageProfile& profile = *profiles_.For(language);
    ++s->profiles_used[profile.label.empty() ? "generic" : profile.label];
    s->analysis->Reset(doc.text);
    for (const auto& filter : filters_) {
      quality::Judgement j = filter->Judge(*s->analysis, profile, &s->filter);
      if (j.kind == JudgementKind::kDrop) {
        doc.Drop(filter->name(), j.rule, Detail(j, profile), j.value);
        ++s->dropped[std::string(j.rule)];
        break;
      }
      if (j.kind == JudgementKind::kRewrite) {
        doc.text.swap(s->filter.rewritten);
        if (j.value > 0) {
          doc.Note(filter->name(), j.rule,
                   std::to_string(static_cast<int64_t>(j.value)) + " lines removed", j.value);
        }
        s->analysis->Reset(doc.text);
      }
    }
  }
  return Status::Ok();
}

Status HeuristicStage::Finish(Scratches scratches, StageReport& report) {
  std::map<std::string, int64_t> profiles_used, dropped, lines;
  for (Scratch* scratch : scratches) {
    const auto* s = static_cast<const HeuristicScratch*>(scratch);
    for (const auto& [k, n] : s->profiles_used) profiles_used[k] += n;
    for (const auto& [k, n] : s->dropped) dropped[k] += n;
    for (const auto& [k, n] : s->filter.line_counts) lines[k] += n;
  }
  auto to_value = [](const std::map<std::string, int64_t>& m) {
    Value v = Value::EmptyObject();
    for (const auto& [k, n] : m) v.Set(k, n);
    return v;
  };
  report.extra.Set("profiles", to_value(profiles_used));
  report.extra.Set("dropped", to_value(dropped));
  if (!lines.empty()) report.extra.Set("lines_removed", to_value(lines));
  return Status::Ok();
}

Result<std::unique_ptr<Stage>> CreateGopherQualityStage(const Value& options) {
  return CreateSingleFilterStage("gopher_quality", options, &ReadGopherQuality);
}
Result<std::unique_ptr<Stage>> CreateGopherRepetitionStage(const Value& options) {
  return CreateSingleFilterStage("gopher_repetition", options, &ReadGopherRepetition);
}
Result<std::unique_ptr<Stage>> CreateC4QualityStage(const Value& options) {
  return CreateSingleFilterStage("c4_quality", options, &ReadC4);
}
Result<std::unique_ptr<Stage>> CreateFinewebQualityStage(const Value& options) {
  return CreateSingleFilterStage("fineweb_quality", options, &ReadFineweb);
}

Result<std::unique_ptr<Stage>> CreateQualityHeuristicsStage(const Value& options) {
  const std::string name = "quality_heuristics";
  Options opts(options, "stage " + name);
  TAMIS_ASSIGN_OR_RETURN(ProfileChoice choice, ReadProfileChoice(opts));
  struct Part {
    std::string_view key;
    FilterReader read;
  };
  const Part parts[] = {{"gopher_repetition", &ReadGopherRepetition},
                        {"gopher_quality", &ReadGopherQuality},
                        {"c4_quality", &ReadC4InFinewebSet},
                        {"fineweb_quality", &ReadFineweb}};
  FilterList filters;
  const Value empty = Value::EmptyObject();
  for (const Part& part : parts) {
    const Value* sub = opts.Raw(part.key);
    if (sub && sub->is_bool() && !sub->as_bool()) continue;
    if (sub && !sub->is_bool() && !sub->is_object()) {
      return Status::InvalidArgument("stage " + name + ": '" + std::string(part.key) +
                                     "' must be a mapping of its options, or false");
    }
    const Value& sub_options = sub && sub->is_object() ? *sub : empty;
    Options sub_opts(sub_options, "stage " + name + "." + std::string(part.key));
    auto filter = part.read(sub_opts);
    if (!filter.ok()) return filter.status();
    TAMIS_RETURN_IF_ERROR(sub_opts.Finish());
    filters.push_back(std::move(filter).value());
  }
  TAMIS_RETURN_IF_ERROR(opts.Finish());
  return BuildStage(name, std::move(filters), choice);
}

}  // namespace tamis
