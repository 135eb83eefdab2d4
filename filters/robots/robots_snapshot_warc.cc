#include "filters/robots/robots_snapshot_warc.h"

#include "pipeline/ascii.h"
#include "readers/http_response.h"
#include "readers/warc_record_reader.h"

namespace tamis::robots {

Status AddWarcSnapshot(const std::string& path, bool strict, RobotsSnapshotBuilder& builder,
                       uint64_t* skipped) {
  WarcReaderOptions options;
  options.strict = strict;
  options.on_skip = [skipped](std::string_view, const std::string&) { ++*skipped; };
  TAMIS_ASSIGN_OR_RETURN(std::unique_ptr<WarcRecordReader> reader,
                         WarcRecordReader::Open(path, options));
  WarcRecord record;
  while (true) {
    TAMIS_ASSIGN_OR_RETURN(bool more, reader->Next(&record));
    if (!more) break;
    if (!AsciiEqualsIgnoreCase(record.type(), "response")) continue;
    HttpResponse response;
    Status bad;
    if (!ParseHttpResponse(record.block, &response)) {
      bad = Status::Corruption("not an HTTP response");
    } else {
      RobotsFetch fetch;
      fetch.url = std::string(record.target_uri());
      fetch.status = response.status;
      fetch.location = std::string(response.Header("Location"));
      if (fetch.status / 100 == 2) {
        Result<std::string> body = DecodedBody(response);
        if (body.ok()) {
          fetch.body = std::move(body).value();
        } else {
          bad = body.status();
        }
      }
      if (bad.ok()) builder.Add(fetch);
    }
    if (!bad.ok()) {
      ++*skipped;
      if (strict) {
        return bad.WithContext(path + " at offset " + std::to_string(record.offset) + " (" +
                               std::string(record.target_uri()) + ")");
      }
    }
  }
  return Status::Ok();
}

}  // namespace tamis::robots
