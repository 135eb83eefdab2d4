#include "pipeline/noop_stage.h"

#include "pipeline/options.h"

namespace tamis {

Result<std::unique_ptr<Stage>> CreateNoopStage(const Value& options) {
  Options opts(options, "stage noop");
  TAMIS_RETURN_IF_ERROR(opts.Finish());
  return std::unique_ptr<Stage>(std::make_unique<NoopStage>());
}

}  // namespace tamis
