#include "cli/flags.h"

#include <charconv>
#include <cstdlib>
#include <iostream>
#include <thread>

namespace tamis::cli {

Flags::Flags(std::string command, std::string summary)
    : command_(std::move(command)), summary_(std::move(summary)) {}

void Flags::String(std::string name, std::string metavar, std::string help, std::string* out,
                   bool required) {
  flags_.push_back({std::move(name), std::move(metavar), std::move(help), required, false,
                    [out](const std::string& v) {
                      *out = v;
                      return true;
                    }});
}

void Flags::List(std::string name, std::string metavar, std::string help,
                 std::vector<std::string>* out) {
  flags_.push_back({std::move(name), std::move(metavar), std::move(help), false, false,
                    [out](const std::string& v) {
                      out->push_back(v);
                      return true;
                    }});
}

void Flags::Int(std::string name, std::string metavar, std::string help, int64_t* out) {
  flags_.push_back({std::move(name), std::move(metavar), std::move(help), false, false,
                    [out](const std::string& v) {
                      auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), *out);
                      return ec == std::errc() && p == v.data() + v.size();
                    }});
}

void Flags::Double(std::string name, std::string metavar, std::string help, double* out) {
  flags_.push_back({std::move(name), std::move(metavar), std::move(help), false, false,
                    [out](const std::string& v) {
                      char* end = nullptr;
                      *out = std::strtod(v.c_str(), &end);
                      return !v.empty() && end == v.c_str() + v.size();
                    }});
}

void Flags::Bool(std::string name, std::string help, bool* out) {
  flags_.push_back({std::move(name), "", std::move(help), false, false, [out](const std::string&) {
                      *out = true;
                      return true;
                    }});
}

void Flags::Alias(std::string alias, std::string name) {
  aliases_.emplace_back(std::move(alias), std::move(name));
}

void Flags::Positional(std::string metavar, std::string help, std::vector<std::string>* out,
                       size_t min) {
  positional_metavar_ = std::move(metavar);
  positional_help_ = std::move(help);
  positional_ = out;
  positional_min_ = min;
}

Flags::Flag* Flags::Find(const std::string& name) {
  std::string canonical = name;
  for (const auto& [alias, target] : aliases_) {
    if (alias == name) canonical = target;
  }
  for (Flag& f : flags_) {
    if (f.name == canonical) return &f;
  }
  return nullptr;
}

std::string Flags::Usage() const {
  std::string u = "usage: " + command_ + " [flags]";
  if (positional_) u += " " + positional_metavar_ + "...";
  u += "\n\n" + summary_ + "\n\nflags:\n";
  for (const Flag& f : flags_) {
    std::string left = "  " + f.name;
    for (const auto& [alias, target] : aliases_) {
      if (target == f.name) left = "  " + alias + ", " + f.name;
    }
    if (!f.metavar.empty()) left += " " + f.metavar;
    if (left.size() < 28)
      left.resize(28, ' ');
    else
      left += "\n" + std::string(28, ' ');
    u += left + f.help + (f.required ? " (required)" : "") + "\n";
  }
  u += "  -h, --help                  this help\n";
  if (positional_) {
    std::string left = "  " + positional_metavar_;
    if (left.size() < 28) left.resize(28, ' ');
    u += "\narguments:\n" + left + positional_help_ + "\n";
  }
  if (!epilogue_.empty()) u += "\n" + epilogue_ + "\n";
  return u;
}

bool Flags::Parse(const std::vector<std::string>& args, int* exit_code) {
  auto usage_error = [&](const std::string& message) {
    std::cerr << command_ << ": " << message << "\n\n" << Usage();
    *exit_code = 2;
    return false;
  };
  bool only_positional = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (only_positional || arg == "-" || arg.empty() || arg[0] != '-') {
      if (!positional_) return usage_error("unexpected argument '" + arg + "'");
      positional_->push_back(arg);
      continue;
    }
    if (arg == "--") {
      only_positional = true;
      continue;
    }
    if (arg == "-h" || arg == "--help") {
      std::cout << Usage();
      *exit_code = 0;
      return false;
    }
    std::string name = arg;
    std::string value;
    bool has_value = false;
    if (size_t eq = arg.find('='); eq != std::string::npos && arg.rfind("--", 0) == 0) {
      name = arg.substr(0, eq);
      value = arg.substr(eq + 1);
      has_value = true;
    }
    Flag* flag = Find(name);
    if (!flag) return usage_error("unknown flag '" + name + "'");
    if (flag->metavar.empty()) {
      if (has_value) return usage_error("flag " + name + " takes no value");
    } else if (!has_value) {
      if (i + 1 >= args.size()) return usage_error("flag " + name + " needs a value");
      value = args[++i];
    }
    if (!flag->set(value)) {
      return usage_error("bad value '" + value + "' for " + name);
    }
    flag->seen = true;
  }
  for (const Flag& f : flags_) {
    if (f.required && !f.seen) return usage_error("missing required flag " + f.name);
  }
  if (positional_ && positional_->size() < positional_min_) {
    return usage_error("missing " + positional_metavar_);
  }
  return true;
}

void CommonFlags::Declare(Flags& flags, bool output_required) {
  flags.String("--output", "OUT",
               "output: a path ending in .jsonl, .jsonl.gz or .jsonl.zst is one file, any "
               "other path a directory of shards",
               &output, output_required);
  flags.Alias("-o", "--output");
  flags.String("--rejects", "PATH", "also write every removed document with its reason here",
               &rejects);
  flags.Int("--threads", "N", "worker threads (default: all cores)", &threads);
  flags.Int("--task", "I", "this task's index (default: $SLURM_ARRAY_TASK_ID, else 0)", &task);
  flags.Int("--tasks", "N",
            "number of tasks the input is split into (default: "
            "$SLURM_ARRAY_TASK_COUNT, else 1)",
            &tasks);
  flags.Bool("--strict", "stop at the first malformed record instead of skipping it", &strict);
  flags.Bool("--quiet", "no progress line", &quiet);
  flags.Bool("--ledger", "kept documents also carry their ledger (what stages changed)", &ledger);
}

namespace {

int64_t EnvInt(const char* name, int64_t fallback) {
  const char* v = std::getenv(name);
  if (!v || !*v) return fallback;
  int64_t out = 0;
  auto [p, ec] = std::from_chars(v, v + std::char_traits<char>::length(v), out);
  return ec == std::errc() ? out : fallback;
}

}  // namespace

bool CommonFlags::Resolve() {
  if (threads == kUnset) threads = std::max(1u, std::thread::hardware_concurrency());
  if (threads < 1) {
    std::cerr << "tamis: --threads " << threads << ": give a positive number\n";
    return false;
  }
  if (tasks == kUnset) tasks = EnvInt("SLURM_ARRAY_TASK_COUNT", 1);
  task_given = task != kUnset;
  if (task == kUnset) {
    // The array index itself, not its offset from SLURM_ARRAY_TASK_MIN: a resubmission of a
    // few indices (--array=5,17) must redo exactly tasks 5 and 17.
    task = EnvInt("SLURM_ARRAY_TASK_ID", 0);
  }
  if (tasks < 1 || task < 0 || task >= tasks) {
    std::cerr << "tamis: --task " << task << " is outside [0, --tasks " << tasks
              << "): SLURM arrays must be numbered from 0 (--array=0-" << tasks - 1
              << "), and a resubmission of some indices needs --tasks N\n";
    return false;
  }
  return true;
}

}  // namespace tamis::cli
