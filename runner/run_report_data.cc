#include "runner/run_report_data.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "io/buffered_reader.h"
#include "io/input_stream.h"
#include "io/output_file.h"
#include "pipeline/json.h"
#include "readers/input_files.h"
#include "runner/run_layout.h"
#include "runner/stats_merge.h"
#include "writers/jsonl_writer.h"

namespace tamis {
namespace {

namespace fs = std::filesystem;

constexpr int kQualityBuckets = 10;

Result<Value> ReadJsonFile(const std::string& path) {
  TAMIS_ASSIGN_OR_RETURN(std::string text, ReadWholeFile(path));
  Result<Value> v = ParseJson(text);
  if (!v.ok()) return v.status().WithContext(path);
  return v;
}

int64_t IntOr(const Value* v, int64_t fallback = 0) {
  return v && v->is_int() ? v->as_int() : fallback;
}

void Add(Value* counts, std::string_view key, int64_t n) {
  Value* existing = counts->Find(key);
  if (existing && existing->is_int()) {
    *existing = Value(existing->as_int() + n);
  } else {
    counts->Set(key, n);
  }
}

bool HasEntries(const Value& v) {
  return (v.is_object() && !v.as_object().empty()) || (v.is_array() && !v.as_array().empty());
}

// The run's paths as it recorded them (relative to the directory it ran in, or absolute), seen
// from here: a relative path is taken from the run's directory, found by matching the
// recorded output with the one given; an absolute path under the recorded output follows the
// output when it has moved. Paths that match nothing are left as they are.
class RunPaths {
 public:
  RunPaths(const std::string& given_output, std::string_view recorded_output) {
    fs::path recorded = fs::path(recorded_output).lexically_normal();
    if (recorded.has_filename() == false) recorded = recorded.parent_path();
    std::error_code ec;
    const fs::path given = fs::weakly_canonical(given_output, ec);
    if (recorded.empty() || given.empty()) return;
    if (recorded.is_absolute()) {
      if (fs::weakly_canonical(recorded, ec) != given) moved_ = {recorded, given};
      return;
    }
    fs::path dir = given;
    std::vector<fs::path> parts(recorded.begin(), recorded.end());
    for (auto part = parts.rbegin(); part != parts.rend(); ++part) {
      if (*part == ".") continue;
      if (dir.filename() != *part) return;  // "..", links: no guess.
      dir = dir.parent_path();
    }
    run_dir_ = dir;
  }

  std::string Resolve(std::string_view recorded) const {
    const fs::path p(recorded);
    if (p.empty()) return std::string(recorded);
    if (p.is_relative() && !run_dir_.empty()) return (run_dir_ / p).lexically_normal().string();
    if (p.is_absolute() && !moved_.first.empty()) {
      const fs::path rest = p.lexically_relative(moved_.first);
      if (!rest.empty() && *rest.begin() != "..") return (moved_.second / rest).string();
    }
    return std::string(recorded);
  }

 private:
  fs::path run_dir_;
  std::pair<fs::path, fs::path> moved_;  // Recorded output, where it is now.
};

// The run's output as the run recorded it: the last phase's output, or the output its
// documents were handed on under (OUT/.tamis/work/phase-k).
std::string RecordedOutput(const std::vector<Value>& phases) {
  if (phases.empty()) return {};
  const Value* output = phases.back().Find("output");
  std::string path(output ? output->GetString("path") : "");
  if (const size_t meta = path.find("/.tamis/"); meta != std::string::npos) path.resize(meta);
  return path;
}

template <typename Strings>
Value StringList(const Strings& strings) {
  Value list = Value::EmptyArray();
  for (const std::string& s : strings) list.as_array().emplace_back(s);
  return list;
}

void SetIfAny(Value* into, std::string_view key, Value v) {
  if (HasEntries(v)) into->Set(key, std::move(v));
}

// The merged stats of each phase, in phase order, whatever shape MergeRunStats gave.
std::vector<Value> PhasesOf(Value merged) {
  std::vector<Value> phases;
  if (Value* list = merged.Find("phases")) {
    for (Value& p : list->as_array()) phases.push_back(std::move(p));
  } else {
    merged.Set("phase", 0);
    phases.push_back(std::move(merged));
  }
  return phases;
}

const Value* FindStage(const std::vector<Value>& phases, std::string_view name) {
  for (const Value& phase : phases) {
    for (const Value& stage : phase.Find("stages")->as_array()) {
      if (stage.GetString("stage") == name) return &stage;
    }
  }
  return nullptr;
}

const Value* StageReport(const std::vector<Value>& phases, std::string_view name) {
  const Value* stage = FindStage(phases, name);
  const Value* report = stage ? stage->Find("report") : nullptr;
  return report && report->is_object() ? report : nullptr;
}

// What the files under the meta dir say about a run's progress.
struct Progress {
  std::vector<std::string> problems;
  int phases = 1;
};

// Names under `dir` (one level) that start with `prefix`.
std::vector<std::string> EntriesStartingWith(const std::string& dir, std::string_view prefix) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    std::string name = entry.path().filename().string();
    if (name.starts_with(prefix)) names.push_back(std::move(name));
  }
  std::sort(names.begin(), names.end());
  return names;
}

