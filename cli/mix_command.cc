// tamis mix MIX.yaml: token shards blended from several sources by weights, temperature or
// multipliers, with a manifest and Megatron's --data-path.
#include <cstdio>
#include <iostream>
#include <thread>

#include "cli/commands.h"
#include "cli/flags.h"
#include "runner/mix_run.h"

namespace tamis::cli {

int MixCommand(const Args& args) {
  Flags flags("tamis mix",
              "Tokenizes each `path:` source of a mixture file (a `tokens:` source is read from "
              "its shards' index files as it is), samples its documents to the requested "
              "token share (downsampling, or repeating up to max_repeats epochs), shuffles "
              "everything with the seed and writes shards, OUTPUT.manifest.json and the "
              "Megatron --data-path value. See tokenize/mixture.h for the file format.");
  std::vector<std::string> files;
  int64_t threads = 0;
  bool quiet = false;  // Accepted for the common vocabulary; mix prints only its table.
  flags.Int("--threads", "N", "worker threads (default: all cores)", &threads);
  flags.Bool("--quiet", "no progress line", &quiet);
  flags.Positional("MIX.yaml", "the mixture file", &files, 1);
  if (int code; !flags.Parse(args, &code)) return code;
  if (files.size() != 1) {
    std::cerr << "tamis mix: exactly one mixture file\n";
    return 2;
  }
  auto config = LoadMixConfig(files[0]);
  if (!config.ok()) {
    std::cerr << "tamis mix: " << config.status().ToString() << "\n";
    return 1;
  }
  const int n = threads > 0 ? static_cast<int>(threads)
                            : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  auto result = RunMix(*config, n);
  if (!result.ok()) {
    std::cerr << "tamis mix: " << result.status().ToString() << "\n";
    return 1;
  }
  const Value& m = result->manifest;
  std::printf("%-16s %14s %14s %14s %9s %9s %7s\n", "source", "available", "requested", "achieved",
              "share", "target", "epochs");
  for (const Value& s : m.Find("sources")->as_array()) {
    std::printf("%-16s %14lld %14lld %14lld %8.2f%% %8.2f%% %7.2f%s\n",
                std::string(s.GetString("name")).c_str(),
                static_cast<long long>(s.Find("tokens_available")->as_int()),
                static_cast<long long>(s.Find("tokens_requested")->as_int()),
                static_cast<long long>(s.Find("tokens_achieved")->as_int()),
                100 * s.Find("share_achieved")->as_number(),
                100 * s.Find("share_requested")->as_number(), s.Find("epochs")->as_number(),
                s.Find("capped")->as_bool() ? "  (capped by max_repeats)" : "");
  }
  if (result->already_complete) std::printf("mixture already complete (manifest found)\n");
  std::printf("manifest: %s\n", result->manifest_path.c_str());
  std::printf("data_path: %s\n", result->blend.c_str());
  return 0;
}

}  // namespace tamis::cli
