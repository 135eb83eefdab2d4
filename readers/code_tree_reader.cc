#include "readers/code_tree_reader.h"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "readers/code_language.h"
#include "readers/utf8.h"

namespace tamis {
namespace {

// Git and most tools call a file binary when its first 8000 bytes hold a NUL.
constexpr size_t kBinarySniffBytes = 8000;

}  // namespace

Result<std::unique_ptr<FileReader>> CodeTreeReader::Open(const std::string& root,
                                                         const ReaderOptions& options) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(root, ec)) return Status::NotFound(root + ": not a directory");
  std::vector<std::string> files;
  auto it = fs::recursive_directory_iterator(root, fs::directory_options::none, ec);
  if (ec) return Status::IoError(root + ": cannot list: " + ec.message());
  for (auto end = fs::recursive_directory_iterator(); it != end; it.increment(ec)) {
    if (ec) return Status::IoError(root + ": cannot list: " + ec.message());
    if (it->is_symlink(ec)) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_directory(ec)) {
      if (IsVendoredDirectory(it->path().filename().string())) {
        it.disable_recursion_pending();
        files.push_back(fs::relative(it->path(), root).string() + "/");  // Counted as vendored.
      }
      continue;
    }
    if (it->is_regular_file(ec)) files.push_back(fs::relative(it->path(), root).string());
  }
  std::sort(files.begin(), files.end());
  return std::unique_ptr<FileReader>(new CodeTreeReader(root, options, std::move(files)));
}

CodeTreeReader::CodeTreeReader(const std::string& root, const ReaderOptions& options,
                               std::vector<std::string> files)
    : root_(root), options_(options), files_(std::move(files)) {
  std::filesystem::path p(root);
  repo_ = (p.has_filename() ? p.filename() : p.parent_path().filename()).string();
}

Result<bool> CodeTreeReader::Next(Document* doc) {
  while (next_ < files_.size()) {
    const std::string& rel = files_[next_++];
    if (!rel.empty() && rel.back() == '/') {
      CountSkip("code_vendored");
      continue;
    }
    std::string_view language = CodeLanguageOf(rel);
    if (language.empty()) {
      CountSkip("code_unknown_language");
      continue;
    }
    std::string full = root_ + "/" + rel;
    std::error_code ec;
    uint64_t size = std::filesystem::file_size(full, ec);
    if (ec) return Status::IoError(full + ": " + ec.message());
    if (size > options_.max_code_file_bytes) {
      CountSkip("code_too_large");
      continue;
    }
    std::ifstream in(full, std::ios::binary);
    std::string content(size, '\0');
    if (!in.read(content.data(), static_cast<std::streamsize>(size))) {
      return Status::IoError(full + ": read failed");
    }
    bytes_read_ += size;
    std::string_view head(content.data(), std::min(content.size(), kBinarySniffBytes));
    if (head.find('\0') != std::string_view::npos || !IsValidUtf8(content)) {
      CountSkip("code_binary");
      continue;
    }
    *doc = Document();
    doc->id = repo_ + "/" + rel;
    doc->text = std::move(content);
    doc->origin_file = &root_;
    doc->origin_position = next_ - 1;
    doc->metadata.Set("path", rel);
    doc->metadata.Set("programming_language", language);
    doc->metadata.Set("repo", repo_);
    doc->metadata.Set("size", size);
    return true;
  }
  return false;
}

}  // namespace tamis
