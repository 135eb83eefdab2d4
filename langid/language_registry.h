// LanguageRegistry: what tamis knows about each language code and language-ID label.
//
// Covers every GlotLID v3 label (2,102 "xxx_Scrp" labels), every ISO 639-1 code, the ISO 639-3
// macrolanguages with their members, and lid.176's 176 labels. It answers: the ISO 639-3 code
// of a 639-1 or 639-3 code ("fr" -> "fra"), a language's English name, its macrolanguage
// ("cmn" -> "zho"), whether a detected code satisfies a wanted one (macrolanguage-aware:
// wanting "zho" accepts "cmn"), and FineWeb-2's default confidence threshold for a label.
//
// The data is compiled in (language_table.cc); nothing is read at run time. Default() is a
// process-wide immutable instance: thread-safe.
#ifndef TAMIS_LANGID_LANGUAGE_REGISTRY_H_
#define TAMIS_LANGID_LANGUAGE_REGISTRY_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "langid/language_table.h"

namespace tamis::langid {

// FineWeb-2 clamps its per-language language_score thresholds to [0.3, 0.9]; tamis applies
// the same bounds to the defaults it derives (never to a threshold a user sets explicitly).
inline constexpr double kThresholdFloor = 0.3;
inline constexpr double kThresholdCap = 0.9;

class LanguageRegistry {
 public:
  static const LanguageRegistry& Default();

  // The row for an ISO 639-3 code (or 639-1 code), nullptr when unknown.
  const LanguageRow* Find(std::string_view code) const;
  // ISO 639-3 for a 639-1 or 639-3 code, lower-cased; empty when unknown.
  std::string ToIso639_3(std::string_view code) const;
  // The macrolanguage of an individual language ("arz" -> "ara"), empty when none.
  std::string_view MacrolanguageOf(std::string_view code) const;
  bool IsMacrolanguage(std::string_view code) const;
  // Members of a macrolanguage ("nor" -> {"nno", "nob"}); empty for other codes.
  std::vector<std::string_view> MembersOf(std::string_view macrolanguage) const;

  // Whether a detected language satisfies a wanted one. Both may be ISO 639-1/639-3 codes
  // or labels with a script ("srp_Cyrl"); a wanted script must then match exactly. Codes
  // match when equal or when one is the macrolanguage of the other: wanting "zho" keeps
  // "cmn", and a model that can only say "zho" (lid.176) satisfies a wish for "cmn".
  bool Matches(std::string_view detected, std::string_view wanted) const;

  // Every label of GlotLID v3, in sorted order.
  const std::vector<std::string_view>& glotlid_labels() const { return glotlid_labels_; }
  // FineWeb-2's language_score threshold for a label, clamped to [floor, cap]. A label
  // FineWeb-2 has no config for falls back to the same language in another script, then to
  // the most permissive member of its macrolanguage in the same script, then to the floor.
  double DefaultThreshold(std::string_view label) const;
  // The raw FineWeb-2 value, or a negative number when FineWeb-2 has no config for it.
  double FinewebThreshold(std::string_view label) const;

  // The scripts a language is written in, most likely first: CLDR's likely script (through
  // ICU's likely-subtags data; Hans/Hant as GlotLID's "Hani", Kore as "Hang"), then the
  // scripts of the registry's labels for the code. Empty for a code neither knows.
  std::vector<std::string> ScriptsOf(std::string_view code) const;

  // The ISO 639-3 code behind a lid.176 label ("als" -> "gsw", "fr" -> "fra"); empty when
  // the label is not one of lid.176's.
  std::string_view Lid176Code(std::string_view label) const;

 private:
  LanguageRegistry();

  std::unordered_map<std::string_view, const LanguageRow*> by_code_;
  std::unordered_map<std::string_view, const LanguageRow*> by_part1_;
  std::unordered_map<std::string_view, std::vector<std::string_view>> members_;
  std::unordered_map<std::string_view, const LabelRow*> labels_;
  std::unordered_map<std::string_view, std::vector<const LabelRow*>> labels_by_code_;
  std::unordered_map<std::string_view, std::string_view> lid176_;
  std::vector<std::string_view> glotlid_labels_;
};

// Splits "fra_Latn" into code and script; script is empty when the label has none.
void SplitLabel(std::string_view label, std::string_view* code, std::string_view* script);

}  // namespace tamis::langid

#endif  // TAMIS_LANGID_LANGUAGE_REGISTRY_H_
