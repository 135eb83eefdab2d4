// End to end: the built `tamis` runs `tamis decontaminate` (one task, and tasks merged by
// `tamis decontaminate merge`), and headless Chromium renders the HTML report without errors.
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "filters/decontaminate/benchmark_file.h"
#include "io/output_file.h"
#include "pipeline/json.h"
#include "tests/io/command_output.h"
#include "tests/io/temp_dir.h"

namespace tamis {
namespace {

namespace fs = std::filesystem;

const std::string kTamis = TAMIS_BINARY;
const std::string kData = TAMIS_DECONTAMINATE_DATA;

using Output = testing::CommandOutput;

Output Run(const std::string& command) {
  return testing::RunCommand(command);
}

// Twelve documents; documents 4 and 9 quote an MMLU and a GSM8K item.
std::string WriteCorpus(const testing::TempDir& dir) {
  BenchmarkSpec mmlu, gsm8k;
  mmlu.path = kData + "/mmlu.jsonl";
  gsm8k.path = kData + "/gsm8k.jsonl";
  REQUIRE(ResolvePreset(&mmlu).ok());
  REQUIRE(ResolvePreset(&gsm8k).ok());
  const std::string quiz = LoadBenchmarkFile(mmlu, true)->items[3].text;
  const std::string word_problem = LoadBenchmarkFile(gsm8k, true)->items[2].text;
  std::string jsonl;
  for (int d = 0; d < 12; ++d) {
    Value doc = Value::EmptyObject();
    doc.Set("id", "page-" + std::to_string(d));
    std::string text =
        "Debian provides more than a pure operating system: it comes with thousands of "
        "packages, precompiled software bundled up in a nice format for easy installation.";
    if (d == 4) text += " Quiz of the day: " + quiz;
    if (d == 9) text += " <b>Homework help</b> " + word_problem;
    doc.Set("text", text);
    Value meta = Value::EmptyObject();
    meta.Set("url", "https://example.com/" + std::to_string(d));
    meta.Set("source", d < 6 ? "cc-main" : "cc-news");
    doc.Set("metadata", meta);
    jsonl += ToJson(doc) + "\n";
  }
  return dir.Write("docs.jsonl", jsonl);
}

std::string Benchmarks() {
  return " --benchmark mmlu=" + kData + "/mmlu.jsonl --benchmark gsm8k=" + kData +
         "/gsm8k.jsonl --preset mmlu=mmlu --preset gsm8k=gsm8k";
}

TEST_CASE("tamis decontaminate reports the quoted items; merged task reports agree",
          "[decontaminate]") {
  testing::TempDir dir;
  const std::string corpus = WriteCorpus(dir);
  Output scan = Run(kTamis + " decontaminate" + Benchmarks() + " " + corpus + " --report " +
                    dir.File("rep") + " --quiet --threads 2 2>&1");
  INFO(scan.out);
  REQUIRE(scan.exit_code == 0);
  auto report = ParseJson(ReadWholeFile(dir.File("rep/report.json")).value());
  REQUIRE(report.ok());
  const Value::Array& benchmarks = report->Find("benchmarks")->as_array();
  REQUIRE(benchmarks.size() == 2);
  CHECK(benchmarks[0].Find("contaminated_items")->as_int() == 1);
  const Value& item = benchmarks[0].Find("contaminated")->as_array()[0];
  CHECK(item.Find("id")->as_string() == "4");
  CHECK(item.Find("documents")->as_array()[0].Find("id")->as_string() == "page-4");
  CHECK(item.Find("documents")->as_array()[0].Find("url")->as_string() == "https://example.com/4");
  CHECK(benchmarks[1].Find("contaminated")->as_array()[0].Find("id")->as_string() == "3");

  // Two tasks, each its own process, then the merge command.
  for (int t = 0; t < 2; ++t) {
    Output task = Run(kTamis + " decontaminate" + Benchmarks() + " " + corpus + " --report " +
                      dir.File("tasks-rep") + " -o " + dir.File("tasks") + " --task " +
                      std::to_string(t) + " --tasks 2 --quiet 2>&1");
    INFO(task.out);
    REQUIRE(task.exit_code == 0);
  }
  Output merge =
      Run(kTamis + " decontaminate merge " + dir.File("tasks/.tamis/work/00-decontaminate") +
          " --report " + dir.File("merged") + " 2>&1");
  INFO(merge.out);
  REQUIRE(merge.exit_code == 0);
  CHECK(ReadWholeFile(dir.File("merged/report.json")).value() ==
        ReadWholeFile(dir.File("rep/report.json")).value());
  // Reports of different benchmarks refuse to merge; a missing directory is named.
  Output other = Run(kTamis + " decontaminate --benchmark mmlu=" + kData + "/mmlu.jsonl " + corpus +
                     " --report " + dir.File("other") + " --quiet 2>&1");
  REQUIRE(other.exit_code == 0);
  Output mixed = Run(kTamis + " decontaminate merge " + dir.File("rep") + " " + dir.File("other") +
                     " --report " + dir.File("bad") + " 2>&1");
  CHECK(mixed.exit_code != 0);
  CHECK(mixed.out.find("different benchmarks") != std::string::npos);
  Output missing = Run(kTamis + " decontaminate merge " + dir.File("nope") + " --report " +
                       dir.File("bad") + " 2>&1");
  CHECK(missing.exit_code == 1);
  CHECK(missing.out.find(dir.File("nope")) != std::string::npos);
  // --fields replaces the preset's fields: the question alone is too short to be found.
  Output fields = Run(kTamis + " decontaminate --benchmark mmlu=" + kData +
                      "/mmlu.jsonl --fields mmlu=subject " + corpus + " --report " +
                      dir.File("fields") + " --quiet 2>&1");
  REQUIRE(fields.exit_code == 0);
  auto by_subject = ParseJson(ReadWholeFile(dir.File("fields/report.json")).value());
  REQUIRE(by_subject.ok());
  const Value& mmlu = by_subject->Find("benchmarks")->as_array()[0];
  CHECK(mmlu.Find("items_too_short")->as_int() == 5);
  CHECK(mmlu.Find("contaminated_items")->as_int() == 0);
  CHECK(Run(kTamis + " decontaminate --benchmark mmlu=" + kData + "/mmlu.jsonl --fields arc=x " +
            corpus + " --report " + dir.File("x") + " 2>&1")
            .exit_code == 2);
  Output usage = Run(kTamis + " decontaminate --benchmark mmlu " + corpus + " --report " +
                     dir.File("x") + " 2>&1");
  CHECK(usage.exit_code == 2);
  CHECK(usage.out.find("expected NAME=FILE") != std::string::npos);
}

TEST_CASE("The HTML report renders in headless Chromium without console errors",
          "[decontaminate][chromium]") {
  if (Run("command -v chromium").exit_code != 0) {
    FAIL("chromium is not installed: run scripts/setup.sh (Debian package 'chromium')");
  }
  testing::TempDir dir;
  const std::string corpus = WriteCorpus(dir);
  REQUIRE(Run(kTamis + " decontaminate" + Benchmarks() + " " + corpus + " --report " +
              dir.File("rep") + " --quiet 2>&1")
              .exit_code == 0);
  const std::string err = dir.File("chromium.err");
  Output dom =
      Run("chromium --headless --no-sandbox --disable-gpu --enable-logging=stderr --v=0 "
          "--user-data-dir=" +
          dir.File("profile") + " --dump-dom file://" + dir.File("rep/report.html") + " 2>" + err);
  const std::string log = testing::ReadRaw(err);
  INFO(log);
  REQUIRE(dom.exit_code == 0);
  // The page's own script ran to the end: it counted the charts (the summary, then by source
  // and by language for each of the two benchmarks).
  CHECK(dom.out.find("data-rendered=\"charts:5\"") != std::string::npos);
  CHECK(dom.out.find("data-errors") == std::string::npos);
  CHECK(log.find("Uncaught") == std::string::npos);
  CHECK(log.find("CONSOLE") == std::string::npos);
  CHECK(dom.out.find("Quiz of the day") == std::string::npos);  // Only the matched span.
  CHECK(dom.out.find("Treaty of Westphalia") != std::string::npos);
}

}  // namespace
}  // namespace tamis
