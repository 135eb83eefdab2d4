// Pins filters/decontaminate/benchmark_file.h and contamination_report*.h: how benchmark
// JSONL becomes items, and how reports merge, survive a round trip and render.
#include <catch2/catch.hpp>

#include <string>

#include "filters/decontaminate/benchmark_file.h"
#include "filters/decontaminate/contamination_report.h"
#include "filters/decontaminate/contamination_report_html.h"
#include "filters/decontaminate/contamination_report_markdown.h"
#include "pipeline/json.h"
#include "tests/io/temp_dir.h"

namespace tamis {
namespace {

const std::string kData = TAMIS_DECONTAMINATE_DATA;

BenchmarkSpec Spec(std::string name, std::string path, std::string preset = "auto") {
  BenchmarkSpec spec;
  spec.name = std::move(name);
  spec.path = std::move(path);
  spec.preset = std::move(preset);
  REQUIRE(ResolvePreset(&spec).ok());
  return spec;
}

TEST_CASE("Presets pick the text fields of each benchmark layout", "[decontaminate]") {
  auto arc = LoadBenchmarkFile(Spec("arc", kData + "/arc.jsonl", "arc"), false);
  REQUIRE(arc.ok());
  REQUIRE(arc->items.size() == 4);
  CHECK(arc->items[0].id == "Mercury_7012345");
  CHECK(arc->items[0].text.find("It is a good conductor of heat") != std::string::npos);
  CHECK(arc->items[0].text.find("\nA\n") == std::string::npos);  // Labels are not text.
  auto humaneval = LoadBenchmarkFile(Spec("he", kData + "/humaneval.jsonl", "humaneval"), false);
  REQUIRE(humaneval.ok());
  CHECK(humaneval->items[1].id == "HumanEval/902");
  CHECK(humaneval->items[1].text.find("best = n if best is None") != std::string::npos);
  CHECK(humaneval->items[1].text.find("def check") == std::string::npos);  // Not the test.
  auto mmlu = LoadBenchmarkFile(Spec("mmlu", kData + "/mmlu.jsonl", "mmlu"), false);
  REQUIRE(mmlu.ok());
  CHECK(mmlu->items[2].id == "3");  // No id field: the line number.
  CHECK(mmlu->items[2].text.find("It adds nucleotides") != std::string::npos);
  BenchmarkSpec unknown;
  unknown.preset = "squad";
  CHECK(ResolvePreset(&unknown).message().find("known: mmlu") != std::string::npos);
  CHECK(!ParseBenchmarkArgument("mmlu").ok());
  CHECK(ParseBenchmarkArgument("mmlu=a=b.jsonl")->path == "a=b.jsonl");
}

TEST_CASE("Bad benchmark lines are counted, or an error naming file and line when strict",
          "[decontaminate]") {
  testing::TempDir dir;
  const std::string path = dir.Write(
      "bad.jsonl",
      "{\"question\": \"What is the capital city of France and which river runs through it "
      "today?\"}\n"
      "{not json\n"
      "[1, 2]\n"
      "{\"question\": 7}\n"
      "\n"
      "{\"question\": \"bad \xFF utf8\"}\n");
  auto loose = LoadBenchmarkFile(Spec("b", path), false);
  REQUIRE(loose.ok());
  CHECK(loose->items.size() == 1);
  CHECK(loose->skipped_lines == 4);
  CHECK(loose->first_skip.rfind(path + ":2: ", 0) == 0);
  auto strict = LoadBenchmarkFile(Spec("b", path), true);
  REQUIRE(!strict.ok());
  CHECK(strict.status().message().find(path + ":2") != std::string::npos);
  CHECK(!LoadBenchmarkFile(Spec("b", dir.File("missing.jsonl")), false).ok());
}

ContaminationReport Report(std::vector<std::pair<int64_t, std::string>> hits) {
  ContaminationReport r;
  r.settings.max_documents_per_item = 2;
  BenchmarkReport b;
  b.name = "mmlu";
  b.items = 10;
  r.benchmarks.push_back(b);
  for (const auto& [item, doc] : hits) {
    DocumentHit hit;
    hit.id = doc;
    hit.coverage = doc.size() / 10.0;
    hit.matched = "<script>alert('x')</script> | *bold*";
    r.AddHit(0, item, "q" + std::to_string(item), 7, hit);
    ++r.documents;
    ++r.benchmarks[0].documents_hit;
    ++r.benchmarks[0].documents_hit_by_source["web"];
  }
  return r;
}

TEST_CASE("Reports merge in any grouping to the same result, capped and exact", "[decontaminate]") {
  const ContaminationReport a = Report({{1, "d1"}, {2, "d22"}});
  const ContaminationReport b = Report({{1, "d333"}, {1, "d4444"}});
  const ContaminationReport c = Report({{5, "d5"}});
  ContaminationReport ab_c = a;
  REQUIRE(ab_c.Merge(b).ok());
  REQUIRE(ab_c.Merge(c).ok());
  ContaminationReport c_ba = c;
  ContaminationReport ba = b;
  REQUIRE(ba.Merge(a).ok());
  REQUIRE(c_ba.Merge(ba).ok());
  CHECK(ToJson(ab_c.ToValue()) == ToJson(c_ba.ToValue()));
  const ContaminatedItem& item = ab_c.benchmarks[0].contaminated.at(1);
  CHECK(item.documents_total == 3);
  REQUIRE(item.documents.size() == 2);  // The cap keeps the best coverage.
  CHECK(item.documents[0].id == "d4444");
  CHECK(item.coverage == Approx(0.5));
  CHECK(ab_c.benchmarks[0].documents_hit_by_source.at("web") == 5);

  ContaminationReport other = c;
  other.settings.ngram = 8;
  CHECK(!ab_c.Merge(other).ok());
  other = c;
  other.benchmarks[0].items = 11;
  CHECK(!ab_c.Merge(other).ok());
}

TEST_CASE("A report survives its file format, and damaged files are clear errors",
          "[decontaminate]") {
  testing::TempDir dir;
  const ContaminationReport r = Report({{1, "d1"}, {3, "d22"}});
  REQUIRE(WriteContaminationReport(r, dir.File("r.json")).ok());
  auto back = ReadContaminationReport(dir.File("r.json"));
  REQUIRE(back.ok());
  CHECK(ToJson(back->ToValue()) == ToJson(r.ToValue()));
  Value v = r.ToValue();
  CHECK(v.Find("benchmarks")->as_array()[0].Find("contaminated_items")->as_int() == 2);

  Value wrong = v;
  wrong.Set("version", 99);
  auto versioned = ContaminationReport::FromValue(wrong, "x.json");
  CHECK(versioned.status().message().find("version 99") != std::string::npos);
  Value broken = v;
  broken.Erase("documents");
  CHECK(ContaminationReport::FromValue(broken, "x.json")
            .status()
            .message()
            .find("x.json: .documents") != std::string::npos);
  dir.Write("trunc.json", ToJson(v).substr(0, 40));
  CHECK(!ReadContaminationReport(dir.File("trunc.json")).ok());
}

TEST_CASE("Rendered reports escape corpus text", "[decontaminate]") {
  const ContaminationReport r = Report({{1, "d1"}});
  const std::string html = RenderContaminationHtml(r);
  CHECK(html.find("<script>alert") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(&#39;x&#39;)") != std::string::npos);
  CHECK(html.find("<svg") != std::string::npos);
  CHECK(html.find("http") == html.find("http://www.w3.org/2000/svg"));  // No external link.
  // Long lists are capped in the pages, not in report.json.
  const ContaminationReport many = Report({{1, "d1"}, {2, "d2"}, {3, "d3"}});
  CHECK(RenderContaminationHtml(many, 600, 2).find("… and 1 more contaminated item(s)") !=
        std::string::npos);
  CHECK(RenderContaminationMarkdown(many, 300, 2).find("… and 1 more contaminated item(s)") !=
        std::string::npos);
  CHECK(RenderContaminationMarkdown(many).find("more contaminated") == std::string::npos);
  const std::string md = RenderContaminationMarkdown(r);
  CHECK(md.find("| mmlu | 10 | 1 | 10.00% | 1 |") != std::string::npos);
  CHECK(md.find("\\<script>") != std::string::npos);
  CHECK(md.find("\\| \\*bold\\*") != std::string::npos);
}

}  // namespace
}  // namespace tamis
