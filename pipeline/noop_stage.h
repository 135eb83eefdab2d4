// NoopStage: keeps every document unchanged. It exists so that a pipeline can be only a
// reader and a writer (re-sharding, recompressing, format conversion) and so that the graph's
// wiring can be tested without any real stage.
#ifndef TAMIS_PIPELINE_NOOP_STAGE_H_
#define TAMIS_PIPELINE_NOOP_STAGE_H_

#include <memory>

#include "pipeline/stage.h"

namespace tamis {

class NoopStage final : public Stage {
 public:
  std::string_view name() const override { return "noop"; }
  Status Process(DocumentBatch& batch, Scratch* scratch) const override { return Status::Ok(); }
};

Result<std::unique_ptr<Stage>> CreateNoopStage(const Value& options);

}  // namespace tamis

#endif  // TAMIS_PIPELINE_NOOP_STAGE_H_
