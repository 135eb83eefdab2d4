// JSON text for Values: the one serialiser every tamis writer uses, and a parser for configs,
// stats and metadata built on simdjson.
//
// Serialisation is deterministic (object keys in stored order, integers as integers, doubles
// in the shortest form that round-trips) so the same input gives byte-identical output.
// Strings must be valid UTF-8 (readers guarantee it); control characters, quotes and
// backslashes are escaped, everything else is written as is, as datatrove and jq do.
#ifndef TAMIS_PIPELINE_JSON_H_
#define TAMIS_PIPELINE_JSON_H_

#include <memory>
#include <string>
#include <string_view>

#include "pipeline/status.h"
#include "pipeline/value.h"

namespace tamis {

// Appends `s` as a quoted, escaped JSON string.
void AppendJsonString(std::string_view s, std::string* out);
// Appends a double in the shortest round-trip form; NaN and infinities become null.
void AppendJsonNumber(double d, std::string* out);
// Appends `v` as compact JSON; `indent` > 0 pretty-prints with that many spaces per level.
void AppendJson(const Value& v, std::string* out, int indent = 0);
std::string ToJson(const Value& v, int indent = 0);

// Parses one JSON text. Errors name what went wrong, not where the text came from: callers
// add the file and line. Invalid UTF-8 is an error (kCorruption, message says "UTF-8").
Result<Value> ParseJson(std::string_view text);

// A reusable parser: keeps its buffers between calls, so parsing many small texts (JSONL
// lines) allocates nothing in steady state. One per thread; not thread-safe.
class JsonParser {
 public:
  JsonParser();
  ~JsonParser();
  JsonParser(const JsonParser&) = delete;
  JsonParser& operator=(const JsonParser&) = delete;
  Result<Value> Parse(std::string_view text);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tamis

#endif  // TAMIS_PIPELINE_JSON_H_
