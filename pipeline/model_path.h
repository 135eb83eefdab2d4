// FindModel: where a default model file (lid.176.ftz, tamis-quality.ftz, ...) is looked up, so
// that `tamis` finds its models wherever it runs from, not only inside the checkout.
//
// The places, in order:
//   1. $TAMIS_MODELS_DIR, when set and non-empty. It is then the ONLY place looked: a user or
//      a test that pins a models directory must never silently get another copy.
//   2. <directory of the running binary>/../share/tamis/models — the layout `cmake --install`
//      and the Debian package produce (bin/tamis beside share/tamis/models).
//   3. The source tree's models/ the binary was built from (TAMIS_SOURCE_MODELS_DIR, a compile
//      definition), so a build-tree binary works from any directory.
//   4. ./models, relative to the working directory.
// The first place holding a regular file of that name wins. When none does, the error is
// kNotFound and names every path tried, in order, so the user sees where to put the file.
//
// Thread-safe: it reads only the environment and the file system.
#ifndef TAMIS_PIPELINE_MODEL_PATH_H_
#define TAMIS_PIPELINE_MODEL_PATH_H_

#include <string>
#include <string_view>
#include <vector>

#include "pipeline/status.h"

namespace tamis {

// The candidate paths for `file`, in the order FindModel tries them.
std::vector<std::string> ModelCandidates(std::string_view file);

// The first candidate that exists, or kNotFound naming them all.
Result<std::string> FindModel(std::string_view file);

}  // namespace tamis

#endif  // TAMIS_PIPELINE_MODEL_PATH_H_
