#include "runner/runner.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "io/output_file.h"
#include "pipeline/graph.h"
#include "pipeline/json.h"
#include "pipeline/task_files.h"
#include "readers/decode_stage.h"
#include "readers/input_files.h"
#include "readers/reader_source.h"
#include "runner/run_layout.h"
#include "writers/jsonl_writer.h"

namespace tamis {
namespace {

namespace fs = std::filesystem;

// Kept documents to the output writer, removed ones to the rejects writer (if any). Lines
// are rendered in the graph's parallel Prepare step; Consume only appends them in order.
class WriterSink final : public BatchSink {
 public:
  WriterSink(JsonlWriter* kept, JsonlWriter* rejects) : kept_(kept), rejects_(rejects) {}
  Status Prepare(DocumentBatch& batch) override {
    // The encoded line is all the writer needs from here on (plus metadata for split_by):
    // releasing the text now keeps a batch in flight from holding its bytes twice.
    auto encode = [](JsonlWriter* writer, std::vector<Document>& docs,
                     std::vector<std::string>& encoded) {
      encoded.resize(docs.size());
      for (size_t i = 0; i < docs.size(); ++i) {
        if (writer) writer->Encode(docs[i], &encoded[i]);
        std::string().swap(docs[i].text);
      }
    };
    encode(kept_, batch.documents, batch.encoded);
    encode(rejects_, batch.removed, batch.encoded_removed);
    return Status::Ok();
  }
  Status Consume(DocumentBatch& batch) override {
    kept_documents_ += batch.documents.size();
    for (size_t i = 0; kept_ && i < batch.documents.size(); ++i) {
      TAMIS_RETURN_IF_ERROR(kept_->WriteEncoded(batch.documents[i], batch.encoded[i]));
    }
    if (!rejects_) return Status::Ok();
    for (size_t i = 0; i < batch.removed.size(); ++i) {
      TAMIS_RETURN_IF_ERROR(rejects_->WriteEncoded(batch.removed[i], batch.encoded_removed[i]));
    }
    return Status::Ok();
  }

  uint64_t kept_documents() const { return kept_documents_; }

 private:
  JsonlWriter* kept_;  // Null when the run writes no documents (e.g. tokens only).
  JsonlWriter* rejects_;
  uint64_t kept_documents_ = 0;
};

}  // namespace

namespace {

// True when `inner` is `outer` or lies below it (both made absolute and normal first).
bool IsWithin(const fs::path& inner, const fs::path& outer) {
  auto i = inner.begin(), o = outer.begin();
  for (; o != outer.end(); ++o, ++i) {
    if (i == inner.end() || *i != *o) return false;
  }
  return true;
}

fs::path Absolute(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::weakly_canonical(fs::absolute(path, ec), ec);
  return p.empty() ? fs::path(path).lexically_normal() : p;
}

// An output never overwrites an input: a single-file output is no input, and no input lies
// in an output directory (outside its .tamis work folder, which is the run's own).
Status CheckOutputsAgainstInputs(const TaskSpec& task) {
  const RunSpec& run = task.run;
  if (!run.rejects.empty() && Absolute(run.rejects) == Absolute(run.output)) {
    return Status::InvalidArgument(run.rejects + ": rejects and output are the same place");
  }
  for (const std::string* out : {&run.output, &run.rejects}) {
    if (out->empty()) continue;
    const fs::path target = Absolute(*out);
    const bool single = IsSingleJsonlFile(*out);
    for (const std::string& input : task.files) {
      if (input == "-") continue;
      const fs::path in = Absolute(input);
      if (single ? in == target : IsWithin(in, target) && !IsWithin(in, target / ".tamis")) {
        return Status::InvalidArgument(*out + ": would overwrite input " + input +
                                       " (an output never replaces an input; choose another)");
      }
    }
  }
  return Status::Ok();
}

// An exclusive lock on a file beside the marker while the task runs: a second process running
// the same task into the same directory fails at once instead of mixing shards.
class TaskLock {
 public:
  static Result<std::unique_ptr<TaskLock>> Acquire(const std::string& marker) {
    const std::string path = marker + ".lock";
    std::error_code ec;
    fs::create_directories(fs::path(path).parent_path(), ec);
    int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) return Status::IoError(path + ": cannot create lock: " + std::strerror(errno));
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      ::close(fd);
      return Status::FailedPrecondition(path +
                                        ": another process is running this task into the same "
                                        "output; wait for it or choose another output");
    }
    return std::unique_ptr<TaskLock>(new TaskLock(path, fd));
  }
  ~TaskLock() {
    ::unlink(path_.c_str());
    ::close(fd_);
  }

