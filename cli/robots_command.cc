// tamis robots check|filter: robots.txt compliance (RFC 9309) from the command line.
//   check:  which URLs one robots.txt file allows, for a list of agents;
//   filter: a pipeline run with the `robots` stage over a robots.txt snapshot.
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/pipeline_execution.h"
#include "filters/robots/robots_matcher.h"
#include "filters/robots/robots_parser.h"
#include "filters/robots/robots_stage.h"
#include "filters/robots/robots_url.h"
#include "io/output_file.h"

namespace tamis::cli {
namespace {

constexpr char kUsage[] =
    "usage: tamis robots check --robots FILE [--agent UA]... [URL...]\n"
    "       tamis robots filter --snapshot SNAPSHOT [--agent UA]... INPUT... -o OUT\n"
    "                           [--rejects R] [--report DIR]\n"
    "'tamis robots <check|filter> --help' describes each.\n";

std::string DefaultAgentsText() {
  std::string text;
  for (const std::string& agent : kDefaultRobotsAgents) {
    text += text.empty() ? "" : ", ";
    text += agent;
  }
  return text;
}

int CheckCommand(const Args& args) {
  Flags flags("tamis robots check",
              "Checks URLs against one robots.txt file (RFC 9309) and prints, per URL, "
              "allow<TAB>URL or disallow<TAB>URL; a URL is disallowed when the file disallows "
              "it for ANY of the agents. The URL's origin is not compared with the file's.");
  std::string robots_path;
  std::vector<std::string> agents, urls;
  flags.String("--robots", "FILE", "the robots.txt to check against", &robots_path, true);
  flags.List("--agent", "UA", "user agent, repeatable (default: " + DefaultAgentsText() + ")",
             &agents);
  flags.Positional("URL",
                   "absolute http(s) URLs or paths (\"/a?b\"); read from stdin, one per "
                   "line, when none are given",
                   &urls);
  flags.Epilogue(
      "A line that is neither an http(s) URL nor a path starting with \"/\" prints "
      "invalid<TAB>LINE.\n"
      "example: tamis robots check --robots robots.txt --agent GPTBot https://example.com/a");
  if (int code; !flags.Parse(args, &code)) return code;
  if (agents.empty()) agents = kDefaultRobotsAgents;
  if (agents.size() > robots::kMaxAgents) {
    std::cerr << "tamis robots check: at most " << robots::kMaxAgents << " agents\n";
    return 2;
  }
  Result<std::string> body = ReadWholeFile(robots_path);
  if (!body.ok()) {
    std::cerr << "tamis robots check: " << body.status().ToString() << "\n";
    return 1;
  }
  const robots::RobotsMatcher matcher(robots::ParseRobotsTxt(*body), agents);
  std::string out;
  auto check = [&](std::string_view url) {
    std::string path;
    if (!url.empty() && url.front() == '/') {
      path = std::string(url);
    } else if (std::optional<robots::RobotsUrl> parsed = robots::ParseRobotsUrl(url)) {
      path = std::move(parsed->path_and_query);
    } else {
      out += "invalid\t";
      out += url;
      out += "\n";
      return;
    }
    out += matcher.Disallowed(path) == 0 ? "allow\t" : "disallow\t";
    out += url;
    out += "\n";
  };
  if (!urls.empty()) {
    for (const std::string& url : urls) check(url);
  } else {
    for (std::string line; std::getline(std::cin, line);) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty()) continue;
      check(line);
      if (out.size() > (1 << 16)) {
        std::fwrite(out.data(), 1, out.size(), stdout);
        out.clear();
      }
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return std::fflush(stdout) == 0 ? 0 : 1;
}

int FilterCommand(const Args& args) {
  Flags flags("tamis robots filter",
              "Drops documents whose URL (metadata.url) the robots.txt of their origin, as "
              "captured in SNAPSHOT, disallows for ANY of the agents (RFC 9309). Writes the "
              "kept documents to OUT, the dropped ones to --rejects with the disallowing "
              "agents in their ledger, and a per-origin report (robots_report.json/.csv).");
  CommonFlags common;
  common.Declare(flags);
  std::string snapshot, absent = "allow", report;
  std::vector<std::string> agents, inputs;
  flags.String("--snapshot", "SNAPSHOT",
               "robots.txt fetches: JSONL {origin,status,body[,location]} or WARC", &snapshot,
               true);
  flags.List("--agent", "UA", "user agent, repeatable (default: " + DefaultAgentsText() + ")",
             &agents);
  flags.String("--absent", "allow|disallow",
               "what an origin missing from the snapshot gets (default: allow)", &absent);
  flags.String("--report", "DIR", "where the per-origin report goes (default: beside the stats)",
               &report);
  flags.Positional("INPUT", "files (.warc[.gz], .wet[.gz], .jsonl[.gz|.zst]) or glob patterns",
                   &inputs, 1);
  if (int code; !flags.Parse(args, &code)) return code;
  if (!common.Resolve()) return 2;

  Value options = Value::EmptyObject();
  options.Set("snapshot", snapshot);
  options.Set("absent", absent);
  if (!agents.empty()) {
    Value list = Value::EmptyArray();
    for (const std::string& agent : agents) list.as_array().emplace_back(agent);
    options.Set("agents", std::move(list));
  }
  RunSpec spec;
  spec.inputs = inputs;
  spec.report_dir = report;
  ApplyCommonFlags(common, &spec);
  return ExecutePipeline("robots filter",
                         {.run = spec, .stages = {{"robots", std::move(options)}}, .mix = {}}, {},
                         common.quiet);
}

}  // namespace

int RobotsCommand(const Args& args) {
  if (args.empty()) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  const Args rest(args.begin() + 1, args.end());
  if (args[0] == "check") return CheckCommand(rest);
  if (args[0] == "filter") return FilterCommand(rest);
  if (args[0] == "--help" || args[0] == "-h") {
    std::fputs(kUsage, stdout);
    return 0;
  }
  std::cerr << "tamis robots: unknown subcommand '" << args[0] << "'\n" << kUsage;
  return 2;
}

}  // namespace tamis::cli
