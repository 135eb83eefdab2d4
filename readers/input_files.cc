#include "readers/input_files.h"

#include <glob.h>

#include <algorithm>
#include <filesystem>
#include <unordered_set>

namespace tamis {
namespace {

namespace fs = std::filesystem;

bool HasGlobCharacters(const std::string& s) {
  return s.find_first_of("*?[") != std::string::npos;
}

// The document files below `dir` (hidden entries skipped), appended to `out`.
Status ListDocumentFiles(const std::string& dir, std::vector<std::string>* out) {
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, ec), end;
  if (ec) return Status::IoError(dir + ": cannot list: " + ec.message());
  for (; it != end; it.increment(ec)) {
    if (ec) return Status::IoError(dir + ": cannot list: " + ec.message());
    const std::string name = it->path().filename().string();
    if (!name.empty() && name[0] == '.') {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file(ec) && IsDocumentFileName(name)) out->push_back(it->path().string());
  }
  return Status::Ok();
}

// A file, or a directory as the header says; appended to `out`.
Status AddPath(const std::string& path, std::vector<std::string>* out) {
  std::error_code ec;
  if (!fs::is_directory(path, ec)) {
    out->push_back(path);
    return Status::Ok();
  }
  const size_t before = out->size();
  TAMIS_RETURN_IF_ERROR(ListDocumentFiles(path, out));
  if (out->size() == before) {
    if (fs::is_empty(path, ec)) return Status::NotFound(path + ": empty directory");
    out->push_back(path);  // A code tree.
  }
  return Status::Ok();
}

}  // namespace

bool IsDocumentFileName(const std::string& name) {
  std::string_view stem = name;
  for (std::string_view compression : {".gz", ".zst"}) {
    if (stem.ends_with(compression)) stem.remove_suffix(compression.size());
  }
  for (std::string_view ext : {".jsonl", ".json", ".ndjson", ".warc", ".wet", ".arc"}) {
    if (stem.ends_with(ext)) return true;
  }
  return false;
}

Result<std::vector<std::string>> ExpandInputs(const std::vector<std::string>& inputs) {
  std::vector<std::string> files;
  for (const std::string& input : inputs) {
    if (input == "-") {
      files.push_back(input);
      continue;
    }
    if (!HasGlobCharacters(input)) {
      std::error_code ec;
      if (!fs::exists(input, ec)) return Status::NotFound(input + ": no such input file");
      TAMIS_RETURN_IF_ERROR(AddPath(input, &files));
      continue;
    }
    glob_t g;
    int rc = ::glob(input.c_str(), 0, nullptr, &g);
    if (rc == GLOB_NOMATCH) {
      globfree(&g);
      return Status::NotFound(input + ": pattern matches no input file");
    }
    if (rc != 0) {
      globfree(&g);
      return Status::IoError(input + ": cannot expand pattern");
    }
    Status added;
    for (size_t i = 0; i < g.gl_pathc && added.ok(); ++i) added = AddPath(g.gl_pathv[i], &files);
    globfree(&g);
    TAMIS_RETURN_IF_ERROR(added);
  }
  // Sorted by the spelling users gave, de-duplicated by what the spelling names.
  std::sort(files.begin(), files.end());
  std::vector<std::string> unique;
  std::unordered_set<std::string> seen;
  for (std::string& f : files) {
    std::error_code ec;
    std::string canonical = f == "-" ? f : fs::weakly_canonical(f, ec).string();
    if (ec) canonical = f;
    if (!seen.insert(std::move(canonical)).second) continue;
    unique.push_back(std::move(f));
  }
  return unique;
}

std::vector<std::string> FilesForTask(const std::vector<std::string>& files, int task, int tasks) {
  // Block t is [t*n/N, (t+1)*n/N): sizes differ by at most one.
  const size_t n = files.size();
  const size_t begin = n * static_cast<size_t>(task) / static_cast<size_t>(tasks);
  const size_t end = n * static_cast<size_t>(task + 1) / static_cast<size_t>(tasks);
  return {files.begin() + static_cast<std::ptrdiff_t>(begin),
          files.begin() + static_cast<std::ptrdiff_t>(end)};
}

}  // namespace tamis
