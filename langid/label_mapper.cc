#include "langid/label_mapper.h"

#include <cctype>

#include "langid/language_registry.h"

namespace tamis::langid {

MappedLabel MapModelLabel(std::string_view raw_label) {
  if (raw_label.substr(0, kFastTextLabelPrefix.size()) == kFastTextLabelPrefix) {
    raw_label.remove_prefix(kFastTextLabelPrefix.size());
  }
  const LanguageRegistry& registry = LanguageRegistry::Default();
  std::string_view code, script;
  SplitLabel(raw_label, &code, &script);
  MappedLabel mapped;
  mapped.script = std::string(script);
  if (!script.empty()) {
    // GlotLID and OpenLID already speak ISO 639-3: keep their code even where iso-codes
    // does not list it (retired "eml", GlotLID's own "zxx"/"und").
    mapped.code = std::string(code);
    return mapped;
  }
  if (std::string_view lid = registry.Lid176Code(code); !lid.empty()) {
    mapped.code = std::string(lid);
  } else if (std::string iso = registry.ToIso639_3(code); !iso.empty()) {
    mapped.code = std::move(iso);
  } else {
    mapped.code = std::string(code);
    for (char& c : mapped.code) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return mapped;
}

std::string LanguageLabel(const MappedLabel& mapped, std::string_view script) {
  std::string label = mapped.code;
  label += '_';
  label += mapped.script.empty() ? script : std::string_view(mapped.script);
  return label;
}

}  // namespace tamis::langid
