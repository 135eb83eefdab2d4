#include "pipeline/stage_registry.h"

#include <string>

#include "filters/robots/robots_stage.h"
#include "langid/langid_stage.h"
#include "pipeline/noop_stage.h"
#include "tokenize/tokenize_stage.h"

namespace tamis {
namespace {

// One line per stage, in pipeline order. Factories are declared in their stage's header.
const StageInfo kStages[] = {
    {"noop", "passes documents through unchanged (for testing wiring)", &CreateNoopStage},
    {"langid", "identifies the language (ISO 639-3 + script) with fastText; filters",
     &CreateLangidStage},
    {"robots", "drops pages whose robots.txt (from a snapshot) disallows any listed agent",
     &CreateRobotsStage},
    {"tokenize", "encodes text with a SentencePiece model into Megatron token shards",
     &CreateTokenizeStage},
};

}  // namespace

std::span<const StageInfo> AllStages() {
  return {kStages, std::size(kStages)};
}

Result<std::unique_ptr<Stage>> CreateStage(std::string_view name, const Value& options) {
  for (const StageInfo& info : AllStages()) {
    if (info.name == name) return info.create(options);
  }
  std::string known;
  for (const StageInfo& info : AllStages()) {
    known += known.empty() ? "" : ", ";
    known += info.name;
  }
  return Status::InvalidArgument("unknown stage '" + std::string(name) + "' (known: " + known +
                                 ")");
}

}  // namespace tamis