// Missing tasks per phase, documents handed to a phase that has not run, corpus stages
// without any finished step.
Progress CheckProgress(const std::string& output, const std::string& meta_dir,
                       const std::map<int64_t, std::vector<const Value*>>& stats_by_phase) {
  Progress p;
  p.phases = stats_by_phase.empty() ? 1 : static_cast<int>(stats_by_phase.rbegin()->first) + 1;
  const std::vector<std::string> phase_dirs = EntriesStartingWith(meta_dir, "phase-");
  for (const std::string& dir : phase_dirs) {
    p.phases = std::max(p.phases, std::atoi(dir.c_str() + 6) + 1);
  }
  int64_t tasks = 1;
  for (const auto& [phase, list] : stats_by_phase) {
    for (const Value* s : list) tasks = std::max(tasks, IntOr(s->Find("tasks"), 1));
  }
  // The last phase that ran handed its documents on (work/phase-k): one more phase is due.
  std::error_code ec;
  if (!phase_dirs.empty() &&
      fs::is_directory(RunLayout(output, p.phases, meta_dir).PhaseDocuments(p.phases - 1), ec)) {
    ++p.phases;
  }
  RunLayout layout(output, p.phases, meta_dir);
  if (stats_by_phase.empty()) p.problems.push_back("no task has finished yet");
  for (int phase = 0; phase < p.phases && !stats_by_phase.empty(); ++phase) {
    std::set<int64_t> with_stats;
    if (auto it = stats_by_phase.find(phase); it != stats_by_phase.end()) {
      for (const Value* s : it->second) with_stats.insert(IntOr(s->Find("task")));
    }
    std::string missing;
    int64_t finished = 0;
    for (int task = 0; task < tasks; ++task) {
      if (with_stats.count(task) && fs::exists(layout.TaskMarker(phase, task), ec)) {
        ++finished;
      } else {
        missing += (missing.empty() ? "" : ", ") + std::to_string(task);
      }
    }
    if (finished == tasks) continue;
    p.problems.push_back("phase " + std::to_string(phase) +
                         (finished == 0
                              ? " has not run yet"
                              : ": " + std::to_string(finished) + " of " + std::to_string(tasks) +
                                    " tasks finished (not finished: " + missing + ")"));
  }
  // A corpus stage keeps its side files in work/<NN>-<name>; each has a global step.
  for (const std::string& dir : EntriesStartingWith(layout.WorkDir(), "")) {
    if (dir.size() < 4 || !std::isdigit(static_cast<unsigned char>(dir[0])) ||
        !std::isdigit(static_cast<unsigned char>(dir[1])) || dir[2] != '-') {
      continue;
    }
    const std::string stage = dir.substr(3);
    if (EntriesStartingWith(meta_dir, "step-" + stage + ".").empty()) {
      p.problems.push_back("the global step of stage " + stage + " has not run yet");
    }
  }
  return p;
}

