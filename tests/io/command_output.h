// Runs a shell command line for the end-to-end tests of the built binary and returns its
// exit code and standard output (stderr goes where the command line sends it).
#ifndef TAMIS_TESTS_IO_COMMAND_OUTPUT_H_
#define TAMIS_TESTS_IO_COMMAND_OUTPUT_H_

#include <sys/wait.h>

#include <cstdio>
#include <string>

namespace tamis::testing {

struct CommandOutput {
  int exit_code = -1;  // -1 when the command could not start or did not exit normally.
  std::string out;
};

inline CommandOutput RunCommand(const std::string& command) {
  CommandOutput result;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[4096];
  for (size_t n; (n = std::fread(buffer, 1, sizeof(buffer), pipe)) > 0;) {
    result.out.append(buffer, n);
  }
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

}  // namespace tamis::testing

#endif  // TAMIS_TESTS_IO_COMMAND_OUTPUT_H_
