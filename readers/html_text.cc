#include "readers/html_text.h"

#include <gumbo.h>

#include <algorithm>
#include <array>
#include <memory>
#include <vector>

namespace tamis {
namespace {

// What an element does to the text.
enum class Kind : uint8_t {
  kInline,     // Its text flows into the current line.
  kBlock,      // Starts and ends a line.
  kContainer,  // A block that may be furniture by class/id or a link list.
  kPre,        // A block whose whitespace is kept.
  kBreak,      // <br>: ends the line.
  kDrop,       // Never text.
  kFurniture,  // Page furniture by tag: dropped and counted.
};

Kind KindOf(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_OPTION:
    case GUMBO_TAG_OPTGROUP:
    case GUMBO_TAG_DATALIST:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_FRAMESET:
    case GUMBO_TAG_FRAME:
    case GUMBO_TAG_NOFRAMES:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_APPLET:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_MAP:
    case GUMBO_TAG_TITLE:  // Read into HtmlText::title, not the text.
      return Kind::kDrop;
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FORM:
      return Kind::kFurniture;
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_MENU:
    case GUMBO_TAG_TABLE:
      return Kind::kContainer;
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_LISTING:
    case GUMBO_TAG_PLAINTEXT:
    case GUMBO_TAG_XMP:
      return Kind::kPre;
    case GUMBO_TAG_BR:
    case GUMBO_TAG_HR:
      return Kind::kBreak;
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_DIR:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_HGROUP:
    case GUMBO_TAG_HTML:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_LEGEND:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_P:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TR:
      return Kind::kBlock;
    default:
      return Kind::kInline;
  }
}

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}
char ToLowerAscii(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
}
bool IsAsciiLower(char c) {
  return c >= 'a' && c <= 'z';
}
bool IsAsciiUpper(char c) {
  return c >= 'A' && c <= 'Z';
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (ToLowerAscii(a[i]) != ToLowerAscii(b[i])) return false;
  }
  return true;
}

const char* Attr(const GumboElement& e, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&e.attributes, name);
  return a == nullptr ? nullptr : a->value;
}

// Length of the whitespace character at text[i], 0 if there is none. U+00A0 (no-break space)
// counts: pages use it for layout ("1.5.&nbsp;Title", French "mot&nbsp;:"), and training text
// wants a plain space there. Other Unicode spaces are left to a normalisation stage.
size_t SpaceAt(std::string_view text, size_t i) {
  if (IsSpace(text[i])) return 1;
  if (text[i] == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xA0') return 2;
  return 0;
}

// Calls word(start, end) for each maximal run of non-space in `text`.
template <typename Word>
void ForEachWord(std::string_view text, Word word) {
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    size_t space;
    while (i < n && (space = SpaceAt(text, i)) > 0) i += space;
    const size_t start = i;
    while (i < n && SpaceAt(text, i) == 0) ++i;
    if (i > start) word(start, i);
  }
}

// Appends `text` with runs of whitespace collapsed to one space, none leading or trailing.
void AppendCollapsed(std::string_view text, std::string* out) {
  ForEachWord(text, [&](size_t start, size_t end) {
    if (!out->empty() && out->back() != ' ') out->push_back(' ');
    out->append(text.data() + start, end - start);
  });
}

// --- Furniture names (class, id, role). Pinned: changing them changes extracted text.

constexpr std::string_view kFurnitureRoles[] = {
    "navigation", "menu", "menubar", "banner", "contentinfo", "complementary",
};

// A word of a class or id names furniture if it is one of these, ends with one ("docnav",
// "topmenu", "pagefooter"), or is one followed by a suffix below ("navbar", "breadcrumbs").
constexpr std::string_view kFurnitureWords[] = {
    "nav",    "navigation", "menu",   "breadcrumb", "footer",
    "header", "sidebar",    "cookie", "banner",     "masthead",
};
constexpr std::string_view kFurnitureSuffixes[] = {
    "s",   "bar",   "links", "list",  "wrap", "wrapper", "container", "area",
    "box", "block", "item",  "items", "top",  "bottom",  "consent",   "notice",
};

