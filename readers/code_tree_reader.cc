#include "readers/code_tree_reader.h"

#include <algorithm>
#include <cerrno>
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

namespace {

namespace fs = std::filesystem;

// Adds the files under `dir` (relative to `root`) to `files`; a directory that cannot be listed
// goes to `unreadable` with the reason, and the listing goes on with its siblings.
void List(const fs::path& root, const fs::path& dir, std::vector<std::string>* files,
          std::vector<std::string>* unreadable) {
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  std::vector<fs::path> subdirs;
  for (auto end = fs::directory_iterator(); !ec && it != end; it.increment(ec)) {
    std::error_code type_ec;
    if (it->is_symlink(type_ec)) continue;  // Links are not followed.
    if (it->is_directory(type_ec)) {
      if (IsVendoredDirectory(it->path().filename().string())) {
        files->push_back(fs::relative(it->path(), root).string() + "/");  // Counted as vendored.
      } else {
        subdirs.push_back(it->path());
      }
    } else if (it->is_regular_file(type_ec)) {
      files->push_back(fs::relative(it->path(), root).string());
    }
  }
  if (ec) unreadable->push_back(dir.string() + ": cannot list directory: " + ec.message());
  for (const fs::path& sub : subdirs) List(root, sub, files, unreadable);
}

}  // namespace

Result<std::unique_ptr<FileReader>> CodeTreeReader::Open(const std::string& root,
                                                         const ReaderOptions& options) {
  std::error_code ec;
  if (!fs::is_directory(root, ec)) return Status::NotFound(root + ": not a directory");
  std::vector<std::string> files, unreadable;
  List(root, root, &files, &unreadable);
  // The root itself unreadable means there is nothing at all to read: that is an error.
  if (!unreadable.empty() && unreadable.front().rfind(fs::path(root).string() + ":", 0) == 0) {
    return Status::IoError(unreadable.front());
  }
  std::sort(files.begin(), files.end());
  auto reader =
      std::unique_ptr<CodeTreeReader>(new CodeTreeReader(root, options, std::move(files)));
  reader->unreadable_ = std::move(unreadable);
  return std::unique_ptr<FileReader>(std::move(reader));
}

Status CodeTreeReader::SkipUnreadable(const std::string& message) {
  if (options_.strict) return Status::IoError(message);
  CountSkip("code_unreadable");
  if (options_.on_skip) options_.on_skip("code_unreadable", message);
  return Status::Ok();
}

CodeTreeReader::CodeTreeReader(const std::string& root, const ReaderOptions& options,
                               std::vector<std::string> files)
    : root_(root), options_(options), files_(std::move(files)) {
  std::filesystem::path p(root);
  repo_ = (p.has_filename() ? p.filename() : p.parent_path().filename()).string();
}

Result<bool> CodeTreeReader::Next(Document* doc) {
  for (const std::string& message : unreadable_) TAMIS_RETURN_IF_ERROR(SkipUnreadable(message));
  unreadable_.clear();
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
    if (ec) {
      TAMIS_RETURN_IF_ERROR(SkipUnreadable(full + ": " + ec.message()));
      continue;
    }
    if (size > options_.max_code_file_bytes) {
      CountSkip("code_too_large");
      continue;
    }
    std::string content(size, '\0');
    std::ifstream in(full, std::ios::binary);
    if (!in || !in.read(content.data(), static_cast<std::streamsize>(size))) {
      TAMIS_RETURN_IF_ERROR(SkipUnreadable(full + ": cannot read: " + std::strerror(errno)));
      continue;
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
