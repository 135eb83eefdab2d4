// AddWarcSnapshot: robots.txt fetches from a WARC file (.warc, .warc.gz, .warc.zst), as
// Common Crawl publishes them (its robots.txt subset) or as `wget --warc-file` writes them.
//
// Every `response` record becomes one RobotsFetch: its WARC-Target-URI is the fetched URL,
// the HTTP status line of its block gives the status, a 3xx's Location header the redirect
// target, and the body (chunked transfer and gzip/deflate content encodings removed) the
// robots.txt. Other record types (warcinfo, request, metadata, revisit) are ignored. A
// response whose block is not an HTTP/1.x response, or whose body cannot be decoded, is
// skipped and counted (or fails the load when `strict`). A WARC records fetches that got an
// answer: origins that were unreachable are simply absent (RobotsStage's `absent` policy).
// Single-threaded; the WARC framing is readers/warc_record_reader.h's.
#ifndef TAMIS_FILTERS_ROBOTS_ROBOTS_SNAPSHOT_WARC_H_
#define TAMIS_FILTERS_ROBOTS_ROBOTS_SNAPSHOT_WARC_H_

#include <cstdint>
#include <string>

#include "filters/robots/robots_snapshot.h"
#include "pipeline/status.h"

namespace tamis::robots {

Status AddWarcSnapshot(const std::string& path, bool strict, RobotsSnapshotBuilder& builder,
                       uint64_t* skipped);

}  // namespace tamis::robots

#endif  // TAMIS_FILTERS_ROBOTS_ROBOTS_SNAPSHOT_WARC_H_
