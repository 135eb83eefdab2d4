#include "readers/html_page.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include <climits>
#include <cstring>
#include <mutex>

#include "pipeline/ascii.h"
#include "readers/utf8.h"

namespace tamis {
namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}
// Appends `text` with runs of whitespace (U+00A0 included) collapsed to one space, none leading
// or trailing.
void AppendCollapsed(std::string_view text, std::string* out) {
  size_t i = 0;
  while (i < text.size()) {
    const bool nbsp = text[i] == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xA0';
    if (IsSpace(text[i]) || nbsp) {
      i += nbsp ? 2 : 1;
      if (!out->empty() && out->back() != ' ') out->push_back(' ');
      continue;
    }
    out->push_back(text[i++]);
  }
  while (!out->empty() && out->back() == ' ') out->pop_back();
}

// Visible characters of `text`: code points that are not ASCII white space (a UTF-8 lead or
// ASCII byte each). Also counts commas, the readability score's measure of prose: ASCII ',',
// fullwidth U+FF0C, ideographic U+3001 and Arabic U+060C; and sentence ends: '.', '!', '?'
// before white space or the end of the run, and the ideographic full stop U+3002.
struct TextCounts {
  uint32_t chars = 0;
  uint32_t commas = 0;
  uint32_t sentences = 0;
};
TextCounts CountText(std::string_view text) {
  TextCounts counts;
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  for (size_t i = 0; i < n; ++i) {
    const unsigned char c = p[i];
    if (c < 0x80) {
      counts.chars += !IsSpace(static_cast<char>(c));
      counts.commas += c == ',';
      counts.sentences += (c == '.' || c == '!' || c == '?') &&
                          (i + 1 == n || IsSpace(static_cast<char>(p[i + 1])));
      continue;
    }
    if ((c & 0xC0) == 0x80) continue;  // Continuation byte.
    ++counts.chars;
    if (i + 2 < n && ((c == 0xEF && p[i + 1] == 0xBC && p[i + 2] == 0x8C) ||
                      (c == 0xE3 && p[i + 1] == 0x80 && p[i + 2] == 0x81))) {
      ++counts.commas;
    } else if (c == 0xD8 && i + 1 < n && p[i + 1] == 0x8C) {
      ++counts.commas;
    } else if (c == 0xE3 && i + 2 < n && p[i + 1] == 0x80 && p[i + 2] == 0x82) {
      ++counts.sentences;
    }
  }
  return counts;
}

// display:none or visibility:hidden in a style attribute. Declarations are split at ';' and
// ':'; a ';' inside a quoted value would split wrongly but cannot create a false "none".
bool StyleHides(std::string_view style) {
  while (!style.empty()) {
    const size_t semi = style.find(';');
    const std::string_view decl = style.substr(0, semi);
    style = semi == std::string_view::npos ? std::string_view() : style.substr(semi + 1);
    const size_t colon = decl.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string_view property = TrimAsciiWhitespace(decl.substr(0, colon));
    std::string_view value = TrimAsciiWhitespace(decl.substr(colon + 1));
    if (const size_t bang = value.find('!'); bang != std::string_view::npos) {
      value = TrimAsciiWhitespace(value.substr(0, bang));
    }
    if (AsciiEqualsIgnoreCase(property, "display") && AsciiEqualsIgnoreCase(value, "none"))
      return true;
    if (AsciiEqualsIgnoreCase(property, "visibility") && AsciiEqualsIgnoreCase(value, "hidden")) {
      return true;
    }
  }
  return false;
}

// The attributes of one start tag that extraction reads. libxml2 gives a NULL-terminated list
// of name/value pairs, names in lower case; a value is NULL for an attribute written bare.
struct Attributes {
  const char* class_name = nullptr;
  const char* id = nullptr;
  const char* role = nullptr;
  const char* style = nullptr;
  const char* aria_hidden = nullptr;
  const char* hidden = nullptr;  // "" when written bare.
  const char* lang = nullptr;
  const char* xml_lang = nullptr;
  const char* name = nullptr;      // <meta name>
  const char* property = nullptr;  // <meta property>
  const char* itemprop = nullptr;
  const char* content = nullptr;   // <meta content>
  const char* datetime = nullptr;  // <time datetime>
  bool href = false;
  bool fragment_href = false;  // href="#...": a link to a place on the same page.

