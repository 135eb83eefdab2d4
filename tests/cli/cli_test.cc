// End-to-end tests of the `tamis` binary: what a user types, what a user sees.
#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include <catch2/catch.hpp>

#include "io/output_file.h"
#include "pipeline/json.h"
#include "tests/io/temp_dir.h"

namespace tamis {
namespace {

namespace fs = std::filesystem;
const std::string kData = std::string(TAMIS_TEST_DATA) + "/readers/";

struct Outcome {
  int exit_code;
  std::string out;
  std::string err;
};

// Runs `tamis ARGS` through the shell with `env` prefixed; captures both streams.
Outcome Tamis(const testing::TempDir& dir, const std::string& args, const std::string& env = "") {
  std::string out = dir.File(".stdout"), err = dir.File(".stderr");
  std::string command =
      env + " " + std::string(TAMIS_BINARY) + " " + args + " >" + out + " 2>" + err + " </dev/null";
  int status = std::system(command.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, testing::ReadRaw(out),
          testing::ReadRaw(err)};
}

size_t Lines(const std::string& path) {
  std::string text = ReadWholeFile(path).value();
  return static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
}

TEST_CASE("tamis prints its version and every command's help", "[cli]") {
  testing::TempDir dir;
  Outcome version = Tamis(dir, "--version");
  CHECK(version.exit_code == 0);
  CHECK(version.out.rfind("tamis ", 0) == 0);
  Outcome help = Tamis(dir, "--help");
  CHECK(help.exit_code == 0);
  for (const char* command : {"run", "extract", "stats", "report", "langid", "robots", "tokenize",
                              "mix", "inspect", "scrub"}) {
    CHECK(help.out.find(std::string("  ") + command + " ") != std::string::npos);
    Outcome sub = Tamis(dir, std::string(command) + " --help");
    CHECK(sub.exit_code == 0);
    CHECK(sub.out.find("usage: tamis " + std::string(command)) != std::string::npos);
  }
}

TEST_CASE("tamis refuses unknown commands and flags with exit code 2", "[cli]") {
  testing::TempDir dir;
  CHECK(Tamis(dir, "sieve").exit_code == 2);
  Outcome bad = Tamis(dir, "extract --no-such-flag x.warc -o out");
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("--no-such-flag") != std::string::npos);
  CHECK(Tamis(dir, "extract x.warc").exit_code == 2);  // -o is required.
}

TEST_CASE("tamis extract turns a real crawl into documents and says what it skipped", "[cli]") {
  testing::TempDir dir;
  Outcome r = Tamis(dir, "extract " + kData + "handbook.warc.gz -o " + dir.File("docs.jsonl.gz"));
  REQUIRE(r.exit_code == 0);
  CHECK(Lines(dir.File("docs.jsonl.gz")) == 9);
  CHECK(r.err.find("http_client_error") != std::string::npos);
  CHECK(r.err.find("kept 9 documents") != std::string::npos);
  // Not a terminal: no progress line.
  CHECK(r.err.find('\r') == std::string::npos);
  auto stats = ParseJson(*ReadWholeFile(dir.File("docs.jsonl.gz.stats.json")));
  REQUIRE(stats.ok());
  CHECK(stats->Find("output")->Find("documents")->as_int() == 9);
}

TEST_CASE("tamis names a missing input and exits 1", "[cli]") {
  testing::TempDir dir;
  Outcome r = Tamis(dir, "extract /nonexistent/crawl.warc.gz -o " + dir.File("out"));
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("/nonexistent/crawl.warc.gz") != std::string::npos);
  CHECK_FALSE(fs::exists(dir.File("out/.tamis/task-00000.done")));
}

