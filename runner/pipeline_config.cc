#include "runner/pipeline_config.h"

#include <filesystem>

#include "io/output_file.h"
#include "pipeline/options.h"
#include "pipeline/yaml.h"

namespace tamis {
namespace {

namespace fs = std::filesystem;

std::string Resolve(const fs::path& base, const std::string& path) {
  if (path.empty() || path == "-" || fs::path(path).is_absolute()) return path;
  return (base / path).lexically_normal().string();
}

// decontaminate's `benchmarks`: each "NAME=PATH" or {name, path, ...} names a file.
Value ResolveBenchmarks(const fs::path& base, const Value& list) {
  Value resolved = list;
  for (Value& b : resolved.as_array()) {
    // A string without '=' is left as it is, for the stage to refuse with its own message.
    if (b.is_string() && b.as_string().find('=') != std::string::npos) {
      const std::string spec = b.as_string();
      const size_t eq = spec.find('=');
      b = Value(spec.substr(0, eq + 1) + Resolve(base, spec.substr(eq + 1)));
    } else if (b.is_object() && b.Find("path") && b.Find("path")->is_string()) {
      b.Set("path", Value(Resolve(base, std::string(b.GetString("path")))));
    }
  }
  return resolved;
}

}  // namespace

Result<PipelineConfig> LoadPipelineConfig(const std::string& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return Status::NotFound(path + ": no such pipeline file");
  TAMIS_ASSIGN_OR_RETURN(std::string text, ReadWholeFile(path));
  TAMIS_ASSIGN_OR_RETURN(Value root, ParseYaml(text, path));
  if (!root.is_object()) return Status::InvalidArgument(path + ": expected a mapping at the top");
  fs::path base = fs::path(path).parent_path();

  PipelineConfig config;
  RunSpec& run = config.run;
  Options opts(root, path);
  for (const std::string& input : opts.StringList("input")) {
    run.inputs.push_back(Resolve(base, input));
  }
  run.output = Resolve(base, opts.String("output"));
  run.rejects = Resolve(base, opts.String("rejects"));
  run.split_by = opts.String("split_by");
  run.kept_ledger = opts.Bool("ledger", false);
  run.shard_bytes = static_cast<uint64_t>(opts.Int("shard_bytes", int64_t(run.shard_bytes)));
  config.threads_set = opts.Has("threads");
  run.threads = static_cast<int>(opts.Int("threads", 0));
  run.report_dir = Resolve(base, opts.String("report_dir"));
  if (const Value* reader = opts.Raw("reader")) {
    Options r(*reader, path + ": reader");
    run.reader.id_field = r.String("id_field", run.reader.id_field);
    run.reader.text_field = r.String("text_field", run.reader.text_field);
    std::string layout = r.String("layout", "documents");
    if (layout == "the_stack") {
      run.reader.layout = JsonlLayout::kTheStack;
    } else if (layout == "chat") {
      run.reader.layout = JsonlLayout::kChat;
    } else if (layout != "documents") {
      return Status::InvalidArgument(path +
                                     ": reader layout must be 'documents', 'the_stack' or 'chat'");
    }
    run.reader.max_record_bytes =
        static_cast<uint64_t>(r.Int("max_record_bytes", int64_t(run.reader.max_record_bytes)));
    run.reader.strict = r.Bool("strict", false);
    HtmlTextOptions& html = run.reader.html;
    const std::string focus = r.String("html_focus", "balanced");
    if (focus == "precision") {
      html.focus = ExtractionFocus::kPrecision;
    } else if (focus == "recall") {
      html.focus = ExtractionFocus::kRecall;
    } else if (focus != "balanced") {
      return Status::InvalidArgument(path +
                                     ": reader html_focus must be 'balanced', 'precision' or "
                                     "'recall'");
    }
    html.keep_tables = r.Bool("html_tables", html.keep_tables);
    html.keep_comments = r.Bool("html_comments", html.keep_comments);
    html.keep_link_text = r.Bool("html_link_text", html.keep_link_text);
    TAMIS_RETURN_IF_ERROR(r.Finish());
  }
  const Value* stages = opts.Raw("stages");
  const Value* mix = opts.Raw("mix");
  TAMIS_RETURN_IF_ERROR(opts.Finish());
  if (mix) {
    Result<MixConfig> mix_config = ParseMixConfig(*mix, base.string());
    if (!mix_config.ok()) return mix_config.status().WithContext(path + ": mix");
    config.mix = std::move(mix_config).value();
  }
  if (run.inputs.empty()) return Status::InvalidArgument(path + ": 'input' is required");
  if (run.output.empty()) return Status::InvalidArgument(path + ": 'output' is required");
  if (stages) {
    if (!stages->is_array()) return Status::InvalidArgument(path + ": 'stages' must be a list");
    for (const Value& entry : stages->as_array()) {
      if (!entry.is_object() || !entry.Find("stage") || !entry.Find("stage")->is_string()) {
        return Status::InvalidArgument(path + ": every stage needs 'stage: NAME'");
      }
      StageSpec spec;
      spec.name = entry.GetString("stage");
      for (const auto& [k, v] : entry.as_object()) {
        if (k == "stage") continue;
        // Options that name files are resolved like the pipeline's own paths; a tokenizer
        // may also be a built-in name ("tamis-default"), left as it is.
        bool is_path =
            v.is_string() && (k == "model" || k == "snapshot" || k == "report" || k == "output" ||
                              (k == "tokenizer" && v.as_string().find('.') != std::string::npos) ||
                              (k.size() > 5 && k.substr(k.size() - 5) == "_file"));
        if (k == "benchmarks" && v.is_array()) {
          spec.options.Set(k, ResolveBenchmarks(base, v));
        } else {
          spec.options.Set(k, is_path ? Value(Resolve(base, v.as_string())) : v);
        }
      }
      config.stages.push_back(std::move(spec));
    }
  }
  return config;
}

}  // namespace tamis