// The funnel: every stage of every phase but the reads of later phases, which only read back
// what the phase before kept.
Value StageRows(const std::vector<Value>& phases) {
  Value rows = Value::EmptyArray();
  for (const Value& phase : phases) {
    const int64_t k = IntOr(phase.Find("phase"));
    for (const Value& stage : phase.Find("stages")->as_array()) {
      if (k > 0 && stage.GetString("stage") == "read") continue;
      Value row = Value::EmptyObject();
      row.Set("phase", k);
      row.Set("stage", stage.GetString("stage"));
      for (const char* key : {"documents_in", "documents_out", "bytes_in", "bytes_out"}) {
        row.Set(key, IntOr(stage.Find(key)));
      }
      const Value* seconds = stage.Find("seconds");
      row.Set("seconds", seconds && seconds->is_number() ? seconds->as_number() : 0.0);
      for (const char* key : {"removed", "changed"}) {
        if (const Value* v = stage.Find(key); v && v->is_object()) SetIfAny(&row, key, *v);
      }
      rows.as_array().push_back(std::move(row));
    }
  }
  return rows;
}

// Tallies of the kept documents' metadata.
struct KeptScan {
  Value languages = Value::EmptyObject();  // code -> {documents, bytes, tokens}
  Value tokens_by_source = Value::EmptyObject();
  std::string quality_key;
  std::vector<int64_t> quality = std::vector<int64_t>(kQualityBuckets, 0);
  int64_t documents = 0;
  int64_t files = 0;
  int64_t tokens = 0;
  bool truncated = false;
};

void Tally(const Value& doc, KeptScan* scan) {
  const Value* metadata = doc.Find("metadata");
  if (!metadata || !metadata->is_object()) metadata = nullptr;
  // A conversation written back in its own layout (messages, ShareGPT, Alpaca) keeps its
  // metadata at the top level of the line, beside the turns.
  if (!metadata && !doc.Find("text")) metadata = &doc;
  std::string_view language = metadata ? metadata->GetString("language") : std::string_view();
  if (language.empty()) language = "unknown";
  const int64_t tokens = metadata ? IntOr(metadata->Find("tokens")) : 0;
  Value* entry = scan->languages.Find(language);
  if (!entry) {
    Value fresh = Value::EmptyObject();
    fresh.Set("documents", 0);
    fresh.Set("bytes", 0);
    fresh.Set("tokens", 0);
    scan->languages.Set(language, std::move(fresh));
    entry = scan->languages.Find(language);
  }
  Add(entry, "documents", 1);
  Add(entry, "bytes", static_cast<int64_t>(doc.GetString("text").size()));
  Add(entry, "tokens", tokens);
  scan->tokens += tokens;
  if (!metadata) return;
  if (std::string_view source = metadata->GetString("source"); !source.empty() && tokens > 0) {
    Add(&scan->tokens_by_source, source, tokens);
  }
  for (const auto& [key, v] : metadata->as_object()) {
    if (!key.starts_with("quality_") || !v.is_number()) continue;
    if (scan->quality_key.empty()) scan->quality_key = key;
    if (key != scan->quality_key) continue;
    const double score = std::clamp(v.as_number(), 0.0, 1.0);
    ++scan->quality[std::min(kQualityBuckets - 1, static_cast<int>(score * kQualityBuckets))];
  }
}

