// WarcFileReader: raw documents from the records of a WARC or WET file.
//
// Keeps `response` records (decoded later: HTTP status 200 and an HTML media type only) and
// WET `conversion` records (already text); every other record type is counted in skipped()
// as "warc_<type>" ("warc_request", "warc_metadata", "warcinfo"...). Metadata set here:
// url, date, warc_record_id, warc_file, warc_offset (plus content_type for conversions).
#ifndef TAMIS_READERS_WARC_FILE_READER_H_
#define TAMIS_READERS_WARC_FILE_READER_H_

#include <memory>
#include <string>

#include "readers/file_reader.h"
#include "readers/warc_record_reader.h"

namespace tamis {

class WarcFileReader final : public FileReader {
 public:
  WarcFileReader(const std::string& path, std::unique_ptr<InputStream> in,
                 const ReaderOptions& options);
  Result<bool> Next(Document* doc) override;
  uint64_t bytes_read() const override { return compressed_position_; }
  uint64_t damaged_bytes() const override { return records_->damaged_bytes(); }

 private:
  const std::string& path_;
  const ReaderOptions& options_;
  std::unique_ptr<WarcRecordReader> records_;
  WarcRecord record_;
  uint64_t compressed_position_ = 0;
};

}  // namespace tamis

#endif  // TAMIS_READERS_WARC_FILE_READER_H_
