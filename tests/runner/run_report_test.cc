// GatherRunReport on run directories written by hand (stats, markers, kept documents in the
// layout run_layout.h names), and RenderRunReportHtml on what it gathers: counts, merged
// tasks and phases, unfinished runs, links, and escaping of every value from the data.
#include "runner/run_report_data.h"

#include <catch2/catch.hpp>
#include <string>

#include "pipeline/html_page.h"
#include "pipeline/json.h"
#include "runner/run_report_html.h"
#include "tests/io/temp_dir.h"

namespace tamis {
namespace {

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

Value Counts(std::initializer_list<std::pair<const char*, int64_t>> counts) {
  Value v = Value::EmptyObject();
  for (const auto& [key, n] : counts) v.Set(key, n);
  return v;
}

Value StageStats(const std::string& name, int64_t in, int64_t out, Value removed,
                 Value report = Value()) {
  Value s = Value::EmptyObject();
  s.Set("stage", name);
  s.Set("documents_in", in);
  s.Set("documents_out", out);
  s.Set("bytes_in", in * 100);
  s.Set("bytes_out", out * 100);
  s.Set("seconds", 0.5);
  s.Set("removed", std::move(removed));
  if (!report.is_null()) s.Set("report", std::move(report));
  return s;
}

// The stats a task writes (runner.cc), with these stages.
Value TaskStats(int phase, int task, int tasks, const std::string& output, Value::Array stages) {
  Value s = Value::EmptyObject();
  s.Set("tamis_version", "test");
  s.Set("task", task);
  s.Set("tasks", tasks);
  s.Set("phase", phase);
  s.Set("threads", 2);
  s.Set("inputs", Value(Value::Array{Value("in/crawl-" + std::to_string(task) + ".warc.gz")}));
  s.Set("seconds", 1.5);
  Value reader = Value::EmptyObject();
  reader.Set("records", 10);
  reader.Set("files", 1);
  reader.Set("input_bytes", 5000);
  reader.Set("skipped", Value::EmptyObject());
  s.Set("reader", std::move(reader));
  s.Set("stages", Value(std::move(stages)));
  Value out = Value::EmptyObject();
  out.Set("path", output);
  out.Set("documents", 1);
  out.Set("bytes", 100);
  out.Set("files", Value::EmptyArray());
  s.Set("output", std::move(out));
  return s;
}

// Writes the stats and marker of one task under `meta` (OUT/.tamis or its phase-K folder).
void WriteTask(const testing::TempDir& dir, const std::string& meta, int task, const Value& s) {
  const std::string n = "0000" + std::to_string(task);
  dir.Write(meta + "/stats-task-" + n + ".json", ToJson(s, 2));
  dir.Write(meta + "/task-" + n + ".done", "{}");
}

std::string Doc(const std::string& id, const std::string& language, int tokens, double quality) {
  Value doc = Value::EmptyObject();
  doc.Set("id", id);
  doc.Set("text", "some text");
  Value meta = Value::EmptyObject();
  meta.Set("language", language);
  meta.Set("tokens", tokens);
  meta.Set("quality_default", quality);
  meta.Set("source", "cc-main");
  doc.Set("metadata", std::move(meta));
  return ToJson(doc) + "\n";
}

TEST_CASE("A one-phase run's report has the funnel, reasons and the kept documents' languages",
          "[report]") {
  testing::TempDir dir;
  const std::string out = dir.File("out");
  Value langid = Value::EmptyObject();
  langid.Set("languages", Counts({{"fra_Latn", 6}, {"rus_Cyrl", 4}}));
  WriteTask(dir, "out/.tamis", 0,
            TaskStats(0, 0, 1, out,
                      {StageStats("read", 10, 10, Value::EmptyObject()),
                       StageStats("langid", 10, 3, Counts({{"language_score", 7}}), langid),
                       StageStats("quality_heuristics", 3, 3, Value::EmptyObject())}));
  dir.Write("out/language=fra_Latn/part-00000-00000.jsonl",
            Doc("a", "fra_Latn", 40, 0.95) + Doc("b", "fra_Latn", 60, 0.15));
  dir.Write("out/language=eng_Latn/part-00000-00000.jsonl", Doc("c", "eng_Latn", 5, 0.5));

  Result<Value> report = GatherRunReport(out);
  REQUIRE(report.ok());
  INFO(ToJson(*report, 2));
  CHECK(report->Find("complete")->as_bool());
  CHECK(report->Find("problems")->as_array().empty());
  const Value::Array& stages = report->Find("stages")->as_array();
  REQUIRE(stages.size() == 3);
  CHECK(stages[1].GetString("stage") == "langid");
  CHECK(stages[1].Find("removed")->Find("language_score")->as_int() == 7);
  CHECK(stages[1].Find("bytes_out")->as_int() == 300);
  const Value* fra = report->Find("languages")->Find("fra_Latn");
  REQUIRE(fra);
  CHECK(fra->Find("documents")->as_int() == 2);
  CHECK(fra->Find("tokens")->as_int() == 100);
  // Languages and scripts langid found, before its filter removed 7 documents.
  CHECK(report->Find("languages_detected")->Find("rus_Cyrl")->as_int() == 4);
  CHECK(report->Find("scripts")->Find("Latn")->as_int() == 6);
  CHECK(report->Find("scripts")->Find("Cyrl")->as_int() == 4);
  const Value* tokens = report->Find("tokens");
  CHECK(tokens->Find("total")->as_int() == 105);
  CHECK(tokens->GetString("by_language_from") == "kept documents");
  CHECK(tokens->Find("by_source")->Find("cc-main")->as_int() == 105);
  const Value::Array& buckets = report->Find("quality")->Find("buckets")->as_array();
  CHECK(buckets[1].as_int() == 1);
  CHECK(buckets[5].as_int() == 1);
  CHECK(buckets[9].as_int() == 1);
  CHECK(report->Find("scan")->Find("documents")->as_int() == 3);
  CHECK(report->Find("tasks")->as_int() == 1);
  CHECK(report->Find("threads")->as_int() == 2);

  // At most --max-documents documents are read, and the report says it stopped early.
  RunReportOptions two;
  two.max_documents = 2;
  Result<Value> capped = GatherRunReport(out, two);
  REQUIRE(capped.ok());
  CHECK(capped->Find("scan")->Find("documents")->as_int() == 2);
  CHECK(capped->Find("scan")->Find("truncated")->as_bool());
}

TEST_CASE("Tasks of several phases merge phase by phase; a missing task marks the run unfinished",
          "[report]") {
  testing::TempDir dir;
  const std::string out = dir.File("out");
  Value tokenize = Value::EmptyObject();
  tokenize.Set("tokens", 70);
  tokenize.Set("documents", 2);
  Value by_split = Value::EmptyObject();
  Value fr = Value::EmptyObject();
  fr.Set("documents", 1);
  fr.Set("tokens", 50);
  fr.Set("shards", Value(Value::Array{Value(dir.File("tokens/fr_00000"))}));
  by_split.Set("fra_Latn", fr);
  tokenize.Set("by_split", by_split);
  for (int task = 0; task < 2; ++task) {
    WriteTask(dir, "out/.tamis/phase-0", task,
              TaskStats(0, task, 2, dir.File("out/.tamis/work/phase-0"),
                        {StageStats("read", 5, 5, Value::EmptyObject()),
                         StageStats("robots", 5, 4, Counts({{"disallowed", 1}}))}));
  }
  WriteTask(dir, "out/.tamis/phase-1", 0,
            TaskStats(1, 0, 2, out,
                      {StageStats("read", 4, 4, Value::EmptyObject()),
                       StageStats("minhash_dedup", 4, 3, Counts({{"minhash_duplicate", 1}})),
                       StageStats("tokenize", 3, 3, Value::EmptyObject(), tokenize)}));
  dir.Write("out/.tamis/work/01-minhash_dedup/signatures", "");
  dir.Write("out/.tamis/step-minhash_dedup.clusters.done", "{}");
  // A mixture manifest beside the shards (tokenize/mixture.h), with its fields.
  dir.Write("tokens/mix.manifest.json",
            "{\"tokens_requested\":90,\"tokens_achieved\":80,\"sources\":["
            "{\"name\":\"fr\",\"tokens_available\":50,\"tokens_requested\":60,"
            "\"tokens_achieved\":50},{\"name\":\"<code>\",\"tokens_available\":40,"
            "\"tokens_requested\":30,\"tokens_achieved\":30}]}");

  Result<Value> report = GatherRunReport(out);
  REQUIRE(report.ok());
  INFO(ToJson(*report, 2));
  CHECK_FALSE(report->Find("complete")->as_bool());
  const Value::Array& problems = report->Find("problems")->as_array();
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].as_string() == "phase 1: 1 of 2 tasks finished (not finished: 1)");
  CHECK(report->Find("phases")->as_int() == 2);
  CHECK(report->Find("tasks")->as_int() == 2);
  CHECK(report->Find("seconds")->as_number() == Approx(4.5));
  // Phase 0's two tasks add up; phase 1's read (it reads back phase 0) is left out.
  const Value::Array& stages = report->Find("stages")->as_array();
  REQUIRE(stages.size() == 4);
  CHECK(stages[0].Find("documents_out")->as_int() == 10);
  CHECK(stages[1].Find("removed")->Find("disallowed")->as_int() == 2);
  CHECK(stages[2].GetString("stage") == "minhash_dedup");
  CHECK(stages[2].Find("phase")->as_int() == 1);
  CHECK(report->Find("inputs")->as_array().size() == 2);
  // Tokens per language from the tokenize stage's per-split breakdown.
  const Value* tokens = report->Find("tokens");
  CHECK(tokens->Find("total")->as_int() == 70);
  CHECK(tokens->GetString("by_language_from") == "tokenize report");
  CHECK(tokens->Find("by_language")->Find("fra_Latn")->as_int() == 50);
  CHECK(report->Find("outputs")->Find("tokens")->as_array()[0].as_string() ==
        dir.File("tokens/fr_00000"));
  const Value& mixture = report->Find("mixtures")->as_array().at(0);
  CHECK(mixture.GetString("path") == dir.File("tokens/mix.manifest.json"));
  CHECK(mixture.Find("tokens_achieved")->as_int() == 80);
  CHECK(mixture.Find("sources")->as_array()[0].Find("tokens_requested")->as_int() == 60);
  CHECK(tokens->Find("by_source")->Find("<code>")->as_int() == 30);
  const std::string html = RenderRunReportHtml(*report, dir.File("out/.tamis"));
  CHECK(Contains(html, "&lt;code&gt;"));
  CHECK(Contains(html, "80 tokens of 90 requested"));

