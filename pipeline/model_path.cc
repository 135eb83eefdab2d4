#include "pipeline/model_path.h"

#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace tamis {

std::vector<std::string> ModelCandidates(std::string_view file) {
  namespace fs = std::filesystem;
  const std::string name(file);
  if (const char* dir = std::getenv("TAMIS_MODELS_DIR"); dir && *dir) {
    return {(fs::path(dir) / name).string()};
  }
  std::vector<std::string> candidates;
  std::error_code ec;
  // /proc/self/exe resolves symlinks, so a /usr/bin/tamis link into /opt/tamis/bin still finds
  // /opt/tamis/share. Without /proc (not Linux, or a chroot) this place is skipped.
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec && !exe.empty()) {
    candidates.push_back(
        (exe.parent_path().parent_path() / "share" / "tamis" / "models" / name).string());
  }
#ifdef TAMIS_SOURCE_MODELS_DIR
  candidates.push_back((fs::path(TAMIS_SOURCE_MODELS_DIR) / name).string());
#endif
  candidates.push_back((fs::path("models") / name).string());
  return candidates;
}

Result<std::string> FindModel(std::string_view file) {
  const std::vector<std::string> candidates = ModelCandidates(file);
  std::string tried;
  for (const std::string& path : candidates) {
    std::error_code ec;
    if (std::filesystem::is_regular_file(path, ec)) return path;
    tried += (tried.empty() ? "" : ", ") + path;
  }
  return Status::NotFound("model " + std::string(file) + " not found (tried " + tried +
                          "; set TAMIS_MODELS_DIR or run scripts/fetch_models.sh)");
}

}  // namespace tamis
