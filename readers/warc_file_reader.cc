#include "readers/warc_file_reader.h"

#include <algorithm>
#include <filesystem>

namespace tamis {

WarcFileReader::WarcFileReader(const std::string& path, std::unique_ptr<InputStream> in,
                               const ReaderOptions& options)
    : path_(path), options_(options) {
  WarcReaderOptions warc;
  warc.max_record_bytes = options.max_record_bytes;
  warc.strict = options.strict;
  warc.on_skip = [this](std::string_view reason, const std::string& message) {
    CountSkip(std::string(reason));
    if (options_.on_skip) options_.on_skip(reason, message);
  };
  records_ = std::make_unique<WarcRecordReader>(std::move(in), std::move(warc));
}

Result<bool> WarcFileReader::Next(Document* doc) {
  while (true) {
    TAMIS_ASSIGN_OR_RETURN(bool more, records_->Next(&record_));
    compressed_position_ = records_->compressed_position();
    if (!more) return false;
    std::string type(record_.type());
    std::transform(type.begin(), type.end(), type.begin(), ::tolower);
    bool response = type == "response";
    bool conversion = type == "conversion";
    if (!response && !conversion) {
      CountSkip(type == "warcinfo" ? "warcinfo" : "warc_" + (type.empty() ? "untyped" : type));
      continue;
    }
    *doc = Document();
    doc->text = std::move(record_.block);
    record_.block = std::string();
    doc->payload = response ? Payload::kHttpResponse : Payload::kText;
    doc->origin_file = &path_;
    doc->origin_position = record_.offset;
    std::string_view record_id = record_.Header("WARC-Record-ID");
    if (record_id.size() >= 2 && record_id.front() == '<' && record_id.back() == '>') {
      record_id = record_id.substr(1, record_id.size() - 2);
    }
    // WET conversions point back at the response they were made from: that id names the page.
    std::string_view refers = record_.Header("WARC-Refers-To");
    doc->id = std::string(record_id);
    Value& m = doc->metadata;
    m.Set("url", record_.target_uri());
    m.Set("date", record_.Header("WARC-Date"));
    m.Set("warc_record_id", record_id);
    m.Set("warc_file", std::filesystem::path(path_).filename().string());
    m.Set("warc_offset", record_.offset);
    if (conversion) {
      m.Set("content_type", record_.Header("Content-Type"));
      if (!refers.empty()) m.Set("warc_refers_to", refers);
    }
    return true;
  }
}

}  // namespace tamis
