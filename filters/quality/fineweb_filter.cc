#include "filters/quality/fineweb_filter.h"

#include <algorithm>

#include "filters/quality/gopher_repetition_filter.h"
#include "filters/quality/terminal_punctuation.h"

namespace tamis::quality {

Result<FinewebOptions> FinewebOptions::Read(Options& opts) {
  FinewebOptions o;
  o.line_punct_exclude_zero = opts.Bool("line_punct_exclude_zero", o.line_punct_exclude_zero);
  o.short_line_thr = opts.Number("short_line_thr", o.short_line_thr);
  o.short_line_length = opts.Int("short_line_length", o.short_line_length);
  o.char_duplicates_ratio = opts.Number("char_duplicates_ratio", o.char_duplicates_ratio);
  if (o.short_line_thr < 0 || o.short_line_length < 0 || o.char_duplicates_ratio < 0) {
    return Status::InvalidArgument("fineweb_quality: limits must be >= 0 (0 turns a rule off)");
  }
  return o;
}

Judgement FinewebFilter::Judge(TextAnalysis& text, const LanguageProfile& profile,
                               FilterScratch* scratch) const {
  const std::vector<std::string_view>& lines = text.lines();
  const double n_lines = static_cast<double>(lines.size());
  double punct = 0, short_lines = 0;
  for (std::string_view line : lines) {
    punct += EndsWithTerminalPunctuation(line);
    short_lines += CodePoints(line) <= static_cast<size_t>(options_.short_line_length);
  }
  double ratio = punct / n_lines;
  if (ratio <= profile.line_punct_thr && !(ratio == 0 && options_.line_punct_exclude_zero)) {
    return Judgement::Drop("fineweb_line_punct_ratio", ratio, profile.line_punct_thr);
  }
  ratio = short_lines / n_lines;
  if (options_.short_line_thr && ratio >= options_.short_line_thr) {
    return Judgement::Drop("fineweb_short_line_ratio", ratio, options_.short_line_thr);
  }

  if (options_.char_duplicates_ratio) {
    std::vector<std::string_view>& non_empty = scratch->items;
    non_empty.clear();
    for (std::string_view line : lines) {
      if (!StripSpace(line).empty()) non_empty.push_back(line);
    }
    const double dup_chars = FindDuplicates(non_empty, scratch).chars;
    double chars = static_cast<double>(text.chars()) -
                   static_cast<double>(std::count(text.text().begin(), text.text().end(), '\n'));
    ratio = chars > 0 ? dup_chars / chars : 0;
    if (ratio >= options_.char_duplicates_ratio) {
      return Judgement::Drop("fineweb_char_dup_ratio", ratio, options_.char_duplicates_ratio);
    }
  }

  const double newlines = static_cast<double>(lines.size() - 1);
  const double words = static_cast<double>(text.words().size());
  ratio = words > 0 ? newlines / words : (newlines > 0 ? newlines : 0);
  if (profile.new_line_ratio && ratio > profile.new_line_ratio) {
    return Judgement::Drop("fineweb_list_ratio", ratio, profile.new_line_ratio);
  }
  return Judgement::Keep();
}

}  // namespace tamis::quality
