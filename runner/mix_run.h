// RunMix: `tamis mix` — a mixture (tokenize/mixture.h) whose `path:` sources are tokenized by
// the one orchestrator (the tokenize pipeline of tokenize_pipeline.h, into the mixture's
// temporary folder) and whose `tokens:` sources are read from their index files as they are.
// The manifest, written last, is the mixture's marker: a rerun whose settings equal the ones
// it records does nothing (already_complete); other settings at the same output are refused.
#ifndef TAMIS_RUNNER_MIX_RUN_H_
#define TAMIS_RUNNER_MIX_RUN_H_

#include "pipeline/status.h"
#include "tokenize/mixture.h"

namespace tamis {

Result<MixResult> RunMix(const MixConfig& config, int threads);

}  // namespace tamis

#endif  // TAMIS_RUNNER_MIX_RUN_H_
