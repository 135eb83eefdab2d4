#include "langid/language_identifier.h"

#include <algorithm>

#include <optional>

#include "langid/language_registry.h"
#include "langid/script_detector.h"

namespace tamis::langid {

LanguageIdentifier::~LanguageIdentifier() = default;

Result<std::unique_ptr<LanguageIdentifier>> LanguageIdentifier::Create(
    const IdentifierOptions& options) {
  if (options.top_floor < 0 || options.top_floor > 1) {
    return Status::InvalidArgument("top-language floor must lie in [0, 1]");
  }
  auto identifier = std::unique_ptr<LanguageIdentifier>(new LanguageIdentifier(options));
  TAMIS_ASSIGN_OR_RETURN(identifier->model_, FastTextModel::Load(options.model_path));
  const LanguageRegistry& registry = LanguageRegistry::Default();
  for (const std::string& raw : identifier->model_->labels()) {
    identifier->mapped_.push_back(MapModelLabel(raw));
    const MappedLabel& mapped = identifier->mapped_.back();
    identifier->label_scripts_.push_back(mapped.script.empty() ? registry.ScriptsOf(mapped.code)
                                                               : std::vector<std::string>());
    if (mapped.script.empty()) identifier->any_label_without_script_ = true;
  }
  return identifier;
}

std::unique_ptr<LanguageIdentifier::Scratch> LanguageIdentifier::NewScratch() const {
  auto scratch = std::make_unique<Scratch>();
  scratch->model = model_->NewScratch();
  return scratch;
}

Result<Identification> LanguageIdentifier::Identify(std::string_view text, Scratch* scratch) const {
  Identification result;
  PrepareText(text, options_.prepare, &scratch->prepared);
  if (scratch->prepared.find_first_not_of(" \t\v\f") == std::string::npos) {
    result.language = std::string(kUndeterminedLabel);
    return result;
  }
  TAMIS_RETURN_IF_ERROR(model_->Predict(scratch->prepared, options_.top_k, options_.top_floor,
                                        scratch->model.get(), &scratch->predictions));
  // The script of the text is needed only for labels that carry none (lid.176).
  std::optional<ScriptCounts> scripts;
  if (any_label_without_script_) scripts.emplace(scratch->prepared);
  auto label_of = [&](int32_t index) {
    const MappedLabel& mapped = mapped_[index];
    if (!mapped.script.empty()) return LanguageLabel(mapped, mapped.script);
    return LanguageLabel(mapped, scripts->DominantAmong(label_scripts_[index]));
  };
  for (const LabelProbability& p : scratch->predictions) {
    std::string label = label_of(p.label);
    auto same = std::find_if(result.top.begin(), result.top.end(),
                             [&](const LanguageScore& s) { return s.label == label; });
    if (same != result.top.end()) {
      same->score += p.probability;
    } else {
      result.top.push_back({std::move(label), p.probability});
    }
  }
  // Summing can reorder; keep ties in model order for determinism.
  std::stable_sort(
      result.top.begin(), result.top.end(),
      [](const LanguageScore& a, const LanguageScore& b) { return a.score > b.score; });
  if (result.top.empty()) {
    // Nothing reached the floor (a very flat distribution): report the single best label.
    TAMIS_RETURN_IF_ERROR(
        model_->Predict(scratch->prepared, 1, 0.0, scratch->model.get(), &scratch->predictions));
    if (scratch->predictions.empty()) {
      result.language = std::string(kUndeterminedLabel);
      return result;
    }
    result.language = label_of(scratch->predictions[0].label);
    result.score = scratch->predictions[0].probability;
    return result;
  }
  result.language = result.top.front().label;
  result.score = result.top.front().score;
  return result;
}

std::vector<std::string_view> SplitParagraphs(std::string_view text) {
  std::vector<std::string_view> out;
  const bool blank_lines =
      text.find("\n\n") != std::string_view::npos || text.find("\n\r\n") != std::string_view::npos;
  size_t start = 0;
  while (start < text.size()) {
    size_t end;
    if (blank_lines) {
      // A paragraph ends at a line that is empty or holds only whitespace.
      end = start;
      while (true) {
        size_t eol = text.find('\n', end);
        if (eol == std::string_view::npos) {
          end = text.size();
          break;
        }
        size_t next = eol + 1;
        size_t probe = next;
        while (probe < text.size() &&
               (text[probe] == ' ' || text[probe] == '\t' || text[probe] == '\r')) {
          ++probe;
        }
        if (probe >= text.size() || text[probe] == '\n') {
          end = eol;
          break;
        }
        end = next;
      }
    } else {
      end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
    }
    std::string_view para = text.substr(start, end - start);
    size_t first = para.find_first_not_of(" \t\r\n");
    if (first != std::string_view::npos) {
      size_t last = para.find_last_not_of(" \t\r\n");
      out.push_back(para.substr(first, last - first + 1));
    }
    start = end + 1;
  }
  return out;
}

Result<std::vector<ParagraphShare>> LanguageIdentifier::IdentifyParagraphs(std::string_view text,
                                                                           Scratch* scratch) const {
  std::vector<ParagraphShare> mix;
  double total = 0;
  for (std::string_view para : SplitParagraphs(text)) {
    if (para.size() < kMinParagraphBytes) continue;
    TAMIS_ASSIGN_OR_RETURN(Identification id, Identify(para, scratch));
    if (id.language == kUndeterminedLabel) continue;
    auto it = std::find_if(mix.begin(), mix.end(),
                           [&](const ParagraphShare& s) { return s.label == id.language; });
    if (it == mix.end()) {
      mix.push_back({id.language, 0.0, 0});
      it = mix.end() - 1;
    }
    it->share += static_cast<double>(para.size());
    it->paragraphs += 1;
    total += static_cast<double>(para.size());
  }
  for (ParagraphShare& s : mix) s.share /= total;
  std::stable_sort(mix.begin(), mix.end(), [](const ParagraphShare& a, const ParagraphShare& b) {
    return a.share > b.share;
  });
  return mix;
}

}  // namespace tamis::langid
