#include "pipeline/runner.h"

#include <glob.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <mutex>

#include "io/output_file.h"
#include "pipeline/graph.h"
#include "pipeline/json.h"
#include "readers/decode_stage.h"
#include "readers/reader_source.h"
#include "writers/jsonl_writer.h"

namespace tamis {
namespace {

namespace fs = std::filesystem;

bool HasGlobCharacters(const std::string& s) {
  return s.find_first_of("*?[") != std::string::npos;
}

std::string TaskName(int task) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%05d", task);
  return buf;
}

// Kept documents to the output writer, removed ones to the rejects writer (if any). Lines
// are rendered in the graph's parallel Prepare step; Consume only appends them in order.
class WriterSink final : public BatchSink {
 public:
  WriterSink(JsonlWriter* kept, JsonlWriter* rejects) : kept_(kept), rejects_(rejects) {}
  Status Prepare(DocumentBatch& batch) override {
    batch.encoded.resize(batch.documents.size());
    for (size_t i = 0; i < batch.documents.size(); ++i) {
      const Document& doc = batch.documents[i];
      JsonlWriter* writer = doc.dropped() ? rejects_ : kept_;
      if (writer) writer->Encode(doc, &batch.encoded[i]);
      // The encoded line is all the writer needs from here on (plus metadata for split_by):
      // releasing the text now keeps a batch in flight from holding its bytes twice.
      std::string().swap(batch.documents[i].text);
    }
    return Status::Ok();
  }
  Status Consume(DocumentBatch& batch) override {
    for (size_t i = 0; i < batch.documents.size(); ++i) {
      const Document& doc = batch.documents[i];
      if (!doc.dropped()) {
        TAMIS_RETURN_IF_ERROR(kept_->WriteEncoded(doc, batch.encoded[i]));
      } else if (rejects_) {
        TAMIS_RETURN_IF_ERROR(rejects_->WriteEncoded(doc, batch.encoded[i]));
      }
    }
    return Status::Ok();
  }

 private:
  JsonlWriter* kept_;
  JsonlWriter* rejects_;
};

// Skip messages can come from every thread: print them whole, one per line, and stop printing
// (not counting) after a limit so a badly broken input does not flood the terminal.
class SkipReporter {
 public:
  static constexpr uint64_t kMaxPrinted = 20;
  void Report(std::string_view reason, const std::string& message) {
    std::lock_guard<std::mutex> lock(mu_);
    if (++count_ <= kMaxPrinted) {
      std::cerr << "tamis: skipped (" << reason << "): " << message << "\n";
    } else if (count_ == kMaxPrinted + 1) {
      std::cerr << "tamis: further skipped records are only counted (see the stats)\n";
    }
  }

 private:
  std::mutex mu_;
  uint64_t count_ = 0;
};

std::string HumanBytes(double bytes) {
  const char* units[] = {"B", "KB", "MB", "GB", "TB"};
  int u = 0;
  while (bytes >= 1000 && u < 4) {
    bytes /= 1000;
    ++u;
  }
  char buf[32];
  std::snprintf(buf, sizeof(buf), u == 0 ? "%.0f %s" : "%.1f %s", bytes, units[u]);
  return buf;
}

// A value in a few characters: scalars as they are, objects of scalars as "a:1,b:2", lists
// and deeper objects by their size.
std::string BriefValue(const Value& v) {
  switch (v.type()) {
    case Value::Type::kString: return v.as_string();
    case Value::Type::kArray: return "[" + std::to_string(v.as_array().size()) + "]";
    case Value::Type::kObject: {
      std::string out = "{";
      for (const auto& [k, item] : v.as_object()) {
        if (item.is_object() || item.is_array())
          return "{" + std::to_string(v.as_object().size()) + "}";
        out += (out.size() > 1 ? "," : "") + k + ":" + ToJson(item);
      }
      return out + "}";
    }
    default: return ToJson(v);
  }
}

}  // namespace