// The kept documents: the JSONL files under the output (its .tamis/ folder skipped).
Status ScanKept(const std::string& output, int64_t max_documents, KeptScan* scan) {
  std::vector<std::string> files;
  std::error_code ec;
  if (fs::is_regular_file(output, ec)) {
    files.push_back(output);
  } else {
    for (auto it = fs::recursive_directory_iterator(output, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      const std::string name = it->path().filename().string();
      if (name.starts_with(".")) {
        if (it->is_directory()) it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file() && IsDocumentFileName(name)) files.push_back(it->path().string());
    }
  }
  std::sort(files.begin(), files.end());
  for (const std::string& file : files) {
    if (scan->documents >= max_documents) {
      scan->truncated = true;
      break;
    }
    ++scan->files;
    TAMIS_ASSIGN_OR_RETURN(std::unique_ptr<InputStream> in, InputStream::Open(file));
    BufferedReader reader(std::move(in));
    for (;;) {
      std::string_view line;
      Result<BufferedReader::LineStatus> status = reader.ReadLine(&line);
      if (!status.ok()) return status.status().WithContext(file);
      if (*status == BufferedReader::LineStatus::kEnd) break;
      if (*status != BufferedReader::LineStatus::kLine) continue;
      if (scan->documents >= max_documents) {
        scan->truncated = true;
        break;
      }
      Result<Value> doc = ParseJson(line);
      if (!doc.ok() || !doc->is_object()) continue;
      Tally(*doc, scan);
      ++scan->documents;
    }
  }
  return Status::Ok();
}

// Documents per script, from the language labels that carry one ("fra_Latn"): counts
// ({code: n}, langid's report) or kept-document rows ({code: {"documents": n, ...}}).
Value ScriptsOf(const Value& languages) {
  Value scripts = Value::EmptyObject();
  for (const auto& [code, entry] : languages.as_object()) {
    const size_t underscore = code.find('_');
    if (underscore == std::string::npos) continue;
    Add(&scripts, code.substr(underscore + 1),
        IntOr(entry.is_int() ? &entry : entry.Find("documents")));
  }
  return scripts;
}

// The token shards' prefixes: from the tokenize report's shards and its per-split shards.
std::vector<std::string> TokenPrefixes(const Value* tokenize, const Value& by_split,
                                       const RunPaths& paths) {
  std::set<std::string> prefixes;
  auto collect = [&prefixes, &paths](const Value* shards) {
    if (!shards || !shards->is_array()) return;
    for (const Value& s : shards->as_array()) {
      if (s.is_object() && !s.GetString("prefix").empty()) {
        prefixes.insert(paths.Resolve(s.GetString("prefix")));
      } else if (s.is_string()) {
        prefixes.insert(paths.Resolve(s.as_string()));
      }
    }
  };
  if (tokenize) collect(tokenize->Find("shards"));
  for (const auto& [value, split] : by_split.as_object()) collect(split.Find("shards"));
  return {prefixes.begin(), prefixes.end()};
}

// One mixture manifest, reduced to what the page shows.
Value MixtureOf(const std::string& path, const Value& manifest) {
  Value m = Value::EmptyObject();
  m.Set("path", path);
  m.Set("tokens_requested", IntOr(manifest.Find("tokens_requested")));
  m.Set("tokens_achieved", IntOr(manifest.Find("tokens_achieved")));
  Value sources = Value::EmptyArray();
  if (const Value* list = manifest.Find("sources"); list && list->is_array()) {
    for (const Value& s : list->as_array()) {
      Value source = Value::EmptyObject();
      source.Set("name", s.GetString("name"));
      for (const char* key : {"tokens_available", "tokens_requested", "tokens_achieved"}) {
        source.Set(key, IntOr(s.Find(key)));
      }
      sources.as_array().push_back(std::move(source));
    }
  }
  m.Set("sources", std::move(sources));
  return m;
}

// Manifests beside the token shards and in the meta dir, the one the pipeline's mix step
// recorded in its marker, then those given.
Value Mixtures(const std::vector<std::string>& prefixes, const std::string& meta_dir,
               const RunPaths& run_paths, const std::vector<std::string>& given,
               std::vector<std::string>* warnings) {
  std::set<std::string> dirs = {meta_dir};
  for (const std::string& prefix : prefixes) dirs.insert(fs::path(prefix).parent_path().string());
  std::vector<std::string> paths;
  for (const std::string& dir : dirs) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
      if (entry.path().filename().string().ends_with(".manifest.json")) {
        paths.push_back(entry.path().string());
      }
    }
  }
  std::sort(paths.begin(), paths.end());
  if (Result<Value> step = ReadJsonFile(RunLayout(meta_dir, 1, meta_dir).StepMarker(kMixStep));
      step.ok() && step->is_object() && !step->GetString("manifest").empty()) {
    const std::string manifest = run_paths.Resolve(step->GetString("manifest"));
    if (std::find(paths.begin(), paths.end(), manifest) == paths.end()) paths.push_back(manifest);
  }
  paths.insert(paths.end(), given.begin(), given.end());
  Value mixtures = Value::EmptyArray();
  for (const std::string& path : paths) {
    Result<Value> manifest = ReadJsonFile(path);
    if (!manifest.ok() || !manifest->is_object()) {
      warnings->push_back(path + ": not a readable mixture manifest");
      continue;
    }
    mixtures.as_array().push_back(MixtureOf(path, *manifest));
  }
  return mixtures;
}

