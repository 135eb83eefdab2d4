// TestDir: a fresh temporary directory per test, removed with its contents at scope exit,
// plus the small file and process helpers the tokenize tests share.
#ifndef TAMIS_TESTS_TOKENIZE_TEST_DIR_H_
#define TAMIS_TESTS_TOKENIZE_TEST_DIR_H_

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace tamis::testing {

class TestDir {
 public:
  TestDir() {
    std::string templ = (std::filesystem::temp_directory_path() / "tamis-tokenize-XXXXXX").string();
    char* made = ::mkdtemp(templ.data());
    if (made == nullptr) std::abort();
    path_ = made;
  }
  ~TestDir() { std::filesystem::remove_all(path_); }
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

// Runs a shell command; returns its exit status (-1 if it could not run).
inline int Run(const std::string& command) {
  int status = std::system(command.c_str());
  if (status == -1 || !WIFEXITED(status)) return -1;
  return WEXITSTATUS(status);
}

}  // namespace tamis::testing

#endif  // TAMIS_TESTS_TOKENIZE_TEST_DIR_H_
