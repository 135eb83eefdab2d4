#include "tests/readers/html_test_set.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <unordered_map>

namespace tamis::testing {
namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

std::unordered_map<std::string_view, int> WordCounts(std::string_view text) {
  std::unordered_map<std::string_view, int> counts;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && IsSpace(text[i])) ++i;
    const size_t start = i;
    while (i < text.size() && !IsSpace(text[i])) ++i;
    if (i > start) ++counts[text.substr(start, i - start)];
  }
  return counts;
}

}  // namespace

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in.good());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string TestSetDir() {
  return std::string(TAMIS_TEST_DATA) + "/readers/html_pages";
}

std::vector<TestPage> LoadTestSet() {
  std::map<std::string, TestPage> pages;
  std::istringstream manifest(ReadFile(TestSetDir() + "/manifest.tsv"));
  for (std::string line; std::getline(manifest, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> fields;
    std::istringstream row(line);
    for (std::string field; std::getline(row, field, '\t');) fields.push_back(field);
    REQUIRE(fields.size() == 4);
    REQUIRE((fields[2] == "keep" || fields[2] == "drop"));
    TestPage& page = pages[fields[0]];
    page.name = fields[0];
    page.pinned.push_back({fields[1], fields[2] == "keep", fields[3]});
  }
  std::vector<TestPage> result;
  for (auto& [name, page] : pages) {
    page.html = ReadFile(TestSetDir() + "/" + name + ".html");
    page.gold = ReadFile(TestSetDir() + "/" + name + ".gold.txt");
    result.push_back(std::move(page));
  }
  return result;
}

std::string CollapseSpaces(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (IsSpace(c)) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

Overlap WordOverlap(std::string_view extracted, std::string_view gold) {
  const auto got = WordCounts(extracted);
  const auto want = WordCounts(gold);
  long shared = 0, got_total = 0, want_total = 0;
  for (const auto& [word, n] : got) {
    got_total += n;
    if (auto it = want.find(word); it != want.end()) shared += std::min(n, it->second);
  }
  for (const auto& [word, n] : want) want_total += n;
  Overlap overlap;
  overlap.precision = got_total == 0 ? 1.0 : double(shared) / double(got_total);
  overlap.recall = want_total == 0 ? 1.0 : double(shared) / double(want_total);
  return overlap;
}

}  // namespace tamis::testing
