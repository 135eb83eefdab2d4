// The table of every stage a pipeline YAML or CLI command can name.
//
// Adding a stage is one class plus one line in stage_registry.cc. The table is explicit (no
// registration from static initialisers), so link order and dead-code stripping cannot make a
// stage disappear.
#ifndef TAMIS_PIPELINE_STAGE_REGISTRY_H_
#define TAMIS_PIPELINE_STAGE_REGISTRY_H_

#include <memory>
#include <span>
#include <string_view>

#include "pipeline/stage.h"
#include "pipeline/status.h"
#include "pipeline/value.h"

namespace tamis {

using StageFactory = Result<std::unique_ptr<Stage>> (*)(const Value& options);

struct StageInfo {
  std::string_view name;     // As written in YAML: `- stage: robots`.
  std::string_view summary;  // One line for `tamis run --help`.
  StageFactory create;
};

std::span<const StageInfo> AllStages();

// Builds the named stage; kInvalidArgument for an unknown name or bad options.
Result<std::unique_ptr<Stage>> CreateStage(std::string_view name, const Value& options);

}  // namespace tamis

#endif  // TAMIS_PIPELINE_STAGE_REGISTRY_H_
