// What a reader of a run's output directory sees: every regular file directly in it (not its
// sub-directories, such as .tamis), decompressed, concatenated in name order.
#ifndef TAMIS_TESTS_IO_DIRECTORY_CONTENTS_H_
#define TAMIS_TESTS_IO_DIRECTORY_CONTENTS_H_

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "io/output_file.h"

namespace tamis::testing {

inline std::string DirectoryContents(const std::string& dir) {
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.is_regular_file()) files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  std::string all;
  for (const std::string& f : files) all += ReadWholeFile(f).value();
  return all;
}

}  // namespace tamis::testing

#endif  // TAMIS_TESTS_IO_DIRECTORY_CONTENTS_H_
