// SafeFileName: a value taken from data (a language code, a metadata field) made fit to name
// one file or directory inside an output directory.
//
// The result uses only [A-Za-z0-9_.-] (every other byte becomes '_', so no '/' and no escape
// from the parent), never starts with '.' (no hidden entry, no "." or ".."), is never empty
// ("unknown"), and is at most 128 bytes: a longer value keeps its start and ends in a hash of
// the whole value, so distinct long values stay apart. The hash (XXH64, seed 0) is pinned: it
// names files on disk, so changing it would orphan earlier outputs.
// Thread-safe: a pure function.
#ifndef TAMIS_PIPELINE_SAFE_FILE_NAME_H_
#define TAMIS_PIPELINE_SAFE_FILE_NAME_H_

#include <string>
#include <string_view>

namespace tamis {

std::string SafeFileName(std::string_view value);

}  // namespace tamis

#endif  // TAMIS_PIPELINE_SAFE_FILE_NAME_H_
