#include "pipeline/status.h"

namespace tamis {
namespace {

const char* CodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "ok";
    case StatusCode::kInvalidArgument: return "invalid argument";
    case StatusCode::kNotFound: return "not found";
    case StatusCode::kCorruption: return "corrupt input";
    case StatusCode::kIoError: return "I/O error";
    case StatusCode::kInternal: return "internal error";
    case StatusCode::kFailedPrecondition: return "cannot run";
  }
  return "unknown";
}

}  // namespace

std::string Status::ToString() const {
  if (ok()) return "ok";
  return std::string(CodeName(code())) + ": " + message();
}

Status Status::WithContext(std::string_view context) const {
  if (ok()) return *this;
  const std::string prefix = std::string(context) + ": ";
  // Already said by the callee (a stage's options name the stage): say it once.
  if (message().starts_with(prefix)) return *this;
  return Status(code(), prefix + message());
}

}  // namespace tamis
