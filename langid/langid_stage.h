// The `langid` stage: annotates each document with its language and optionally filters.
//
// Writes metadata.language ("fra_Latn": ISO 639-3 + ISO 15924), metadata.language_score and
// metadata.top_languages ({"fra_Latn": 0.93, "oci_Latn": 0.04}: every label at or above
// `top_floor`, as FineWeb-2 keeps them). With `paragraphs: true` it also writes
// metadata.language_mix ({"deu_Latn": 0.7, "eng_Latn": 0.3}: share of paragraph bytes).
// Writers route output per language from metadata.language (`--split-by language`).
//
// Filters (each optional; a dropped document records rule and detail in its ledger):
//   languages: [fra, zho, srp_Cyrl]  keep only these (macrolanguage-aware: zho keeps cmn_Hani)
//                                    -> rule "language", detail the detected label
//   min_score: 0.5                   -> rule "min_score"
//   thresholds: true                 FineWeb-2's per-language thresholds (floor 0.3, cap 0.9)
//   thresholds_file: FILE            overrides (see threshold_table.h); implies thresholds
//                                    -> rule "language_threshold"
// Other options: model (default: $TAMIS_MODELS_DIR/lid.176.ftz, else models/lid.176.ftz),
// normalize (strip URLs, e-mails, digit tokens before predicting), max_bytes (sample bound),
// top_k, top_floor, top_languages (false: do not write them), paragraphs.
//
// Mode: parallel; the model is shared read-only, each worker has its own Scratch, which also
// counts languages and drops; Finish() adds the scratches up into the report.
#ifndef TAMIS_LANGID_LANGID_STAGE_H_
#define TAMIS_LANGID_LANGID_STAGE_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "langid/language_identifier.h"
#include "langid/threshold_table.h"
#include "pipeline/stage.h"

namespace tamis {

struct LangidStageOptions {
  langid::IdentifierOptions identifier;
  bool write_top_languages = true;
  bool paragraphs = false;
  std::vector<std::string> languages;
  double min_score = 0;
  bool thresholds = false;
  langid::ThresholdTable threshold_table;
};

class LangidStage final : public Stage {
 public:
  static Result<std::unique_ptr<LangidStage>> Create(LangidStageOptions options);

  std::string_view name() const override { return "langid"; }
  std::unique_ptr<Scratch> NewScratch() const override;
  Status Process(DocumentBatch& batch, Scratch* scratch) const override;
  Status Finish(Scratches scratches, StageReport& report) override;

  // Annotates (and judges) one document; Process() calls it for each kept document.
  Status ProcessDocument(Document& doc, langid::LanguageIdentifier::Scratch* scratch,
                         std::map<std::string, int64_t>* counts) const;

 private:
  explicit LangidStage(LangidStageOptions options) : options_(std::move(options)) {}

  LangidStageOptions options_;
  std::unique_ptr<langid::LanguageIdentifier> identifier_;
};

// The model a langid stage uses when none is named: lid.176.ftz, found by FindModel
// (pipeline/model_path.h) wherever the binary runs.
Result<std::string> DefaultLangidModelPath();

Result<std::unique_ptr<Stage>> CreateLangidStage(const Value& options);

}  // namespace tamis

#endif  // TAMIS_LANGID_LANGID_STAGE_H_
