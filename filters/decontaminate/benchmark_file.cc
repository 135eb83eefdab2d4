#include "filters/decontaminate/benchmark_file.h"

#include <xxhash.h>

#include <array>

#include "io/output_file.h"
#include "pipeline/json.h"
#include "pipeline/options.h"
#include "pipeline/value.h"

namespace tamis {
namespace {

struct Preset {
  std::string_view name;
  std::vector<std::string> fields;
  std::string_view id_field;
};

const std::array<Preset, 6>& Presets() {
  static const std::array<Preset, 6> presets = {{
      {"mmlu", {"question", "choices"}, "id"},
      {"arc", {"question", "choices.text"}, "id"},
      {"hellaswag", {"ctx", "endings"}, "id"},
      {"gsm8k", {"question", "answer"}, "id"},
      {"humaneval", {"prompt", "canonical_solution"}, "task_id"},
      {"auto",
       {"question", "choices", "ctx", "endings", "prompt", "canonical_solution", "answer"},
       "id"},
  }};
  return presets;
}

void AppendStrings(const Value& v, std::string* text) {
  if (v.is_string()) {
    if (v.as_string().empty()) return;
    if (!text->empty()) text->push_back('\n');
    text->append(v.as_string());
  } else if (v.is_array()) {
    for (const Value& item : v.as_array()) AppendStrings(item, text);
  } else if (v.is_object()) {
    for (const auto& [key, item] : v.as_object()) AppendStrings(item, text);
  }
}

const Value* FindDotted(const Value& object, std::string_view path) {
  const Value* v = &object;
  while (v && v->is_object()) {
    const size_t dot = path.find('.');
    v = v->Find(path.substr(0, dot));
    if (dot == std::string_view::npos) return v;
    path.remove_prefix(dot + 1);
  }
  return nullptr;
}

}  // namespace

Result<BenchmarkSpec> ParseBenchmarkArgument(std::string_view argument) {
  const size_t eq = argument.find('=');
  if (eq == std::string_view::npos || eq == 0 || eq + 1 == argument.size()) {
    return Status::InvalidArgument("benchmark '" + std::string(argument) +
                                   "': expected NAME=FILE (e.g. mmlu=mmlu.jsonl)");
  }
  BenchmarkSpec spec;
  spec.name = std::string(argument.substr(0, eq));
  spec.path = std::string(argument.substr(eq + 1));
  return spec;
}

Status ResolvePreset(BenchmarkSpec* spec) {
  for (const Preset& preset : Presets()) {
    if (preset.name != spec->preset) continue;
    if (spec->fields.empty()) spec->fields = preset.fields;
    if (spec->id_field.empty()) spec->id_field = std::string(preset.id_field);
    return Status::Ok();
  }
  std::string known;
  for (const Preset& preset : Presets())
    known += (known.empty() ? "" : ", ") + std::string(preset.name);
  return Status::InvalidArgument("benchmark " + spec->name + ": unknown preset '" + spec->preset +
                                 "' (known: " + known + ")");
}

Result<BenchmarkSpec> BenchmarkSpecFromValue(const Value& value, std::string_view where) {
  BenchmarkSpec spec;
  if (value.is_string()) {
    TAMIS_ASSIGN_OR_RETURN(spec, ParseBenchmarkArgument(value.as_string()));
  } else if (value.is_object()) {
    Options opts(value, std::string(where) + " benchmark");
    spec.name = opts.RequiredString("name");
    spec.path = opts.RequiredString("path");
    spec.preset = opts.String("preset", spec.preset);
    spec.fields = opts.StringList("fields");
    spec.id_field = opts.String("id_field");
    TAMIS_RETURN_IF_ERROR(opts.Finish());
  } else {
    return Status::InvalidArgument(std::string(where) +
                                   ": each benchmark is NAME=PATH or {name, path, preset, "
                                   "fields, id_field}");
  }
  TAMIS_RETURN_IF_ERROR(ResolvePreset(&spec));
  return spec;
}

Result<BenchmarkFile> LoadBenchmarkFile(const BenchmarkSpec& spec, bool strict) {
  TAMIS_ASSIGN_OR_RETURN(std::string content, ReadWholeFile(spec.path));
  BenchmarkFile file;
  file.spec = spec;
  file.content_hash = XXH3_64bits(content.data(), content.size());
  JsonParser parser;
  int64_t line_number = 0;
  size_t at = 0;
  while (at < content.size()) {
    size_t stop = content.find('\n', at);
    if (stop == std::string::npos) stop = content.size();
    std::string_view line(content.data() + at, stop - at);
    at = stop + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    const std::string where = spec.path + ":" + std::to_string(line_number);
    auto skip = [&](const std::string& why) -> Status {
      if (strict) return Status::Corruption(where + ": " + why);
      if (file.first_skip.empty()) file.first_skip = where + ": " + why;
      ++file.skipped_lines;
      return Status::Ok();
    };
    Result<Value> parsed = parser.Parse(line);
    if (!parsed.ok()) {
      TAMIS_RETURN_IF_ERROR(skip(parsed.status().message()));
      continue;
    }
    if (!parsed->is_object()) {
      TAMIS_RETURN_IF_ERROR(skip("not a JSON object"));
      continue;
    }
    BenchmarkItem item;
    for (const std::string& field : spec.fields) {
      if (const Value* v = FindDotted(*parsed, field)) AppendStrings(*v, &item.text);
    }
    if (item.text.empty()) {
      std::string fields;
      for (const std::string& f : spec.fields) fields += (fields.empty() ? "" : ", ") + f;
      TAMIS_RETURN_IF_ERROR(skip("no text in the fields " + fields));
      continue;
    }
    const Value* id = parsed->Find(spec.id_field);
    if (id && id->is_string() && !id->as_string().empty()) {
      item.id = id->as_string();
    } else if (id && id->is_int()) {
      item.id = std::to_string(id->as_int());
    } else {
      item.id = std::to_string(line_number);
    }
    file.items.push_back(std::move(item));
  }
  return file;
}

}  // namespace tamis