  explicit Attributes(const xmlChar** atts) {
    if (atts == nullptr) return;
    for (; atts[0] != nullptr; atts += 2) {
      const char* name_of = reinterpret_cast<const char*>(atts[0]);
      const char* value = atts[1] == nullptr ? "" : reinterpret_cast<const char*>(atts[1]);
      switch (name_of[0]) {
        case 'a':
          if (std::strcmp(name_of, "aria-hidden") == 0) aria_hidden = value;
          break;
        case 'c':
          if (std::strcmp(name_of, "class") == 0) class_name = value;
          if (std::strcmp(name_of, "content") == 0) content = value;
          break;
        case 'd':
          if (std::strcmp(name_of, "datetime") == 0) datetime = value;
          break;
        case 'h':
          if (std::strcmp(name_of, "href") == 0) {
            href = true;
            fragment_href = value[0] == '#';
          }
          if (std::strcmp(name_of, "hidden") == 0) hidden = value;
          break;
        case 'i':
          if (std::strcmp(name_of, "id") == 0) id = value;
          if (std::strcmp(name_of, "itemprop") == 0) itemprop = value;
          break;
        case 'l':
          if (std::strcmp(name_of, "lang") == 0) lang = value;
          break;
        case 'n':
          if (std::strcmp(name_of, "name") == 0) name = value;
          break;
        case 'p':
          if (std::strcmp(name_of, "property") == 0) property = value;
          break;
        case 'r':
          if (std::strcmp(name_of, "role") == 0) role = value;
          break;
        case 's':
          if (std::strcmp(name_of, "style") == 0) style = value;
          break;
        case 'x':
          if (std::strcmp(name_of, "xml:lang") == 0) xml_lang = value;
          break;
        default: break;
      }
    }
  }

  bool Hides() const {
    if (hidden != nullptr && !AsciiEqualsIgnoreCase(TrimAsciiWhitespace(hidden), "until-found"))
      return true;
    if (aria_hidden != nullptr && AsciiEqualsIgnoreCase(TrimAsciiWhitespace(aria_hidden), "true"))
      return true;
    return style != nullptr && StyleHides(style);
  }
};

// What a <meta> (or microdata) key names, for the metadata fields.
enum class MetaField : uint8_t { kNone, kDescription, kAuthor, kDate, kTitle };

MetaField MetaFieldOf(std::string_view key) {
  key = TrimAsciiWhitespace(key);
  constexpr std::string_view kAuthors[] = {
      "author", "article:author", "dc.creator", "dcterms.creator", "byl", "parsely-author"};
  constexpr std::string_view kDates[] = {"article:published_time",
                                         "og:published_time",
                                         "date",
                                         "dc.date",
                                         "dcterms.date",
                                         "dcterms.created",
                                         "pubdate",
                                         "publishdate",
                                         "datepublished",
                                         "citation_publication_date",
                                         "parsely-pub-date"};
  if (AsciiEqualsIgnoreCase(key, "description")) return MetaField::kDescription;
  if (AsciiEqualsIgnoreCase(key, "og:title")) return MetaField::kTitle;
  for (std::string_view k : kAuthors) {
    if (AsciiEqualsIgnoreCase(key, k)) return MetaField::kAuthor;
  }
  for (std::string_view k : kDates) {
    if (AsciiEqualsIgnoreCase(key, k)) return MetaField::kDate;
  }
  return MetaField::kNone;
}

// Receives libxml2's SAX events and builds the page.
class PageBuilder {
 public:
  PageBuilder(HtmlPage* page, bool skip_hidden) : page_(*page), skip_hidden_(skip_hidden) {
    page_.nodes.emplace_back();
    page_.events.push_back({HtmlEventType::kOpen, false, 0, 0});
    stack_.push_back({0, 0, false, false});
  }

