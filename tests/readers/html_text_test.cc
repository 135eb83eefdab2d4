#include "readers/html_text.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "readers/charset.h"

namespace tamis {
namespace {

// Raw pages of Debian's debian-handbook, copied by scripts/make_handbook_warc.sh.
std::string ReadPage(const std::string& name) {
  std::ifstream in(std::string(TAMIS_TEST_DATA) + "/readers/" + name, std::ios::binary);
  REQUIRE(in.good());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

bool HasLine(const std::string& text, const std::string& line) {
  const auto lines = Lines(text);
  return std::find(lines.begin(), lines.end(), line) != lines.end();
}

bool HasLineStartingWith(const std::string& text, const std::string& prefix) {
  for (const std::string& line : Lines(text)) {
    if (line.starts_with(prefix)) return true;
  }
  return false;
}

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

HtmlText Extract(const std::string& page, const HtmlTextOptions& options = {}) {
  auto decoded = DecodeToUtf8(page, "text/html");
  REQUIRE(decoded.ok());
  return ExtractText(decoded->text, options);
}

// Every handbook page carries the same furniture: an ebook banner, and a navigation bar above
// and below the content naming the previous and next sections.
void CheckHandbookFurnitureDropped(const HtmlText& page) {
  CHECK_FALSE(Contains(page.text, "Download the ebook"));
  CHECK_FALSE(Contains(page.text, "The Debian Administrator's Handbook"));
  CHECK(page.furniture_blocks >= 3);  // Banner and both navigation bars.
}

TEST_CASE("English handbook page keeps its paragraphs and headings and drops navigation",
          "[html_text]") {
  const HtmlText page = Extract(ReadPage("handbook-en-role-of-distributions.html"));
  CHECK(page.title == "1.5. The Role of Distributions");
  CHECK(HasLine(page.text, "1.5. The Role of Distributions"));
  CHECK(HasLine(page.text, "1.5.1. The Installer: debian-installer"));
  CHECK(HasLine(page.text,
                "A GNU/Linux distribution has two main objectives: install a free operating "
                "system on a computer (either with or without an existing system or systems), and "
                "provide a range of software covering all of the users' needs."));
  // A link inside a paragraph stays in the paragraph.
  CHECK(Contains(page.text,
                 "(see Chapter 15, Creating a Debian Package for more information on this "
                 "topic)."));
  CheckHandbookFurnitureDropped(page);
  CHECK_FALSE(Contains(page.text, "1.4. Follow Debian News"));
  CHECK_FALSE(Contains(page.text, "1.6. Lifecycle of a Release"));
  for (const char* nav : {"Prev", "Next", "Up", "Home"}) CHECK_FALSE(HasLine(page.text, nav));
}

TEST_CASE("French handbook page keeps its paragraphs and drops navigation", "[html_text]") {
  const HtmlText page = Extract(ReadPage("handbook-fr-role-of-distributions.html"));
  CHECK(page.title == "1.5. Rôle d'une distribution");
  CHECK(HasLine(page.text,
                "Une distribution GNU/Linux a deux objectifs principaux : installer un système "
                "libre sur un ordinateur (vierge ou disposant déjà d'autres systèmes) et fournir "
                "une palette de logiciels couvrant tous les besoins de l'utilisateur."));
  CheckHandbookFurnitureDropped(page);
  CHECK_FALSE(Contains(page.text, "1.4. Suivre les actualités Debian"));
  CHECK_FALSE(Contains(page.text, "Précédent"));
  CHECK_FALSE(Contains(page.text, "Sommaire"));
}

TEST_CASE("The French page re-encoded in ISO-8859-1 extracts to the same French text",
          "[html_text]") {
  // The copy the WARC fixture serves from fr-latin1/: only its <meta> names the charset.
  const std::string bytes = ReadPage("handbook-fr-latin1-role-of-distributions.html");
  auto decoded = DecodeToUtf8(bytes, "text/html");
  REQUIRE(decoded.ok());
  CHECK(decoded->charset == "windows-1252");
  CHECK(decoded->source == CharsetSource::kMeta);
  CHECK(decoded->replaced == 0);
  const HtmlText page = ExtractText(decoded->text);
  CHECK(page.title == "1.5. Rôle d'une distribution");
  CHECK(HasLine(page.text,
                "Une distribution GNU/Linux a deux objectifs principaux : installer un système "
                "libre sur un ordinateur (vierge ou disposant déjà d'autres systèmes) et fournir "
                "une palette de logiciels couvrant tous les besoins de l'utilisateur."));
  CheckHandbookFurnitureDropped(page);
}

TEST_CASE("German handbook page keeps its paragraphs and drops navigation", "[html_text]") {
  const HtmlText page = Extract(ReadPage("handbook-de-who-is-this-book-for.html"));
  CHECK(HasLineStartingWith(page.text,
                            "Wir haben versucht, dieses Buch für viele Kategorien von Lesern "
                            "nützlich zu gestalten."));
  CHECK(HasLineStartingWith(page.text,
                            "Benutzer einer anderen Linux-Distribution oder einer anderen "
                            "Unix-Variante werden die Eigenheiten von Debian entdecken"));
  CheckHandbookFurnitureDropped(page);
  CHECK_FALSE(Contains(page.text, "Zurück"));
  CHECK_FALSE(Contains(page.text, "3. Allgemeines Vorgehen"));
  CHECK_FALSE(Contains(page.text, "Nach oben"));
}

TEST_CASE("Japanese handbook page keeps its paragraphs and drops navigation", "[html_text]") {
  const HtmlText page = Extract(ReadPage("handbook-ja-role-of-distributions.html"));
  CHECK(page.title == "1.5. ディストリビューションの役割");
  CHECK(HasLine(page.text,
                "GNU/Linux ディストリビューションには 2 つの目標があります。すなわち、自由なオペ"
                "レーティングシステムをコンピュータにインストールすること (既にシステムが存在し"
                "ているか否かは関係ありません)、そしてすべてのユーザからの必要性を満足する広範な"
                "ソフトウェアを提供すること、です。"));
  CheckHandbookFurnitureDropped(page);
  CHECK_FALSE(Contains(page.text, "1.4. Debian ニュースを追いかける"));
  CHECK_FALSE(Contains(page.text, "戻る"));
}

TEST_CASE("Russian handbook page keeps its paragraphs and drops navigation", "[html_text]") {
  const HtmlText page = Extract(ReadPage("handbook-ru-who-is-this-book-for.html"));
  CHECK(HasLineStartingWith(page.text,
                            "Мы пытались сделать эту книгу полезной для разных категорий "
                            "читателей. Во-первых, системные администраторы (как начинающие, так "
                            "и опытные)"));
  CheckHandbookFurnitureDropped(page);
  CHECK_FALSE(Contains(page.text, "3. Общий подход"));
  CHECK_FALSE(Contains(page.text, "Пред."));
}

TEST_CASE("Chinese handbook page keeps its paragraphs and drops navigation", "[html_text]") {
  const HtmlText page = Extract(ReadPage("handbook-zh-role-of-distributions.html"));
  CHECK(HasLine(page.text,
                "GNU/Linux 发行版的两个主要目标：在电脑上安装自由的操作系统 (单独存在，或是和其"
                "他操作系统同时存在)，以及提供满足用户需求的各种软件。"));
  CheckHandbookFurnitureDropped(page);
  CHECK_FALSE(Contains(page.text, "1.4. 跟踪 Debian 最新消息"));
  CHECK_FALSE(Contains(page.text, "上一页"));
}

TEST_CASE("Switching the furniture rules off brings the handbook navigation back", "[html_text]") {
  // Guards the tests above: the strings they expect gone are really on the page.
  HtmlTextOptions keep_all;
  keep_all.drop_furniture_by_class = false;
  keep_all.drop_link_lists = false;
  keep_all.find_main_content = false;
  const HtmlText page = Extract(ReadPage("handbook-en-role-of-distributions.html"), keep_all);
  CHECK(Contains(page.text, "Download the ebook"));
  CHECK(Contains(page.text, "1.4. Follow Debian News"));
  CHECK(Contains(page.text, "The Debian Administrator's Handbook"));
}

TEST_CASE("Preformatted command examples keep their lines and blank lines", "[html_text]") {
  const HtmlText page = Extract(ReadPage("handbook-en-apt-get.html"));
  CHECK(page.title == "6.2. aptitude, apt-get, and apt Commands");
  CHECK(HasLine(page.text, "$ sudo apt -o \"Acquire::PDiffs=false\" update"));
  CHECK(Contains(page.text, "Package: *\nPin: release a=stable\nPin-Priority: 900\n\nPackage: *"));
  CHECK(HasLine(page.text, "6.2.1. Initialization"));
  CheckHandbookFurnitureDropped(page);
  CHECK_FALSE(Contains(page.text, "6.3. The apt-cache Command"));
}

TEST_CASE("The handbook's table of contents is dropped as a link list", "[html_text]") {
  const HtmlText page = Extract(ReadPage("handbook-en-index.html"));
  CHECK(page.title == "The Debian Administrator's Handbook");
  CHECK(page.description ==
        "A reference book presenting the Debian distribution, from initial installation to "
        "configuration of services.");
  CHECK(HasLine(page.text, "Debian Bullseye from Discovery to Mastery"));
  CHECK(HasLineStartingWith(page.text, "This book is available under the terms of two licenses"));
  CHECK(page.link_list_blocks > 0);
  // Entries of the table of contents.
  CHECK_FALSE(Contains(page.text, "1.5. The Role of Distributions"));
  CHECK_FALSE(Contains(page.text, "Presenting the Case Study"));
}

TEST_CASE("Concurrent extraction gives the same results as serial extraction", "[html_text]") {
  const std::vector<std::string> names = {
      "handbook-en-role-of-distributions.html", "handbook-en-apt-get.html",
      "handbook-fr-role-of-distributions.html", "handbook-de-who-is-this-book-for.html",
      "handbook-ja-role-of-distributions.html", "handbook-ru-who-is-this-book-for.html",
      "handbook-zh-role-of-distributions.html", "handbook-en-index.html"};
  std::vector<std::string> pages;
  std::vector<std::string> serial;
  for (const std::string& name : names) {
    pages.push_back(ReadPage(name));
    serial.push_back(ExtractText(pages.back()).text);
  }
  constexpr int kThreads = 4;
  constexpr int kRounds = 5;
  std::vector<std::vector<std::string>> results(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < kRounds; ++round) {
        for (const std::string& page : pages) {
          auto decoded = DecodeToUtf8(page, "text/html");
          results[t].push_back(decoded.ok() ? ExtractText(decoded->text).text : "");
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) {
    REQUIRE(results[t].size() == pages.size() * kRounds);
    for (size_t i = 0; i < results[t].size(); ++i) {
      CHECK(results[t][i] == serial[i % pages.size()]);
    }
  }
}

// Hand-written pages below test one rule each; the prose is from the handbook.
constexpr std::string_view kProse =
    "Debian is a GNU/Linux distribution. It was created by Ian Murdock in 1993.";

std::string Wrap(std::string_view body) {
  return "<!DOCTYPE html><html lang=\"en-GB\"><head><title> Debian &amp;\n  you </title>"
         "<meta name=\"Description\" content=\" What is\n Debian? \"></head><body>" +
         std::string(body) + "</body></html>";
}

TEST_CASE("Metadata comes from title, html lang and meta description", "[html_text]") {
  const HtmlText page = ExtractText(Wrap("<p>" + std::string(kProse) + "</p>"));
  CHECK(page.title == "Debian & you");
  CHECK(page.lang == "en-GB");
  CHECK(page.description == "What is Debian?");
  CHECK(page.text == kProse);
}

TEST_CASE("Hidden elements are dropped", "[html_text]") {
  const HtmlText page =
      ExtractText(Wrap("<p>" + std::string(kProse) +
                       "</p>"
                       "<p hidden>Skip to main content</p>"
                       "<div aria-hidden=\"TRUE\">Toggle navigation</div>"
                       "<span style=\"color: red; display : none !important\">Loading...</span>"
                       "<p style=\"visibility:hidden\">Tooltip</p>"
                       "<p style=\"display:block\">It is developed by volunteers.</p>"));
  CHECK(page.text == std::string(kProse) + "\nIt is developed by volunteers.");
  CHECK(page.hidden_elements == 4);
}

TEST_CASE("A body hidden until a script runs is still extracted", "[html_text]") {
  const HtmlText page = ExtractText("<html><body style=\"display:none\"><p>" + std::string(kProse) +
                                    "</p></body></html>");
  CHECK(page.text == kProse);
  CHECK(page.hidden_elements == 0);
}

TEST_CASE("Script, style, forms, nav, header, footer and aside are dropped", "[html_text]") {
  const HtmlText page =
      ExtractText(Wrap("<header><h1>Debian News</h1></header><nav><a href=/>Home</a></nav>"
                       "<script>var x = '<p>not text</p>';</script><style>p { color: red }</style>"
                       "<main><article><header><h1>About Debian</h1></header><p>" +
                       std::string(kProse) +
                       "</p><footer>Tags: debian</footer></article></main>"
                       "<aside>Related posts</aside><form><label>Search</label><input value=q>"
                       "<button>Go</button></form><noscript>Enable JavaScript</noscript>"
                       "<footer>Copyright SPI</footer>"));
  // The <header> inside <article> is the article's own.
  CHECK(page.text == "About Debian\n" + std::string(kProse));
}

TEST_CASE("Furniture named by role, class or id is dropped", "[html_text]") {
  const HtmlText page = ExtractText(Wrap(
      "<div role=\"navigation\">Debian Home</div>"
      "<div class=\"cookieConsent\">We use cookies. <span>Accept</span></div>"
      "<ul class=\"breadcrumbs\"><li>Home</li><li>About</li></ul>"
      "<div id=\"site-footer\">Debian is a trademark of Software in the Public Interest.</div>"
      "<div class=\"content\"><p>" +
      std::string(kProse) + "</p><div class=\"navigable-list\">Navigable is not nav.</div></div>"));
  CHECK(page.text == std::string(kProse) + "\nNavigable is not nav.");
  CHECK(page.furniture_blocks == 4);
}

TEST_CASE("A furniture class on a wrapper holding the article does not drop the article",
          "[html_text]") {
  // Issue #10: a short article inside <div class="page-content and-w-sidebar"> used to vanish
  // with its wrapper; an element that holds the main content is never judged by its name.
  std::string article;
  for (int i = 0; i < 20; ++i) article += "<p>" + std::string(kProse) + "</p>";
  const HtmlText page =
      ExtractText(Wrap("<div class=\"layout has-sidebar\">" + article + "</div>"));
  CHECK(HasLine(page.text, std::string(kProse)));
  const HtmlText short_page = ExtractText(
      Wrap("<div class=\"page-content and-w-sidebar\"><p>" + std::string(kProse) + "</p></div>"));
  CHECK(short_page.text == kProse);
}

TEST_CASE("A list whose text is mostly links is dropped, a paragraph with a link is not",
          "[html_text]") {
  const HtmlText page = ExtractText(
      Wrap("<ul><li><a href=\"/News\">News</a></li><li><a href=\"/intro\">About Debian</a></li>"
           "<li><a href=\"/distrib\">Getting Debian</a></li><li>Support</li></ul>"
           "<p>" +
           std::string(kProse) +
           " See <a href=\"/intro\">the introduction</a>.</p>"
           "<ul><li>Debian runs on <a href=\"/ports\">many architectures</a> and is used by "
           "millions of people.</li></ul>"));
  CHECK(page.text == std::string(kProse) +
                         " See the introduction.\nDebian runs on many architectures and is used "
                         "by millions of people.");
  CHECK(page.link_list_blocks == 1);

  HtmlTextOptions strict;
  strict.max_link_density = 0.1;  // The last list is 25% link text.
  const HtmlText strict_page = ExtractText(
      Wrap("<ul><li>Debian runs on <a href=\"/ports\">many architectures</a> and is used by "
           "millions of people.</li></ul>"),
      strict);
  CHECK(strict_page.text.empty());
}

TEST_CASE("Link text goes with keep_link_text off", "[html_text]") {
  const std::string page = Wrap("<p>" + std::string(kProse) +
                                " See <a href=\"/intro\">the introduction</a> for more.</p>");
  HtmlTextOptions options;
  options.keep_link_text = false;
  CHECK(ExtractText(page).text == std::string(kProse) + " See the introduction for more.");
  CHECK(ExtractText(page, options).text == std::string(kProse) + " See for more.");
}

TEST_CASE("A form around the whole page does not take the article away", "[html_text]") {
  // ASP.NET pages wrap everything in <form id="aspnetForm">; issue #10 saw the article vanish.
  std::string article;
  for (int i = 0; i < 4; ++i) article += "<p>" + std::string(kProse) + "</p>";
  const HtmlText page = ExtractText(
      Wrap("<form method=post action=\"./page.aspx\"><input type=hidden name=__VIEWSTATE>"
           "<ul class=topnav><li><a href=/>Home</a></li><li><a href=/news>News</a></li></ul>"
           "<div class=\"article-body\">" +
           article + "</div></form>"));
  CHECK(HasLine(page.text, std::string(kProse)));
  CHECK_FALSE(Contains(page.text, "News"));
}

TEST_CASE("A header of paragraphs is content, a header of links is not", "[html_text]") {
  // The UDHR's preamble is eleven paragraphs in <header>; site headers are a logo and a menu.
  std::string preamble, article;
  for (int i = 0; i < 3; ++i)
    preamble += "<p>Preamble " + std::to_string(i) + ". " + std::string(kProse) + "</p>";
  for (int i = 0; i < 6; ++i)
    article += "<p>Article " + std::to_string(i) + ". " + std::string(kProse) + "</p>";
  const HtmlText page = ExtractText(
      Wrap("<header class=site-header><a href=/>Debian</a> <a href=/news>News</a></header>"
           "<div class=page><header><h1>Declaration</h1>" +
           preamble + "</header><main>" + article + "</main></div>"));
  CHECK(HasLineStartingWith(page.text, "Preamble 0. "));
  CHECK(HasLineStartingWith(page.text, "Preamble 2. "));
  CHECK(HasLineStartingWith(page.text, "Article 5. "));
  CHECK_FALSE(Contains(page.text, "News"));
}

TEST_CASE("Headings that link to themselves do not make a box a list of teasers", "[html_text]") {
  std::string article, faq, teasers;
  for (int i = 0; i < 6; ++i) article += "<p>" + std::string(kProse) + "</p>";
  for (int i = 0; i < 3; ++i) {
    const std::string n = std::to_string(i);
    faq += "<h3 id=q" + n + "><a href=\"#q" + n + "\">Question " + n + "</a></h3><p>Answer " + n +
           ". " + std::string(kProse) + "</p>";
    teasers += "<h3><a href=\"/story" + n + "\">Story " + n + "</a></h3><p>Summary " + n + ". " +
               std::string(kProse) + "</p>";
  }
  const HtmlText page =
      ExtractText(Wrap("<div class=page><div class=text>" + article + "</div><div class=faq>" +
                       faq + "</div><div class=more>" + teasers + "</div></div>"));
  CHECK(HasLine(page.text, "Question 2"));
  CHECK(HasLineStartingWith(page.text, "Answer 2. "));
  CHECK_FALSE(Contains(page.text, "Story 0"));
  CHECK_FALSE(Contains(page.text, "Summary 0"));
}

TEST_CASE("A navigation name on a wrapper of the whole page does not silence its article",
          "[html_text]") {
  std::string article;
  for (int i = 0; i < 5; ++i) article += "<p>" + std::string(kProse) + "</p>";
  const HtmlText page = ExtractText(
      Wrap("<div class=\"layout with-navigation\"><ul class=menu><li><a href=/>Home</a></li></ul>"
           "<div class=article>" +
           article + "</div></div>"));
  CHECK(HasLine(page.text, std::string(kProse)));
  CHECK_FALSE(Contains(page.text, "Home"));
}

TEST_CASE("A page of paragraphs straight in <body> is one article", "[html_text]") {
  // Hand-written pages (READMEs in /usr/share/doc) have no wrapper around their text.
  const HtmlText page = ExtractText(
      Wrap("<h2>JSON-C</h2><h3>Overview</h3><p>Intro. " + std::string(kProse) +
           "</p><h3>Building</h3><p>Run configure and make.</p><p>Then. " + std::string(kProse) +
           "</p><div class=box><p>Box. " + std::string(kProse) + "</p><p>More. " +
           std::string(kProse) + "</p></div><p>Last. " + std::string(kProse) + "</p>"));
  CHECK(HasLineStartingWith(page.text, "Intro. "));
  CHECK(HasLine(page.text, "Run configure and make."));
  CHECK(HasLineStartingWith(page.text, "Then. "));
  CHECK(HasLineStartingWith(page.text, "Last. "));
  CHECK(HasLine(page.text, "Overview"));
}

TEST_CASE("Blocks, table cells and line breaks become lines, whitespace collapses", "[html_text]") {
  const HtmlText page = ExtractText(
      Wrap("<h2>  Debian\n   releases </h2><p>Bullseye<br>Bookworm<br/><br/>Trixie</p>"
           "<table><tr><th>Version</th><th>Name</th></tr><tr><td>11</td><td>bullseye</td></tr>"
           "</table><dl><dt>stable</dt><dd>the released version</dd></dl>"
           "<blockquote>Free as in <em>freedom</em>.</blockquote>"
           "<p>caf&eacute; &lt;tag&gt; &#x263A;</p>"));
  CHECK(page.text ==
        "Debian releases\nBullseye\nBookworm\nTrixie\nVersion\nName\n11\nbullseye\nstable\n"
        "the released version\nFree as in freedom.\ncafé <tag> \u263A");
}

TEST_CASE("Blank lines at the start of a pre block are dropped, its indentation is kept",
          "[html_text]") {
  // Gumbo drops only the first newline after <pre>; the rest are the page's own.
  CHECK(ExtractText("<pre>\n\n  \n    $ apt update\n\n    $ apt upgrade\n\n</pre>").text ==
        "    $ apt update\n\n    $ apt upgrade");
  CHECK(ExtractText("<pre>\n\n  <code>  apt\n</code></pre><p>done</p>").text == "    apt\ndone");
  CHECK(ExtractText("<pre>\n\n<div class=menu><a href=/>Home</a></div>\n\napt</pre>").text ==
        "apt");
}

TEST_CASE("Malformed and empty input gives valid text or nothing", "[html_text]") {
  CHECK(ExtractText("").text.empty());
  CHECK(ExtractText("<html><body><script>x</script></body></html>").text.empty());
  CHECK(ExtractText("<p>unclosed <b>bold <i>italic</p> tail").text == "unclosed bold italic\ntail");
  // Invalid UTF-8 becomes U+FFFD.
  CHECK(ExtractText("<p>caf\xE9</p>").text == "caf\xEF\xBF\xBD");
  // Deep nesting does not overflow the stack of the walk.
  std::string deep;
  for (int i = 0; i < 20000; ++i) deep += "<span>";
  deep += "deep";
  CHECK(ExtractText(deep).text == "deep");
}

}  // namespace
}  // namespace tamis
