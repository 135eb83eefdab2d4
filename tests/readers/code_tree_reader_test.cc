#include "readers/code_tree_reader.h"

#include <fstream>
#include <map>

#include <catch2/catch.hpp>

#include "readers/code_language.h"
#include "tests/io/temp_dir.h"

namespace tamis {
namespace {

TEST_CASE("Code languages come from extensions and well-known file names", "[readers][code]") {
  CHECK(CodeLanguageOf("src/main.cc") == "C++");
  CHECK(CodeLanguageOf("setup.PY") == "Python");
  CHECK(CodeLanguageOf("a/b/Makefile") == "Makefile");
  CHECK(CodeLanguageOf("CMakeLists.txt") == "CMake");
  CHECK(CodeLanguageOf("notes.txt").empty());
  CHECK(CodeLanguageOf(".bashrc").empty());
}

TEST_CASE("Code-tree reading keeps source files in path order and skips the rest",
          "[readers][code]") {
  testing::TempDir dir;
  std::string root = dir.path() + "/repo";
  // Real source: tamis's own files.
  std::string source_dir = std::string(TAMIS_TEST_DATA) + "/../../io/";
  std::ifstream in(source_dir + "input_stream.h");
  std::string header((std::istreambuf_iterator<char>(in)), {});
  REQUIRE(!header.empty());
  dir.Write("repo/io/input_stream.h", header);
  dir.Write("repo/build.sh", "#!/bin/sh\ncmake -S . -B build\n");
  dir.Write("repo/node_modules/left-pad/index.js", "module.exports = leftPad;\n");
  dir.Write("repo/logo.png", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  dir.Write("repo/latin1.c", "/* R\xf4le */\n");
  dir.Write("repo/README", "tamis\n");
  ReaderOptions options;
  auto reader = CodeTreeReader::Open(root, options);
  REQUIRE(reader.ok());
  std::vector<Document> docs;
  Document d;
  while (*(*reader)->Next(&d)) docs.push_back(d);
  REQUIRE(docs.size() == 2);
  CHECK(docs[0].id == "repo/build.sh");
  CHECK(docs[0].metadata.GetString("programming_language") == "Shell");
  CHECK(docs[1].metadata.GetString("path") == "io/input_stream.h");
  CHECK(docs[1].metadata.GetString("programming_language") == "C");
  CHECK(docs[1].text == header);
  auto skipped = (*reader)->skipped();
  CHECK(skipped["code_vendored"] == 1);
  CHECK(skipped["code_binary"] == 1);            // latin1.c is not UTF-8.
  CHECK(skipped["code_unknown_language"] == 2);  // logo.png, README.
}

}  // namespace
}  // namespace tamis
