// ThresholdTable: the confidence a language-ID score must reach, per language label.
//
// Defaults come from FineWeb-2's per-language configs (LanguageRegistry::DefaultThreshold,
// clamped to [0.3, 0.9]). A user file overrides them, one entry per line:
//
//   # label-or-code  threshold
//   fra_Latn  0.80     # exactly this label
//   srp       0.60     # this language in any script (ISO 639-1 or 639-3)
//   *         0.50     # every label without a more specific entry (instead of the defaults)
//
// Exact label beats code, code beats '*', '*' beats the FineWeb-2 default. User values must
// lie in [0, 1] and are used as written (no floor or cap). Immutable after loading:
// thread-safe for concurrent For() calls.
#ifndef TAMIS_LANGID_THRESHOLD_TABLE_H_
#define TAMIS_LANGID_THRESHOLD_TABLE_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "pipeline/status.h"

namespace tamis::langid {

class ThresholdTable {
 public:
  ThresholdTable() = default;  // FineWeb-2 defaults only.

  // Reads overrides from `path`; errors name the file and line.
  static Result<ThresholdTable> FromFile(const std::string& path);
  // Parses overrides from text; `where` names the source in errors.
  static Result<ThresholdTable> Parse(std::string_view text, std::string_view where);

  // The threshold for a label such as "fra_Latn" (or a bare code such as "fra").
  double For(std::string_view label) const;

 private:
  std::map<std::string, double, std::less<>> by_label_;
  std::map<std::string, double, std::less<>> by_code_;  // Keyed by ISO 639-3.
  std::optional<double> wildcard_;
};

}  // namespace tamis::langid

#endif  // TAMIS_LANGID_THRESHOLD_TABLE_H_