TEST_CASE("tamis reports bad JSONL lines by file and line, and --strict makes them fatal",
          "[cli]") {
  testing::TempDir dir;
  Outcome lenient = Tamis(dir, "extract " + kData + "mixed.jsonl -o " + dir.File("a.jsonl"));
  CHECK(lenient.exit_code == 0);
  CHECK(lenient.err.find("mixed.jsonl line 5") != std::string::npos);
  CHECK(Lines(dir.File("a.jsonl")) == 5);
  Outcome strict =
      Tamis(dir, "extract --strict " + kData + "mixed.jsonl -o " + dir.File("b.jsonl"));
  CHECK(strict.exit_code == 1);
  CHECK(strict.err.find("mixed.jsonl line 5") != std::string::npos);
  CHECK_FALSE(fs::exists(dir.File("b.jsonl")));
}

TEST_CASE("tamis takes its task from SLURM array variables and skips finished tasks", "[cli]") {
  testing::TempDir dir;
  std::string inputs = kData + "handbook.warc.gz " + kData + "mixed.jsonl";
  std::string out = dir.File("out");
  for (int id : {0, 1}) {
    Outcome r = Tamis(dir, "extract " + inputs + " -o " + out,
                      "SLURM_ARRAY_TASK_ID=" + std::to_string(id) +
                          " SLURM_ARRAY_TASK_MIN=0 SLURM_ARRAY_TASK_COUNT=2");
    REQUIRE(r.exit_code == 0);
  }
  CHECK(fs::exists(out + "/.tamis/task-00000.done"));
  CHECK(fs::exists(out + "/.tamis/task-00001.done"));
  CHECK(Lines(out + "/part-00000-00000.jsonl.zst") == 9);  // handbook.warc.gz sorts first.
  CHECK(Lines(out + "/part-00001-00000.jsonl.zst") == 5);
  Outcome again = Tamis(dir, "extract " + inputs + " -o " + out + " --task 1 --tasks 2");
  CHECK(again.exit_code == 0);
  CHECK(again.err.find("already complete") != std::string::npos);
  Outcome stats = Tamis(dir, "stats " + out);
  CHECK(stats.exit_code == 0);
  CHECK(stats.out.find("kept 14 documents") != std::string::npos);
  // A resubmission of index 1 alone: SLURM counts one task, --tasks says how many there are.
  Outcome resubmitted = Tamis(dir, "extract " + inputs + " -o " + out + " --tasks 2",
                              "SLURM_ARRAY_TASK_ID=1 SLURM_ARRAY_TASK_MIN=1 "
                              "SLURM_ARRAY_TASK_COUNT=1");
  CHECK(resubmitted.exit_code == 0);
  CHECK(resubmitted.err.find("already complete") != std::string::npos);
  // An array numbered from 1 is refused with advice rather than mis-split.
  Outcome from_one = Tamis(dir, "extract " + inputs + " -o " + dir.File("other"),
                           "SLURM_ARRAY_TASK_ID=2 SLURM_ARRAY_TASK_COUNT=2");
  CHECK(from_one.exit_code == 2);
  CHECK(from_one.err.find("--array=0-1") != std::string::npos);
  Outcome json = Tamis(dir, "stats --json " + out);
  auto merged = ParseJson(json.out);
  REQUIRE(merged.ok());
  CHECK(merged->Find("tasks_merged")->as_int() == 2);
}

TEST_CASE("tamis run executes a YAML pipeline and flags override its outputs", "[cli]") {
  testing::TempDir dir;
  std::string yaml = dir.Write("p.yaml", "input: " + kData + "handbook.warc.gz\n" +
                                             "output: out.jsonl\nstages:\n  - stage: noop\n");
  Outcome r = Tamis(dir, "run " + yaml + " --threads 2");
  REQUIRE(r.exit_code == 0);
  CHECK(Lines(dir.File("out.jsonl")) == 9);  // Relative to the YAML file.
  Outcome o = Tamis(dir, "run " + yaml + " -o " + dir.File("other.jsonl.zst"));
  REQUIRE(o.exit_code == 0);
  CHECK(Lines(dir.File("other.jsonl.zst")) == 9);
  std::string bad = dir.Write("bad.yaml",
                              "input: x.jsonl\noutput: o.jsonl\nstages:\n"
                              "  - stage: sieve\n");
  Outcome b = Tamis(dir, "run " + bad);
  CHECK(b.exit_code == 1);
  CHECK(b.err.find("unknown stage 'sieve'") != std::string::npos);
}