// The decontaminate stage's report: where it is, and what it found.
Value Contamination(const std::vector<Value>& phases, const RunPaths& paths) {
  Value c = Value::EmptyObject();
  const Value* report = StageReport(phases, "decontaminate");
  if (!report) return c;
  std::string dir(report->GetString("report_dir"));
  // Stats written before the stage recorded its report dir: the run's default report dir.
  if (dir.empty()) dir = phases.back().GetString("report_dir");
  if (dir.empty()) return c;
  dir = paths.Resolve(dir);
  c.Set("dir", dir);
  c.Set("documents_hit", IntOr(report->Find("documents_hit")));
  std::error_code ec;
  if (fs::exists(dir + "/report.html", ec)) c.Set("html", dir + "/report.html");
  if (Result<Value> json = ReadJsonFile(dir + "/report.json"); json.ok()) {
    int64_t items = 0;
    if (const Value* list = json->Find("benchmarks"); list && list->is_array()) {
      for (const Value& b : list->as_array()) items += IntOr(b.Find("contaminated_items"));
    }
    c.Set("contaminated_items", items);
  }
  return c;
}

// Tokens: totals from the tokenize report; per language from its per-split breakdown when it
// has one, else from the kept documents' metadata; per source from the manifests, else from
// the kept documents.
Value Tokens(const Value* tokenize, const Value& by_split, const KeptScan& scan,
             const Value& mixtures) {
  Value t = Value::EmptyObject();
  if (tokenize) {
    t.Set("total", IntOr(tokenize->Find("tokens")));
    t.Set("documents", IntOr(tokenize->Find("documents")));
  } else if (scan.tokens > 0) {
    t.Set("total", scan.tokens);
  }
  Value by_language = Value::EmptyObject();
  if (!by_split.as_object().empty()) {
    for (const auto& [value, split] : by_split.as_object()) {
      by_language.Set(value, IntOr(split.Find("tokens")));
    }
    t.Set("by_language_from", "tokenize report");
  } else if (scan.tokens > 0) {
    for (const auto& [code, entry] : scan.languages.as_object()) {
      by_language.Set(code, IntOr(entry.Find("tokens")));
    }
    t.Set("by_language_from", "kept documents");
  }
  SetIfAny(&t, "by_language", std::move(by_language));
  Value by_source = Value::EmptyObject();
  for (const Value& m : mixtures.as_array()) {
    for (const Value& s : m.Find("sources")->as_array()) {
      Add(&by_source, s.GetString("name"), IntOr(s.Find("tokens_achieved")));
    }
  }
  if (by_source.as_object().empty()) by_source = scan.tokens_by_source;
  SetIfAny(&t, "by_source", std::move(by_source));
  return t;
}

}  // namespace

