#include "readers/code_language.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <utility>

namespace tamis {
namespace {

// Extension (lowercase, without the dot) → linguist language name. Sorted for binary search.
constexpr std::pair<std::string_view, std::string_view> kExtensions[] = {
    {"adb", "Ada"},
    {"ads", "Ada"},
    {"asm", "Assembly"},
    {"bash", "Shell"},
    {"bat", "Batchfile"},
    {"c", "C"},
    {"cc", "C++"},
    {"cjs", "JavaScript"},
    {"cl", "Common Lisp"},
    {"clj", "Clojure"},
    {"cmake", "CMake"},
    {"cob", "COBOL"},
    {"cpp", "C++"},
    {"cs", "C#"},
    {"css", "CSS"},
    {"cu", "Cuda"},
    {"cxx", "C++"},
    {"d", "D"},
    {"dart", "Dart"},
    {"el", "Emacs Lisp"},
    {"erl", "Erlang"},
    {"ex", "Elixir"},
    {"exs", "Elixir"},
    {"f", "Fortran"},
    {"f90", "Fortran"},
    {"f95", "Fortran"},
    {"fs", "F#"},
    {"go", "Go"},
    {"groovy", "Groovy"},
    {"h", "C"},
    {"hh", "C++"},
    {"hpp", "C++"},
    {"hs", "Haskell"},
    {"htm", "HTML"},
    {"html", "HTML"},
    {"hxx", "C++"},
    {"ipynb", "Jupyter Notebook"},
    {"java", "Java"},
    {"jl", "Julia"},
    {"js", "JavaScript"},
    {"json", "JSON"},
    {"jsx", "JavaScript"},
    {"kt", "Kotlin"},
    {"kts", "Kotlin"},
    {"lisp", "Common Lisp"},
    {"lua", "Lua"},
    {"m", "Objective-C"},
    {"md", "Markdown"},
    {"mjs", "JavaScript"},
    {"ml", "OCaml"},
    {"mli", "OCaml"},
    {"mm", "Objective-C++"},
    {"nim", "Nim"},
    {"pas", "Pascal"},
    {"php", "PHP"},
    {"pl", "Perl"},
    {"pm", "Perl"},
    {"pp", "Pascal"},
    {"proto", "Protocol Buffer"},
    {"ps1", "PowerShell"},
    {"py", "Python"},
    {"r", "R"},
    {"rb", "Ruby"},
    {"rkt", "Racket"},
    {"rs", "Rust"},
    {"rst", "reStructuredText"},
    {"s", "Assembly"},
    {"sass", "Sass"},
    {"scala", "Scala"},
    {"scm", "Scheme"},
    {"scss", "SCSS"},
    {"sh", "Shell"},
    {"sql", "SQL"},
    {"swift", "Swift"},
    {"tcl", "Tcl"},
    {"tex", "TeX"},
    {"toml", "TOML"},
    {"ts", "TypeScript"},
    {"tsx", "TypeScript"},
    {"v", "Verilog"},
    {"vb", "Visual Basic"},
    {"vhd", "VHDL"},
    {"vhdl", "VHDL"},
    {"vue", "Vue"},
    {"xml", "XML"},
    {"yaml", "YAML"},
    {"yml", "YAML"},
    {"zig", "Zig"},
    {"zsh", "Shell"},
};

// Whole file names that are code without an extension.
constexpr std::pair<std::string_view, std::string_view> kFileNames[] = {
    {"CMakeLists.txt", "CMake"}, {"Dockerfile", "Dockerfile"}, {"GNUmakefile", "Makefile"},
    {"Makefile", "Makefile"},    {"makefile", "Makefile"},     {"meson.build", "Meson"},
};

constexpr std::string_view kVendored[] = {
    ".git",
    ".hg",
    ".svn",
    ".tox",
    ".venv",
    "__pycache__",
    "bower_components",
    "node_modules",
    "site-packages",
    "third_party",
    "thirdparty",
    "vendor",
    "vendored",
};

}  // namespace

std::string_view CodeLanguageOf(std::string_view file_name) {
  size_t slash = file_name.find_last_of('/');
  if (slash != std::string_view::npos) file_name.remove_prefix(slash + 1);
  for (const auto& [name, language] : kFileNames) {
    if (name == file_name) return language;
  }
  size_t dot = file_name.find_last_of('.');
  if (dot == std::string_view::npos || dot == 0) return {};
  std::string ext(file_name.substr(dot + 1));
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  auto it =
      std::lower_bound(std::begin(kExtensions), std::end(kExtensions), ext,
                       [](const auto& entry, const std::string& e) { return entry.first < e; });
  if (it != std::end(kExtensions) && it->first == ext) return it->second;
  return {};
}

bool IsVendoredDirectory(std::string_view dir_name) {
  return std::find(std::begin(kVendored), std::end(kVendored), dir_name) != std::end(kVendored);
}

}  // namespace tamis
