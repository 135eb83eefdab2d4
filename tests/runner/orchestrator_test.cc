#include "runner/orchestrator.h"

#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>

#include "io/output_file.h"
#include "pipeline/json.h"
#include "tests/io/directory_contents.h"
#include "tests/io/temp_dir.h"
#include "tests/runner/run_parts.h"

namespace tamis {
namespace {

namespace fs = std::filesystem;
using testing::DirectoryContents;
using testing::RunPart;
const std::string kParagraphs = std::string(TAMIS_TEST_DATA) + "/../../examples/data/paragraphs";
const std::string kModel = std::string(TAMIS_MODELS_DIR) + "/lid.176.ftz";
constexpr const char* kStep = "top_fraction.thresholds";

// The example's two-phase pipeline: langid, then the top half of each language by its score.
PipelineSpec TopHalf(const std::string& out, int tasks) {
  PipelineSpec p;
  p.run.inputs = {kParagraphs};
  p.run.output = out + "/kept";
  p.run.rejects = out + "/rejects";
  p.run.tasks = tasks;
  p.run.threads = 2;
  Value langid = Value::EmptyObject();
  langid.Set("model", kModel);
  Value top = Value::EmptyObject();
  top.Set("score", "language_score");
  top.Set("by", "language");
  top.Set("keep", 0.5);
  p.stages = {{"langid", langid}, {"top_fraction", top}};
  return p;
}

size_t Lines(const std::string& text) {
  return std::count(text.begin(), text.end(), '\n');
}

Status RunByHand(const PipelineSpec& p) {
  for (int t = 0; t < p.run.tasks; ++t) {
    TAMIS_RETURN_IF_ERROR(RunPart(p, RunSelection::Kind::kPhaseTask, 0, t));
  }
  TAMIS_RETURN_IF_ERROR(RunPart(p, RunSelection::Kind::kStep, 0, 0, kStep));
  for (int t = 0; t < p.run.tasks; ++t) {
    TAMIS_RETURN_IF_ERROR(RunPart(p, RunSelection::Kind::kPhaseTask, 1, t));
  }
  return Status::Ok();
}

TEST_CASE("A two-phase pipeline gives the same bytes in one process and as 3 tasks part by part",
          "[runner][orchestrator]") {
  testing::TempDir dir;
  const PipelineSpec one = TopHalf(dir.File("one"), 1);
  auto outcome = RunPipelineParts(one, {});
  REQUIRE(outcome.ok());
  CHECK(outcome->parts.size() == 3);  // Phase 0 task 0, the step, phase 1 task 0.

  const PipelineSpec three = TopHalf(dir.File("three"), 3);
  REQUIRE(RunByHand(three).ok());

  const std::string kept = DirectoryContents(dir.File("one/kept"));
  const std::string rejected = DirectoryContents(dir.File("one/rejects"));
  CHECK(kept == DirectoryContents(dir.File("three/kept")));
  CHECK(rejected == DirectoryContents(dir.File("three/rejects")));
  // About half of each language is kept; together kept and rejected are every paragraph.
  CHECK(Lines(kept) >= Lines(rejected));
  CHECK(Lines(kept) < Lines(kept) + Lines(rejected));
  CHECK(Lines(kept) + Lines(rejected) == 131);
  CHECK(rejected.find("\"rule\":\"below_threshold\"") != std::string::npos);
  // Documents kept through the work folder keep their first phase's metadata.
  CHECK(kept.find("\"language_score\"") != std::string::npos);

  // One process with 3 tasks is the same again.
  const PipelineSpec here = TopHalf(dir.File("here"), 3);
  REQUIRE(RunPipelineParts(here, {}).ok());
  CHECK(kept == DirectoryContents(dir.File("here/kept")));
}

TEST_CASE("A step waits for every task of its phase, and the next phase for its step",
          "[runner][orchestrator]") {
  testing::TempDir dir;
  const PipelineSpec p = TopHalf(dir.File("run"), 3);
  REQUIRE(RunPart(p, RunSelection::Kind::kPhaseTask, 0, 0).ok());
  REQUIRE(RunPart(p, RunSelection::Kind::kPhaseTask, 0, 2).ok());
  Status early = RunPart(p, RunSelection::Kind::kStep, 0, 0, kStep);
  CHECK(early.code() == StatusCode::kFailedPrecondition);
  CHECK(early.message().find("task 1 of phase 0") != std::string::npos);
  REQUIRE(RunPart(p, RunSelection::Kind::kPhaseTask, 0, 1).ok());
  Status before_step = RunPart(p, RunSelection::Kind::kPhaseTask, 1, 0);
  CHECK(before_step.code() == StatusCode::kFailedPrecondition);
  CHECK(before_step.message().find(kStep) != std::string::npos);
  REQUIRE(RunPart(p, RunSelection::Kind::kStep, 0, 0, kStep).ok());
  REQUIRE(RunPart(p, RunSelection::Kind::kPhaseTask, 1, 0).ok());
  CHECK(RunPart(p, RunSelection::Kind::kStep, 0, 0, "no.such").code() ==
        StatusCode::kInvalidArgument);
  CHECK(RunPart(p, RunSelection::Kind::kPhaseTask, 7, 0).code() == StatusCode::kInvalidArgument);
}

TEST_CASE("A rerun skips every finished part; another task count in the same place is refused",
          "[runner][orchestrator]") {
  testing::TempDir dir;
  const PipelineSpec p = TopHalf(dir.File("run"), 2);
  REQUIRE(RunPipelineParts(p, {}).ok());
  const std::string kept = DirectoryContents(dir.File("run/kept"));
  auto again = RunPipelineParts(p, {});
  REQUIRE(again.ok());
  for (const auto& part : again->parts) CHECK(part.already_complete);
  CHECK(DirectoryContents(dir.File("run/kept")) == kept);

  const PipelineSpec other = TopHalf(dir.File("run"), 3);
  auto refused = RunPipelineParts(other, {});
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.status().code() == StatusCode::kFailedPrecondition);
  CHECK(refused.status().message().find("2 tasks") != std::string::npos);
}

TEST_CASE("The plan names each phase and step and how to run it", "[runner][orchestrator]") {
  const PipelineSpec p = TopHalf("/nonexistent", 1);
  auto plan = PipelinePlan::Create(p);
  REQUIRE(plan.ok());
  CHECK(plan->phases() == 2);
  REQUIRE(plan->steps().size() == 1);
  CHECK(plan->steps()[0].name == kStep);
  const std::string text = plan->Describe("p.yaml");
  CHECK(text.find("phase 0: read, langid, top_fraction (collect)") != std::string::npos);
  CHECK(text.find("--step top_fraction.thresholds --tasks N") != std::string::npos);
  CHECK(text.find("phase 1: read, top_fraction (apply)") != std::string::npos);
}

TEST_CASE("A corpus stage with bad options fails before anything runs", "[runner][orchestrator]") {
  PipelineSpec p = TopHalf("/nonexistent", 1);
  p.stages[1].options.Set("keep", 1.5);
  auto plan = PipelinePlan::Create(p);
  REQUIRE_FALSE(plan.ok());
  CHECK(plan.status().message().find("keep") != std::string::npos);
  p.stages[1].name = "no_such_stage";
  CHECK(PipelinePlan::Create(p).status().message().find("known:") != std::string::npos);
}

}  // namespace
}  // namespace tamis