bool WordNamesFurniture(std::string_view word) {
  for (std::string_view k : kFurnitureWords) {
    if (word.size() < k.size()) continue;
    if (word.ends_with(k)) return true;
    if (!word.starts_with(k)) continue;
    const std::string_view rest = word.substr(k.size());
    for (std::string_view suffix : kFurnitureSuffixes) {
      if (rest == suffix) return true;
    }
  }
  return false;
}

// Splits a class or id value into lower-case words at non-letters and at camelCase humps
// ("site-footer main_navBar" -> site, footer, main, nav, bar) and checks each, and each
// hyphen-free token as a whole ("navBar" -> navbar).
bool NamesFurniture(const char* value) {
  if (value == nullptr) return false;
  std::string word;
  std::string token;
  auto flush_word = [&word]() {
    const bool hit = !word.empty() && WordNamesFurniture(word);
    word.clear();
    return hit;
  };
  for (const char* p = value;; ++p) {
    const char c = *p;
    if (IsAsciiLower(c) || IsAsciiUpper(c)) {
      if (IsAsciiUpper(c) && !word.empty() && IsAsciiLower(word.back()) && flush_word()) {
        return true;
      }
      word.push_back(ToLowerAscii(c));
      token.push_back(ToLowerAscii(c));
      continue;
    }
    if (flush_word()) return true;
    if (c == '\0' || IsSpace(c)) {
      if (!token.empty() && WordNamesFurniture(token)) return true;
      token.clear();
    }
    if (c == '\0') return false;
  }
}

bool RoleNamesFurniture(const char* role) {
  if (role == nullptr) return false;
  // A role attribute is a list of tokens; the first one the browser knows applies. Checking
  // every token is close enough and never keeps furniture.
  std::string_view rest(role);
  while (!rest.empty()) {
    rest = Trim(rest);
    size_t end = 0;
    while (end < rest.size() && !IsSpace(rest[end])) ++end;
    const std::string_view token = rest.substr(0, end);
    for (std::string_view r : kFurnitureRoles) {
      if (EqualsIgnoreCase(token, r)) return true;
    }
    rest.remove_prefix(end);
  }
  return false;
}

// display:none or visibility:hidden in a style attribute. Declarations are split at ';' and
// ':'; a ';' inside a quoted value would split wrongly but cannot create a false "none".
bool StyleHides(const char* style) {
  if (style == nullptr) return false;
  std::string_view rest(style);
  while (!rest.empty()) {
    const size_t semi = rest.find(';');
    const std::string_view decl = rest.substr(0, semi);
    rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
    const size_t colon = decl.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string_view property = Trim(decl.substr(0, colon));
    std::string_view value = Trim(decl.substr(colon + 1));
    if (const size_t bang = value.find('!'); bang != std::string_view::npos) {
      value = Trim(value.substr(0, bang));
    }
    if (EqualsIgnoreCase(property, "display") && EqualsIgnoreCase(value, "none")) return true;
    if (EqualsIgnoreCase(property, "visibility") && EqualsIgnoreCase(value, "hidden")) {
      return true;
    }
  }
  return false;
}

bool IsHidden(const GumboElement& e) {
  if (const char* hidden = Attr(e, "hidden");
      hidden != nullptr && !EqualsIgnoreCase(Trim(hidden), "until-found")) {
    return true;
  }
  if (const char* aria = Attr(e, "aria-hidden"); aria != nullptr) {
    if (EqualsIgnoreCase(Trim(aria), "true")) return true;
  }
  return StyleHides(Attr(e, "style"));
}

// Writes the text and tracks what a container needs to judge itself.
class Writer {
 public:
  explicit Writer(std::string* out) : out_(out) {}

