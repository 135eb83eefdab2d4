#include "readers/file_reader.h"

#include <filesystem>

#include "readers/code_tree_reader.h"
#include "readers/jsonl_file_reader.h"
#include "readers/warc_file_reader.h"

namespace tamis {
Result<InputFormat> FormatOf(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return InputFormat::kCodeTree;
  std::string_view name = path;
  for (std::string_view compression : {".gz", ".zst"}) {
    if (name.ends_with(compression)) name.remove_suffix(compression.size());
  }
  for (std::string_view ext : {".jsonl", ".json", ".ndjson"}) {
    if (name.ends_with(ext)) return InputFormat::kJsonl;
  }
  for (std::string_view ext : {".warc", ".wet", ".arc"}) {
    if (name.ends_with(ext)) return InputFormat::kWarc;
  }
  if (path == "-") return InputFormat::kJsonl;
  return Status::InvalidArgument(path +
                                 ": unknown input format (expected .jsonl, .json, .ndjson, .warc "
                                 "or .wet, optionally .gz/.zst, or a directory of code)");
}

Result<std::unique_ptr<FileReader>> FileReader::Open(const std::string& path,
                                                     const ReaderOptions& options) {
  TAMIS_ASSIGN_OR_RETURN(InputFormat format, FormatOf(path));
  if (format == InputFormat::kCodeTree) return CodeTreeReader::Open(path, options);
  TAMIS_ASSIGN_OR_RETURN(auto in, InputStream::Open(path));
  if (format == InputFormat::kWarc) {
    return std::unique_ptr<FileReader>(
        std::make_unique<WarcFileReader>(path, std::move(in), options));
  }
  return std::unique_ptr<FileReader>(
      std::make_unique<JsonlFileReader>(path, std::move(in), options));
}

}  // namespace tamis