 private:
  TaskLock(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  std::string path_;
  int fd_;
};

// What an unfinished earlier attempt of this task left in `dir` (and its split sub-folders):
// shards named `<prefix>-NNNNN.jsonl*` and temporary files of any of them. No other task's
// files match the prefix, so tasks of one array never touch each other's output.
Status RemoveUnfinishedAttempt(const std::string& dir, const std::string& prefix, int depth) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return Status::Ok();
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (it->is_directory(ec)) {
      if (depth > 0 && !name.empty() && name[0] != '.') {
        TAMIS_RETURN_IF_ERROR(RemoveUnfinishedAttempt(it->path().string(), prefix, depth - 1));
      }
      continue;
    }
    // A shard, or the temporary file of one.
    const std::string_view shard_name = CommittedNameOf(name);
    if (!shard_name.starts_with(prefix + "-")) continue;
    const std::string_view rest = shard_name.substr(prefix.size() + 1);
    const bool shard = rest.size() > 5 && rest.substr(5).starts_with(".jsonl") &&
                       rest.find_first_not_of("0123456789") == 5;
    if (!shard) continue;
    if (!fs::remove(it->path(), ec) && ec) {
      return Status::IoError(it->path().string() + ": cannot remove stale shard: " + ec.message());
    }
  }
  return ec ? Status::IoError(dir + ": cannot list: " + ec.message()) : Status::Ok();
}

}  // namespace