  struct Mark {
    size_t size;
    bool at_line_start;
    bool pending_space;
    bool pre_fresh;
    uint64_t text_bytes;
    uint64_t link_bytes;
  };
  Mark mark() const {
    return {out_->size(), at_line_start_, pending_space_, pre_fresh_, text_bytes_, link_bytes_};
  }
  void Rewind(const Mark& m) {
    out_->resize(m.size);
    at_line_start_ = m.at_line_start;
    pending_space_ = m.pending_space;
    pre_fresh_ = m.pre_fresh;
    pending_indent_.clear();
    text_bytes_ = m.text_bytes;
    link_bytes_ = m.link_bytes;
  }
  uint64_t text_bytes() const { return text_bytes_; }
  uint64_t link_bytes() const { return link_bytes_; }

  void EndLine() {
    if (!at_line_start_) out_->push_back('\n');
    at_line_start_ = true;
    pending_space_ = false;
  }
  void Space() { pending_space_ = !at_line_start_; }

  // Flowing text: whitespace collapses.
  void Text(std::string_view text, bool in_link) {
    if (text.empty()) return;
    size_t last_end = 0;
    ForEachWord(text, [&](size_t start, size_t end) {
      if (start > last_end && !at_line_start_) pending_space_ = true;
      if (pending_space_) out_->push_back(' ');
      out_->append(text.data() + start, end - start);
      pending_space_ = false;
      at_line_start_ = false;
      Count(end - start, in_link);
      last_end = end;
    });
    if (last_end < text.size() && !at_line_start_) pending_space_ = true;
  }

  // Starts a <pre>.
  void BeginPre() {
    EndLine();
    pre_fresh_ = true;
  }

  // Preformatted text: written as is, except for blank lines before the first visible one.
  void PreText(std::string_view text, bool in_link) {
    if (pre_fresh_) {
      size_t line_start = 0;
      size_t i = 0;
      while (i < text.size() && IsSpace(text[i])) {
        if (text[i] == '\n') line_start = i + 1;
        ++i;
      }
      if (i == text.size()) {
        // Only whitespace so far: keep what follows the last newline, it may be indentation.
        text.remove_prefix(line_start);
        pending_indent_.append(text);
        return;
      }
      text.remove_prefix(line_start);
      pre_fresh_ = false;
      if (!pending_indent_.empty() && line_start == 0) out_->append(pending_indent_);
      pending_indent_.clear();
    }
    if (text.empty()) return;
    if (pending_space_) out_->push_back(' ');
    pending_space_ = false;
    out_->append(text);
    at_line_start_ = out_->back() == '\n';
    uint64_t visible = 0;
    for (char c : text) visible += !IsSpace(c);
    Count(visible, in_link);
  }

  // Ends a <pre>: drops the whitespace it ended with, then ends the line.
  void EndPre() {
    pre_fresh_ = false;
    pending_indent_.clear();
    while (!out_->empty() && IsSpace(out_->back())) out_->pop_back();
    at_line_start_ = out_->empty() || out_->back() == '\n';
    pending_space_ = false;
    EndLine();
  }

 private:
  void Count(uint64_t bytes, bool in_link) {
    text_bytes_ += bytes;
    if (in_link) link_bytes_ += bytes;
  }

  std::string* out_;
  bool at_line_start_ = true;
  bool pending_space_ = false;
  bool pre_fresh_ = false;      // In a <pre> that has written nothing visible yet.
  std::string pending_indent_;  // Its leading spaces on the current line, until text comes.
  uint64_t text_bytes_ = 0;
  uint64_t link_bytes_ = 0;
};

struct Frame {
  const GumboNode* node;
  unsigned next_child;
  Kind kind;
  bool is_link;
  bool is_article;       // <article> or <main>: a <header> inside is content.
  bool named_furniture;  // A container whose class/id names furniture.
  Writer::Mark mark;     // Where the element's output began (containers only).
};

