#include "filters/quality/c4_filter.h"

#include <cctype>

#include "filters/quality/terminal_punctuation.h"

namespace tamis::quality {
namespace {

constexpr std::string_view kPolicyPhrases[] = {
    "terms of use", "privacy policy", "cookie policy",
    "uses cookies", "use of cookies", "use cookies",
};

bool HasTooLongWord(std::string_view line, int64_t max_chars) {
  size_t start = 0;
  while (start < line.size()) {
    size_t end = start;
    while (end < line.size() && !std::isspace(static_cast<unsigned char>(line[end]))) ++end;
    // Bytes bound code points from above: only long tokens need counting.
    if (end - start > static_cast<size_t>(max_chars) &&
        CodePoints(line.substr(start, end - start)) > static_cast<size_t>(max_chars)) {
      return true;
    }
    start = end + 1;
  }
  return false;
}

// The length of a citation mark at the start of `s`, 0 when none: \[\d*\], [edit],
// [citation needed] (datatrove's CITATION_REGEX).
size_t CitationLength(std::string_view s) {
  if (s.starts_with("[edit]")) return 6;
  if (s.starts_with("[citation needed]")) return 17;
  size_t i = 1;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
  return i < s.size() && s[i] == ']' ? i + 1 : 0;
}

// How many ICU words of `words` (in document order) lie inside `line`; `next` is the index of
// the first word not yet assigned to a line, advanced past this line's words.
int64_t WordsInLine(std::string_view line, const std::vector<Word>& words, size_t* next) {
  const char* begin = line.data();
  const char* end = line.data() + line.size();
  while (*next < words.size() && words[*next].text.data() < begin) ++*next;
  int64_t n = 0;
  while (*next < words.size() && words[*next].text.data() < end) {
    ++n;
    ++*next;
  }
  return n;
}

}  // namespace

void RemoveCitations(std::string_view line, std::string* out) {
  out->clear();
  for (size_t i = 0; i < line.size();) {
    size_t skip = line[i] == '[' ? CitationLength(line.substr(i)) : 0;
    if (skip) {
      i += skip;
    } else {
      out->push_back(line[i++]);
    }
  }
}

Result<C4Options> C4Options::Read(Options& opts, C4Options d) {
  C4Options o;
  o.remove_citations = opts.Bool("remove_citations", d.remove_citations);
  o.filter_no_terminal_punct = opts.Bool("filter_no_terminal_punct", d.filter_no_terminal_punct);
  o.min_num_sentences = opts.Int("min_num_sentences", d.min_num_sentences);
  o.min_words_per_line = opts.Int("min_words_per_line", d.min_words_per_line);
  o.max_word_length = opts.Int("max_word_length", d.max_word_length);
  o.filter_lorem_ipsum = opts.Bool("filter_lorem_ipsum", d.filter_lorem_ipsum);
  o.filter_javascript = opts.Bool("filter_javascript", d.filter_javascript);
  o.filter_curly_bracket = opts.Bool("filter_curly_bracket", d.filter_curly_bracket);
  o.filter_policy = opts.Bool("filter_policy", d.filter_policy);
  if (o.min_num_sentences < 0 || o.min_words_per_line < 0 || o.max_word_length < 0) {
    return Status::InvalidArgument("c4_quality: limits must be >= 0 (0 turns a rule off)");
  }
  return o;
}

Judgement C4Filter::Judge(TextAnalysis& text, const LanguageProfile&,
                          FilterScratch* scratch) const {
  const std::vector<std::string_view>& lines = text.lines();
  const std::vector<Word>& words = text.words();
  std::string& kept = scratch->rewritten;
  kept.clear();
  std::string cleaned;
  int64_t sentences = 0;
  size_t next_word = 0;
  double removed = 0;  // Lines with text in them: blank lines go silently, as in datatrove.
  auto remove = [&](std::string_view rule) {
    auto it = scratch->line_counts.find(rule);
    if (it == scratch->line_counts.end()) it = scratch->line_counts.emplace(rule, 0).first;
    ++it->second;
    ++removed;
  };
  for (std::string_view raw : lines) {
    std::string_view line = StripSpace(raw);
    int64_t n_words = WordsInLine(raw, words, &next_word);
    if (line.empty()) continue;
    if (options_.max_word_length && HasTooLongWord(line, options_.max_word_length)) {
      remove("c4_line_too_long_word");
      continue;
    }
    if (options_.remove_citations && line.find('[') != std::string_view::npos) {
      RemoveCitations(line, &cleaned);
      line = cleaned;
    }
    if (options_.filter_no_terminal_punct &&
        (!EndsWithTerminalPunctuation(line) || line.ends_with("..."))) {
      remove("c4_line_no_terminal_punct");
      continue;
    }
    if (n_words < options_.min_words_per_line) {
      remove("c4_line_too_few_words");
      continue;
    }
    // One lower-cased copy serves every phrase test (ASCII: the phrases are English).
    std::string& lower = scratch->lowered;
    lower.assign(line);
    for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c | 0x20) : c;
    if (options_.filter_lorem_ipsum && lower.find("lorem ipsum") != std::string::npos) {
      return Judgement::Drop("c4_lorem_ipsum", 1, 0);
    }
    if (options_.filter_javascript && lower.find("javascript") != std::string::npos) {
      remove("c4_line_javascript");
      continue;
    }
    if (options_.filter_curly_bracket && line.find('{') != std::string_view::npos) {
      return Judgement::Drop("c4_curly_bracket", 1, 0);
    }
    if (options_.filter_policy) {
      bool policy = false;
      for (std::string_view phrase : kPolicyPhrases) {
        policy |= lower.find(phrase) != std::string::npos;
      }
      if (policy) {
        remove("c4_line_policy");
        continue;
      }
    }
    if (sentences < options_.min_num_sentences) {
      sentences += TextSegmenter::CountSentences(line, options_.min_num_sentences - sentences,
                                                 text.segmenter());
    }
    if (!kept.empty()) kept.push_back('\n');
    kept.append(line);
  }
  if (sentences < options_.min_num_sentences) {
    return Judgement::Drop("c4_too_few_sentences", static_cast<double>(sentences),
                           static_cast<double>(options_.min_num_sentences));
  }
  if (kept == text.text()) return Judgement::Keep();
  // `value`: the lines removed; 0 when only blank lines, spaces or citations went, which the
  // stage applies without a ledger note.
  return {JudgementKind::kRewrite, "c4_lines_removed", removed, 0};
}

}  // namespace tamis::quality