namespace tamis {
namespace {

// A corpus stage with no applier and a step of two tasks: counts documents per task, sums
// them in two halves (step "halves", 2 tasks), then in full (step "total").
class CountingCorpusStage final : public CorpusStage {
 public:
  std::string_view name() const override { return "counting"; }
  std::vector<std::string> steps() const override { return {"halves", "total"}; }
  bool HasApplier() const override { return false; }
  int StepTasks(std::string_view step, int phase_tasks) const override {
    return step == "halves" ? 2 : 1;
  }
  Result<std::unique_ptr<Stage>> Collector(const std::string& work_dir) const override {
    return std::unique_ptr<Stage>(std::make_unique<Collect>(work_dir));
  }
  Result<std::unique_ptr<Stage>> Applier(const std::string&) const override {
    return Status::Internal("no applier");
  }
  Status Step(std::string_view step, const StepContext& c) const override {
    int64_t sum = 0;
    if (step == "halves") {
      for (int t = c.task; t < c.tasks; t += c.tasks_in_step) sum += Read(c.work_dir, "count", t);
      return WriteFileAtomically(c.work_dir + "/half-" + std::to_string(c.task),
                                 std::to_string(sum));
    }
    for (int h = 0; h < 2; ++h) sum += Read(c.work_dir, "half", h);
    return WriteFileAtomically(c.work_dir + "/total", std::to_string(sum));
  }