const GumboVector* ChildrenOf(const GumboNode* node) {
  if (node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE) {
    return &node->v.element.children;
  }
  if (node->type == GUMBO_NODE_DOCUMENT) return &node->v.document.children;
  return nullptr;
}

// Text of a <title>: its text children (it holds no elements), whitespace-collapsed.
std::string TitleText(const GumboElement& e) {
  std::string title;
  for (unsigned i = 0; i < e.children.length; ++i) {
    const auto* child = static_cast<const GumboNode*>(e.children.data[i]);
    if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_WHITESPACE ||
        child->type == GUMBO_NODE_CDATA) {
      AppendCollapsed(child->v.text.text, &title);
    }
  }
  return title;
}

class Extractor {
 public:
  Extractor(const HtmlTextOptions& options, HtmlText* result)
      : options_(options), result_(result), writer_(&result->text) {}

  void Run(const GumboNode* root) {
    std::vector<Frame> stack;
    Enter(root, &stack);
    while (!stack.empty()) {
      Frame& top = stack.back();
      const GumboVector* children = ChildrenOf(top.node);
      if (children != nullptr && top.next_child < children->length) {
        const auto* child = static_cast<const GumboNode*>(children->data[top.next_child++]);
        Enter(child, &stack);  // May reallocate `stack`; `top` is not used after this.
        continue;
      }
      Frame done = top;
      stack.pop_back();
      Leave(done);
    }
    while (!result_->text.empty() && result_->text.back() == '\n') result_->text.pop_back();
  }

 private:
  void Enter(const GumboNode* node, std::vector<Frame>* stack) {
    switch (node->type) {
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_CDATA:
        if (pre_depth_ > 0) {
          writer_.PreText(node->v.text.text, link_depth_ > 0);
        } else {
          writer_.Text(node->v.text.text, link_depth_ > 0);
        }
        return;
      case GUMBO_NODE_WHITESPACE:
        if (pre_depth_ > 0) {
          writer_.PreText(node->v.text.text, link_depth_ > 0);
        } else {
          writer_.Space();
        }
        return;
      case GUMBO_NODE_COMMENT:
        return;
      case GUMBO_NODE_DOCUMENT:
        stack->push_back(Frame{node, 0, Kind::kInline, false, false, false, {}});
        return;
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE:
        break;
    }
    const GumboElement& e = node->v.element;
    ReadMetadata(e);
    Kind kind = e.tag_namespace == GUMBO_NAMESPACE_HTML ? KindOf(e.tag) : Kind::kDrop;
    if (node->type == GUMBO_NODE_TEMPLATE) kind = Kind::kDrop;
    if (kind == Kind::kDrop) return;
    if (kind == Kind::kFurniture) {
      if (!(e.tag == GUMBO_TAG_HEADER && article_depth_ > 0)) {
        ++result_->furniture_blocks;
        return;
      }
      kind = Kind::kBlock;
    }
    // <html> and <body> are exempt: pages hide the body until a script has run
    // (<body style="display:none">), and the crawl has the text regardless.
    if (options_.drop_hidden && e.tag != GUMBO_TAG_HTML && e.tag != GUMBO_TAG_BODY && IsHidden(e)) {
      ++result_->hidden_elements;
      return;
    }
    if (RoleNamesFurniture(Attr(e, "role"))) {
      ++result_->furniture_blocks;
      return;
    }
    if (kind == Kind::kBreak) {
      writer_.EndLine();
      return;
    }
    Frame frame{node, 0, kind, false, false, false, {}};
    if (kind == Kind::kContainer) {
      frame.named_furniture = options_.drop_furniture_by_class &&
                              (NamesFurniture(Attr(e, "class")) || NamesFurniture(Attr(e, "id")));
    }
    if (kind == Kind::kPre) {
      writer_.BeginPre();
    } else if (kind != Kind::kInline) {
      writer_.EndLine();
    }
    if (kind == Kind::kContainer) frame.mark = writer_.mark();
    if (kind == Kind::kPre) ++pre_depth_;
    if (e.tag == GUMBO_TAG_A && Attr(e, "href") != nullptr) {
      frame.is_link = true;
      ++link_depth_;
    }
    if (e.tag == GUMBO_TAG_ARTICLE || e.tag == GUMBO_TAG_MAIN) {
      frame.is_article = true;
      ++article_depth_;
    }
    stack->push_back(frame);
  }

