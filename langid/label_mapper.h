// LabelMapper: turns a model's raw labels into tamis language labels "xxx_Scrp" (ISO 639-3
// code + ISO 15924 script).
//
//   GlotLID / OpenLID "__label__fra_Latn" -> code "fra", script "Latn" (passed through).
//   lid.176 "__label__fr"                 -> code "fra" (ISO 639-1 via iso-codes), no script.
//   lid.176 "__label__als"                -> code "gsw": lid.176 uses Wikipedia codes, and
//                                            Alemannic Wikipedia is "als" (ISO: Tosk Albanian).
//   anything else ("__label__xyz")        -> passed through lower-cased, no script.
// A label without a script gets the text's dominant script at prediction time.
// Pure functions over the immutable registry: thread-safe.
#ifndef TAMIS_LANGID_LABEL_MAPPER_H_
#define TAMIS_LANGID_LABEL_MAPPER_H_

#include <string>
#include <string_view>

namespace tamis::langid {

struct MappedLabel {
  std::string code;    // ISO 639-3 where known.
  std::string script;  // ISO 15924, empty when the model's label has none.
};

// fastText's label prefix, stripped before mapping.
inline constexpr std::string_view kFastTextLabelPrefix = "__label__";

MappedLabel MapModelLabel(std::string_view raw_label);

// "code_Script"; `script` fills in when the mapped label has none.
std::string LanguageLabel(const MappedLabel& mapped, std::string_view script);

}  // namespace tamis::langid

#endif  // TAMIS_LANGID_LABEL_MAPPER_H_