 private:
  static int64_t Read(const std::string& dir, const std::string& stem, int i) {
    return std::stoll(ReadWholeFile(dir + "/" + stem + "-" + std::to_string(i)).value());
  }
  class Collect final : public Stage {
   public:
    explicit Collect(std::string dir) : dir_(std::move(dir)) {}
    std::string_view name() const override { return "counting"; }
    StageMode mode() const override { return StageMode::kSerialInOrder; }
    Status Start(const RunContext& run) override {
      task_ = run.task;
      return Status::Ok();
    }
    Status Process(DocumentBatch& batch, Scratch*) const override {
      documents_ += batch.documents.size();
      return Status::Ok();
    }
    Status Finish(Scratches, StageReport&) override {
      return WriteFileAtomically(dir_ + "/count-" + std::to_string(task_),
                                 std::to_string(documents_));
    }

   private:
    std::string dir_;
    int task_ = 0;
    mutable int64_t documents_ = 0;  // Serial stage: one batch at a time.
  };
};

Result<std::unique_ptr<CorpusStage>> CreateCounting(const Value&) {
  return std::unique_ptr<CorpusStage>(std::make_unique<CountingCorpusStage>());
}

const StageInfo kTestStages[] = {
    {.name = "counting", .summary = "test", .create_corpus = &CreateCounting},
};

TEST_CASE("A corpus stage without applier keeps one phase; its steps may be arrays",
          "[runner][orchestrator]") {
  testing::TempDir dir;
  PipelineSpec p;
  p.run.inputs = {kParagraphs};
  p.run.output = dir.File("out");
  p.run.tasks = 3;
  p.stages = {{"counting", Value::EmptyObject()}};
  auto plan = PipelinePlan::Create(p, kTestStages);
  REQUIRE(plan.ok());
  CHECK(plan->phases() == 1);
  CHECK(plan->Describe("p.yaml").find("--step counting.halves --task I --tasks N") !=
        std::string::npos);

  auto part = [&](RunSelection::Kind kind, int task, const std::string& step = "") {
    PipelineSpec one = p;
    one.run.task = task;
    RunSelection s;
    s.kind = kind;
    s.step = step;
    return RunPipelineParts(one, s, {}, kTestStages).status();
  };
  for (int t = 0; t < 3; ++t) REQUIRE(part(RunSelection::Kind::kPhaseTask, t).ok());
  // "total" needs both tasks of "halves".
  REQUIRE(part(RunSelection::Kind::kStep, 1, "counting.halves").ok());
  Status early = part(RunSelection::Kind::kStep, 0, "counting.total");
  CHECK(early.code() == StatusCode::kFailedPrecondition);
  CHECK(early.message().find("counting.halves task 0") != std::string::npos);
  CHECK(part(RunSelection::Kind::kStep, 2, "counting.halves").code() ==
        StatusCode::kInvalidArgument);
  REQUIRE(part(RunSelection::Kind::kStep, 0, "counting.halves").ok());
  REQUIRE(part(RunSelection::Kind::kStep, 0, "counting.total").ok());
  const std::string work = dir.File("out/.tamis/work/00-counting");
  CHECK(ReadWholeFile(work + "/total").value() == "131");
  // The documents went straight to the output: no second phase.
  CHECK(fs::exists(dir.File("out/part-00000-00000.jsonl.zst")));

  // In one process, everything runs in order and gives the same total.
  PipelineSpec here = p;
  here.run.output = dir.File("here");
  auto outcome = RunPipelineParts(here, {}, {}, kTestStages);
  REQUIRE(outcome.ok());
  CHECK(outcome->parts.size() == 6);  // 3 tasks, 2 halves, 1 total.
  CHECK(ReadWholeFile(dir.File("here/.tamis/work/00-counting/total")).value() == "131");
}

}  // namespace
}  // namespace tamis
