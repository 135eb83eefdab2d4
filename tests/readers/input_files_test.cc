#include "readers/input_files.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include <catch2/catch.hpp>

#include "tests/io/temp_dir.h"

namespace tamis {
namespace {

namespace fs = std::filesystem;
const std::string kData = std::string(TAMIS_TEST_DATA) + "/readers/";

void Touch(const std::string& path, const std::string& content = "{}\n") {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream(path) << content;
}

TEST_CASE("Input files are split between tasks disjointly, completely and in blocks",
          "[readers][inputs]") {
  std::vector<std::string> files = {"a", "b", "c", "d", "e"};
  std::vector<std::string> concatenated;
  for (int t = 0; t < 3; ++t) {
    for (const auto& f : FilesForTask(files, t, 3)) concatenated.push_back(f);
  }
  // Task order is input order: the tasks' outputs, concatenated, are a one-task run's.
  CHECK(concatenated == files);
  CHECK(FilesForTask(files, 1, 3) == std::vector<std::string>{"b", "c"});
  CHECK(FilesForTask(files, 0, 8).empty());  // More tasks than files: some have none.
  for (int tasks : {1, 2, 5, 7}) {
    size_t total = 0;
    for (int t = 0; t < tasks; ++t) total += FilesForTask(files, t, tasks).size();
    CHECK(total == files.size());
  }
}

TEST_CASE("Input patterns expand sorted and missing inputs are errors", "[readers][inputs]") {
  auto files = ExpandInputs({kData + "handbook-*.html", kData + "mixed.jsonl"});
  REQUIRE(files.ok());
  CHECK(std::is_sorted(files->begin(), files->end()));
  CHECK(files->size() >= 5);
  CHECK(ExpandInputs({kData + "nothing-*.warc"}).status().code() == StatusCode::kNotFound);
  CHECK(ExpandInputs({kData + "absent.warc"}).status().code() == StatusCode::kNotFound);
}

TEST_CASE("A directory of document files stands for them, without the run's own files",
          "[readers][inputs]") {
  testing::TempDir dir;
  Touch(dir.File("out/part-00000-00000.jsonl.zst"));
  Touch(dir.File("out/fra_Latn/part-00000-00000.jsonl.zst"));
  Touch(dir.File("out/.tamis/stats-task-00000.json"));
  Touch(dir.File("out/.tamis/work/phase-0/part-00000-00000.jsonl.zst"));
  auto files = ExpandInputs({dir.File("out")});
  REQUIRE(files.ok());
  CHECK(*files == std::vector<std::string>{dir.File("out/fra_Latn/part-00000-00000.jsonl.zst"),
                                           dir.File("out/part-00000-00000.jsonl.zst")});
}

TEST_CASE("A directory without document files is a code tree; an empty one is an error",
          "[readers][inputs]") {
  testing::TempDir dir;
  Touch(dir.File("repo/src/main.c"), "int main() { return 0; }\n");
  auto files = ExpandInputs({dir.File("repo")});
  REQUIRE(files.ok());
  CHECK(*files == std::vector<std::string>{dir.File("repo")});
  fs::create_directories(dir.File("empty"));
  CHECK(ExpandInputs({dir.File("empty")}).status().code() == StatusCode::kNotFound);
}

TEST_CASE("The same file spelt two ways is read once", "[readers][inputs]") {
  testing::TempDir dir;
  Touch(dir.File("in/x.jsonl"));
  auto files = ExpandInputs({dir.File("in/x.jsonl"), dir.File("in/../in/./x.jsonl")});
  REQUIRE(files.ok());
  CHECK(files->size() == 1);
}

}  // namespace
}  // namespace tamis
