#include "readers/html_hints.h"

#include <array>

namespace tamis {
namespace {

// How a listed word matches a word of a class or id.
enum class Match : uint8_t {
  kExact,     // Only the word itself: short words that end many others ("ad" in "thread").
  kCompound,  // Also as the end of a word ("docnav", "pagefooter") or followed by a suffix
              // below ("navbar", "comments", "sidebarwrap").
};

struct Word {
  std::string_view word;
  HtmlHint hint;
  Match match;
};

constexpr std::array kWords = {
    Word{"nav", kHintNav, Match::kCompound},
    Word{"navigation", kHintNav, Match::kCompound},
    Word{"menu", kHintNav, Match::kCompound},
    Word{"breadcrumb", kHintNav, Match::kCompound},
    Word{"toc", kHintNav, Match::kExact},
    Word{"pagination", kHintNav, Match::kCompound},
    Word{"pager", kHintNav, Match::kExact},
    Word{"skip", kHintNav, Match::kExact},
    Word{"comment", kHintComment, Match::kCompound},
    Word{"disqus", kHintComment, Match::kCompound},
    Word{"respond", kHintComment, Match::kExact},
    Word{"share", kHintShare, Match::kCompound},
    Word{"sharing", kHintShare, Match::kCompound},
    Word{"sharedaddy", kHintShare, Match::kExact},
    Word{"social", kHintShare, Match::kCompound},
    Word{"subscribe", kHintShare, Match::kCompound},
    Word{"subscription", kHintShare, Match::kCompound},
    Word{"newsletter", kHintShare, Match::kCompound},
    Word{"follow", kHintShare, Match::kExact},
    Word{"addthis", kHintShare, Match::kExact},
    Word{"related", kHintRelated, Match::kCompound},
    Word{"teaser", kHintRelated, Match::kCompound},
    Word{"recommended", kHintRelated, Match::kCompound},
    Word{"popular", kHintRelated, Match::kCompound},
    Word{"trending", kHintRelated, Match::kCompound},
    Word{"morestories", kHintRelated, Match::kCompound},
    Word{"mostread", kHintRelated, Match::kCompound},
    Word{"readmore", kHintRelated, Match::kCompound},
    Word{"outbrain", kHintRelated, Match::kCompound},
    Word{"taboola", kHintRelated, Match::kCompound},
    Word{"promo", kHintPromo, Match::kCompound},
    Word{"ad", kHintPromo, Match::kExact},
    Word{"ads", kHintPromo, Match::kExact},
    Word{"advert", kHintPromo, Match::kCompound},
    Word{"advertisement", kHintPromo, Match::kCompound},
    Word{"sponsor", kHintPromo, Match::kCompound},
    Word{"sponsored", kHintPromo, Match::kCompound},
    Word{"cookie", kHintCookie, Match::kCompound},
    Word{"consent", kHintCookie, Match::kCompound},
    Word{"gdpr", kHintCookie, Match::kCompound},
    Word{"ticker", kHintTicker, Match::kCompound},
    Word{"breaking", kHintTicker, Match::kExact},
    Word{"marquee", kHintTicker, Match::kExact},
    Word{"header", kHintChrome, Match::kCompound},
    Word{"footer", kHintFooter, Match::kCompound},
    Word{"sidebar", kHintChrome, Match::kCompound},
    Word{"masthead", kHintChrome, Match::kCompound},
    Word{"banner", kHintChrome, Match::kCompound},
    Word{"widget", kHintChrome, Match::kCompound},
    Word{"toolbar", kHintChrome, Match::kCompound},
    Word{"byline", kHintMeta, Match::kCompound},
    Word{"author", kHintMeta, Match::kExact},
    Word{"meta", kHintMeta, Match::kExact},
    Word{"dateline", kHintMeta, Match::kCompound},
    Word{"tags", kHintMeta, Match::kExact},
    Word{"categories", kHintMeta, Match::kExact},
    Word{"article", kHintPositive, Match::kExact},
    Word{"content", kHintPositive, Match::kCompound},
    Word{"entry", kHintPositive, Match::kExact},
    Word{"hentry", kHintPositive, Match::kExact},
    Word{"post", kHintPositive, Match::kExact},
    Word{"story", kHintPositive, Match::kExact},
    Word{"text", kHintPositive, Match::kExact},
    Word{"main", kHintPositive, Match::kExact},
    Word{"blog", kHintPositive, Match::kExact},
};

constexpr std::string_view kSuffixes[] = {
    "s",       "bar",    "links",   "list",  "wrap",     "wrapper", "container",
    "area",    "box",    "block",   "item",  "items",    "top",     "bottom",
    "consent", "notice", "section", "posts", "articles", "stories",
};

HtmlHints HintsOfWord(std::string_view w) {
  HtmlHints hints = kHintNone;
  for (const Word& k : kWords) {
    if (w.size() < k.word.size()) continue;
    // Equality and prefix matches share the first letter, suffix matches the last one: testing
    // those first skips the comparisons for nearly every listed word (this runs for every word
    // of every class and id on the page).
    const bool same_first = w.front() == k.word.front();
    if (k.match == Match::kExact) {
      if (same_first && w == k.word) hints |= k.hint;
      continue;
    }
    if (w.back() == k.word.back() && w.ends_with(k.word)) {
      hints |= k.hint;
      continue;
    }
    if (!same_first || !w.starts_with(k.word)) continue;
    const std::string_view rest = w.substr(k.word.size());
    for (std::string_view suffix : kSuffixes) {
      if (rest == suffix) {
        hints |= k.hint;
        break;
      }
    }
  }
  return hints;
}

bool IsLower(char c) {
  return c >= 'a' && c <= 'z';
}
bool IsUpper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

// Longer words are not names of anything listed; they are skipped rather than allocated.
constexpr size_t kMaxWord = 32;

// A word being collected into a fixed buffer.
class WordBuffer {
 public:
  void Push(char lower) {
    if (size_ < kMaxWord) buffer_[size_] = lower;
    ++size_;
  }
  bool empty() const { return size_ == 0; }
  char back() const { return size_ <= kMaxWord ? buffer_[size_ - 1] : 'a'; }
  // The hints of the word, then clears it.
  HtmlHints Take() {
    const HtmlHints hints =
        size_ > 0 && size_ <= kMaxWord ? HintsOfWord({buffer_.data(), size_}) : kHintNone;
    size_ = 0;
    return hints;
  }

