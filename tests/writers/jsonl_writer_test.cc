#include "writers/jsonl_writer.h"

#include <sys/resource.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include <catch2/catch.hpp>

#include "io/output_file.h"
#include "tests/io/temp_dir.h"

namespace tamis {
namespace {

namespace fs = std::filesystem;

Document Doc(const std::string& id, const std::string& language) {
  Document d;
  d.id = id;
  d.text = "Debian est une distribution GNU/Linux (" + id + ").";
  d.metadata.Set("language", language);
  return d;
}

// Every line of every file under `root`, by the directory it is in (relative to `root`).
std::map<std::string, std::vector<std::string>> LinesByDirectory(const std::string& root) {
  std::vector<fs::path> files;  // Sorted, so shards come in their order.
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::map<std::string, std::vector<std::string>> out;
  for (const fs::path& file : files) {
    auto text = ReadWholeFile(file.string());
    REQUIRE(text.ok());
    std::string dir = fs::relative(file.parent_path(), root).string();
    for (size_t at = 0; at < text->size();) {
      size_t nl = text->find('\n', at);
      out[dir].push_back(text->substr(at, nl - at));
      at = nl + 1;
    }
  }
  return out;
}

// Lowers the open-file limit for one scope.
class FileLimit {
 public:
  explicit FileLimit(rlim_t soft) {
    ::getrlimit(RLIMIT_NOFILE, &saved_);
    rlimit lowered = saved_;
    lowered.rlim_cur = soft;
    ::setrlimit(RLIMIT_NOFILE, &lowered);
  }
  ~FileLimit() { ::setrlimit(RLIMIT_NOFILE, &saved_); }

 private:
  rlimit saved_;
};

TEST_CASE("Splitting by 3,000 distinct values works under a 256 open-file limit", "[writers]") {
  testing::TempDir dir;
  JsonlWriterOptions options;
  options.output = dir.File("out");
  options.split_by = "language";
  constexpr int kValues = 3000, kRounds = 3;
  {
    FileLimit limit(256);
    auto writer = JsonlWriter::Create(options);
    REQUIRE(writer.ok());
    for (int round = 0; round < kRounds; ++round) {
      for (int v = 0; v < kValues; ++v) {
        std::string id = std::to_string(round) + "-" + std::to_string(v);
        REQUIRE((*writer)->Write(Doc(id, "lang" + std::to_string(v))).ok());
      }
    }
    REQUIRE((*writer)->Close().ok());
  }
  auto lines = LinesByDirectory(options.output);
  REQUIRE(lines.size() == kValues);
  for (int v = 0; v < kValues; ++v) {
    const auto& in_dir = lines["lang" + std::to_string(v)];
    REQUIRE(in_dir.size() == kRounds);
    for (int round = 0; round < kRounds; ++round) {
      std::string id = "\"" + std::to_string(round) + "-" + std::to_string(v) + "\"";
      CHECK(in_dir[round].find(id) != std::string::npos);
    }
  }
}

TEST_CASE("Split values that are long, hidden or paths stay visible directories inside the output",
          "[writers]") {
  testing::TempDir dir;
  JsonlWriterOptions options;
  options.output = dir.File("out");
  options.split_by = "language";
  const std::string long_a = std::string(300, 'x') + "a", long_b = std::string(300, 'x') + "b";
  auto writer = JsonlWriter::Create(options);
  REQUIRE(writer.ok());
  for (const std::string& value : {long_a, long_b, std::string(".hidden"), std::string(".."),
                                   std::string("../../escape"), std::string("/etc/x")}) {
    REQUIRE((*writer)->Write(Doc(value.substr(0, 10), value)).ok());
  }
  REQUIRE((*writer)->Close().ok());
  auto lines = LinesByDirectory(options.output);
  CHECK(lines.size() == 6);  // The two long values stay apart.
  for (const auto& [name, in_dir] : lines) {
    CHECK(name.find('/') == std::string::npos);
    CHECK(name[0] != '.');
    CHECK(name.size() <= 128);
    CHECK(in_dir.size() == 1);
  }
  CHECK(fs::exists(options.output + "/_hidden"));
  for (const auto& entry : fs::directory_iterator(dir.path())) {
    CHECK(entry.path().filename() == "out");  // Nothing escaped next to the output.
  }
}

}  // namespace
}  // namespace tamis
