// The built-in language profiles: the YAML text of each filters/quality/data/languages/*.yml,
// compiled into the binary by filters/CMakeLists.txt (a generated .cc), so that a run never
// depends on where the source tree is. Immutable; safe from any thread.
#ifndef TAMIS_FILTERS_QUALITY_EMBEDDED_PROFILES_H_
#define TAMIS_FILTERS_QUALITY_EMBEDDED_PROFILES_H_

#include <span>
#include <string_view>

namespace tamis::quality {

struct EmbeddedProfile {
  std::string_view label;  // The file's stem: "fra_Latn".
  std::string_view yaml;
};

std::span<const EmbeddedProfile> EmbeddedProfiles();

}  // namespace tamis::quality

#endif  // TAMIS_FILTERS_QUALITY_EMBEDDED_PROFILES_H_