 private:
  std::array<char, kMaxWord> buffer_{};
  size_t size_ = 0;
};

}  // namespace

HtmlHints HintsOfName(std::string_view value) {
  HtmlHints hints = kHintNone;
  WordBuffer word;
  WordBuffer token;
  bool token_has_break = false;  // The token spans more than one word.
  for (size_t i = 0; i <= value.size(); ++i) {
    const char c = i < value.size() ? value[i] : ' ';
    if (IsLower(c) || IsUpper(c)) {
      const char lower = IsUpper(c) ? static_cast<char>(c + 32) : c;
      if (IsUpper(c) && !word.empty() && IsLower(word.back())) {
        hints |= word.Take();
        token_has_break = true;
      }
      word.Push(lower);
      token.Push(lower);
      continue;
    }
    if (!word.empty()) {
      hints |= word.Take();
      token_has_break = true;
    }
    if (IsSpace(c)) {
      // A one-word token was looked up as a word already.
      if (token_has_break) hints |= token.Take();
      token.Take();
      token_has_break = false;
    }
  }
  return hints;
}

HtmlHints HintsOfRole(std::string_view role) {
  HtmlHints hints = kHintNone;
  size_t i = 0;
  while (i < role.size()) {
    while (i < role.size() && IsSpace(role[i])) ++i;
    const size_t start = i;
    while (i < role.size() && !IsSpace(role[i])) ++i;
    const std::string_view token = role.substr(start, i - start);
    if (token == "navigation" || token == "menu" || token == "menubar") hints |= kHintNav;
    if (token == "banner" || token == "contentinfo" || token == "complementary") {
      hints |= kHintChrome;
    }
    if (token == "main" || token == "article") hints |= kHintPositive;
  }
  return hints;
}

}  // namespace tamis
