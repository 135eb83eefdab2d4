// Single-thread throughput of charset decoding + HTML main-text extraction per CPU-second (per
// core: the pipeline runs one page per thread and nothing is shared). Usage:
//   html_bench [--repeat N] [--concat] [--out DIR] FILE...
// Reads the files into memory, then decodes and extracts each one N times. --concat also
// times one document made of all files joined (the shape html2text sees in run.sh). --out
// writes each page's text to DIR/<file name without .html>.txt, for bench/html/score.py.
// Compiled against the extractor of today or of an older commit (run.sh): it uses only
// ExtractText(text) and HtmlText::text, which both have.
#include <time.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "readers/charset.h"
#include "readers/html_text.h"

namespace {

// CPU time of this thread: "per core" on a machine other processes share (wall time would
// count the time the scheduler gave them).
double CpuNow() {
  timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}
double Seconds(double start) {
  return CpuNow() - start;
}

}  // namespace

int main(int argc, char** argv) {
  int repeat = 3;
  bool concat = false;
  std::string out_dir;
  std::vector<std::string> pages;
  std::vector<std::string> names;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--repeat") == 0 && i + 1 < argc) {
      repeat = std::atoi(argv[++i]);
    } else if (std::strcmp(argv[i], "--concat") == 0) {
      concat = true;
    } else if (std::strcmp(argv[i], "--out") == 0 && i + 1 < argc) {
      out_dir = argv[++i];
    } else {
      std::ifstream in(argv[i], std::ios::binary);
      if (!in) {
        std::fprintf(stderr, "html_bench: cannot read %s\n", argv[i]);
        return 1;
      }
      std::ostringstream s;
      s << in.rdbuf();
      pages.push_back(s.str());
      std::string name = argv[i];
      name = name.substr(name.rfind('/') + 1);
      if (name.ends_with(".html")) name.resize(name.size() - 5);
      names.push_back(name);
    }
  }
  if (pages.empty() || repeat < 1) {
    std::fprintf(stderr, "usage: html_bench [--repeat N] [--concat] FILE...\n");
    return 2;
  }
  uint64_t in_bytes = 0;
  for (const std::string& p : pages) in_bytes += p.size();

  uint64_t out_bytes = 0;
  double decode_s = 0;
  double extract_s = 0;
  for (int r = 0; r < repeat; ++r) {
    for (const std::string& p : pages) {
      auto t0 = CpuNow();
      auto decoded = tamis::DecodeToUtf8(p, "text/html");
      decode_s += Seconds(t0);
      if (!decoded.ok()) return 1;
      auto t1 = CpuNow();
      tamis::HtmlText text = tamis::ExtractText(decoded->text);
      extract_s += Seconds(t1);
      out_bytes += text.text.size();
    }
  }
  const double n = static_cast<double>(pages.size()) * repeat;
  const double mb = static_cast<double>(in_bytes) * repeat / 1e6;
  const double total = decode_s + extract_s;
  std::printf("pages %zu x %d, %.2f MB html per pass, text/html %.1f%%\n", pages.size(), repeat,
              in_bytes / 1e6, 100.0 * out_bytes / (static_cast<double>(in_bytes) * repeat));
  std::printf("tamis decode+extract: %.0f pages/s, %.1f MB/s (decode %.1f%% of time)\n", n / total,
              mb / total, 100.0 * decode_s / total);
  std::printf("tamis extract only:   %.0f pages/s, %.1f MB/s\n", n / extract_s, mb / extract_s);
  for (size_t i = 0; i < pages.size() && !out_dir.empty(); ++i) {
    auto decoded = tamis::DecodeToUtf8(pages[i], "text/html");
    if (!decoded.ok()) return 1;
    std::ofstream out(out_dir + "/" + names[i] + ".txt", std::ios::binary);
    out << tamis::ExtractText(decoded->text).text << "\n";
    if (!out) return 1;
  }
  if (concat) {
    std::string all;
    for (const std::string& p : pages) all += p;
    auto t0 = CpuNow();
    for (int r = 0; r < repeat; ++r) {
      tamis::HtmlText text = tamis::ExtractText(all);
      if (text.text.empty()) return 1;
    }
    const double s = Seconds(t0);
    std::printf("tamis extract, one concatenated document: %.1f MB/s\n",
                static_cast<double>(all.size()) * repeat / 1e6 / s);
  }
  return 0;
}
