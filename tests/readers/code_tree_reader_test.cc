#include "readers/code_tree_reader.h"

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
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

// Reads the tree at `root` and checks, in a child process without root's right to read
// anything, that the reader goes past what `chmod 000` hid and names it. Returns the child's
// exit status: 0 when every expectation held.
int ReadAsUnprivileged(const std::string& root, const std::string& hidden) {
  pid_t pid = ::fork();
  if (pid == 0) {
    if (::getuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0)) ::_exit(10);
    ReaderOptions options;
    std::vector<std::string> messages;
    options.on_skip = [&](std::string_view, const std::string& m) { messages.push_back(m); };
    auto reader = CodeTreeReader::Open(root, options);
    if (!reader.ok()) ::_exit(11);
    std::vector<std::string> ids;
    Document d;
    while (true) {
      auto more = (*reader)->Next(&d);
      if (!more.ok()) ::_exit(12);
      if (!*more) break;
      ids.push_back(d.id);
    }
    if (ids != std::vector<std::string>{"repo/a.py", "repo/z.py"}) ::_exit(13);
    if ((*reader)->skipped().at("code_unreadable") != 1) ::_exit(14);
    if (messages.size() != 1 || messages[0].find(hidden) == std::string::npos ||
        messages[0].find("Permission denied") == std::string::npos) {
      ::_exit(15);
    }
    options.strict = true;
    auto strict = CodeTreeReader::Open(root, options);
    Result<bool> more = true;
    while (more.ok() && *more) more = (*strict)->Next(&d);
    ::_exit(more.ok() ? 16 : 0);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST_CASE("An unreadable sub-directory of a code tree is a counted skip naming it",
          "[readers][code]") {
  testing::TempDir dir;
  dir.Write("repo/a.py", "print('a')\n");
  dir.Write("repo/secret/b.py", "print('b')\n");
  dir.Write("repo/z.py", "print('z')\n");
  std::filesystem::permissions(dir.path(), std::filesystem::perms::all);
  ::chmod(dir.File("repo/secret").c_str(), 0);
  CHECK(ReadAsUnprivileged(dir.File("repo"), "secret") == 0);
  ::chmod(dir.File("repo/secret").c_str(), 0755);
}

TEST_CASE("One unreadable file of a code tree is a counted skip naming it, not a failed run",
          "[readers][code]") {
  testing::TempDir dir;
  dir.Write("repo/a.py", "print('a')\n");
  dir.Write("repo/m.py", "print('m')\n");
  dir.Write("repo/z.py", "print('z')\n");
  std::filesystem::permissions(dir.path(), std::filesystem::perms::all);
  ::chmod(dir.File("repo/m.py").c_str(), 0);
  CHECK(ReadAsUnprivileged(dir.File("repo"), "m.py") == 0);
}

TEST_CASE("A file removed while a code tree is read is a counted skip", "[readers][code]") {
  testing::TempDir dir;
  dir.Write("repo/a.py", "print('a')\n");
  dir.Write("repo/gone.py", "print('gone')\n");
  ReaderOptions options;
  const std::string root = dir.File("repo");  // Outlives the reader, as Open requires.
  auto reader = CodeTreeReader::Open(root, options);
  REQUIRE(reader.ok());
  std::filesystem::remove(dir.File("repo/gone.py"));
  Document d;
  std::vector<std::string> ids;
  while (true) {
    auto more = (*reader)->Next(&d);
    REQUIRE(more.ok());
    if (!*more) break;
    ids.push_back(d.id);
  }
  CHECK(ids == std::vector<std::string>{"repo/a.py"});
  CHECK((*reader)->skipped().at("code_unreadable") == 1);
}

}  // namespace
}  // namespace tamis
