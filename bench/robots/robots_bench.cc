// The tamis side of the robots benchmark, one thread: loads the JSONL snapshot for the agent
// list (parse + compile), then checks every URL as the robots stage does (URL parse, origin
// lookup, all agents at once). Prints one JSON line of counts and rates.
// usage: robots_bench SNAPSHOT URLS AGENT[,AGENT...] REPEAT
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "filters/robots/robots_snapshot_loader.h"
#include "filters/robots/robots_url.h"

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: robots_bench SNAPSHOT URLS AGENT[,AGENT...] REPEAT\n");
    return 2;
  }
  std::vector<std::string> agents;
  for (std::string list = argv[3]; !list.empty();) {
    const size_t comma = list.find(',');
    agents.push_back(list.substr(0, comma));
    list = comma == std::string::npos ? "" : list.substr(comma + 1);
  }
  const int repeat = std::stoi(argv[4]);
  using Clock = std::chrono::steady_clock;
  const auto t0 = Clock::now();
  auto loaded = tamis::robots::LoadRobotsSnapshot(argv[1], {agents, true});
  if (!loaded.ok()) {
    std::fprintf(stderr, "robots_bench: %s\n", loaded.status().ToString().c_str());
    return 1;
  }
  const tamis::robots::RobotsSnapshot& snapshot = loaded->snapshot;
  const auto t1 = Clock::now();
  std::vector<std::string> urls;
  std::ifstream in(argv[2]);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) urls.push_back(line);
  }
  std::string buffer;
  uint64_t disallowed_urls = 0;
  const auto t2 = Clock::now();
  for (int r = 0; r < repeat; ++r) {
    disallowed_urls = 0;
    for (const std::string& url : urls) {
      const auto parsed = tamis::robots::ParseRobotsUrl(url);
      if (!parsed) continue;
      const uint32_t origin = snapshot.Find(parsed->origin);
      if (origin == tamis::robots::RobotsSnapshot::kNoOrigin) continue;
      if (snapshot.Disallowed(origin, parsed->path_and_query, &buffer) != 0) ++disallowed_urls;
    }
  }
  const auto t3 = Clock::now();
  const double parse_seconds = std::chrono::duration<double>(t1 - t0).count();
  const double check_seconds = std::chrono::duration<double>(t3 - t2).count();
  const double checked = static_cast<double>(urls.size()) * repeat;
  std::printf(
      "{\"tool\":\"tamis\",\"agents\":%zu,\"urls\":%.0f,\"disallowed_urls\":%llu,"
      "\"parse_seconds\":%.3f,\"check_seconds\":%.3f,\"url_checks_per_second\":%.0f,"
      "\"agent_checks_per_second\":%.0f,\"snapshot_memory_bytes\":%llu}\n",
      agents.size(), checked, static_cast<unsigned long long>(disallowed_urls), parse_seconds,
      check_seconds, checked / check_seconds, checked * agents.size() / check_seconds,
      static_cast<unsigned long long>(snapshot.stats().memory_bytes));
  return 0;
}
