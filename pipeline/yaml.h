// ParseYaml: YAML text (pipeline and mixture files) to a Value.
//
// Scalars become Values by their look: integers, reals, true/false/yes/no, null/~/empty, else
// strings; a quoted scalar is always a string. A mapping with the same key twice is an error
// naming the key (YAML forbids it; yaml-cpp would silently keep one). Aliases are expanded,
// but never beyond kMaxYamlValues values in all, so an "anchor bomb" (a few lines that expand
// to billions of nodes) is an error naming the file instead of eating all memory.
#ifndef TAMIS_PIPELINE_YAML_H_
#define TAMIS_PIPELINE_YAML_H_

#include <cstdint>
#include <string>

#include "pipeline/status.h"
#include "pipeline/value.h"

namespace tamis {

// Far above any real configuration (a mixture of 10,000 sources is ~100,000 values).
inline constexpr uint64_t kMaxYamlValues = 10'000'000;

// `where` names the text in messages (usually the file's path).
Result<Value> ParseYaml(const std::string& text, const std::string& where);

}  // namespace tamis

#endif  // TAMIS_PIPELINE_YAML_H_
