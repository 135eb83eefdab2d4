#include "filters/robots/robots_snapshot_loader.h"

#include <simdjson.h>

#include "filters/robots/robots_snapshot_warc.h"
#include "filters/robots/robots_url.h"
#include "io/buffered_reader.h"
#include "io/input_stream.h"

namespace tamis::robots {
namespace {

bool IsWarcPath(std::string_view path) {
  return path.ends_with(".warc") || path.ends_with(".warc.gz") || path.ends_with(".warc.zst");
}

}  // namespace

bool ParseSnapshotJsonLine(std::string_view line, RobotsFetch* fetch) {
  // One parser per thread: it keeps its buffers between lines.
  thread_local simdjson::ondemand::parser parser;
  simdjson::padded_string padded(line);
  simdjson::ondemand::document doc;
  if (parser.iterate(padded).get(doc)) return false;
  simdjson::ondemand::object object;
  if (doc.get_object().get(object)) return false;
  *fetch = RobotsFetch();
  bool has_origin = false;
  for (auto field : object) {
    std::string_view key;
    if (field.unescaped_key().get(key)) return false;
    simdjson::ondemand::value value;
    if (field.value().get(value)) return false;
    if (key == "origin") {
      std::string_view origin;
      if (value.get_string().get(origin)) return false;
      std::optional<std::string> canonical = CanonicalOrigin(origin);
      if (!canonical) return false;
      fetch->url = *canonical + "/robots.txt";
      has_origin = true;
    } else if (key == "status") {
      if (value.is_null()) {
        fetch->status = 0;
      } else {
        int64_t status;
        if (value.get_int64().get(status) || status < 0 || status > 999) return false;
        fetch->status = static_cast<int>(status);
      }
    } else if (key == "body" || key == "location") {
      if (value.is_null()) continue;
      std::string_view text;
      if (value.get_string().get(text)) return false;
      (key == "body" ? fetch->body : fetch->location) = std::string(text);
    }
  }
  return has_origin;
}

Status AddJsonlSnapshot(const std::string& path, bool strict, RobotsSnapshotBuilder& builder,
                        uint64_t* skipped) {
  TAMIS_ASSIGN_OR_RETURN(std::unique_ptr<InputStream> stream, InputStream::Open(path));
  BufferedReader in(std::move(stream));
  uint64_t line_number = 0;
  while (true) {
    std::string_view line;
    TAMIS_ASSIGN_OR_RETURN(BufferedReader::LineStatus status, in.ReadLine(&line));
    if (status == BufferedReader::LineStatus::kEnd) break;
    ++line_number;
    RobotsFetch fetch;
    if (status == BufferedReader::LineStatus::kLine) {
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
      if (ParseSnapshotJsonLine(line, &fetch)) {
        builder.Add(fetch);
        continue;
      }
    }
    ++*skipped;
    if (strict) {
      return Status::Corruption(path + ":" + std::to_string(line_number) +
                                ": not a {origin, status, body} record");
    }
  }
  return Status::Ok();
}

Result<LoadedSnapshot> LoadRobotsSnapshot(const std::string& path,
                                          const SnapshotLoadOptions& options) {
  if (options.agents.empty() || options.agents.size() > kMaxAgents) {
    return Status::InvalidArgument("robots snapshot: between 1 and " + std::to_string(kMaxAgents) +
                                   " agents are needed");
  }
  RobotsSnapshotBuilder builder(options.agents);
  uint64_t skipped = 0;
  const Status status = IsWarcPath(path)
                            ? AddWarcSnapshot(path, options.strict, builder, &skipped)
                            : AddJsonlSnapshot(path, options.strict, builder, &skipped);
  TAMIS_RETURN_IF_ERROR(status.WithContext("reading robots snapshot"));
  RobotsSnapshot snapshot = std::move(builder).Build();
  // A file with no fetch at all is no snapshot (an HTML error page saved under the name, an
  // empty download): filtering with it would silently allow every page.
  if (snapshot.origin_count() == 0) {
    return Status::Corruption("robots snapshot " + path + " holds no robots.txt fetch (" +
                              std::to_string(skipped) +
                              " records skipped as malformed): is it a robots snapshot?");
  }
  return LoadedSnapshot{std::move(snapshot), skipped};
}

}  // namespace tamis::robots