TEST_CASE("tamis scrub replaces PII, drops listed-word pages and refuses bad flags", "[cli]") {
  testing::TempDir dir;
  const std::string planted = std::string(TAMIS_TEST_DATA) + "/pii/planted.jsonl";
  const std::string spam =
      dir.Write("spam.jsonl",
                "{\"id\":\"spam\",\"text\":\"anal anus arsehole ass asshole bastard bdsm "
                "bestiality bbw bareback, write to x@example.com\"}\n");
  Outcome r = Tamis(dir, "scrub " + planted + " " + spam + " -o " + dir.File("out.jsonl") +
                             " --rejects " + dir.File("rejects.jsonl") + " --threads 2");
  REQUIRE(r.exit_code == 0);
  const std::string out = ReadWholeFile(dir.File("out.jsonl")).value();
  CHECK(Lines(dir.File("out.jsonl")) == 8);
  CHECK(out.find("<iban-pii>") != std::string::npos);
  CHECK(out.find("Maria Lopez (<email-pii>)") != std::string::npos);
  const std::string rejects = ReadWholeFile(dir.File("rejects.jsonl")).value();
  CHECK(rejects.find("\"word_list\"") != std::string::npos);
  CHECK(rejects.find("x@example.com") == std::string::npos);  // PII ran first.
  Outcome stats = Tamis(dir, "stats " + dir.File("out.jsonl"));
  CHECK(stats.out.find("changed: iban") != std::string::npos);

  CHECK(Tamis(dir, "scrub " + planted + " -o " + dir.File("o2.jsonl") + " --pii passport")
            .exit_code == 2);
  Outcome negative =
      Tamis(dir, "scrub " + planted + " -o " + dir.File("o3.jsonl") + " --toxicity-threshold -1");
  CHECK(negative.exit_code == 2);
  CHECK(negative.err.find("threshold") != std::string::npos);
}

}  // namespace
}  // namespace tamis

