// LoadRobotsSnapshot: reads a file of robots.txt fetches into a RobotsSnapshot.
//
// Formats, chosen by file name:
//   - JSONL (anything not named *.warc[.gz|.zst]): one object per line,
//       {"origin": "https://example.com", "status": 200, "body": "User-agent: *\n...",
//        "location": "https://www.example.com/robots.txt"}
//     `origin` is required (a URL is accepted; only its origin is used: the fetch is taken to
//     be of origin + "/robots.txt"); `status` is the HTTP status, 0 or null or absent when the
//     server was unreachable; `body` is used for 2xx; `location` is the redirect target of a
//     3xx. .gz and .zst JSONL are decompressed (io/input_stream.h); "-" reads stdin.
//   - WARC (*.warc, *.warc.gz, *.warc.zst): see robots_snapshot_warc.h.
// A malformed line is skipped and counted (`skipped`), or fails the load when `strict`.
// Failing to open or read the file is an error, and so is a file holding no fetch at all: a
// snapshot that is not one must never quietly disable the filter. Single-threaded.
#ifndef TAMIS_FILTERS_ROBOTS_ROBOTS_SNAPSHOT_LOADER_H_
#define TAMIS_FILTERS_ROBOTS_ROBOTS_SNAPSHOT_LOADER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "filters/robots/robots_snapshot.h"
#include "pipeline/status.h"

namespace tamis::robots {

struct SnapshotLoadOptions {
  std::vector<std::string> agents;  // At most kMaxAgents.
  bool strict = false;              // A malformed record fails the load.
};

struct LoadedSnapshot {
  RobotsSnapshot snapshot;
  uint64_t skipped = 0;  // Malformed records ignored.
};

Result<LoadedSnapshot> LoadRobotsSnapshot(const std::string& path,
                                          const SnapshotLoadOptions& options);

// Reads JSONL fetch records from `path` into `builder`; exposed for the WARC-less tests.
Status AddJsonlSnapshot(const std::string& path, bool strict, RobotsSnapshotBuilder& builder,
                        uint64_t* skipped);

// Parses one JSONL line into `fetch`; false when it is not a valid record.
bool ParseSnapshotJsonLine(std::string_view line, RobotsFetch* fetch);

}  // namespace tamis::robots

#endif  // TAMIS_FILTERS_ROBOTS_ROBOTS_SNAPSHOT_LOADER_H_
