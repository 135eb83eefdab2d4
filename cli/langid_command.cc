// tamis langid INPUT... -o OUT: writes every document with metadata.language (ISO 639-3 +
// script), language_score and top_languages; optionally keeps only some languages.
#include <iostream>

#include "cli/commands.h"
#include "cli/pipeline_execution.h"
#include "langid/langid_stage.h"

namespace tamis::cli {

int LangidCommand(const Args& args) {
  Flags flags("tamis langid",
              "Identifies the language of each document with a fastText model (default "
              "lid.176, 176 languages; GlotLID v3's model_v3.bin for 2,102 labels) and writes "
              "metadata.language (fra_Latn), metadata.language_score and "
              "metadata.top_languages.");
  CommonFlags common;
  common.Declare(flags);
  RunSpec spec;
  std::vector<std::string> inputs, languages;
  std::string model, thresholds_file;
  double min_score = 0;
  bool thresholds = false, normalize = false, paragraphs = false;
  flags.String("--model", "FILE",
               "fastText model (default: lid.176.ftz from $TAMIS_MODELS_DIR, "
               "<prefix>/share/tamis/models or the checkout's models/)",
               &model);
  flags.List("--language", "CODE",
             "keep only this language (repeatable; ISO 639-1/639-3, optionally _Script; "
             "a macrolanguage keeps its members)",
             &languages);
  flags.Double("--min-score", "P", "drop documents whose best score is below P", &min_score);
  flags.Bool("--thresholds", "drop below FineWeb-2's per-language thresholds", &thresholds);
  flags.String("--thresholds-file", "FILE",
               "per-language threshold overrides ('fra_Latn 0.8' lines); implies --thresholds",
               &thresholds_file);
  flags.Bool("--normalize", "ignore URLs, e-mails and digit-only tokens when predicting",
             &normalize);
  flags.Bool("--paragraphs", "also record the paragraph language mix (metadata.language_mix)",
             &paragraphs);
  flags.String("--split-by", "KEY",
               "one output sub-directory per value of metadata KEY "
               "(e.g. language)",
               &spec.split_by);
  flags.Positional("INPUT", "JSONL, WARC/WET files, directories or glob patterns", &inputs, 1);
  flags.Epilogue(
      "examples:\n"
      "  tamis langid crawl/*.jsonl.zst -o out/ --threads 8\n"
      "  tamis langid docs.jsonl -o fr/ --language fra --thresholds --rejects rejected/\n"
      "  tamis langid docs.jsonl -o by-lang/ --model model_v3.bin --split-by language\n");
  if (int code; !flags.Parse(args, &code)) return code;
  if (!common.Resolve()) return 2;

  Value options = Value::EmptyObject();
  if (!model.empty()) options.Set("model", model);
  if (!languages.empty()) {
    Value::Array list;
    for (const std::string& l : languages) list.push_back(Value(l));
    options.Set("languages", Value(std::move(list)));
  }
  if (min_score > 0) options.Set("min_score", min_score);
  if (thresholds) options.Set("thresholds", true);
  if (!thresholds_file.empty()) options.Set("thresholds_file", thresholds_file);
  if (normalize) options.Set("normalize", true);
  if (paragraphs) options.Set("paragraphs", true);
  spec.inputs = inputs;
  ApplyCommonFlags(common, &spec);
  return ExecutePipeline("langid",
                         {.run = spec, .stages = {{"langid", std::move(options)}}, .mix = {}}, {},
                         common.quiet);
}

}  // namespace tamis::cli