  // The second task finishes: the run is complete.
  WriteTask(dir, "out/.tamis/phase-1", 1,
            TaskStats(1, 1, 2, out, {StageStats("read", 0, 0, Value::EmptyObject())}));
  Result<Value> finished = GatherRunReport(out);
  REQUIRE(finished.ok());
  CHECK(finished->Find("complete")->as_bool());
  CHECK(finished->Find("problems")->as_array().empty());
}

TEST_CASE("A finished phase whose next phase has not run, or a step not run, is named",
          "[report]") {
  testing::TempDir dir;
  const std::string out = dir.File("out");
  WriteTask(dir, "out/.tamis/phase-0", 0,
            TaskStats(0, 0, 1, dir.File("out/.tamis/work/phase-0"),
                      {StageStats("read", 5, 5, Value::EmptyObject())}));
  dir.Write("out/.tamis/work/phase-0/part-00000-00000.jsonl", "");
  dir.Write("out/.tamis/work/01-decontaminate/contamination-00000.json", "{}");
  Result<Value> report = GatherRunReport(out);
  REQUIRE(report.ok());
  CHECK_FALSE(report->Find("complete")->as_bool());
  const std::string problems = ToJson(*report->Find("problems"));
  CHECK(Contains(problems, "phase 1 has not run yet"));
  CHECK(Contains(problems, "the global step of stage decontaminate has not run yet"));
  // Phase 0's documents, in the work folder, are not the run's output.
  CHECK(report->Find("outputs")->GetString("kept") == out);
  const std::string html = RenderRunReportHtml(*report, dir.File("out/.tamis"));
  CHECK(Contains(html, "Incomplete run"));
  CHECK(Contains(html, "phase 1 has not run yet"));
}

