#include "readers/html_main_content.h"

#include <algorithm>
#include <array>

namespace tamis {
namespace {

// Readability's constants (Readability.js 0.6): the shortest paragraph that votes, the number
// of near-best candidates that make their common ancestor the best, and how near they must be.
constexpr uint32_t kMinScoredChars = 25;
constexpr size_t kTopCandidates = 5;
constexpr size_t kMinTopCandidates = 3;
constexpr float kNearBest = 0.75f;
constexpr int kScoredLevels = 5;
// A sibling joins the best candidate when it scores this fraction of it (or kMinSiblingScore).
constexpr float kSiblingFraction = 0.2f;
constexpr float kMinSiblingScore = 10.0f;
// A long paragraph sibling joins when its link density is below this.
constexpr double kSiblingMaxLinkDensity = 0.25;
// Boxes of prose rescued outside the main content must be this free of links.
constexpr double kRescueMaxLinkDensity = 0.2;
constexpr double kRecallRescueMaxLinkDensity = 0.3;
// Linked headings that make a box a list of teasers, when they are at least half as many as
// its paragraphs of prose.
constexpr uint32_t kMinTeasers = 2;

float TagBonus(HtmlTag tag) {
  switch (tag) {
    case HtmlTag::kDiv: return 5;
    case HtmlTag::kPre:
    case HtmlTag::kTd:
    case HtmlTag::kBlockquote: return 3;
    case HtmlTag::kAddress:
    case HtmlTag::kOl:
    case HtmlTag::kUl:
    case HtmlTag::kDl:
    case HtmlTag::kDd:
    case HtmlTag::kDt:
    case HtmlTag::kLi:
    case HtmlTag::kForm: return -3;
    case HtmlTag::kH1:
    case HtmlTag::kH2:
    case HtmlTag::kH3:
    case HtmlTag::kH4:
    case HtmlTag::kH5:
    case HtmlTag::kH6:
    case HtmlTag::kTh: return -5;
    default: return 0;
  }
}

float NameWeight(HtmlHints hints) {
  float weight = 0;
  if (hints & kHintPositive) weight += 25;
  if (hints & (kStrongHints | kWeakHints)) weight -= 25;
  return weight;
}

// Wrappers of the whole page: a furniture name on them ("has-comments" on <body>) says
// nothing about the text.
bool IsPageWrapper(HtmlTag tag) {
  return tag == HtmlTag::kDocument || tag == HtmlTag::kHtml || tag == HtmlTag::kBody ||
         tag == HtmlTag::kMain;
}

}  // namespace

MainContent::MainContent(const HtmlPage& page, const HtmlTextOptions& options)
    : page_(page), options_(options), placement_(page.nodes.size(), Placement::kOutside) {
  ComputeContext();
  if (!options_.find_main_content) {
    placement_[0] = Placement::kMainRoot;
    return;
  }
  const uint32_t best = BestCandidate();
  SelectRoots(best);
}

HtmlHints MainContent::HintsOf(uint32_t node) const {
  const HtmlNode& n = page_.nodes[node];
  HtmlHints hints = options_.drop_furniture_by_class ? n.hints : kHintNone;
  switch (n.tag) {
    case HtmlTag::kNav: hints |= kHintNav; break;
    case HtmlTag::kHeader:
      // An article's own <header> holds its title and lead.
      if (!in_article_[node]) hints |= kHintChrome;
      break;
    case HtmlTag::kFooter: hints |= kHintFooter; break;
    case HtmlTag::kAside:
    case HtmlTag::kForm: hints |= kHintChrome; break;
    default: break;
  }
  return hints;
}

bool MainContent::SilencesVotes(uint32_t index, bool holds_main) const {
  const HtmlNode& node = page_.nodes[index];
  const HtmlHints hints = HintsOf(index);
  if (!(hints & kStrongHints) || IsPageWrapper(node.tag) || holds_main) return false;
  // A wrapper of most of the page ("layout with-navigation") names the layout, not its text.
  // Comment threads can outgrow the article, so that name always counts.
  const bool wrapper = 3 * uint64_t{node.chars} > 2 * uint64_t{page_.nodes[0].chars};
  return (hints & kHintComment) || !wrapper;
}

bool MainContent::IsTeaserList(uint32_t node) const {
  const uint32_t headings = page_.nodes[node].linked_headings;
  return headings >= kMinTeasers && 2 * headings >= clean_prose_[node];
}

uint32_t MainContent::ProseNeeded(HtmlHints hints) const {
  // Footers and bylines hold a sentence or two of small print: they need one paragraph more.
  const uint32_t small_print = (hints & (kHintFooter | kHintMeta)) ? 1 : 0;
  return (options_.focus == ExtractionFocus::kPrecision ? 2 : 1) + small_print;
}

double MainContent::MaxLinkDensity() const {
  switch (options_.focus) {
    case ExtractionFocus::kPrecision: return std::min(options_.max_link_density, 0.35);
    case ExtractionFocus::kRecall: return std::max(options_.max_link_density, 0.65);
    case ExtractionFocus::kBalanced: break;
  }
  return options_.max_link_density;
}

void MainContent::ComputeContext() {
  const size_t n = page_.nodes.size();
  score_.assign(n, 0.0f);
  scored_.assign(n, 0);
  in_article_.assign(n, 0);
  silenced_.assign(n, 0);
  clean_prose_.assign(n, 0);
  max_child_prose_.assign(n, 0);
  // Parents come before children: inherited flags in one forward pass.
  for (uint32_t i = 1; i < n; ++i) {
    const HtmlNode& node = page_.nodes[i];
    const HtmlTag tag = node.tag;
    in_article_[i] = in_article_[node.parent] || tag == HtmlTag::kArticle || tag == HtmlTag::kMain;
  }
  // Children come after parents: which subtrees hold a <main>, in one backward pass.
  std::vector<uint8_t> holds_main(n, 0);
  for (uint32_t i = static_cast<uint32_t>(n); i-- > 1;) {
    holds_main[i] |= page_.nodes[i].tag == HtmlTag::kMain;
    holds_main[page_.nodes[i].parent] |= holds_main[i];
  }
  for (uint32_t i = 1; i < n; ++i) {
    silenced_[i] = silenced_[page_.nodes[i].parent] || SilencesVotes(i, holds_main[i]);
  }
  // Children come after parents: subtree sums in one backward pass.
  for (uint32_t i = static_cast<uint32_t>(n); i-- > 1;) {
    if (!silenced_[i] && page_.nodes[i].IsProse()) ++clean_prose_[i];
    const uint32_t parent = page_.nodes[i].parent;
    clean_prose_[parent] += clean_prose_[i];
    max_child_prose_[parent] = std::max(max_child_prose_[parent], clean_prose_[i]);
  }
  // Readability's votes.
  for (uint32_t i = 1; i < n; ++i) {
    const HtmlNode& node = page_.nodes[i];
    if (silenced_[i] || !IsParagraphLike(node.tag) || node.own_chars < kMinScoredChars) continue;
    const float vote = 1.0f + static_cast<float>(node.own_commas) +
                       static_cast<float>(std::min<uint32_t>(node.own_chars / 100, 3));
    uint32_t a = node.parent;
    for (int level = 0; level < kScoredLevels && a != kNoNode && a != 0; ++level) {
      if (!scored_[a]) {
        scored_[a] = 1;
        score_[a] = TagBonus(page_.nodes[a].tag) + NameWeight(HintsOf(a));
      }
      const float divider = level == 0 ? 1.0f : level == 1 ? 2.0f : static_cast<float>(level * 3);
      score_[a] += vote / divider;
      a = page_.nodes[a].parent;
    }
  }
}

uint32_t MainContent::BestCandidate() const {
  const size_t n = page_.nodes.size();
  uint32_t body = 0;
  for (uint32_t i = 1; i < n; ++i) {
    if (page_.nodes[i].tag == HtmlTag::kBody) {
      body = i;
      break;
    }
  }
  auto final_score = [&](uint32_t i) {
    return score_[i] * static_cast<float>(1.0 - page_.nodes[i].link_density());
  };
  // The best five, best first.
  std::array<uint32_t, kTopCandidates> top{};
  size_t count = 0;
  for (uint32_t i = 1; i < n; ++i) {
    // The page's wrappers collect votes from everything; they win only when nothing else does.
    if (!scored_[i] ||
        (IsPageWrapper(page_.nodes[i].tag) && page_.nodes[i].tag != HtmlTag::kMain)) {
      continue;
    }
    const float s = final_score(i);
    size_t at = count;
    while (at > 0 && final_score(top[at - 1]) < s) --at;
    if (at >= kTopCandidates) continue;
    if (count < kTopCandidates) ++count;
    for (size_t k = count - 1; k > at; --k) top[k] = top[k - 1];
    top[at] = i;
  }
  // No paragraph anywhere, or none under a block that is not named or made as furniture: the
  // whole page is the text, left to the block rules.
  if (count == 0 || final_score(top[0]) <= 0) return body;
  uint32_t best = top[0];
  const float best_score = final_score(best);
  // A common ancestor of three near-best candidates is the article they are parts of.
  std::array<uint32_t, kTopCandidates> near{};
  size_t near_count = 0;
  for (size_t k = 1; k < count; ++k) {
    if (final_score(top[k]) >= kNearBest * best_score) near[near_count++] = top[k];
  }
  if (near_count >= kMinTopCandidates) {
    for (uint32_t a = page_.nodes[best].parent; a != kNoNode && a != body && a != 0;
         a = page_.nodes[a].parent) {
      size_t inside = 0;
      for (size_t k = 0; k < near_count; ++k) {
        inside += near[k] > a && near[k] < page_.nodes[a].subtree_end;
      }
      if (inside >= kMinTopCandidates) {
        best = a;
        break;
      }
    }
  }
  // An ancestor holding twice the prose `best` holds, or more, is the article, `best` a box
  // inside it (a configuration example full of commas can outscore the paragraphs around it).
  // Frames that add no prose are passed through, not taken.
  for (uint32_t a = page_.nodes[best].parent; a != kNoNode && a != body && a != 0;
       a = page_.nodes[a].parent) {
    const HtmlNode& node = page_.nodes[a];
    if (IsPageWrapper(node.tag) || silenced_[a]) break;
    if (node.link_density() >= kSiblingMaxLinkDensity) break;
    if (clean_prose_[a] >= 2 * clean_prose_[best] && clean_prose_[a] > clean_prose_[best]) {
      best = a;
    } else if (clean_prose_[a] != clean_prose_[best]) {
      break;
    }
  }
  // A parent with paragraphs of its own is the article and `best` one of its sections
  // (readability would lose the introduction before the first subsection). <body> qualifies
  // only with two such paragraphs and a quarter of the page's prose: pages written as one
  // flat run of paragraphs, not a stray copyright line.
  while (true) {
    const uint32_t parent = page_.nodes[best].parent;
    if (parent == kNoNode || parent == 0 ||
        (parent != body && IsPageWrapper(page_.nodes[parent].tag))) {
      break;
    }
    if (silenced_[parent] || page_.nodes[parent].link_density() >= kSiblingMaxLinkDensity) break;
    uint32_t own_paragraphs = 0;
    for (uint32_t c = parent + 1; c < page_.nodes[parent].subtree_end;
         c = page_.nodes[c].subtree_end) {
      own_paragraphs += c != best && page_.nodes[c].IsProse() && !silenced_[c];
    }
    const bool enough = parent != body
                            ? own_paragraphs >= 1
                            : own_paragraphs >= 2 && 4 * own_paragraphs >= clean_prose_[body];
    if (!enough) break;
    best = parent;
    if (best == body) break;
  }
  // A parent that holds nothing else is the same content with its frame.
  while (true) {
    const uint32_t parent = page_.nodes[best].parent;
    if (parent == kNoNode || parent == body || parent == 0) break;
    if (page_.nodes[parent].element_children != 1) break;
    best = parent;
  }
  return best;
}

void MainContent::SelectRoots(uint32_t top) {
  const uint32_t parent = page_.nodes[top].parent;
  std::vector<uint32_t> roots;
  if (parent == kNoNode) {
    roots.push_back(top);
  } else {
    const float top_score = score_[top] * static_cast<float>(1.0 - page_.nodes[top].link_density());
    const float threshold = std::max(kMinSiblingScore, kSiblingFraction * top_score);
    std::vector<uint32_t> siblings;
    for (uint32_t c = parent + 1; c < page_.nodes[parent].subtree_end;
         c = page_.nodes[c].subtree_end) {
      siblings.push_back(c);
    }
    std::vector<uint8_t> joined(siblings.size(), 0);
    for (size_t k = 0; k < siblings.size(); ++k) {
      const uint32_t s = siblings[k];
      const HtmlNode& node = page_.nodes[s];
      if (s == top) {
        joined[k] = 1;
        continue;
      }
      if (node.role == TagRole::kInline || node.role == TagRole::kBreak) continue;
      if ((HintsOf(s) & kStrongHints) || IsTeaserList(s)) continue;
      const double density = node.link_density();
      const float sibling_score = score_[s] * static_cast<float>(1.0 - density);
      // Readability's short-paragraph rule: a <p> with a sentence and no link.
      const bool short_paragraph =
          node.tag == HtmlTag::kP && node.own_sentences > 0 && node.link_chars == 0;
      joined[k] = (scored_[s] && sibling_score >= threshold) || short_paragraph ||
                  (clean_prose_[s] >= ProseNeeded(HintsOf(s)) && density < kSiblingMaxLinkDensity);
    }
    // The heading just before a joined block is its title.
    for (size_t k = 1; k < siblings.size(); ++k) {
      if (joined[k] && !joined[k - 1] && IsHeading(page_.nodes[siblings[k - 1]].tag)) {
        joined[k - 1] = 1;
      }
    }
    for (size_t k = 0; k < siblings.size(); ++k) {
      if (joined[k]) roots.push_back(siblings[k]);
    }
  }
  for (uint32_t root : roots) {
    placement_[root] = Placement::kMainRoot;
    for (uint32_t a = page_.nodes[root].parent; a != kNoNode; a = page_.nodes[a].parent) {
      placement_[a] = Placement::kHoldsMain;
    }
  }
}

BlockVerdict MainContent::JudgeInside(uint32_t index, uint32_t root) const {
  const HtmlNode& node = page_.nodes[index];
  // Inline elements are judged only by their names: their text is part of a line.
  if (node.role == TagRole::kInline && node.hints == kHintNone) return BlockVerdict::kKeep;
  const HtmlHints hints = HintsOf(index);
  // Most of the main content is under it: a layout wrapper ("main has-sidebar"), whose names
  // other than comment say nothing about the text.
  const HtmlNode& r = page_.nodes[root];
  const bool wrapper = 2 * (node.chars - node.link_chars) > r.chars - r.link_chars;
  if (hints & kHintComment) {
    if (!options_.keep_comments) return BlockVerdict::kComment;
  } else if ((hints & kStrongHints) && !wrapper) {
    return BlockVerdict::kFurniture;
  }
  const double density = node.link_density();
  if (hints & kWeakHints) {
    const uint32_t needed = ProseNeeded(hints);
    if (!wrapper && (clean_prose_[index] < needed || density > MaxLinkDensity())) {
      return BlockVerdict::kFurniture;
    }
  }
  if (node.tag == HtmlTag::kTable && !options_.keep_tables) return BlockVerdict::kTable;
  if (IsTeaserList(index) && !wrapper) return BlockVerdict::kTeasers;
  if (options_.drop_link_lists && node.chars > 0 && density > MaxLinkDensity()) {
    // A paragraph that is one URL ("→ https://distrowatch.com") is a reference, content; a box
    // of blocks, of several links or of one link that names a place ("Back to top") is not.
    const bool reference = node.links == 1 && 2 * node.url_chars > node.link_chars;
    const bool list = node.own_chars < node.chars || !reference;
    const bool judged =
        (IsContainer(node.tag) && list) ||
        (options_.focus == ExtractionFocus::kPrecision && node.role != TagRole::kInline);
    if (judged) return BlockVerdict::kLinkList;
  }
  return BlockVerdict::kKeep;
}

BlockVerdict MainContent::JudgeOutside(uint32_t index) const {
  const HtmlNode& node = page_.nodes[index];
  const HtmlHints hints = HintsOf(index);
  if (options_.keep_comments && (hints & kHintComment)) return BlockVerdict::kKeep;
  const bool weak = hints & kWeakHints;
  const bool strong = hints & kStrongHints;
  const uint32_t prose = clean_prose_[index];
  const double density = node.link_density();
  uint32_t needed = 0;  // Paragraphs of prose that make a box content; 0: none can.
  double max_density = kRescueMaxLinkDensity;
  switch (options_.focus) {
    case ExtractionFocus::kBalanced: needed = weak ? 3 : 2; break;
    case ExtractionFocus::kRecall:
      needed = weak ? 2 : 1;
      max_density = kRecallRescueMaxLinkDensity;
      break;
    case ExtractionFocus::kPrecision: needed = 0; break;
  }
  if (!strong && needed > 0 && prose >= needed && !IsTeaserList(index)) {
    // A box whose prose all sits in one child is judged at that child: the box may hold
    // furniture around it.
    if (max_child_prose_[index] < prose && density < max_density) return BlockVerdict::kKeep;
    if (max_child_prose_[index] == prose) return BlockVerdict::kDescend;
  }
  if (hints & kHintComment) return BlockVerdict::kComment;
  if (strong || weak) return BlockVerdict::kFurniture;
  if (IsTeaserList(index)) return BlockVerdict::kTeasers;
  if (node.chars > 0 && density > MaxLinkDensity()) return BlockVerdict::kLinkList;
  return BlockVerdict::kNotContent;
}

}  // namespace tamis
