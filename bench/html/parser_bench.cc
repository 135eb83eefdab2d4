// The floor under HTML extraction: how fast the HTML parsers Debian 12 ships get through the
// same pages with no extraction work, one thread, per CPU-second. Usage: parser_bench [--repeat N]
// FILE...
//   gumbo          gumbo_parse (the full HTML5 tree tamis built before issue #10), then free;
//   libxml2 tree   htmlReadMemory (the tree lxml and so trafilatura build), then free;
//   libxml2 SAX    htmlParseDocument with element and character callbacks that only count
//                  (how readers/html_page.cc drives it).
#include <gumbo.h>
#include <libxml/HTMLparser.h>
#include <time.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

constexpr int kOptions = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                         HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC;

struct Counts {
  long elements = 0;
  long text_bytes = 0;
};

void OnStart(void* ctx, const xmlChar*, const xmlChar**) {
  ++static_cast<Counts*>(ctx)->elements;
}
void OnEnd(void*, const xmlChar*) {}
void OnText(void* ctx, const xmlChar*, int n) {
  static_cast<Counts*>(ctx)->text_bytes += n;
}

void ParseGumbo(const std::string& page) {
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;
  gumbo_destroy_output(&options, gumbo_parse_with_options(&options, page.data(), page.size()));
}

void ParseLibxml2Tree(const std::string& page) {
  xmlFreeDoc(
      htmlReadMemory(page.data(), static_cast<int>(page.size()), nullptr, "UTF-8", kOptions));
}

void ParseLibxml2Sax(const std::string& page, Counts* counts) {
  htmlParserCtxtPtr ctxt = htmlCreateMemoryParserCtxt(page.data(), static_cast<int>(page.size()));
  htmlSAXHandler sax{};
  sax.startElement = OnStart;
  sax.endElement = OnEnd;
  sax.characters = OnText;
  sax.ignorableWhitespace = OnText;
  sax.cdataBlock = OnText;
  *ctxt->sax = sax;
  ctxt->userData = counts;
  htmlCtxtUseOptions(ctxt, kOptions);
  htmlParseDocument(ctxt);
  htmlFreeParserCtxt(ctxt);
}

// CPU time of this thread, so that other processes on the machine do not count.
double CpuNow() {
  timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

template <typename Parse>
double MegabytesPerSecond(const std::vector<std::string>& pages, int repeat, Parse parse) {
  uint64_t bytes = 0;
  const double start = CpuNow();
  for (int r = 0; r < repeat; ++r) {
    for (const std::string& page : pages) {
      parse(page);
      bytes += page.size();
    }
  }
  const double s = CpuNow() - start;
  return static_cast<double>(bytes) / 1e6 / s;
}

}  // namespace

int main(int argc, char** argv) {
  int repeat = 3;
  std::vector<std::string> pages;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--repeat") == 0 && i + 1 < argc) {
      repeat = std::atoi(argv[++i]);
      continue;
    }
    std::ifstream in(argv[i], std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    pages.push_back(s.str());
  }
  if (pages.empty() || repeat < 1) {
    std::fprintf(stderr, "usage: parser_bench [--repeat N] FILE...\n");
    return 2;
  }
  xmlInitParser();
  Counts counts;
  const double gumbo = MegabytesPerSecond(pages, repeat, ParseGumbo);
  const double tree = MegabytesPerSecond(pages, repeat, ParseLibxml2Tree);
  const double sax =
      MegabytesPerSecond(pages, repeat, [&](const std::string& p) { ParseLibxml2Sax(p, &counts); });
  std::printf(
      "parse only: gumbo %.1f MB/s, libxml2 tree %.1f MB/s, libxml2 SAX %.1f MB/s "
      "(%ld elements)\n",
      gumbo, tree, sax, counts.elements / repeat);
  return 0;
}
