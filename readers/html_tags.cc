#include "readers/html_tags.h"

#include <algorithm>
#include <array>
#include <utility>

namespace tamis {
namespace {

using Entry = std::pair<std::string_view, HtmlTag>;

// Sorted by name, so that the names sharing a first letter are neighbours.
constexpr std::array kTags = {
    Entry{"a", HtmlTag::kA},
    Entry{"address", HtmlTag::kAddress},
    Entry{"applet", HtmlTag::kApplet},
    Entry{"article", HtmlTag::kArticle},
    Entry{"aside", HtmlTag::kAside},
    Entry{"audio", HtmlTag::kAudio},
    Entry{"blockquote", HtmlTag::kBlockquote},
    Entry{"body", HtmlTag::kBody},
    Entry{"br", HtmlTag::kBr},
    Entry{"button", HtmlTag::kButton},
    Entry{"canvas", HtmlTag::kCanvas},
    Entry{"caption", HtmlTag::kCaption},
    Entry{"center", HtmlTag::kCenter},
    Entry{"datalist", HtmlTag::kDatalist},
    Entry{"dd", HtmlTag::kDd},
    Entry{"details", HtmlTag::kDetails},
    Entry{"dialog", HtmlTag::kDialog},
    Entry{"dir", HtmlTag::kDir},
    Entry{"div", HtmlTag::kDiv},
    Entry{"dl", HtmlTag::kDl},
    Entry{"dt", HtmlTag::kDt},
    Entry{"embed", HtmlTag::kEmbed},
    Entry{"fieldset", HtmlTag::kFieldset},
    Entry{"figcaption", HtmlTag::kFigcaption},
    Entry{"figure", HtmlTag::kFigure},
    Entry{"footer", HtmlTag::kFooter},
    Entry{"form", HtmlTag::kForm},
    Entry{"frame", HtmlTag::kFrame},
    Entry{"frameset", HtmlTag::kFrameset},
    Entry{"h1", HtmlTag::kH1},
    Entry{"h2", HtmlTag::kH2},
    Entry{"h3", HtmlTag::kH3},
    Entry{"h4", HtmlTag::kH4},
    Entry{"h5", HtmlTag::kH5},
    Entry{"h6", HtmlTag::kH6},
    Entry{"head", HtmlTag::kHead},
    Entry{"header", HtmlTag::kHeader},
    Entry{"hgroup", HtmlTag::kHgroup},
    Entry{"hr", HtmlTag::kHr},
    Entry{"html", HtmlTag::kHtml},
    Entry{"iframe", HtmlTag::kIframe},
    Entry{"input", HtmlTag::kInput},
    Entry{"legend", HtmlTag::kLegend},
    Entry{"li", HtmlTag::kLi},
    Entry{"listing", HtmlTag::kListing},
    Entry{"main", HtmlTag::kMain},
    Entry{"map", HtmlTag::kMap},
    Entry{"math", HtmlTag::kMath},
    Entry{"menu", HtmlTag::kMenu},
    Entry{"meta", HtmlTag::kMeta},
    Entry{"nav", HtmlTag::kNav},
    Entry{"noframes", HtmlTag::kNoframes},
    Entry{"noscript", HtmlTag::kNoscript},
    Entry{"object", HtmlTag::kObject},
    Entry{"ol", HtmlTag::kOl},
    Entry{"optgroup", HtmlTag::kOptgroup},
    Entry{"option", HtmlTag::kOption},
    Entry{"p", HtmlTag::kP},
    Entry{"plaintext", HtmlTag::kPlaintext},
    Entry{"pre", HtmlTag::kPre},
    Entry{"script", HtmlTag::kScript},
    Entry{"section", HtmlTag::kSection},
    Entry{"select", HtmlTag::kSelect},
    Entry{"style", HtmlTag::kStyle},
    Entry{"summary", HtmlTag::kSummary},
    Entry{"svg", HtmlTag::kSvg},
    Entry{"table", HtmlTag::kTable},
    Entry{"tbody", HtmlTag::kTbody},
    Entry{"td", HtmlTag::kTd},
    Entry{"template", HtmlTag::kTemplate},
    Entry{"textarea", HtmlTag::kTextarea},
    Entry{"tfoot", HtmlTag::kTfoot},
    Entry{"th", HtmlTag::kTh},
    Entry{"thead", HtmlTag::kThead},
    Entry{"time", HtmlTag::kTime},
    Entry{"title", HtmlTag::kTitle},
    Entry{"tr", HtmlTag::kTr},
    Entry{"ul", HtmlTag::kUl},
    Entry{"video", HtmlTag::kVideo},
    Entry{"xmp", HtmlTag::kXmp},
};

static_assert(std::is_sorted(kTags.begin(), kTags.end(),
                             [](const Entry& a, const Entry& b) { return a.first < b.first; }));

// Where the names starting with each letter sit in kTags: a tag is found by scanning the few
// names that share its first letter, cheaper than binary search over all of them.
struct TagRange {
  uint8_t begin = 0;
  uint8_t end = 0;
};
constexpr std::array<TagRange, 26> MakeTagsByFirstLetter() {
  std::array<TagRange, 26> ranges{};
  for (size_t i = 0; i < kTags.size(); ++i) {
    TagRange& r = ranges[static_cast<size_t>(kTags[i].first.front() - 'a')];
    if (r.begin == r.end) r.begin = static_cast<uint8_t>(i);
    r.end = static_cast<uint8_t>(i + 1);
  }
  return ranges;
}
constexpr std::array<TagRange, 26> kTagsByFirstLetter = MakeTagsByFirstLetter();

}  // namespace

HtmlTag TagOf(std::string_view name) {
  if (name.empty()) return HtmlTag::kOther;
  const auto first = static_cast<unsigned char>(name.front());
  if (first < 'a' || first > 'z') return HtmlTag::kOther;
  const TagRange range = kTagsByFirstLetter[first - 'a'];
  for (uint8_t i = range.begin; i < range.end; ++i) {
    if (kTags[i].first == name) return kTags[i].second;
  }
  return HtmlTag::kOther;
}

TagRole RoleOf(HtmlTag tag) {
  switch (tag) {
    case HtmlTag::kScript:
    case HtmlTag::kStyle:
    case HtmlTag::kNoscript:
    case HtmlTag::kTemplate:
    case HtmlTag::kButton:
    case HtmlTag::kSelect:
    case HtmlTag::kOption:
    case HtmlTag::kOptgroup:
    case HtmlTag::kDatalist:
    case HtmlTag::kTextarea:
    case HtmlTag::kInput:
    case HtmlTag::kSvg:
    case HtmlTag::kMath:
    case HtmlTag::kIframe:
    case HtmlTag::kFrameset:
    case HtmlTag::kFrame:
    case HtmlTag::kNoframes:
    case HtmlTag::kObject:
    case HtmlTag::kEmbed:
    case HtmlTag::kApplet:
    case HtmlTag::kCanvas:
    case HtmlTag::kAudio:
    case HtmlTag::kVideo:
    case HtmlTag::kMap:
    case HtmlTag::kDialog:
    case HtmlTag::kTitle:  // Read into the page's title, not the text.
      return TagRole::kNever;
    case HtmlTag::kPre:
    case HtmlTag::kListing:
    case HtmlTag::kPlaintext:
    case HtmlTag::kXmp: return TagRole::kPre;
    case HtmlTag::kBr:
    case HtmlTag::kHr: return TagRole::kBreak;
    case HtmlTag::kOther:
    case HtmlTag::kA:
    case HtmlTag::kMeta:
    case HtmlTag::kTime: return TagRole::kInline;
    default: return TagRole::kBlock;
  }
}

bool IsContainer(HtmlTag tag) {
  switch (tag) {
    case HtmlTag::kDiv:
    case HtmlTag::kSection:
    case HtmlTag::kArticle:
    case HtmlTag::kAside:
    case HtmlTag::kHeader:
    case HtmlTag::kFooter:
    case HtmlTag::kNav:
    case HtmlTag::kUl:
    case HtmlTag::kOl:
    case HtmlTag::kDl:
    case HtmlTag::kMenu:
    case HtmlTag::kDir:
    case HtmlTag::kTable:
    case HtmlTag::kForm:
    case HtmlTag::kFieldset:
    case HtmlTag::kFigure:
    case HtmlTag::kCenter:
    case HtmlTag::kDetails: return true;
    default: return false;
  }
}

bool IsParagraphLike(HtmlTag tag) {
  switch (tag) {
    case HtmlTag::kP:
    case HtmlTag::kPre:
    case HtmlTag::kListing:
    case HtmlTag::kXmp:
    case HtmlTag::kTd:
    case HtmlTag::kBlockquote:
    case HtmlTag::kDd:
    case HtmlTag::kLi:
    case HtmlTag::kDiv:
    case HtmlTag::kSection:
    case HtmlTag::kArticle:
    case HtmlTag::kMain:
    case HtmlTag::kAside:
    case HtmlTag::kHeader:
    case HtmlTag::kFooter:
    case HtmlTag::kAddress:
    case HtmlTag::kCenter:
    case HtmlTag::kFigcaption:
    case HtmlTag::kSummary:
    case HtmlTag::kDetails:
    case HtmlTag::kBody:
    case HtmlTag::kForm:
    case HtmlTag::kFieldset: return true;
    default: return false;
  }
}

}  // namespace tamis