TEST_CASE("A directory that is not a run is an error naming it; a run without stats is unfinished",
          "[report]") {
  testing::TempDir dir;
  dir.Write("plain/file.txt", "x");
  Result<Value> none = GatherRunReport(dir.File("plain"));
  REQUIRE_FALSE(none.ok());
  const std::string error = none.status().ToString();
  CHECK(Contains(error, dir.File("plain")));
  CHECK(Contains(error, "not a tamis run"));
  CHECK_FALSE(GatherRunReport(dir.File("missing")).ok());

  dir.Write("started/.tamis/lock", "");
  Result<Value> started = GatherRunReport(dir.File("started"));
  REQUIRE(started.ok());
  CHECK_FALSE(started->Find("complete")->as_bool());
  CHECK(started->Find("problems")->as_array()[0].as_string() == "no task has finished yet");
  const std::string html = RenderRunReportHtml(*started, dir.File("started/.tamis"));
  CHECK(Contains(html, "no task has finished yet"));
}

TEST_CASE("The page links the contamination report relative to itself and counts its items",
          "[report]") {
  testing::TempDir dir;
  const std::string out = dir.File("out");
  Value decontaminate = Value::EmptyObject();
  decontaminate.Set("documents_hit", 4);
  decontaminate.Set("report_dir", dir.File("contamination"));
  WriteTask(dir, "out/.tamis", 0,
            TaskStats(0, 0, 1, out,
                      {StageStats("read", 5, 5, Value::EmptyObject()),
                       StageStats("decontaminate", 5, 5, Value::EmptyObject(), decontaminate)}));
  dir.Write("contamination/report.json",
            "{\"benchmarks\":[{\"contaminated_items\":1},{\"contaminated_items\":2}]}");
  dir.Write("contamination/report.html", "<html></html>");
  Result<Value> report = GatherRunReport(out);
  REQUIRE(report.ok());
  CHECK(report->Find("contamination")->Find("contaminated_items")->as_int() == 3);
  CHECK(report->Find("contamination")->Find("documents_hit")->as_int() == 4);
  const std::string html = RenderRunReportHtml(*report, dir.File("out/.tamis"));
  CHECK(Contains(html, "href=\"../../contamination/report.html\""));
  CHECK(Contains(html, "3 contaminated benchmark item(s)"));
}

