// BenchmarkFile: the evaluation items of one benchmark, read from a JSONL file (one item per
// line), as the contamination detector needs them: an id and the item's text.
//
// Which fields make an item's text is configurable, with presets for common layouts:
//   mmlu, arc:   question + choices   (ARC's choices {"text": [...], "label": [...]}: the texts)
//   hellaswag:   ctx + endings
//   gsm8k:       question + answer
//   humaneval:   prompt + canonical_solution   (id from task_id)
//   auto:        every field of the presets that the line has (the default)
// A field holding a string adds it; an array or object adds the strings inside it (in order;
// a dotted name "choices.text" picks a member); numbers and booleans add nothing (MMLU's
// "answer": 2 is an index, not text). Fields are joined with a newline.
// The item id is the `id_field` (default "id"; "task_id" for humaneval) when the line has it
// (a string or an integer), else the line number (1-based).
//
// Bad lines (not JSON, not UTF-8, not an object, no text in the fields) are skipped and
// counted, with the first one's file:line kept for the report; with `strict` the first bad
// line is an error naming the file and line. An unreadable file is always an error.
// Thread rule: a plain value; load once, then read from any thread.
#ifndef TAMIS_FILTERS_DECONTAMINATE_BENCHMARK_FILE_H_
#define TAMIS_FILTERS_DECONTAMINATE_BENCHMARK_FILE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/status.h"
#include "pipeline/value.h"

namespace tamis {

struct BenchmarkSpec {
  std::string name;  // As the user named it: "mmlu" in mmlu=path.jsonl.
  std::string path;
  std::string preset = "auto";
  std::vector<std::string> fields;  // Empty: the preset's.
  std::string id_field;             // Empty: the preset's.
};

// "mmlu=data/mmlu.jsonl" -> name and path; kInvalidArgument when either side is empty.
Result<BenchmarkSpec> ParseBenchmarkArgument(std::string_view argument);

// The fields and id field of a preset; kInvalidArgument naming the presets for an unknown one.
Status ResolvePreset(BenchmarkSpec* spec);

// A benchmark as YAML gives it: "NAME=PATH", or {name, path, preset, fields, id_field};
// preset resolved. `where` names the owner in messages ("stage decontaminate").
Result<BenchmarkSpec> BenchmarkSpecFromValue(const Value& value, std::string_view where);

struct BenchmarkItem {
  std::string id;
  std::string text;
};

struct BenchmarkFile {
  BenchmarkSpec spec;
  std::vector<BenchmarkItem> items;
  int64_t skipped_lines = 0;
  std::string first_skip;     // "file:line: why", empty when nothing was skipped.
  uint64_t content_hash = 0;  // XXH3-64 of the file's bytes (decompressed): its identity.
};

// Reads the file (zstd/gzip compression is recognised by ReadWholeFile). `spec` must have been
// through ResolvePreset().
Result<BenchmarkFile> LoadBenchmarkFile(const BenchmarkSpec& spec, bool strict);

}  // namespace tamis

#endif  // TAMIS_FILTERS_DECONTAMINATE_BENCHMARK_FILE_H_