  void Start(const char* name, const xmlChar** atts) {
    if (skip_depth_ > 0) {
      ++skip_depth_;
      return;
    }
    const HtmlTag tag = TagOf(name);
    const TagRole role = RoleOf(tag);
    const Attributes a(atts);
    if (tag == HtmlTag::kMeta || tag == HtmlTag::kTime) ReadMetadata(tag, a);
    if (tag == HtmlTag::kHtml) {
      if (a.lang != nullptr) {
        page_.lang = TrimAsciiWhitespace(a.lang);
      } else if (a.xml_lang != nullptr) {
        page_.lang = TrimAsciiWhitespace(a.xml_lang);
      }
    }
    if (role == TagRole::kNever || tag == HtmlTag::kMeta) {
      skip_depth_ = 1;
      capturing_title_ = tag == HtmlTag::kTitle && !have_title_;
      return;
    }
    // <html> and <body> are exempt: pages hide the body until a script has run
    // (<body style="display:none">), and the crawl has the text regardless.
    if (skip_hidden_ && tag != HtmlTag::kHtml && tag != HtmlTag::kBody && a.Hides()) {
      ++page_.hidden_elements;
      skip_depth_ = 1;
      return;
    }
    const uint32_t index = static_cast<uint32_t>(page_.nodes.size());
    const Open& parent = stack_.back();
    ++page_.nodes[parent.node].element_children;
    HtmlNode& node = page_.nodes.emplace_back();
    node.tag = tag;
    node.role = role;
    node.parent = parent.node;
    node.open_event = static_cast<uint32_t>(page_.events.size());
    if (a.class_name != nullptr) node.hints |= HintsOfName(a.class_name);
    if (a.id != nullptr) node.hints |= HintsOfName(a.id);
    if (a.role != nullptr) node.hints |= HintsOfRole(a.role);
    page_.events.push_back({HtmlEventType::kOpen, false, index, 0});
    const bool is_link = tag == HtmlTag::kA && a.href;
    link_depth_ += is_link;
    self_link_depth_ += is_link && a.fragment_href;
    const bool is_block = role != TagRole::kInline;
    stack_.push_back({index, is_block ? index : parent.owner, is_link, is_link && a.fragment_href});
  }

  void End() {
    if (skip_depth_ > 0) {
      if (--skip_depth_ == 0 && capturing_title_) {
        page_.title.clear();
        AppendCollapsed(title_, &page_.title);
        have_title_ = true;
        capturing_title_ = false;
      }
      return;
    }
    if (stack_.size() <= 1) return;  // libxml2 balances its events; this guards the document.
    Close();
  }

  void Characters(const char* data, int length) {
    if (skip_depth_ > 0) {
      if (capturing_title_) title_.append(data, static_cast<size_t>(length));
      return;
    }
    const std::string_view text(data, static_cast<size_t>(length));
    const bool in_link = link_depth_ > 0;
    const uint32_t offset = static_cast<uint32_t>(page_.text.size());
    page_.text.append(text);
    HtmlEvent& last = page_.events.back();
    // libxml2 delivers text in pieces (at entities, at buffer ends): one event per run.
    if (last.type == HtmlEventType::kText && last.in_link == in_link &&
        last.index + last.length == offset) {
      last.length += static_cast<uint32_t>(length);
    } else {
      page_.events.push_back(
          {HtmlEventType::kText, in_link, offset, static_cast<uint32_t>(length)});
    }
    const TextCounts counts = CountText(text);
    const Open& top = stack_.back();
    HtmlNode& inner = page_.nodes[top.node];
    inner.chars += counts.chars;
    HtmlNode& owner = page_.nodes[top.owner];
    owner.own_chars += counts.chars;
    owner.own_commas += counts.commas;
    owner.own_sentences += counts.sentences;
    if (in_link) {
      inner.link_chars += counts.chars;
      owner.own_link_chars += counts.chars;
      if (text.find("://") != std::string_view::npos) inner.url_chars += counts.chars;
      if (self_link_depth_ > 0) inner.self_link_chars += counts.chars;
    }
  }

  // Closes what libxml2 left open (nothing, for a balanced event stream) and the document.
  void Finish() {
    while (stack_.size() > 1) Close();
    HtmlNode& doc = page_.nodes[0];
    doc.subtree_end = static_cast<uint32_t>(page_.nodes.size());
    doc.close_event = static_cast<uint32_t>(page_.events.size());
    page_.events.push_back({HtmlEventType::kClose, false, 0, 0});
    if (!have_title_ && !og_title_.empty()) page_.title = og_title_;
  }

 private:
  struct Open {
    uint32_t node;
    uint32_t owner;  // The innermost block: whose own text this element's text is.
    bool is_link;
    bool is_self_link;
  };

