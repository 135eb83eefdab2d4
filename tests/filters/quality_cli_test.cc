// End to end: the built `tamis` runs `tamis quality`, `tamis quality train`, and the
// per-language top-fraction pipeline with 1 and with 3 tasks.
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "pipeline/json.h"
#include "tests/io/temp_dir.h"

namespace {

namespace fs = std::filesystem;

struct Output {
  int exit_code = -1;
  std::string out;
};

// Runs a shell command line (stderr merged); returns its exit code and output.
Output Run(const std::string& command) {
  Output result;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buffer[4096];
  for (size_t n; (n = std::fread(buffer, 1, sizeof(buffer), pipe)) > 0;)
    result.out.append(buffer, n);
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

std::string Tamis(const std::string& args) {
  return std::string("TAMIS_MODELS_DIR=") + TAMIS_MODELS_DIR + " " + TAMIS_BINARY + " " + args;
}

const std::string kFixtures = std::string(TAMIS_TEST_DATA) + "/filters/quality/";

// The ids of every document in `where`: a .jsonl file, or the .jsonl / .jsonl.zst files
// under a directory.
std::set<std::string> IdsUnder(const fs::path& where) {
  std::set<std::string> ids;
  std::vector<fs::path> files;
  if (fs::is_directory(where)) {
    for (const auto& entry : fs::recursive_directory_iterator(where)) {
      if (entry.is_regular_file()) files.push_back(entry.path());
    }
  } else {
    files.push_back(where);
  }
  for (const fs::path& file : files) {
    const std::string path = file.string();
    if (path.find("/.tamis") != std::string::npos) continue;
    std::string text;
    if (path.ends_with(".jsonl.zst")) {
      text = Run("zstdcat '" + path + "'").out;
    } else if (path.ends_with(".jsonl")) {
      std::ifstream in(path);
      std::stringstream ss;
      ss << in.rdbuf();
      text = ss.str();
    } else {
      continue;
    }
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
      auto v = tamis::ParseJson(line);
      if (v.ok()) ids.insert(std::string(v->GetString("id")));
    }
  }
  return ids;
}

}  // namespace

TEST_CASE("tamis quality keeps handbook prose and rejects its furniture", "[filters][quality]") {
  tamis::testing::TempDir temp;
  const fs::path dir = temp.path();
  Output run = Run(Tamis("quality " + kFixtures + "translated_prose.jsonl " + kFixtures +
                         "boilerplate.jsonl -o " + (dir / "kept.jsonl").string() + " --rejects " +
                         (dir / "rejects.jsonl").string() + " --threads 2 --quiet"));
  INFO(run.out);
  REQUIRE(run.exit_code == 0);
  std::set<std::string> kept = IdsUnder(dir / "kept.jsonl");
  std::set<std::string> rejected = IdsUnder(dir / "rejects.jsonl");
  int prose = 0, boiler = 0;
  for (const std::string& id : kept) (id.starts_with("translated_prose") ? prose : boiler)++;
  CHECK(prose == 52);
  CHECK(boiler == 0);
  CHECK(rejected.size() == 28);
}

TEST_CASE("tamis quality refuses missing inputs and bad flags with a message",
          "[filters][quality]") {
  tamis::testing::TempDir temp;
  const fs::path dir = temp.path();
  Output missing = Run(Tamis("quality /nonexistent/in.jsonl -o " + (dir / "o.jsonl").string()));
  CHECK(missing.exit_code != 0);
  CHECK(missing.out.find("/nonexistent/in.jsonl") != std::string::npos);
  Output filter = Run(Tamis("quality " + kFixtures + "boilerplate.jsonl -o " +
                            (dir / "o2.jsonl").string() + " --filter gopher"));
  CHECK(filter.exit_code == 2);
  CHECK(filter.out.find("gopher") != std::string::npos);
  Output model = Run(Tamis("quality " + kFixtures + "boilerplate.jsonl -o " +
                           (dir / "o3.jsonl").string() + " --model /nonexistent/q.ftz"));
  CHECK(model.exit_code != 0);
  CHECK(model.out.find("/nonexistent/q.ftz") != std::string::npos);
}

TEST_CASE("tamis quality train prints held-out precision, recall and F1", "[filters][quality]") {
  tamis::testing::TempDir temp;
  const fs::path dir = temp.path();
  // Labelled by their source: handbook prose is hq, handbook furniture lq; one broken line.
  {
    std::ofstream out(dir / "labelled.jsonl");
    for (const char* name : {"translated_prose.jsonl", "boilerplate.jsonl"}) {
      std::ifstream in(kFixtures + name);
      const std::string label = std::string(name).starts_with("translated") ? "hq" : "lq";
      for (std::string line; std::getline(in, line);) {
        auto v = tamis::ParseJson(line);
        REQUIRE(v.ok());
        v->Set("label", label);
        out << tamis::ToJson(*v) << "\n";
      }
    }
    out << "{not json\n";
  }
  const std::string model = (dir / "small.ftz").string();
  Output train = Run(Tamis("quality train --labels " + (dir / "labelled.jsonl").string() + " -o " +
                           model + " --epoch 10"));
  INFO(train.out);
  REQUIRE(train.exit_code == 0);
  CHECK(train.out.find("precision") != std::string::npos);
  CHECK(train.out.find("hq") != std::string::npos);
  CHECK(train.out.find("1 lines skipped") != std::string::npos);
  CHECK(fs::exists(model));
  // The model it wrote serves the quality stage.
  Output use = Run(Tamis("quality " + kFixtures + "boilerplate.jsonl --no-langid -o " +
                         (dir / "scored.jsonl").string() + " --model " + model + " --quiet"));
  CHECK(use.exit_code == 0);

  Output none = Run(Tamis("quality train --labels /nonexistent.jsonl -o " + model));
  CHECK(none.exit_code == 2);
  CHECK(none.out.find("/nonexistent.jsonl") != std::string::npos);
}

TEST_CASE("Top-fraction quality selection keeps the same documents with 1 and 3 tasks",
          "[filters][quality]") {
  tamis::testing::TempDir temp;
  const fs::path dir = temp.path();
  // The fixture split into four files, so that three tasks each get input.
  fs::create_directories(dir / "in");
  {
    std::ifstream in(kFixtures + "translated_prose.jsonl");
    std::ofstream parts[4];
    for (int i = 0; i < 4; ++i)
      parts[i].open(dir / "in" / ("part-" + std::to_string(i) + ".jsonl"));
    int n = 0;
    for (std::string line; std::getline(in, line); ++n) parts[n % 4] << line << "\n";
  }
  std::ofstream(dir / "pipeline.yaml") << "input: in\noutput: out\nstages:\n"
                                          "  - stage: langid\n"
                                          "  - stage: quality_heuristics\n"
                                          "  - stage: quality\n"
                                          "  - stage: top_fraction\n"
                                          "    score: quality_default\n"
                                          "    by: language\n"
                                          "    keep: 0.5\n";
  std::set<std::string> kept[2];
  const int tasks[2] = {1, 3};
  for (int i = 0; i < 2; ++i) {
    const fs::path out = dir / ("out-" + std::to_string(tasks[i]));
    Output run = Run(Tamis("run " + (dir / "pipeline.yaml").string() + " -o " + out.string() +
                           " --tasks " + std::to_string(tasks[i]) + " --threads 2 --quiet"));
    INFO(run.out);
    REQUIRE(run.exit_code == 0);
    kept[i] = IdsUnder(out);
  }
  CHECK(kept[0].size() > 10);
  CHECK(kept[0].size() < 52);
  CHECK(kept[0] == kept[1]);
}
