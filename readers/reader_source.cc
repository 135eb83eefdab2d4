#include "readers/reader_source.h"

#include <algorithm>
#include <filesystem>

namespace tamis {

size_t ReaderSource::BatchBytesFor(const std::vector<std::string>& files, int threads) {
  uint64_t total = 0;
  for (const std::string& f : files) {
    std::error_code ec;
    if (f == "-" || !std::filesystem::is_regular_file(f, ec)) return kDefaultBatchBytes;
    total += std::filesystem::file_size(f, ec);
  }
  const uint64_t share = total / (kBatchesPerThread * static_cast<uint64_t>(std::max(1, threads)));
  return static_cast<size_t>(std::clamp<uint64_t>(share, kMinBatchBytes, kDefaultBatchBytes));
}

ReaderSource::ReaderSource(std::vector<std::string> files, const ReaderOptions& options,
                           size_t batch_documents, size_t batch_bytes)
    : files_(std::move(files)),
      options_(options),
      batch_documents_(batch_documents),
      batch_bytes_(batch_bytes) {}

Status ReaderSource::CloseCurrent() {
  if (!current_) return Status::Ok();
  for (const auto& [reason, count] : current_->skipped()) skipped_[reason] += count;
  damaged_bytes_ += current_->damaged_bytes();
  finished_bytes_ += current_->bytes_read();
  progress_bytes_.store(finished_bytes_);
  current_.reset();
  ++files_read_;
  return Status::Ok();
}

Result<bool> ReaderSource::NextBatch(DocumentBatch* batch) {
  size_t bytes = 0;
  while (batch->documents.size() < batch_documents_ && bytes < batch_bytes_) {
    if (!current_) {
      if (next_file_ >= files_.size()) break;
      const std::string& path = files_[next_file_++];
      TAMIS_ASSIGN_OR_RETURN(current_, FileReader::Open(path, options_));
    }
    Document doc;
    Result<bool> more = current_->Next(&doc);
    if (!more.ok()) {
      // Damage the stream could not recover from (a strict reader never gets here): what was
      // read stays, the rest of the file is lost.
      if (more.status().code() != StatusCode::kCorruption || options_.strict) {
        return more.status();
      }
      ++skipped_["corrupt_stream"];
      if (options_.on_skip) options_.on_skip("corrupt_stream", more.status().message());
      TAMIS_RETURN_IF_ERROR(CloseCurrent());
      continue;
    }
    if (!*more) {
      TAMIS_RETURN_IF_ERROR(CloseCurrent());
      continue;
    }
    bytes += doc.text.size();
    batch->documents.push_back(std::move(doc));
    ++documents_;
  }
  if (current_) progress_bytes_.store(finished_bytes_ + current_->bytes_read());
  batch->input_bytes = bytes;
  return current_ != nullptr || next_file_ < files_.size();
}

Value ReaderSource::Report() const {
  Value v = Value::EmptyObject();
  v.Set("files", files_read_);
  v.Set("records", documents_);
  v.Set("input_bytes", finished_bytes_);
  v.Set("damaged_bytes", damaged_bytes_);
  Value skipped = Value::EmptyObject();
  for (const auto& [reason, count] : skipped_) skipped.Set(reason, count);
  v.Set("skipped", std::move(skipped));
  return v;
}

}  // namespace tamis
