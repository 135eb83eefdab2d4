#include "langid/language_registry.h"

#include <unicode/uloc.h>

#include <algorithm>
#include <cctype>

namespace tamis::langid {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// ISO 15924 codes are four letters, capitalised: "Latn".
bool LooksLikeScript(std::string_view s) {
  if (s.size() != 4 || !std::isupper(static_cast<unsigned char>(s[0]))) return false;
  return std::all_of(s.begin() + 1, s.end(),
                     [](char c) { return std::islower(static_cast<unsigned char>(c)); });
}

}  // namespace

void SplitLabel(std::string_view label, std::string_view* code, std::string_view* script) {
  size_t sep = label.rfind('_');
  if (sep != std::string_view::npos && LooksLikeScript(label.substr(sep + 1))) {
    *code = label.substr(0, sep);
    *script = label.substr(sep + 1);
  } else {
    *code = label;
    *script = {};
  }
}

const LanguageRegistry& LanguageRegistry::Default() {
  static const LanguageRegistry* registry = new LanguageRegistry();
  return *registry;
}

LanguageRegistry::LanguageRegistry() {
  for (size_t i = 0; i < kLanguageRowCount; ++i) {
    const LanguageRow& row = kLanguageRows[i];
    by_code_.emplace(row.code, &row);
    if (*row.part1) by_part1_.emplace(row.part1, &row);
    if (*row.macrolanguage) members_[row.macrolanguage].push_back(row.code);
  }
  for (size_t i = 0; i < kLabelRowCount; ++i) {
    const LabelRow& row = kLabelRows[i];
    labels_.emplace(row.label, &row);
    std::string_view code, script;
    SplitLabel(row.label, &code, &script);
    labels_by_code_[code].push_back(&row);
    if (row.glotlid) glotlid_labels_.push_back(row.label);
  }
  for (size_t i = 0; i < kLid176RowCount; ++i)
    lid176_.emplace(kLid176Rows[i].label, kLid176Rows[i].code);
}

const LanguageRow* LanguageRegistry::Find(std::string_view code) const {
  std::string lower = Lower(code);
  if (auto it = by_code_.find(lower); it != by_code_.end()) return it->second;
  if (auto it = by_part1_.find(lower); it != by_part1_.end()) return it->second;
  return nullptr;
}

std::string LanguageRegistry::ToIso639_3(std::string_view code) const {
  const LanguageRow* row = Find(code);
  return row ? std::string(row->code) : std::string();
}

std::string_view LanguageRegistry::MacrolanguageOf(std::string_view code) const {
  const LanguageRow* row = Find(code);
  return row ? std::string_view(row->macrolanguage) : std::string_view();
}

bool LanguageRegistry::IsMacrolanguage(std::string_view code) const {
  const LanguageRow* row = Find(code);
  return row && row->scope == 'M';
}

std::vector<std::string_view> LanguageRegistry::MembersOf(std::string_view macrolanguage) const {
  const LanguageRow* row = Find(macrolanguage);
  if (!row) return {};
  auto it = members_.find(row->code);
  return it == members_.end() ? std::vector<std::string_view>() : it->second;
}

bool LanguageRegistry::Matches(std::string_view detected, std::string_view wanted) const {
  std::string_view d_code, d_script, w_code, w_script;
  SplitLabel(detected, &d_code, &d_script);
  SplitLabel(wanted, &w_code, &w_script);
  if (!w_script.empty() && w_script != d_script) return false;
  // Unknown codes (a custom model's labels) still match themselves.
  std::string d = ToIso639_3(d_code), w = ToIso639_3(w_code);
  if (d.empty()) d = Lower(d_code);
  if (w.empty()) w = Lower(w_code);
  if (d == w) return true;
  return MacrolanguageOf(d) == w || MacrolanguageOf(w) == d;
}

double LanguageRegistry::FinewebThreshold(std::string_view label) const {
  auto it = labels_.find(label);
  return it == labels_.end() ? -1.0 : it->second->fineweb_threshold;
}

double LanguageRegistry::DefaultThreshold(std::string_view label) const {
  auto clamp = [](double t) { return std::clamp(t, kThresholdFloor, kThresholdCap); };
  if (double t = FinewebThreshold(label); t >= 0) return clamp(t);
  std::string_view code, script;
  SplitLabel(label, &code, &script);
  std::string iso = ToIso639_3(code);
  if (iso.empty()) return kThresholdFloor;
  // Same language, another script: the language's own difficulty is the best evidence.
  if (auto it = labels_by_code_.find(iso); it != labels_by_code_.end()) {
    for (const LabelRow* row : it->second) {
      if (row->fineweb_threshold >= 0) return clamp(row->fineweb_threshold);
    }
  }
  // A macrolanguage prediction (lid.176 "ar" -> ara) aggregates its members: be as
  // permissive as the most permissive member written in the same script.
  double best = -1;
  for (std::string_view member : MembersOf(iso)) {
    auto it = labels_by_code_.find(member);
    if (it == labels_by_code_.end()) continue;
    for (const LabelRow* row : it->second) {
      std::string_view m_code, m_script;
      SplitLabel(row->label, &m_code, &m_script);
      if (row->fineweb_threshold < 0 || (!script.empty() && m_script != script)) continue;
      if (best < 0 || row->fineweb_threshold < best) best = row->fineweb_threshold;
    }
  }
  return best >= 0 ? clamp(best) : kThresholdFloor;
}

std::vector<std::string> LanguageRegistry::ScriptsOf(std::string_view code) const {
  std::vector<std::string> scripts;
  auto add = [&scripts](std::string_view script) {
    // GlotLID writes Chinese as Hani and Korean as Hang; CLDR says Hans/Hant and Kore.
    if (script == "Hans" || script == "Hant") script = "Hani";
    if (script == "Kore") script = "Hang";
    if (!script.empty() && std::find(scripts.begin(), scripts.end(), script) == scripts.end()) {
      scripts.emplace_back(script);
    }
  };
  const std::string iso = ToIso639_3(code);
  const std::string& lookup = iso.empty() ? Lower(code) : iso;
  // ULOC_FULLNAME_CAPACITY bounds any locale ID ICU produces.
  char likely[ULOC_FULLNAME_CAPACITY];
  char script[ULOC_SCRIPT_CAPACITY];
  UErrorCode status = U_ZERO_ERROR;
  uloc_addLikelySubtags(lookup.c_str(), likely, sizeof(likely), &status);
  if (U_SUCCESS(status) && status != U_STRING_NOT_TERMINATED_WARNING) {
    uloc_getScript(likely, script, sizeof(script), &status);
    if (U_SUCCESS(status) && status != U_STRING_NOT_TERMINATED_WARNING) add(script);
  }
  if (auto it = labels_by_code_.find(lookup); it != labels_by_code_.end()) {
    for (const LabelRow* row : it->second) {
      std::string_view row_code, row_script;
      SplitLabel(row->label, &row_code, &row_script);
      add(row_script);
    }
  }
  return scripts;
}

std::string_view LanguageRegistry::Lid176Code(std::string_view label) const {
  auto it = lid176_.find(label);
  return it == lid176_.end() ? std::string_view() : it->second;
}

}  // namespace tamis::langid
