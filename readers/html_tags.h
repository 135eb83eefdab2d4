// HTML element names as tamis's extractor sees them: a small enum for the elements whose role in
// the text matters, and what each one does to the text (starts a line, keeps whitespace, is
// never text, ...). Every other element, custom elements included, is inline: its text flows
// into the line around it, as a browser with no stylesheet would show it.
//
// Pure functions over static tables; thread-safe.
#ifndef TAMIS_READERS_HTML_TAGS_H_
#define TAMIS_READERS_HTML_TAGS_H_

#include <cstdint>
#include <string_view>

namespace tamis {

enum class HtmlTag : uint8_t {
  kOther,     // Any element not listed: inline.
  kDocument,  // The root of the tree, not an element.
  kA,
  kAddress,
  kApplet,
  kArticle,
  kAside,
  kAudio,
  kBlockquote,
  kBody,
  kBr,
  kButton,
  kCanvas,
  kCaption,
  kCenter,
  kDatalist,
  kDd,
  kDetails,
  kDialog,
  kDir,
  kDiv,
  kDl,
  kDt,
  kEmbed,
  kFieldset,
  kFigcaption,
  kFigure,
  kFooter,
  kForm,
  kFrame,
  kFrameset,
  kH1,
  kH2,
  kH3,
  kH4,
  kH5,
  kH6,
  kHead,
  kHeader,
  kHgroup,
  kHr,
  kHtml,
  kIframe,
  kInput,
  kLegend,
  kLi,
  kListing,
  kMain,
  kMap,
  kMath,
  kMenu,
  kMeta,
  kNav,
  kNoframes,
  kNoscript,
  kObject,
  kOl,
  kOptgroup,
  kOption,
  kP,
  kPlaintext,
  kPre,
  kScript,
  kSection,
  kSelect,
  kStyle,
  kSummary,
  kSvg,
  kTable,
  kTbody,
  kTd,
  kTemplate,
  kTextarea,
  kTfoot,
  kTh,
  kThead,
  kTime,
  kTitle,
  kTr,
  kUl,
  kVideo,
  kXmp,
};

// What an element does to the text.
enum class TagRole : uint8_t {
  kInline,  // Its text flows into the current line.
  kBlock,   // Starts and ends a line.
  kPre,     // A block whose whitespace is kept.
  kBreak,   // <br>, <hr>: ends the line.
  kNever,   // Never text (script, style, form controls, media, ...): skipped while parsing.
};

// `name` as libxml2 reports it (lower case). Unknown names give kOther.
HtmlTag TagOf(std::string_view name);
TagRole RoleOf(HtmlTag tag);

inline bool IsHeading(HtmlTag tag) {
  return tag >= HtmlTag::kH1 && tag <= HtmlTag::kH6;
}

// Containers that boilerplate is made of and that the extractor may remove whole when their
// text is mostly links or their names say furniture (readability's "conditionally cleaned"
// elements, plus the HTML5 sectioning ones).
bool IsContainer(HtmlTag tag);

// Blocks whose own text reads as a paragraph when long enough: the elements readability scores
// (p, pre, td, blockquote, a div holding text directly, ...), not headings or list wrappers.
bool IsParagraphLike(HtmlTag tag);

}  // namespace tamis

#endif  // TAMIS_READERS_HTML_TAGS_H_