namespace tamis {
namespace {

TEST_CASE("tamis stats shows the robots per-origin report merged over a 3-task run", "[cli]") {
  testing::TempDir dir;
  const std::string snapshot = std::string(TAMIS_TEST_DATA) + "/filters/robots_snapshot.jsonl";
  auto page = [](const std::string& id, const std::string& url) {
    return "{\"id\":\"" + id + "\",\"text\":\"text\",\"metadata\":{\"url\":\"" + url + "\"}}\n";
  };
  dir.Write("in/a.jsonl", page("a", "https://news.example.org/1"));
  dir.Write("in/b.jsonl", page("b", "https://news.example.org/2"));
  dir.Write("in/c.jsonl", page("c", "https://www.gutenberg.org/ebooks/1"));
  for (int t = 0; t < 3; ++t) {
    Outcome run =
        Tamis(dir, "robots filter --snapshot " + snapshot + " " + dir.File("in") + " -o " +
                       dir.File("out") + " --task " + std::to_string(t) + " --tasks 3 --quiet");
    REQUIRE(run.exit_code == 0);
  }
  Outcome stats = Tamis(dir, "stats " + dir.File("out"));
  REQUIRE(stats.exit_code == 0);
  CHECK(stats.out.find("robots origins (2):") != std::string::npos);
  // news.example.org dropped in two tasks, merged into one row listed first.
  const size_t news = stats.out.find("https://news.example.org");
  REQUIRE(news != std::string::npos);
  CHECK(news < stats.out.find("https://www.gutenberg.org"));
  CHECK(stats.out.find("CCBot,GPTBot", news) != std::string::npos);
  CHECK(stats.out.find("documents_dropped=2") != std::string::npos);
}

TEST_CASE("tamis run runs a two-phase pipeline whole, or phase by phase with the same result",
          "[cli]") {
  testing::TempDir dir;
  const std::string example = std::string(TAMIS_TEST_DATA) + "/../../examples/top_fraction.yaml";
  const std::string env = "TAMIS_MODELS_DIR=" + std::string(TAMIS_MODELS_DIR);
  Outcome plan = Tamis(dir, "run " + example + " --plan");
  REQUIRE(plan.exit_code == 0);
  CHECK(plan.out.find("step top_fraction.thresholds") != std::string::npos);

  const std::string whole = " -o " + dir.File("whole") + " --rejects " + dir.File("whole-rej");
  REQUIRE(Tamis(dir, "run " + example + whole + " --quiet", env).exit_code == 0);
  const std::string parts =
      " -o " + dir.File("parts") + " --rejects " + dir.File("parts-rej") + " --tasks 2 --quiet";
  // The step before its phase is refused, naming what is missing.
  Outcome early = Tamis(dir, "run " + example + parts + " --step top_fraction.thresholds", env);
  CHECK(early.exit_code == 1);
  CHECK(early.err.find("has not finished") != std::string::npos);
  for (int t = 0; t < 2; ++t) {
    REQUIRE(Tamis(dir, "run " + example + parts + " --phase 0 --task " + std::to_string(t), env)
                .exit_code == 0);
  }
  REQUIRE(Tamis(dir, "run " + example + parts + " --step top_fraction.thresholds", env).exit_code ==
          0);
  for (int t = 0; t < 2; ++t) {
    REQUIRE(Tamis(dir, "run " + example + parts + " --phase 1 --task " + std::to_string(t), env)
                .exit_code == 0);
  }
  auto contents = [&](const std::string& d) {
    std::string all;
    std::vector<std::string> files;
    for (const auto& e : fs::directory_iterator(d)) {
      if (e.is_regular_file()) files.push_back(e.path().string());
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) all += ReadWholeFile(f).value();
    return all;
  };
  CHECK(contents(dir.File("whole")) == contents(dir.File("parts")));
  CHECK(!contents(dir.File("whole")).empty());
  // --task without --phase is ambiguous for a pipeline of phases.
  CHECK(Tamis(dir, "run " + example + parts + " --task 1", env).exit_code == 2);
}

}  // namespace
}  // namespace tamis

namespace tamis {
namespace {

TEST_CASE("tamis killed by SIGTERM or SIGINT leaves no temporary file and says so in its status",
          "[cli]") {
  testing::TempDir dir;
  // ~200 MB of JSONL: long enough to be interrupted while it writes.
  const std::string line =
      "{\"id\":\"x\",\"text\":\"" + std::string(2000, 'a') + " The Debian project.\"}";
  REQUIRE(std::system(("yes '" + line + "' | head -n 100000 > " + dir.File("big.jsonl")).c_str()) ==
          0);
  for (const char* signal_name : {"TERM", "INT"}) {
    const std::string out = dir.File(std::string("out-") + signal_name);
    const std::string command =
        "( " + std::string(TAMIS_BINARY) + " extract " + dir.File("big.jsonl") + " -o " + out +
        " --threads 1 --quiet & pid=$!; "
        // Once its first output is being written (a temporary file).
        "for i in $(seq 500); do ls -a " +
        out + " 2>/dev/null | grep -q tmp && break; sleep 0.01; done; kill -" + signal_name +
        " $pid; wait $pid; echo $? > " + dir.File("status") + " )";
    REQUIRE(std::system(command.c_str()) == 0);
    const int status = std::stoi(testing::ReadRaw(dir.File("status")));
    CHECK(status == 128 + (std::string(signal_name) == "TERM" ? 15 : 2));
    size_t temps = 0;
    if (fs::exists(out)) {
      for (const auto& e : fs::recursive_directory_iterator(out)) {
        const bool temp = e.path().filename().string().find(".tmp.") != std::string::npos;
        if (temp) UNSCOPED_INFO("left behind: " << e.path().string());
        temps += temp;
      }
    }
    CHECK(temps == 0);
    CHECK_FALSE(fs::exists(out + "/.tamis/task-00000.done"));
  }
}

}  // namespace
}  // namespace tamis