TEST_CASE("Paths a run recorded relative to where it ran, or before it moved, are found",
          "[report]") {
  testing::TempDir dir;
  // Ran in `dir` as `tamis run` of out/, with relative paths; reported from another directory.
  Value decontaminate = Value::EmptyObject();
  decontaminate.Set("report_dir", "contamination");
  Value relative =
      TaskStats(0, 0, 1, "./out/",
                {StageStats("read", 5, 5, Value::EmptyObject()),
                 StageStats("decontaminate", 5, 5, Value::EmptyObject(), decontaminate)});
  relative.Set("rejects", Value(Value::Object{{"path", Value("rejects")}}));
  WriteTask(dir, "out/.tamis", 0, relative);
  dir.Write("contamination/report.json", "{\"benchmarks\":[{\"contaminated_items\":2}]}");
  Result<Value> report = GatherRunReport(dir.File("out"));
  REQUIRE(report.ok());
  CHECK(report->Find("contamination")->Find("contaminated_items")->as_int() == 2);
  CHECK(report->Find("outputs")->GetString("rejects") == dir.File("rejects"));
  CHECK(report->Find("inputs")->as_array()[0].as_string() == dir.File("in/crawl-0.warc.gz"));

  // Ran as /elsewhere/out, then moved here: its absolute paths under /elsewhere/out follow.
  Value tokenize = Value::EmptyObject();
  tokenize.Set("shards", Value(Value::Array{Value(Value::Object{
                             {"prefix", Value("/elsewhere/out/tokens/train_00000")}})}));
  WriteTask(dir, "moved/.tamis", 0,
            TaskStats(0, 0, 1, "/elsewhere/out",
                      {StageStats("tokenize", 5, 5, Value::EmptyObject(), tokenize)}));
  Result<Value> moved = GatherRunReport(dir.File("moved"));
  REQUIRE(moved.ok());
  CHECK(moved->Find("outputs")->Find("tokens")->as_array()[0].as_string() ==
        dir.File("moved/tokens/train_00000"));
}

TEST_CASE("Reasons, language codes and paths from the data are HTML-escaped in the page",
          "[report]") {
  testing::TempDir dir;
  const std::string hostile = "<script>alert('x')</script>";
  const std::string out = dir.File("out");
  WriteTask(dir, "out/.tamis", 0,
            TaskStats(0, 0, 1, out,
                      {StageStats("read", 5, 5, Value::EmptyObject()),
                       StageStats("robots", 5, 4, Counts({{hostile.c_str(), 1}}))}));
  dir.Write("out/part-00000-00000.jsonl", Doc(hostile, hostile, 3, 0.5));
  Result<Value> report = GatherRunReport(out);
  REQUIRE(report.ok());
  const std::string html = RenderRunReportHtml(*report, dir.File("out/.tamis"));
  CHECK(!Contains(html, hostile));
  CHECK(Contains(html, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
  // The page's own script is the only one.
  size_t scripts = 0;
  for (size_t at = html.find("<script"); at != std::string::npos; at = html.find("<script", at + 1))
    ++scripts;
  CHECK(scripts == 1);
  CHECK(EscapeHtml("a&b\"c'<d>") == "a&amp;b&quot;c&#39;&lt;d&gt;");
}

}  // namespace
}  // namespace tamis