Result<Value> GatherRunReport(const std::string& output, const RunReportOptions& options) {
  std::error_code ec;
  const bool single_file = IsSingleJsonlFile(output);
  const std::string meta_dir = single_file ? std::string() : RunLayout(output, 1).meta_dir();
  if (!single_file && !fs::is_directory(meta_dir, ec)) {
    return Status::NotFound(output + ": not a tamis run directory (no .tamis/ folder)");
  }
  std::vector<Value> stats;
  if (Result<std::vector<std::string>> files = FindStatsFiles(output); files.ok()) {
    for (const std::string& file : *files) {
      TAMIS_ASSIGN_OR_RETURN(Value s, ReadJsonFile(file));
      stats.push_back(std::move(s));
    }
  } else if (single_file) {
    return Status::NotFound(output + ": not the output of a tamis run (no " + output +
                            ".stats.json)");
  }
  std::map<int64_t, std::vector<const Value*>> by_phase;
  for (const Value& s : stats) by_phase[IntOr(s.Find("phase"))].push_back(&s);

  Value report = Value::EmptyObject();
  report.Set("output", output);
  report.Set("meta_dir", meta_dir);
  Progress progress = single_file ? Progress{} : CheckProgress(output, meta_dir, by_phase);
  std::vector<Value> phases;
  if (!stats.empty()) {
    Result<Value> merged = MergeRunStats(stats);
    if (!merged.ok()) return merged.status().WithContext(output);
    phases = PhasesOf(std::move(merged).value());
  }
  const RunPaths paths(output, RecordedOutput(phases));
  int64_t tasks = 0, threads = 0;
  double seconds = 0;
  std::set<std::string> inputs;
  for (const Value& s : stats) {
    tasks = std::max(tasks, IntOr(s.Find("tasks"), 1));
    threads = std::max(threads, IntOr(s.Find("threads"), 1));
    if (const Value* v = s.Find("seconds"); v && v->is_number()) seconds += v->as_number();
    if (const Value* list = s.Find("inputs");
        list && list->is_array() && IntOr(s.Find("phase")) == 0) {
      for (const Value& f : list->as_array()) {
        if (f.is_string()) inputs.insert(paths.Resolve(f.as_string()));
      }
    }
  }
  if (!stats.empty()) report.Set("tamis_version", stats.front().GetString("tamis_version"));
  report.Set("phases", progress.phases);
  report.Set("tasks", tasks);
  report.Set("threads", threads);
  report.Set("seconds", seconds);
  report.Set("inputs", StringList(inputs));
  if (!phases.empty()) {
    if (const Value* reader = phases.front().Find("reader")) report.Set("reader", *reader);
    report.Set("stages", StageRows(phases));
  }

  // Outputs: kept documents in OUT (an unfinished run's documents still in the work folder
  // are not its output), the rest where the last phase that ran put them.
  Value outputs = Value::EmptyObject();
  const std::string& kept = output;
  outputs.Set("kept", kept);
  if (const Value* rejects = phases.empty() ? nullptr : phases.back().Find("rejects")) {
    outputs.Set("rejects", paths.Resolve(rejects->GetString("path")));
  }
  const Value* tokenize = StageReport(phases, "tokenize");
  if (!tokenize) tokenize = StageReport(phases, "chat_tokenize");  // Conversations, same shape.
  // The per-split breakdown, merged over tasks like the rest of the report (tokenize_stage.h).
  const Value* merged_splits = tokenize ? tokenize->Find("by_split") : nullptr;
  const Value by_split =
      merged_splits && merged_splits->is_object() ? *merged_splits : Value::EmptyObject();
  const std::vector<std::string> prefixes = TokenPrefixes(tokenize, by_split, paths);
  SetIfAny(&outputs, "tokens", StringList(prefixes));
  Value contamination = Contamination(phases, paths);
  if (const Value* dir = contamination.Find("dir")) outputs.Set("contamination", *dir);
  outputs.Set("stats", single_file ? output + ".stats.json" : meta_dir);
  report.Set("outputs", std::move(outputs));

  std::vector<std::string> warnings;  // Unreadable extras: the page shows them, still complete.
  KeptScan scan;
  if (options.max_documents > 0 && !stats.empty()) {
    if (Status s = ScanKept(kept, options.max_documents, &scan); !s.ok()) {
      warnings.push_back("kept documents: " + s.ToString());
    }
  }
  SetIfAny(&report, "languages", scan.languages);
  if (const Value* langid = StageReport(phases, "langid")) {
    if (const Value* detected = langid->Find("languages"); detected && detected->is_object()) {
      SetIfAny(&report, "languages_detected", *detected);
    }
  }
  const Value* detected = report.Find("languages_detected");
  SetIfAny(&report, "scripts", ScriptsOf(detected ? *detected : scan.languages));
  Value mixtures =
      Mixtures(prefixes, meta_dir.empty() ? fs::path(output).parent_path().string() : meta_dir,
               paths, options.manifests, &warnings);
  SetIfAny(&report, "tokens", Tokens(tokenize, by_split, scan, mixtures));
  SetIfAny(&report, "mixtures", std::move(mixtures));
  if (!scan.quality_key.empty()) {
    Value quality = Value::EmptyObject();
    quality.Set("key", scan.quality_key);
    Value buckets = Value::EmptyArray();
    for (int64_t n : scan.quality) buckets.as_array().emplace_back(n);
    quality.Set("buckets", std::move(buckets));
    report.Set("quality", std::move(quality));
  }
  SetIfAny(&report, "contamination", std::move(contamination));
  Value scanned = Value::EmptyObject();
  scanned.Set("documents", scan.documents);
  scanned.Set("files", scan.files);
  scanned.Set("truncated", scan.truncated);
  report.Set("scan", std::move(scanned));

  report.Set("complete", progress.problems.empty() && !stats.empty());
  report.Set("problems", StringList(progress.problems));
  SetIfAny(&report, "warnings", StringList(warnings));
  return report;
}

}  // namespace tamis
