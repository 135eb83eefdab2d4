// The entry point of each `tamis` subcommand. Each lives in cli/<name>_command.cc, parses its
// flags with cli::Flags, builds stages and readers from the library, and returns the process
// exit code: 0 success, 1 a failed run (the Status is printed), 2 a usage error.
#ifndef TAMIS_CLI_COMMANDS_H_
#define TAMIS_CLI_COMMANDS_H_

#include <string>
#include <vector>

namespace tamis::cli {

using Args = std::vector<std::string>;

int RunCommand(const Args& args);
int ExtractCommand(const Args& args);
int LangidCommand(const Args& args);
int StatsCommand(const Args& args);
int ReportCommand(const Args& args);
int VersionCommand(const Args& args);
int TokenizeCommand(const Args& args);
int MixCommand(const Args& args);
int InspectCommand(const Args& args);
int RobotsCommand(const Args& args);
int SlurmCommand(const Args& args);
int ScrubCommand(const Args& args);
int QualityCommand(const Args& args);
int DecontaminateCommand(const Args& args);
int DedupCommand(const Args& args);
int ExplainCommand(const Args& args);

}  // namespace tamis::cli

#endif  // TAMIS_CLI_COMMANDS_H_
