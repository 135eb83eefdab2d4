// Flags: the one flag vocabulary every `tamis` subcommand shares.
//
// A command declares its flags, then parses its arguments:
//
//   Flags flags("tamis robots check", "Checks URLs against a robots.txt file.");
//   std::string robots;
//   std::vector<std::string> agents, urls;
//   flags.String("--robots", "FILE", "robots.txt to check against", &robots, /*required=*/true);
//   flags.List("--agent", "UA", "user agent (repeatable)", &agents);
//   flags.Positional("URL", "URLs to check (stdin when none)", &urls);
//   if (int code; !flags.Parse(args, &code)) return code;
//
// `--flag value` and `--flag=value` are both accepted; `--help`/`-h` prints the usage and
// makes Parse return false with exit code 0; an unknown flag or missing value prints the
// usage to stderr and returns exit code 2. Common flags (-o, --rejects, --threads, --task,
// --tasks, --strict) have helpers so every command spells them the same way.
#ifndef TAMIS_CLI_FLAGS_H_
#define TAMIS_CLI_FLAGS_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace tamis::cli {

class Flags {
 public:
  Flags(std::string command, std::string summary);

  void String(std::string name, std::string metavar, std::string help, std::string* out,
              bool required = false);
  void List(std::string name, std::string metavar, std::string help, std::vector<std::string>* out);
  void Int(std::string name, std::string metavar, std::string help, int64_t* out);
  void Double(std::string name, std::string metavar, std::string help, double* out);
  void Bool(std::string name, std::string help, bool* out);
  // Alias for an already declared flag (e.g. "-o" for "--output").
  void Alias(std::string alias, std::string name);
  // Remaining non-flag arguments; `min` of them required.
  void Positional(std::string metavar, std::string help, std::vector<std::string>* out,
                  size_t min = 0);
  // Free text printed after the flag list (examples).
  void Epilogue(std::string text) { epilogue_ = std::move(text); }

  // Parses `args` (without the program and subcommand names). Returns true to go on; on false
  // `*exit_code` is what the command should return (0 after --help, 2 on a usage error).
  bool Parse(const std::vector<std::string>& args, int* exit_code);

  std::string Usage() const;

 private:
  struct Flag {
    std::string name;
    std::string metavar;  // Empty for booleans.
    std::string help;
    bool required = false;
    bool seen = false;
    std::function<bool(const std::string&)> set;  // false when the value does not parse.
  };
  Flag* Find(const std::string& name);

  std::string command_;
  std::string summary_;
  std::string epilogue_;
  std::vector<Flag> flags_;
  std::vector<std::pair<std::string, std::string>> aliases_;
  std::string positional_metavar_;
  std::string positional_help_;
  std::vector<std::string>* positional_ = nullptr;
  size_t positional_min_ = 0;
};

// The flags most commands share, declared identically everywhere.
struct CommonFlags {
  std::string output;
  std::string rejects;
  // kUnset until Resolve(): threads then default to all cores, task to SLURM_ARRAY_TASK_ID
  // (else 0), tasks to SLURM_ARRAY_TASK_COUNT (else 1).
  static constexpr int64_t kUnset = INT64_MIN;
  int64_t threads = kUnset;
  int64_t task = kUnset;
  int64_t tasks = kUnset;
  bool task_given = false;  // Set by Resolve(): --task was on the command line.
  bool strict = false;
  bool quiet = false;
  bool ledger = false;  // Kept documents carry their ledger too.

  // Declares -o/--output (required when `output_required`), --rejects, --threads, --task,
  // --tasks, --strict, --quiet, --ledger.
  void Declare(Flags& flags, bool output_required = true);
  // Fills defaults from the environment (SLURM) and the machine (cores); false with a message
  // on stderr when they are inconsistent.
  bool Resolve();
};

}  // namespace tamis::cli

#endif  // TAMIS_CLI_FLAGS_H_