  void Leave(const Frame& frame) {
    if (frame.is_link) --link_depth_;
    if (frame.is_article) --article_depth_;
    switch (frame.kind) {
      case Kind::kInline:
        return;
      case Kind::kPre:
        --pre_depth_;
        writer_.EndPre();
        return;
      case Kind::kContainer:
        if (IsBoilerplate(frame)) {
          writer_.Rewind(frame.mark);
          return;
        }
        writer_.EndLine();
        return;
      default:
        writer_.EndLine();
        return;
    }
  }

  // Decides, once a container is written, whether to cut it back out.
  bool IsBoilerplate(const Frame& frame) {
    const uint64_t text = writer_.text_bytes() - frame.mark.text_bytes;
    const uint64_t links = writer_.link_bytes() - frame.mark.link_bytes;
    if (frame.named_furniture && text - links <= kMaxFurnitureProseBytes) {
      ++result_->furniture_blocks;
      return true;
    }
    if (options_.drop_link_lists && text > 0 &&
        static_cast<double>(links) > options_.max_link_density * static_cast<double>(text)) {
      ++result_->link_list_blocks;
      return true;
    }
    return false;
  }

  void ReadMetadata(const GumboElement& e) {
    if (e.tag_namespace != GUMBO_NAMESPACE_HTML) return;
    switch (e.tag) {
      case GUMBO_TAG_HTML:
        if (const char* lang = Attr(e, "lang"); lang != nullptr) {
          result_->lang = Trim(lang);
        } else if (const char* xml_lang = Attr(e, "xml:lang"); xml_lang != nullptr) {
          result_->lang = Trim(xml_lang);
        }
        return;
      case GUMBO_TAG_TITLE:
        if (result_->title.empty()) result_->title = TitleText(e);
        return;
      case GUMBO_TAG_META:
        if (const char* name = Attr(e, "name"); result_->description.empty() && name != nullptr &&
                                                EqualsIgnoreCase(Trim(name), "description")) {
          if (const char* content = Attr(e, "content"); content != nullptr) {
            AppendCollapsed(content, &result_->description);
          }
        }
        return;
      default:
        return;
    }
  }

  const HtmlTextOptions& options_;
  HtmlText* result_;
  Writer writer_;
  int link_depth_ = 0;
  int pre_depth_ = 0;
  int article_depth_ = 0;
};

struct OutputDeleter {
  const GumboOptions* options;
  void operator()(GumboOutput* output) const { gumbo_destroy_output(options, output); }
};

}  // namespace

HtmlText ExtractText(std::string_view utf8_html, const HtmlTextOptions& options) {
  HtmlText result;
  GumboOptions gumbo_options = kGumboDefaultOptions;
  // Parse errors are not used; recording them costs time and memory on messy pages.
  gumbo_options.max_errors = 0;
  std::unique_ptr<GumboOutput, OutputDeleter> output(
      gumbo_parse_with_options(&gumbo_options, utf8_html.data(), utf8_html.size()),
      OutputDeleter{&gumbo_options});
  if (output == nullptr) return result;
  // Main text is usually a fraction of the markup; a quarter avoids most regrowth.
  result.text.reserve(utf8_html.size() / 4);
  Extractor(options, &result).Run(output->document);
  return result;
}

}  // namespace tamis
