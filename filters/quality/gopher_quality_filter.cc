#include "filters/quality/gopher_quality_filter.h"

namespace tamis::quality {
namespace {

// Non-overlapping occurrences, as Python's str.count.
size_t CountOf(std::string_view text, std::string_view needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string_view::npos;
       at = text.find(needle, at + needle.size())) {
    ++n;
  }
  return n;
}

bool EndsWithEllipsis(std::string_view line) {
  line = StripTrailingSpace(line);
  return line.ends_with("...") || line.ends_with("\xE2\x80\xA6");  // U+2026
}

bool StartsWithBullet(std::string_view line) {
  line = StripLeadingSpace(line);
  return line.starts_with("\xE2\x80\xA2") || line.starts_with('-');  // U+2022, hyphen
}

}  // namespace

Result<GopherQualityOptions> GopherQualityOptions::Read(Options& opts) {
  GopherQualityOptions o;
  o.min_doc_words = opts.Int("min_doc_words", o.min_doc_words);
  o.max_doc_words = opts.Int("max_doc_words", o.max_doc_words);
  o.max_symbol_word_ratio = opts.Number("max_symbol_word_ratio", o.max_symbol_word_ratio);
  o.max_bullet_lines_ratio = opts.Number("max_bullet_lines_ratio", o.max_bullet_lines_ratio);
  o.max_ellipsis_lines_ratio = opts.Number("max_ellipsis_lines_ratio", o.max_ellipsis_lines_ratio);
  o.min_stop_words = opts.Int("min_stop_words", o.min_stop_words);
  if (o.min_doc_words < 0 || o.max_doc_words < 0 || o.min_stop_words < 0 ||
      o.max_symbol_word_ratio < 0 || o.max_bullet_lines_ratio < 0 ||
      o.max_ellipsis_lines_ratio < 0) {
    return Status::InvalidArgument("gopher_quality: limits must be >= 0 (0 turns a rule off)");
  }
  return o;
}

Judgement GopherQualityFilter::Judge(TextAnalysis& text, const LanguageProfile& profile,
                                     FilterScratch*) const {
  const std::vector<Word>& words = text.words();
  const double n_words = static_cast<double>(words.size());
  if (options_.min_doc_words && n_words < options_.min_doc_words) {
    return Judgement::Drop("gopher_short_doc", n_words, options_.min_doc_words);
  }
  if (options_.max_doc_words && n_words > options_.max_doc_words) {
    return Judgement::Drop("gopher_long_doc", n_words, options_.max_doc_words);
  }
  if (words.empty()) return Judgement::Keep();  // Only reachable with min_doc_words: 0.

  double total_chars = 0, alpha_words = 0, stop_words = 0;
  for (const Word& w : words) {
    total_chars += w.chars;
    alpha_words += w.has_letter;
    stop_words += profile.stopwords.contains(w.text);
  }
  const double mean_length = total_chars / n_words;
  if (profile.min_avg_word_length && mean_length < profile.min_avg_word_length) {
    return Judgement::Drop("gopher_below_avg_threshold", mean_length, profile.min_avg_word_length);
  }
  if (profile.max_avg_word_length && mean_length > profile.max_avg_word_length) {
    return Judgement::Drop("gopher_above_avg_threshold", mean_length, profile.max_avg_word_length);
  }

  if (options_.max_symbol_word_ratio) {
    double hashes = CountOf(text.text(), "#") / n_words;
    if (hashes > options_.max_symbol_word_ratio) {
      return Judgement::Drop("gopher_too_many_hashes", hashes, options_.max_symbol_word_ratio);
    }
    double ellipses =
        (CountOf(text.text(), "...") + CountOf(text.text(), "\xE2\x80\xA6")) / n_words;
    if (ellipses > options_.max_symbol_word_ratio) {
      return Judgement::Drop("gopher_too_many_ellipsis", ellipses, options_.max_symbol_word_ratio);
    }
  }

  const std::vector<std::string_view>& lines = text.lines();
  double bullets = 0, end_ellipses = 0;
  for (std::string_view line : lines) {
    bullets += StartsWithBullet(line);
    end_ellipses += EndsWithEllipsis(line);
  }
  const double n_lines = static_cast<double>(lines.size());
  if (options_.max_bullet_lines_ratio && bullets / n_lines > options_.max_bullet_lines_ratio) {
    return Judgement::Drop("gopher_too_many_bullets", bullets / n_lines,
                           options_.max_bullet_lines_ratio);
  }
  if (options_.max_ellipsis_lines_ratio &&
      end_ellipses / n_lines > options_.max_ellipsis_lines_ratio) {
    return Judgement::Drop("gopher_too_many_end_ellipsis", end_ellipses / n_lines,
                           options_.max_ellipsis_lines_ratio);
  }

  if (profile.max_non_alpha_words_ratio &&
      alpha_words / n_words < profile.max_non_alpha_words_ratio) {
    return Judgement::Drop("gopher_below_alpha_threshold", alpha_words / n_words,
                           profile.max_non_alpha_words_ratio);
  }
  if (options_.min_stop_words && !profile.stopwords.empty() &&
      stop_words < options_.min_stop_words) {
    return Judgement::Drop("gopher_too_few_stop_words", stop_words, options_.min_stop_words);
  }
  return Judgement::Keep();
}

}  // namespace tamis::quality
