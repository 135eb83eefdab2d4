// DecodeStage: the "read" stage every graph starts with. It runs DocumentDecoder in parallel
// over the raw documents the ReaderSource framed, so JSON parsing, charset decoding and HTML
// extraction use all threads. Its stats are the reading stats: records skipped by reason.
#ifndef TAMIS_READERS_DECODE_STAGE_H_
#define TAMIS_READERS_DECODE_STAGE_H_

#include <memory>

#include "pipeline/stage.h"
#include "readers/document_decoder.h"

namespace tamis {

class DecodeStage final : public Stage {
 public:
  // `options` must outlive the stage.
  explicit DecodeStage(const ReaderOptions& options) : decoder_(options) {}

  std::string_view name() const override { return "read"; }
  std::unique_ptr<Scratch> NewScratch() const override { return std::make_unique<State>(); }
  Status Process(DocumentBatch& batch, Scratch* scratch) const override {
    return decoder_.Decode(batch, static_cast<State*>(scratch)->decoder);
  }

 private:
  struct State : Scratch {
    DocumentDecoder::Scratch decoder;
  };
  DocumentDecoder decoder_;
};

}  // namespace tamis

#endif  // TAMIS_READERS_DECODE_STAGE_H_
