// Main-content selection: which part of a parsed page (html_page.h) is the page's text, and
// which blocks inside and around it are boilerplate.
//
// 1. Candidates, as Mozilla Readability scores them: every paragraph-like block with at least
//    25 visible characters of its own gives 1 + its commas + one point per 100 characters (at
//    most 3) to its parent, half to its grandparent and a third of that per level up to five
//    levels. Paragraphs under a comment, share, related, promo, cookie, ticker or navigation
//    name do not vote (unless the name is on a wrapper of <main> or, comment excepted, of two
//    thirds of the page's text: "layout with-navigation"). A candidate starts with a tag bonus (div
//    +5; pre, td, blockquote +3; lists, address, form -3; headings, th -5) and +/-25 for a content
//    or furniture name, and ends scaled by (1 - link density).
// 2. The best candidate moves up to a common ancestor of three near-best ones, to an ancestor
//    with at least twice its prose (a configuration example full of commas can win), to a
//    parent with paragraphs of its own (the article around the section that won; <body> only
//    with two of them and a quarter of the page's prose), and past parents that hold nothing
//    else; its siblings join it when they score a fifth of it, hold a paragraph of prose with
//    little link text (two under a footer or byline name), are a <p> with a sentence and no
//    link, or are the heading just before a joined block. These are the main roots; a best
//    score of zero or less makes <body> the root.
// 3. Inside the roots, a block goes when a strong name marks it (navigation, comments, share,
//    related, promo, cookie, ticker; comment excepted, not on a block holding most of the
//    root's text), when a weak one (header, footer, sidebar, widget, byline,
//    a <header>, <footer>, <aside> or <form> outside an article) marks it and it holds no
//    paragraph of prose (two with kPrecision) and less than half the root's text, or when its
//    text is mostly links, or when it is a list of teasers (linked headings at least half as
//    many as its paragraphs, "<h3><a>Title</a></h3><p>summary</p>"). An element holding a main root
//    is never judged: a <form> or a "page-content and-w-sidebar" wrapper around the article cannot
//    take it away.
// 4. Outside the roots, a box of prose that no strong name marks and that is no teaser list is
//    still content (a preamble in <header>): two paragraphs of prose, three under a weak name
//    (one and two with kRecall, none with kPrecision). Comment threads come back with
//    keep_comments.
//
// A MainContent borrows the page and the options, which must outlive it; it does all its work
// in the constructor and is immutable afterwards, so its methods may be called from any thread.
#ifndef TAMIS_READERS_HTML_MAIN_CONTENT_H_
#define TAMIS_READERS_HTML_MAIN_CONTENT_H_

#include <cstdint>
#include <vector>

#include "readers/html_page.h"
#include "readers/html_text_options.h"

namespace tamis {

// Where a node stands relative to the main content.
enum class Placement : uint8_t {
  kOutside,    // Neither a main root nor holding one.
  kMainRoot,   // Its subtree is main content (blocks in it are still judged).
  kHoldsMain,  // An ancestor of a main root: never dropped, its own text is not content.
};

// The verdict on one block; the drop reasons are counted in HtmlText.
enum class BlockVerdict : uint8_t {
  kKeep,
  kDescend,     // Outside: not content itself, but a box of prose may sit inside it.
  kFurniture,   // By name, role or tag.
  kComment,     // A comment thread, with keep_comments off.
  kLinkList,    // Mostly link text.
  kTeasers,     // A list of linked headings with summaries ("more stories").
  kTable,       // With keep_tables off.
  kNotContent,  // Outside the main content, no prose.
};

class MainContent {
 public:
  MainContent(const HtmlPage& page, const HtmlTextOptions& options);

  Placement placement(uint32_t node) const { return placement_[node]; }
  // A block inside the main root `root` (not the root itself).
  BlockVerdict JudgeInside(uint32_t node, uint32_t root) const;
  // A block outside every main root that holds none: kKeep makes it a root of its own.
  BlockVerdict JudgeOutside(uint32_t node) const;

 private:
  void ComputeContext();
  uint32_t BestCandidate() const;
  void SelectRoots(uint32_t top);
  HtmlHints HintsOf(uint32_t node) const;
  double MaxLinkDensity() const;
  // Paragraphs of prose that make a block under a weak name (or a sibling of the best
  // candidate) content: a footnote in <aside>, a tip box in div.sidebar.
  uint32_t ProseNeeded(HtmlHints hints) const;
  bool IsTeaserList(uint32_t node) const;
  // Whether a strong name on `node` keeps its paragraphs from voting.
  bool SilencesVotes(uint32_t node, bool holds_main) const;

  const HtmlPage& page_;
  const HtmlTextOptions& options_;
  std::vector<Placement> placement_;
  std::vector<float> score_;           // Readability's content score, before link density.
  std::vector<uint8_t> scored_;        // Has a score (is a candidate).
  std::vector<uint8_t> in_article_;    // Inside <article> or <main>: its <header> is its own.
  std::vector<uint8_t> silenced_;      // Under a strong furniture name: its paragraphs don't vote.
  std::vector<uint32_t> clean_prose_;  // Prose blocks of the subtree that are not silenced.
  std::vector<uint32_t> max_child_prose_;  // The largest clean_prose_ of a child.
};

}  // namespace tamis

#endif  // TAMIS_READERS_HTML_MAIN_CONTENT_H_
