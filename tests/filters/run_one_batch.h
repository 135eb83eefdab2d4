// Test support for stage tests: builds a stage from its factory and runs it over one batch
// the way the graph does (Start, NewScratch, Process, Finish with that one scratch).
#ifndef TAMIS_TESTS_FILTERS_RUN_ONE_BATCH_H_
#define TAMIS_TESTS_FILTERS_RUN_ONE_BATCH_H_

#include <catch2/catch.hpp>

#include <memory>
#include <vector>

#include "pipeline/stage.h"

namespace tamis::testing {

// The stage, or a failed test naming the factory's error.
inline std::unique_ptr<Stage> MakeStage(Result<std::unique_ptr<Stage>> (*factory)(const Value&),
                                        const Value& options) {
  Result<std::unique_ptr<Stage>> stage = factory(options);
  if (!stage.ok()) FAIL(stage.status().ToString());
  return std::move(stage).value();
}

// Runs `stage` over `docs` as one batch, in place; returns the stage's stats report.
inline Value RunOneBatch(Stage& stage, std::vector<Document>& docs) {
  REQUIRE(stage.Start(RunContext{}).ok());
  std::unique_ptr<Scratch> scratch = stage.NewScratch();
  DocumentBatch batch;
  batch.documents = std::move(docs);
  REQUIRE(stage.Process(batch, scratch.get()).ok());
  docs = std::move(batch.documents);
  StageReport report;
  Scratch* scratches[] = {scratch.get()};
  REQUIRE(stage.Finish(scratches, report).ok());
  return report.extra;
}

}  // namespace tamis::testing

#endif  // TAMIS_TESTS_FILTERS_RUN_ONE_BATCH_H_
