#include "pipeline/model_path.h"

#include <stdlib.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <optional>
#include <string>

#include "tests/io/temp_dir.h"

namespace tamis {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

// Sets (or, with nullopt, unsets) TAMIS_MODELS_DIR for one scope and restores it after.
class ScopedModelsDir {
 public:
  explicit ScopedModelsDir(std::optional<std::string> value) {
    if (const char* old = std::getenv("TAMIS_MODELS_DIR")) old_ = old;
    if (value) {
      ::setenv("TAMIS_MODELS_DIR", value->c_str(), 1);
    } else {
      ::unsetenv("TAMIS_MODELS_DIR");
    }
  }
  ~ScopedModelsDir() {
    if (old_) {
      ::setenv("TAMIS_MODELS_DIR", old_->c_str(), 1);
    } else {
      ::unsetenv("TAMIS_MODELS_DIR");
    }
  }

 private:
  std::optional<std::string> old_;
};

// Runs the scope in another working directory and returns to the first one after.
class ScopedCwd {
 public:
  explicit ScopedCwd(const std::string& dir) : old_(fs::current_path()) { fs::current_path(dir); }
  ~ScopedCwd() { fs::current_path(old_); }

 private:
  fs::path old_;
};

TEST_CASE("A set TAMIS_MODELS_DIR is the only place a model is looked for", "[pipeline]") {
  TempDir dir;
  ScopedModelsDir env(dir.path());
  CHECK(ModelCandidates("lid.176.ftz") == std::vector<std::string>{dir.File("lid.176.ftz")});

  // The checkout's models/ holds lid.176.ftz, yet the pinned directory does not: not found.
  Result<std::string> missing = FindModel("lid.176.ftz");
  REQUIRE(!missing.ok());
  CHECK(missing.status().code() == StatusCode::kNotFound);
  CHECK(missing.status().message().find(dir.File("lid.176.ftz")) != std::string::npos);

  dir.Write("lid.176.ftz", "model bytes");
  Result<std::string> found = FindModel("lid.176.ftz");
  REQUIRE(found.ok());
  CHECK(found.value() == dir.File("lid.176.ftz"));
}

TEST_CASE("Without TAMIS_MODELS_DIR the binary's share/tamis/models comes before the checkout",
          "[pipeline]") {
  ScopedModelsDir env(std::nullopt);
  const fs::path exe = fs::read_symlink("/proc/self/exe");
  const std::vector<std::string> candidates = ModelCandidates("lid.176.ftz");
  REQUIRE(candidates.size() == 3);
  CHECK(candidates[0] ==
        (exe.parent_path().parent_path() / "share/tamis/models/lid.176.ftz").string());
  CHECK(candidates[1] == std::string(TAMIS_MODELS_DIR) + "/lid.176.ftz");
  CHECK(candidates[2] == "models/lid.176.ftz");

  // From a directory that has no models/, the test binary still finds the checkout's model.
  TempDir elsewhere;
  ScopedCwd cwd(elsewhere.path());
  Result<std::string> found = FindModel("lid.176.ftz");
  REQUIRE(found.ok());
  CHECK(found.value() == candidates[1]);
}

TEST_CASE("A model only in ./models is found there, and a missing one names every place tried",
          "[pipeline]") {
  ScopedModelsDir env(std::nullopt);
  TempDir dir;
  dir.Write("models/only-here.ftz", "model bytes");
  ScopedCwd cwd(dir.path());
  Result<std::string> found = FindModel("only-here.ftz");
  REQUIRE(found.ok());
  CHECK(found.value() == "models/only-here.ftz");

  Result<std::string> missing = FindModel("no-such-model.ftz");
  REQUIRE(!missing.ok());
  CHECK(missing.status().code() == StatusCode::kNotFound);
  for (const std::string& place : ModelCandidates("no-such-model.ftz")) {
    CHECK(missing.status().message().find(place) != std::string::npos);
  }
}

}  // namespace
}  // namespace tamis
