#include "langid/threshold_table.h"

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <sstream>

#include "langid/language_registry.h"

namespace tamis::langid {

Result<ThresholdTable> ThresholdTable::FromFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": " + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return Status::IoError(path + ": read failed");
  return Parse(text.str(), path);
}

Result<ThresholdTable> ThresholdTable::Parse(std::string_view text, std::string_view where) {
  const LanguageRegistry& registry = LanguageRegistry::Default();
  ThresholdTable table;
  size_t line_no = 0;
  while (!text.empty()) {
    size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
    ++line_no;
    if (size_t hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    std::istringstream fields{std::string(line)};
    std::string key, value, extra;
    if (!(fields >> key)) continue;  // Blank or comment-only line.
    auto error = [&](const std::string& what) {
      return Status::InvalidArgument(std::string(where) + ":" + std::to_string(line_no) + ": " +
                                     what);
    };
    if (!(fields >> value)) return error("expected 'label threshold'");
    if (fields >> extra) return error("unexpected '" + extra + "' after the threshold");
    double threshold = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), threshold);
    if (ec != std::errc() || end != value.data() + value.size() || !(threshold >= 0) ||
        threshold > 1) {
      return error("threshold '" + value + "' is not a number in [0, 1]");
    }
    if (key == "*") {
      table.wildcard_ = threshold;
      continue;
    }
    std::string_view code, script;
    SplitLabel(key, &code, &script);
    std::string iso = registry.ToIso639_3(code);
    if (iso.empty()) iso = std::string(code);  // A custom model's own code.
    if (script.empty()) {
      table.by_code_[iso] = threshold;
    } else {
      table.by_label_[iso + "_" + std::string(script)] = threshold;
    }
  }
  return table;
}

double ThresholdTable::For(std::string_view label) const {
  if (auto it = by_label_.find(label); it != by_label_.end()) return it->second;
  std::string_view code, script;
  SplitLabel(label, &code, &script);
  if (auto it = by_code_.find(code); it != by_code_.end()) return it->second;
  if (wildcard_) return *wildcard_;
  return LanguageRegistry::Default().DefaultThreshold(label);
}

}  // namespace tamis::langid