Result<RunSummary> RunTask(const TaskSpec& task, const StageBuilder& build_stages) {
  const RunSpec& spec = task.run;
  RunSummary summary;
  summary.stats_path = task.stats_path;
  TAMIS_ASSIGN_OR_RETURN(MarkerState state, CheckTaskMarker(task.marker, task.identity));
  if (state == MarkerState::kComplete) {
    summary.already_complete = true;
    if (auto text = ReadWholeFile(summary.stats_path); text.ok()) {
      if (auto v = ParseJson(*text); v.ok()) summary.stats = std::move(*v);
    }
    return summary;
  }
  TAMIS_RETURN_IF_ERROR(CheckOutputsAgainstInputs(task));
  TAMIS_ASSIGN_OR_RETURN(std::unique_ptr<TaskLock> lock, TaskLock::Acquire(task.marker));
  const bool write_kept = spec.write_documents || task.kept_for_next_phase;
  if (write_kept && !IsSingleJsonlFile(task.kept_output)) {
    TAMIS_RETURN_IF_ERROR(RemoveUnfinishedAttempt(task.kept_output, task.kept_prefix, 1));
  }
  if (!spec.rejects.empty() && !IsSingleJsonlFile(spec.rejects)) {
    TAMIS_RETURN_IF_ERROR(RemoveUnfinishedAttempt(spec.rejects, task.rejects_prefix, 0));
  }
  TAMIS_ASSIGN_OR_RETURN(std::vector<std::unique_ptr<Stage>> stages, build_stages());

  ReaderOptions reader = spec.reader;
  if (task.identity.phase > 0) {
    // A later phase reads what the phase before wrote: tamis documents, whatever the layout
    // of the run's inputs (a conversation keeps its turns in metadata).
    ReaderOptions defaults;
    reader.layout = defaults.layout;
    reader.id_field = defaults.id_field;
    reader.text_field = defaults.text_field;
  }
  RunContext context;
  context.threads = spec.threads;
  context.task = spec.task;
  context.tasks = spec.tasks;
  context.phase = task.identity.phase;
  context.output = spec.output;
  context.strict = reader.strict;
  context.work_dir = task.work_dir;
  const RunLayout layout(spec.output, 1, spec.meta_dir);
  context.report_dir = !spec.report_dir.empty() ? spec.report_dir : layout.DefaultReportDir();
  std::error_code ec;
  // Only stages write reports; a bare read-and-write run leaves no empty report folder.
  if (!stages.empty()) fs::create_directories(context.report_dir, ec);
  if (ec) return Status::IoError(context.report_dir + ": cannot create: " + ec.message());

  JsonlWriterOptions kept_options;
  kept_options.output = task.kept_output;
  kept_options.shard_prefix = task.kept_prefix;
  kept_options.shard_bytes = spec.shard_bytes;
  kept_options.split_by = task.kept_for_next_phase ? std::string() : spec.split_by;
  kept_options.with_ledger = task.kept_for_next_phase || spec.kept_ledger;
  // Conversations go back to trainers in the layout they came in.
  kept_options.conversations = spec.reader.layout == JsonlLayout::kChat;
  // zstd's own workers compress off the serial output step; its output bytes are the same
  // for any worker count >= 1, so this does not change results across --threads.
  kept_options.compression_workers = std::max(1, spec.threads / 2);
  std::unique_ptr<JsonlWriter> kept;
  if (write_kept) {
    TAMIS_ASSIGN_OR_RETURN(kept, JsonlWriter::Create(kept_options));
  }
  std::unique_ptr<JsonlWriter> rejects;
  if (!spec.rejects.empty()) {
    JsonlWriterOptions reject_options = kept_options;
    reject_options.output = spec.rejects;
    reject_options.shard_prefix = task.rejects_prefix;
    reject_options.with_ledger = true;
    reject_options.split_by.clear();
    TAMIS_ASSIGN_OR_RETURN(rejects, JsonlWriter::Create(reject_options));
  }

  ReaderSource source(task.files, reader, ReaderSource::kDefaultBatchDocuments,
                      ReaderSource::BatchBytesFor(task.files, spec.threads));
  DecodeStage decode(reader);
  std::vector<Stage*> chain = {&decode};
  for (auto& stage : stages) chain.push_back(stage.get());
  WriterSink sink(kept.get(), rejects.get());

  GraphOptions graph;
  graph.threads = spec.threads;
  graph.context = context;
  auto started = std::chrono::steady_clock::now();
  if (spec.on_progress) {
    graph.on_progress = [&spec, started](uint64_t documents, uint64_t bytes) {
      spec.on_progress(
          documents, bytes,
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    };
  }
  std::vector<StageStats> stage_stats;
  Status run = RunGraph(source, chain, sink, graph, &stage_stats);
  if (spec.on_progress) spec.on_progress(0, 0, -1);
  TAMIS_RETURN_IF_ERROR(run);
  if (kept) TAMIS_RETURN_IF_ERROR(kept->Close());
  if (rejects) TAMIS_RETURN_IF_ERROR(rejects->Close());
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  if (kept) summary.outputs = kept->files();
  if (rejects) {
    summary.outputs.insert(summary.outputs.end(), rejects->files().begin(), rejects->files().end());
  }
  Value& stats = summary.stats;
  stats.Set("tamis_version", TAMIS_VERSION);
  stats.Set("task", spec.task);
  stats.Set("tasks", spec.tasks);
  stats.Set("phase", task.identity.phase);
  stats.Set("threads", spec.threads);
  Value inputs = Value::EmptyArray();
  for (const std::string& f : task.files) inputs.as_array().emplace_back(f);
  stats.Set("inputs", std::move(inputs));
  stats.Set("seconds", seconds);
  stats.Set("reader", source.Report());
  Value stage_values = Value::EmptyArray();
  for (const StageStats& s : stage_stats) stage_values.as_array().push_back(s.ToValue());
  stats.Set("stages", std::move(stage_values));
  Value out = Value::EmptyObject();
  out.Set("path", kept ? task.kept_output : std::string());
  out.Set("documents", sink.kept_documents());
  out.Set("bytes", kept ? kept->bytes() : 0);
  Value kept_files = Value::EmptyArray();
  if (kept) {
    for (const std::string& f : kept->files()) kept_files.as_array().emplace_back(f);
  }
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
  TAMIS_RETURN_IF_ERROR(WriteTaskMarker(task.marker, task.identity, summary.stats_path));
  return summary;
}

Status ValidateRunSpec(const RunSpec& spec, int phases) {
  if (spec.output.empty()) return Status::InvalidArgument("no output given (-o OUT)");
  if (spec.tasks < 1 || spec.tasks > kMaxTasks) {
    return Status::InvalidArgument("the task count must lie in [1, " + std::to_string(kMaxTasks) +
                                   "], not " + std::to_string(spec.tasks));
  }
  if (spec.task < 0 || spec.task >= spec.tasks) {
    return Status::InvalidArgument("task " + std::to_string(spec.task) + " is outside [0, " +
                                   std::to_string(spec.tasks) + ")");
  }
  if (spec.threads < 1 || spec.threads > kMaxThreads) {
    return Status::InvalidArgument("the thread count must lie in [1, " +
                                   std::to_string(kMaxThreads) + "], not " +
                                   std::to_string(spec.threads));
  }
  if (spec.shard_bytes == 0) return Status::InvalidArgument("shard_bytes must be > 0");
  const bool single = IsSingleJsonlFile(spec.output);
  if (single && spec.tasks > 1) {
    return Status::InvalidArgument(spec.output +
                                   ": a single-file output cannot be shared by several tasks; "
                                   "give a directory");
  }
  if (single && phases > 1) {
    return Status::InvalidArgument(spec.output +
                                   ": a pipeline of several phases writes a directory "
                                   "(its phases hand documents over inside it); give one");
  }
  if (!spec.rejects.empty() && IsSingleJsonlFile(spec.rejects) && (spec.tasks > 1 || phases > 1)) {
    return Status::InvalidArgument(spec.rejects +
                                   ": give a directory for rejects with several tasks or phases");
  }
  return Status::Ok();
}

Status PlanTask(const RunSpec& spec, int phase, int phases, std::vector<std::string> stage_names,
                TaskSpec* task) {
  TAMIS_RETURN_IF_ERROR(ValidateRunSpec(spec, phases));
  const RunLayout layout(spec.output, phases, spec.meta_dir);
  task->run = spec;
  task->identity.task = spec.task;
  task->identity.tasks = spec.tasks;
  task->identity.phase = phase;
  task->identity.stages = std::move(stage_names);
  task->marker = layout.TaskMarker(phase, spec.task);
  task->stats_path = layout.TaskStats(phase, spec.task);
  task->work_dir = layout.single_file() ? std::string() : layout.WorkDir();
  task->rejects_prefix = layout.RejectsPrefix(phase, spec.task);
  task->kept_prefix = PerTaskName("part", spec.task);
  task->kept_for_next_phase = phase + 1 < phases;
  task->kept_output = task->kept_for_next_phase ? layout.PhaseDocuments(phase) : spec.output;
  if (phase == 0) {
    TAMIS_ASSIGN_OR_RETURN(std::vector<std::string> all, ExpandInputs(spec.inputs));
    task->files = FilesForTask(all, spec.task, spec.tasks);
  } else {
    // The documents this task kept in the phase before, as its stats list them.
    TaskIdentity previous = task->identity;
    const std::string stats_path = layout.TaskStats(phase - 1, spec.task);
    std::error_code ec;
    if (!fs::exists(layout.TaskMarker(phase - 1, spec.task), ec)) {
      return Status::FailedPrecondition(
          "phase " + std::to_string(phase) + " task " + std::to_string(spec.task) + ": phase " +
          std::to_string(phase - 1) + " has not finished this task (no marker " +
          layout.TaskMarker(phase - 1, spec.task) + ")");
    }
    TAMIS_ASSIGN_OR_RETURN(std::string text, ReadWholeFile(stats_path));
    TAMIS_ASSIGN_OR_RETURN(Value stats, ParseJson(text));
    const Value* out = stats.Find("output");
    const Value* files = out ? out->Find("files") : nullptr;
    if (!files || !files->is_array()) {
      return Status::Corruption(stats_path + ": no output file list");
    }
    for (const Value& f : files->as_array()) task->files.push_back(f.as_string());
  }
  task->identity.inputs = task->files;
  return Status::Ok();
}

Result<RunSummary> RunPipeline(const RunSpec& spec, std::vector<std::unique_ptr<Stage>> stages) {
  TaskSpec task;
  task.run = spec;
  std::vector<std::string> names;
  for (const auto& stage : stages) names.emplace_back(stage->name());
  TAMIS_RETURN_IF_ERROR(PlanTask(spec, 0, 1, std::move(names), &task));
  auto handed = std::make_shared<std::vector<std::unique_ptr<Stage>>>(std::move(stages));
  return RunTask(task, [handed]() -> Result<std::vector<std::unique_ptr<Stage>>> {
    return std::move(*handed);
  });
}

}  // namespace tamis