  void Close() {
    const Open open = stack_.back();
    stack_.pop_back();
    link_depth_ -= open.is_link;
    self_link_depth_ -= open.is_self_link;
    HtmlNode& node = page_.nodes[open.node];
    node.close_event = static_cast<uint32_t>(page_.events.size());
    node.subtree_end = static_cast<uint32_t>(page_.nodes.size());
    page_.events.push_back({HtmlEventType::kClose, false, open.node, 0});
    if (node.IsProse()) ++node.prose_blocks;
    // Headings that link to themselves ("<h2><a href="#install">Install</a></h2>") are an
    // article's; a teaser's heading links elsewhere.
    if (IsHeading(node.tag) && node.chars > 0 &&
        2 * (node.link_chars - node.self_link_chars) > node.chars) {
      ++node.linked_headings;
    }
    HtmlNode& parent = page_.nodes[node.parent];
    parent.chars += node.chars;
    parent.link_chars += node.link_chars;
    parent.url_chars += node.url_chars;
    parent.self_link_chars += node.self_link_chars;
    parent.prose_blocks += node.prose_blocks;
    parent.linked_headings += node.linked_headings;
    parent.links += node.links + (open.is_link ? 1 : 0);
  }

  void ReadMetadata(HtmlTag tag, const Attributes& a) {
    const char* key = a.name != nullptr ? a.name : a.property != nullptr ? a.property : a.itemprop;
    if (key == nullptr) return;
    const char* value = tag == HtmlTag::kTime ? a.datetime : a.content;
    if (value == nullptr) return;
    std::string* field = nullptr;
    switch (MetaFieldOf(key)) {
      case MetaField::kDescription: field = &page_.description; break;
      case MetaField::kAuthor:
        // article:author is often a profile URL, not a name.
        if (std::strncmp(value, "http", 4) != 0) field = &page_.author;
        break;
      case MetaField::kDate: field = &page_.date; break;
      case MetaField::kTitle: field = &og_title_; break;
      case MetaField::kNone: break;
    }
    if (field != nullptr && field->empty()) AppendCollapsed(value, field);
  }

  HtmlPage& page_;
  const bool skip_hidden_;
  std::vector<Open> stack_;
  int skip_depth_ = 0;  // Inside an element that is never text or is hidden.
  int link_depth_ = 0;
  int self_link_depth_ = 0;  // Inside <a href="#...">.
  bool capturing_title_ = false;
  bool have_title_ = false;
  std::string title_;
  std::string og_title_;
};

PageBuilder* BuilderOf(void* ctx) {
  return static_cast<PageBuilder*>(ctx);
}

void OnStart(void* ctx, const xmlChar* name, const xmlChar** atts) {
  BuilderOf(ctx)->Start(reinterpret_cast<const char*>(name), atts);
}
void OnEnd(void* ctx, const xmlChar*) {
  BuilderOf(ctx)->End();
}
void OnCharacters(void* ctx, const xmlChar* text, int length) {
  BuilderOf(ctx)->Characters(reinterpret_cast<const char*>(text), length);
}

std::once_flag libxml2_initialised;

}  // namespace

void ParseHtmlPage(std::string_view html, HtmlPage* page, bool skip_hidden) {
  page->nodes.clear();
  page->events.clear();
  page->text.clear();
  page->title.clear();
  page->lang.clear();
  page->description.clear();
  page->author.clear();
  page->date.clear();
  page->hidden_elements = 0;
  std::string repaired;
  if (!IsValidUtf8(html)) {
    repaired = RepairUtf8(html, nullptr);
    html = repaired;
  }
  // libxml2 takes an int length; pages are capped far below by ReaderOptions.
  html = html.substr(0, std::min<size_t>(html.size(), INT_MAX));
  // Main text is usually a fraction of the markup; half avoids most regrowth.
  page->text.reserve(html.size() / 2);
  PageBuilder builder(page, skip_hidden);
  if (!html.empty()) {
    std::call_once(libxml2_initialised, xmlInitParser);
    htmlParserCtxtPtr ctxt = htmlCreateMemoryParserCtxt(html.data(), static_cast<int>(html.size()));
    if (ctxt != nullptr) {
      htmlSAXHandler sax{};
      sax.startElement = OnStart;
      sax.endElement = OnEnd;
      sax.characters = OnCharacters;
      sax.ignorableWhitespace = OnCharacters;
      sax.cdataBlock = OnCharacters;  // <script>/<style> content: skipped by the builder.
      *ctxt->sax = sax;
      ctxt->userData = &builder;
      xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
      // IGNORE_ENC: the input is UTF-8 already, whatever its <meta charset> says. HUGE: no
      // depth limit; the builder is iterative.
      htmlCtxtUseOptions(ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                   HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE);
      htmlParseDocument(ctxt);
      htmlFreeParserCtxt(ctxt);
    }
  }
  builder.Finish();
}

}  // namespace tamis
