// The programming language of a source file, from its name, as The Stack and GitHub's
// linguist name them ("Python", "C++", "JavaScript"). Empty when the file is not source code
// tamis knows. Pure function of the name; thread-safe.
#ifndef TAMIS_READERS_CODE_LANGUAGE_H_
#define TAMIS_READERS_CODE_LANGUAGE_H_

#include <string_view>

namespace tamis {

std::string_view CodeLanguageOf(std::string_view file_name);

// Directory names that hold vendored or generated code, skipped by the code-tree reader as
// The Stack and StarCoder's pipeline do (node_modules, vendor, third_party, .git, ...).
bool IsVendoredDirectory(std::string_view dir_name);

}  // namespace tamis

#endif  // TAMIS_READERS_CODE_LANGUAGE_H_
