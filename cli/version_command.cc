#include <cstdio>

#include "cli/commands.h"

namespace tamis::cli {

int VersionCommand(const Args&) {
  std::printf("tamis %s\n", TAMIS_VERSION);
  return 0;
}

}  // namespace tamis::cli