Result<std::vector<std::string>> ExpandInputs(const std::vector<std::string>& patterns) {
  std::vector<std::string> files;
  for (const std::string& pattern : patterns) {
    if (pattern == "-") {
      files.push_back(pattern);
      continue;
    }
    if (!HasGlobCharacters(pattern)) {
      std::error_code ec;
      if (!fs::exists(pattern, ec)) return Status::NotFound(pattern + ": no such input file");
      files.push_back(pattern);
      continue;
    }
    glob_t g;
    int rc = ::glob(pattern.c_str(), 0, nullptr, &g);
    if (rc == GLOB_NOMATCH) {
      globfree(&g);
      return Status::NotFound(pattern + ": pattern matches no input file");
    }
    if (rc != 0) {
      globfree(&g);
      return Status::IoError(pattern + ": cannot expand pattern");
    }
    for (size_t i = 0; i < g.gl_pathc; ++i) files.emplace_back(g.gl_pathv[i]);
    globfree(&g);
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  return files;
}

std::vector<std::string> FilesForTask(const std::vector<std::string>& files, int task, int tasks) {
  std::vector<std::string> mine;
  for (size_t i = 0; i < files.size(); ++i) {
    if (static_cast<int>(i % tasks) == task) mine.push_back(files[i]);
  }
  return mine;
}

Result<RunSummary> RunPipeline(const RunSpec& spec, std::vector<std::unique_ptr<Stage>> stages) {
  if (spec.output.empty()) return Status::InvalidArgument("no output given (-o OUT)");
  if (spec.tasks < 1 || spec.task < 0 || spec.task >= spec.tasks) {
    return Status::InvalidArgument("task " + std::to_string(spec.task) + " is outside [0, " +
                                   std::to_string(spec.tasks) + ")");
  }
  const bool single = IsSingleJsonlFile(spec.output);
  if (single && spec.tasks > 1) {
    return Status::InvalidArgument(spec.output +
                                   ": a single-file output cannot be shared by several tasks; "
                                   "give a directory");
  }
  if (!spec.rejects.empty() && IsSingleJsonlFile(spec.rejects) && spec.tasks > 1) {
    return Status::InvalidArgument(spec.rejects + ": give a directory for rejects with --tasks");
  }
  const std::string task_name = TaskName(spec.task);
  RunSummary summary;
  const std::string meta_dir = single ? std::string() : spec.output + "/.tamis";
  const std::string marker =
      single ? spec.output + ".done" : meta_dir + "/task-" + task_name + ".done";
  summary.stats_path =
      single ? spec.output + ".stats.json" : meta_dir + "/stats-task-" + task_name + ".json";
  std::error_code ec;
  if (fs::exists(marker, ec)) {
    summary.already_complete = true;
    if (auto text = ReadWholeFile(summary.stats_path); text.ok()) {
      if (auto v = ParseJson(*text); v.ok()) summary.stats = std::move(*v);
    }
    return summary;
  }

  TAMIS_ASSIGN_OR_RETURN(std::vector<std::string> all_files, ExpandInputs(spec.inputs));
  std::vector<std::string> files = FilesForTask(all_files, spec.task, spec.tasks);

  // Reader options get the skip reporter unless the caller brought its own.
  SkipReporter skip_reporter;
  ReaderOptions reader = spec.reader;
  if (!reader.on_skip) {
    reader.on_skip = [&skip_reporter](std::string_view reason, const std::string& message) {
      skip_reporter.Report(reason, message);
    };
  }

  RunContext context;
  context.threads = spec.threads;
  context.task = spec.task;
  context.tasks = spec.tasks;
  context.output = spec.output;
  context.strict = reader.strict;
  context.report_dir = !spec.report_dir.empty() ? spec.report_dir
                       : single                 ? spec.output + ".reports"
                                                : meta_dir + "/reports";
  // Only stages write reports; a bare read-and-write run leaves no empty report folder.
  if (!stages.empty()) fs::create_directories(context.report_dir, ec);
  if (ec) return Status::IoError(context.report_dir + ": cannot create: " + ec.message());

  JsonlWriterOptions kept_options;
  kept_options.output = spec.output;
  kept_options.shard_prefix = "part-" + task_name;
  kept_options.shard_bytes = spec.shard_bytes;
  kept_options.split_by = spec.split_by;
  // zstd's own workers compress off the serial output step; its output bytes are the same
  // for any worker count >= 1, so this does not change results across --threads.
  kept_options.compression_workers = std::max(1, spec.threads / 2);
  TAMIS_ASSIGN_OR_RETURN(auto kept, JsonlWriter::Create(kept_options));
  std::unique_ptr<JsonlWriter> rejects;
  if (!spec.rejects.empty()) {
    JsonlWriterOptions reject_options = kept_options;
    reject_options.output = spec.rejects;
    reject_options.with_ledger = true;
    reject_options.split_by.clear();
    TAMIS_ASSIGN_OR_RETURN(rejects, JsonlWriter::Create(reject_options));
  }

  ReaderSource source(files, reader);
  DecodeStage decode(reader);
  std::vector<Stage*> chain = {&decode};
  for (auto& stage : stages) chain.push_back(stage.get());
  WriterSink sink(kept.get(), rejects.get());

  GraphOptions graph;
  graph.threads = spec.threads;
  graph.context = context;
  auto started = std::chrono::steady_clock::now();
  if (spec.progress) {
    graph.on_progress = [started](uint64_t documents, uint64_t bytes) {
      double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      std::fprintf(stderr, "\r\033[Ktamis: %llu documents, %s read, %s/s",
                   static_cast<unsigned long long>(documents), HumanBytes(bytes).c_str(),
                   HumanBytes(bytes / std::max(seconds, 1e-9)).c_str());
      std::fflush(stderr);
    };
  }
  std::vector<StageStats> stage_stats;
  Status run = RunGraph(source, chain, sink, graph, &stage_stats);
  if (spec.progress) std::fprintf(stderr, "\r\033[K");
  TAMIS_RETURN_IF_ERROR(run);
  TAMIS_RETURN_IF_ERROR(kept->Close());
  if (rejects) TAMIS_RETURN_IF_ERROR(rejects->Close());
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  summary.outputs = kept->files();
  if (rejects) {
    summary.outputs.insert(summary.outputs.end(), rejects->files().begin(), rejects->files().end());
  }
  Value& stats = summary.stats;
  stats.Set("tamis_version", TAMIS_VERSION);
  stats.Set("task", spec.task);
  stats.Set("tasks", spec.tasks);
  stats.Set("threads", spec.threads);
  Value inputs = Value::EmptyArray();
  for (const std::string& f : files) inputs.as_array().emplace_back(f);
  stats.Set("inputs", std::move(inputs));
  stats.Set("seconds", seconds);
  stats.Set("reader", source.Report());
  Value stage_values = Value::EmptyArray();
  for (const StageStats& s : stage_stats) stage_values.as_array().push_back(s.ToValue());
  stats.Set("stages", std::move(stage_values));
  Value out = Value::EmptyObject();
  out.Set("path", spec.output);
  out.Set("documents", kept->documents());
  out.Set("bytes", kept->bytes());
  Value kept_files = Value::EmptyArray();
  for (const std::string& f : kept->files()) kept_files.as_array().emplace_back(f);
  out.Set("files", std::move(kept_files));
  stats.Set("output", std::move(out));
  if (rejects) {
    Value rej = Value::EmptyObject();
    rej.Set("path", spec.rejects);
    rej.Set("documents", rejects->documents());
    rej.Set("bytes", rejects->bytes());
    stats.Set("rejects", std::move(rej));
  }
  stats.Set("report_dir", context.report_dir);

  TAMIS_RETURN_IF_ERROR(WriteFileAtomically(summary.stats_path, ToJson(stats, 2) + "\n"));
  TAMIS_RETURN_IF_ERROR(WriteFileAtomically(marker, summary.stats_path + "\n"));
  return summary;
}

std::string FormatSummary(const RunSummary& summary) {
  const Value& s = summary.stats;
  std::string out;
  char line[512];
  if (summary.already_complete) {
    out +=
        "task already complete (marker found); nothing to do. Stats: " + summary.stats_path + "\n";
    return out;
  }
  const Value* reader = s.Find("reader");
  if (reader) {
    std::snprintf(line, sizeof(line), "read %lld records from %lld files (%s)\n",
                  static_cast<long long>(reader->Find("records")->as_int()),
                  static_cast<long long>(reader->Find("files")->as_int()),
                  HumanBytes(static_cast<double>(reader->Find("input_bytes")->as_int())).c_str());
    out += line;
    for (const auto& [reason, count] : reader->Find("skipped")->as_object()) {
      std::snprintf(line, sizeof(line), "  not a document: %-28s %10lld\n", reason.c_str(),
                    static_cast<long long>(count.as_int()));
      out += line;
    }
  }
  std::snprintf(line, sizeof(line), "%-12s %12s %12s %12s %9s\n", "stage", "docs in", "docs out",
                "removed", "seconds");
  out += line;
  for (const Value& st : s.Find("stages")->as_array()) {
    int64_t in = st.Find("documents_in")->as_int();
    int64_t kept = st.Find("documents_out")->as_int();
    std::snprintf(line, sizeof(line), "%-12s %12lld %12lld %12lld %9.2f\n",
                  st.GetString("stage").data(), static_cast<long long>(in),
                  static_cast<long long>(kept), static_cast<long long>(in - kept),
                  st.Find("seconds")->as_number());
    out += line;
    for (const auto& [reason, count] : st.Find("removed")->as_object()) {
      std::snprintf(line, sizeof(line), "  %-36s %10lld\n", reason.c_str(),
                    static_cast<long long>(count.as_int()));
      out += line;
    }
  }
  // What stages reported, flattened to one line each (the full reports are in the stats).
  for (const Value& st : s.Find("stages")->as_array()) {
    const Value* report = st.Find("report");
    if (!report || !report->is_object() || report->as_object().empty()) continue;
    out += std::string(st.GetString("stage")) + ":";
    for (const auto& [key, v] : report->as_object()) out += " " + key + "=" + BriefValue(v);
    out += "\n";
  }
  const Value* o = s.Find("output");
  std::snprintf(line, sizeof(line), "kept %lld documents (%s) -> %s\n",
                static_cast<long long>(o->Find("documents")->as_int()),
                HumanBytes(static_cast<double>(o->Find("bytes")->as_int())).c_str(),
                o->GetString("path").data());
  out += line;
  if (const Value* r = s.Find("rejects")) {
    std::snprintf(line, sizeof(line), "rejected %lld documents -> %s\n",
                  static_cast<long long>(r->Find("documents")->as_int()),
                  r->GetString("path").data());
    out += line;
  }
  out += "stats: " + summary.stats_path + "\n";
  return out;
}

}  // namespace tamis
