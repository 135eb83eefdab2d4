#include "tokenize/megatron_writer.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <limits>

#include "io/output_file.h"
#include "pipeline/check.h"

namespace tamis::megatron {
namespace {

static_assert(std::endian::native == std::endian::little,
              "the Megatron layout is little-endian; tamis copies integers as they are in memory");

// Large enough that write(2) calls are a negligible cost per token, small enough to be noise.
constexpr size_t kBufferBytes = size_t{1} << 20;
constexpr int kShardDigits = 5;

Status Errno(std::string_view what, const std::string& path) {
  return Status::IoError(std::string(what) + " " + path + ": " + std::strerror(errno));
}

Status WriteAll(int fd, const void* data, size_t size, const std::string& path) {
  const char* p = static_cast<const char*>(data);
  while (size > 0) {
    ssize_t n = ::write(fd, p, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Errno("writing", path);
    }
    p += n;
    size -= static_cast<size_t>(n);
  }
  return Status::Ok();
}

std::string TempName(const std::string& path) {
  return path + ".tmp." + std::to_string(::getpid());
}

template <typename T>
void Append(std::vector<unsigned char>& out, T value) {
  unsigned char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));
  out.insert(out.end(), bytes, bytes + sizeof(T));
}

}  // namespace

Result<std::unique_ptr<IndexedDatasetWriter>> IndexedDatasetWriter::Create(std::string prefix,
                                                                           DType dtype) {
  if (!IsTokenDType(dtype) && dtype != kLossMaskDType) {
    return Status::InvalidArgument("token shards must be uint16 or int32, a loss mask uint8; not " +
                                   std::string(DTypeName(dtype)));
  }
  // Like every tamis output, the prefix's directory is created when missing.
  std::filesystem::path parent = std::filesystem::path(prefix).parent_path();
  std::error_code ec;
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  if (ec) return Status::IoError(parent.string() + ": cannot create directory: " + ec.message());
  std::string bin_tmp = TempName(prefix + std::string(kDataSuffix));
  int fd = ::open(bin_tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Errno("creating", bin_tmp);
  return std::unique_ptr<IndexedDatasetWriter>(
      new IndexedDatasetWriter(std::move(prefix), dtype, fd, std::move(bin_tmp)));
}

IndexedDatasetWriter::IndexedDatasetWriter(std::string prefix, DType dtype, int fd,
                                           std::string bin_tmp)
    : prefix_(std::move(prefix)),
      dtype_(dtype),
      item_size_(*ItemSize(static_cast<uint8_t>(dtype))),
      bin_fd_(fd),
      bin_tmp_(std::move(bin_tmp)),
      idx_tmp_(TempName(prefix_ + std::string(kIndexSuffix))) {
  buffer_.reserve(kBufferBytes);
}

IndexedDatasetWriter::~IndexedDatasetWriter() {
  if (!finished_) RemoveTemporaries();
}

void IndexedDatasetWriter::RemoveTemporaries() {
  if (bin_fd_ >= 0) ::close(bin_fd_);
  bin_fd_ = -1;
  ::unlink(bin_tmp_.c_str());
  ::unlink(idx_tmp_.c_str());
}

Status IndexedDatasetWriter::FlushBuffer() {
  if (buffer_.empty()) return Status::Ok();
  Status s = WriteAll(bin_fd_, buffer_.data(), buffer_.size(), bin_tmp_);
  buffer_.clear();
  if (!s.ok()) failed_ = s;
  return s;
}

Status IndexedDatasetWriter::CheckAppendable(size_t items) {
  TAMIS_RETURN_IF_ERROR(failed_);
  if (prepared_) return Status::Internal("AddDocument after Finish on " + prefix_);
  if (items > static_cast<size_t>(std::numeric_limits<int32_t>::max())) {
    return Status::InvalidArgument("document of " + std::to_string(items) +
                                   " tokens exceeds the int32 sequence length of the format");
  }
  return Status::Ok();
}

Status IndexedDatasetWriter::AddDocument(std::span<const int32_t> ids) {
  TAMIS_RETURN_IF_ERROR(CheckAppendable(ids.size()));
  if (dtype_ == kLossMaskDType) {
    return Status::Internal("token ids given to the loss mask dataset " + prefix_);
  }
  const int64_t max_id = dtype_ == DType::kUint16 ? std::numeric_limits<uint16_t>::max()
                                                  : std::numeric_limits<int32_t>::max();
  for (int32_t id : ids) {
    if (id < 0 || id > max_id) {
      return Status::InvalidArgument("token id " + std::to_string(id) + " does not fit " +
                                     std::string(DTypeName(dtype_)));
    }
  }
  for (int32_t id : ids) {
    if (buffer_.size() + item_size_ > kBufferBytes) TAMIS_RETURN_IF_ERROR(FlushBuffer());
    if (dtype_ == DType::kUint16) {
      Append(buffer_, static_cast<uint16_t>(id));
    } else {
      Append(buffer_, id);
    }
  }
  lengths_.push_back(static_cast<int32_t>(ids.size()));
  tokens_ += ids.size();
  return Status::Ok();
}

Status IndexedDatasetWriter::AddDocument(std::span<const uint8_t> items) {
  TAMIS_RETURN_IF_ERROR(CheckAppendable(items.size()));
  if (dtype_ != kLossMaskDType) {
    return Status::Internal("uint8 items given to the token dataset " + prefix_);
  }
  for (size_t done = 0; done < items.size();) {
    if (buffer_.size() == kBufferBytes) TAMIS_RETURN_IF_ERROR(FlushBuffer());
    const size_t n = std::min(items.size() - done, kBufferBytes - buffer_.size());
    buffer_.insert(buffer_.end(), items.begin() + static_cast<ptrdiff_t>(done),
                   items.begin() + static_cast<ptrdiff_t>(done + n));
    done += n;
  }
  lengths_.push_back(static_cast<int32_t>(items.size()));
  tokens_ += items.size();
  return Status::Ok();
}

Status IndexedDatasetWriter::Finish() {
  TAMIS_RETURN_IF_ERROR(Prepare());
  return Commit();
}

Status IndexedDatasetWriter::Prepare() {
  TAMIS_RETURN_IF_ERROR(failed_);
  if (prepared_) return Status::Internal("Finish called twice on " + prefix_);
  TAMIS_RETURN_IF_ERROR(FlushBuffer());
  if (::fsync(bin_fd_) != 0) return Errno("syncing", bin_tmp_);
  if (::close(bin_fd_) != 0) {
    bin_fd_ = -1;
    return Errno("closing", bin_tmp_);
  }
  bin_fd_ = -1;

  // The index: header, then the three arrays. Built in memory (12 bytes per document).
  const uint64_t sequences = lengths_.size();
  const uint64_t document_indices = sequences + 1;
  std::vector<unsigned char> index;
  index.reserve(IndexFileSize(sequences, document_indices));
  index.insert(index.end(), kIndexMagic, kIndexMagic + kIndexMagicSize);
  Append(index, kIndexVersion);
  Append(index, static_cast<uint8_t>(dtype_));
  Append(index, sequences);
  Append(index, document_indices);
  for (int32_t length : lengths_) Append(index, length);
  int64_t pointer = 0;
  for (int32_t length : lengths_) {
    Append(index, pointer);
    pointer += static_cast<int64_t>(length) * static_cast<int64_t>(item_size_);
  }
  // One sequence per document: document d spans sequence [d, d+1).
  for (uint64_t d = 0; d <= sequences; ++d) Append(index, static_cast<int64_t>(d));
  TAMIS_CHECK_EQ(index.size(), IndexFileSize(sequences, document_indices));

  int fd = ::open(idx_tmp_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Errno("creating", idx_tmp_);
  Status s = WriteAll(fd, index.data(), index.size(), idx_tmp_);
  if (s.ok() && ::fsync(fd) != 0) s = Errno("syncing", idx_tmp_);
  if (::close(fd) != 0 && s.ok()) s = Errno("closing", idx_tmp_);
  TAMIS_RETURN_IF_ERROR(s);
  prepared_ = true;
  return Status::Ok();
}

Status IndexedDatasetWriter::Commit() {
  if (!prepared_ || finished_) return Status::Internal("Commit without Prepare on " + prefix_);
  const std::string bin = prefix_ + std::string(kDataSuffix);
  const std::string idx = prefix_ + std::string(kIndexSuffix);
  // .bin first: an .idx is only ever visible next to the data it describes.
  if (std::rename(bin_tmp_.c_str(), bin.c_str()) != 0) return Errno("renaming to", bin);
  if (std::rename(idx_tmp_.c_str(), idx.c_str()) != 0) return Errno("renaming to", idx);
  finished_ = true;
  return Status::Ok();
}

// ---------------------------------------------------------------------------------------------

Result<std::unique_ptr<ShardWriter>> ShardWriter::Create(std::string prefix, ShardOptions options) {
  if (!IsTokenDType(options.dtype)) {
    return Status::InvalidArgument("token shards must be uint16 or int32");
  }
  return std::unique_ptr<ShardWriter>(new ShardWriter(std::move(prefix), options));
}

std::string ShardWriter::ShardPrefix(const std::string& prefix, uint64_t index) {
  char digits[32];
  std::snprintf(digits, sizeof(digits), "_%0*llu", kShardDigits,
                static_cast<unsigned long long>(index));
  return prefix + digits;
}

Status ShardWriter::OpenShard() {
  const std::string shard = ShardPrefix(prefix_, shards_.size());
  TAMIS_ASSIGN_OR_RETURN(current_, IndexedDatasetWriter::Create(shard, options_.dtype));
  if (options_.loss_mask) {
    TAMIS_ASSIGN_OR_RETURN(
        current_mask_,
        IndexedDatasetWriter::Create(shard + std::string(kLossMaskSuffix), kLossMaskDType));
  }
  return Status::Ok();
}

Status ShardWriter::CloseShard() {
  if (current_mask_ != nullptr) {
    // Both halves complete on disk before either is renamed; then the mask first, so a token
    // .idx is never visible without its mask.
    TAMIS_RETURN_IF_ERROR(current_mask_->Prepare());
    TAMIS_RETURN_IF_ERROR(current_->Prepare());
    TAMIS_RETURN_IF_ERROR(current_mask_->Commit());
    TAMIS_RETURN_IF_ERROR(current_->Commit());
  } else {
    TAMIS_RETURN_IF_ERROR(current_->Finish());
  }
  shards_.push_back({current_->prefix(), current_->documents(), current_->tokens()});
  current_.reset();
  current_mask_.reset();
  return Status::Ok();
}

Status ShardWriter::MakeRoom(size_t document_tokens) {
  if (current_ != nullptr && current_->documents() > 0) {
    const uint64_t tokens = current_->tokens() + document_tokens;
    const uint64_t bytes = tokens * *ItemSize(static_cast<uint8_t>(options_.dtype));
    if ((options_.max_tokens > 0 && tokens > options_.max_tokens) ||
        (options_.max_bytes > 0 && bytes > options_.max_bytes)) {
      TAMIS_RETURN_IF_ERROR(CloseShard());
    }
  }
  if (current_ == nullptr) TAMIS_RETURN_IF_ERROR(OpenShard());
  return Status::Ok();
}

Status ShardWriter::AddDocument(std::span<const int32_t> ids) {
  if (options_.loss_mask) {
    return Status::Internal(prefix_ + ": a loss-mask shard writer needs each document's mask");
  }
  TAMIS_RETURN_IF_ERROR(MakeRoom(ids.size()));
  return current_->AddDocument(ids);
}

Status ShardWriter::EndShard() {
  if (current_ != nullptr && current_->documents() > 0) return CloseShard();
  return Status::Ok();
}

Status ShardWriter::AddDocument(std::span<const int32_t> ids, std::span<const uint8_t> loss_mask) {
  if (!options_.loss_mask) {
    return Status::Internal(prefix_ + ": loss mask given to a shard writer without one");
  }
  if (loss_mask.size() != ids.size()) {
    return Status::Internal(prefix_ + ": loss mask of " + std::to_string(loss_mask.size()) +
                            " items for " + std::to_string(ids.size()) + " tokens");
  }
  TAMIS_RETURN_IF_ERROR(MakeRoom(ids.size()));
  // Tokens first: it validates the ids, and a failure leaves the two halves different only in
  // a writer whose run is failing anyway (never committed).
  TAMIS_RETURN_IF_ERROR(current_->AddDocument(ids));
  return current_mask_->AddDocument(loss_mask);
}

Status ShardWriter::Finish() {
  if (current_ != nullptr) TAMIS_RETURN_IF_ERROR(CloseShard());
  return Status::Ok();
}

uint64_t ShardWriter::documents() const {
  uint64_t n = current_ ? current_->documents() : 0;
  for (const ShardInfo& s : shards_) n += s.documents;
  return n;
}

uint64_t ShardWriter::tokens() const {
  uint64_t n = current_ ? current_->tokens() : 0;
  for (const ShardInfo& s : shards_) n += s.tokens;
  return n;
}

namespace {

// `path` as one shell word: Megatron takes --data-path as whitespace-separated arguments, so a
// prefix with a space (or any shell metacharacter) is single-quoted to survive being pasted.
std::string ShellWord(const std::string& path) {
  bool plain = !path.empty() && path.find_first_not_of(
                                    "abcdefghijklmnopqrstuvwxyz"
                                    "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                    "0123456789_-./+,:=@%") == std::string::npos;
  if (plain) return path;
  std::string out = "'";
  for (char c : path) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

}  // namespace

std::string ShardWriter::BlendString() const {
  std::string out;
  for (const ShardInfo& s : shards_) {
    if (s.tokens == 0) continue;  // Megatron rejects a zero weight; an empty shard adds nothing.
    if (!out.empty()) out += ' ';
    out += std::to_string(s.tokens) + ' ' + ShellWord(s.prefix);
  }
  return out;
}

Value ShardWriter::ShardsValue() const {
  Value::Array shards;
  for (const ShardInfo& s : shards_) {
    Value shard = Value::EmptyObject();
    shard.Set("prefix", s.prefix);
    shard.Set("documents", s.documents);
    shard.Set("tokens", s.tokens);
    shards.push_back(std::move(shard));
  }
  return Value(std::move(shards));
}

Result<std::unique_ptr<ShardWriter>> CreateFreshShardWriter(const std::string& prefix,
                                                            ShardOptions options) {
  const std::filesystem::path dir = std::filesystem::path(prefix).parent_path();
  std::error_code ec;
  if (!dir.empty()) std::filesystem::create_directories(dir, ec);
  if (ec) return Status::IoError(dir.string() + ": cannot create: " + ec.message());
  TAMIS_RETURN_IF_ERROR(RemoveShards(prefix));
  return ShardWriter::Create(prefix, options);
}

Status RemoveShards(const std::string& prefix) {
  namespace fs = std::filesystem;
  const fs::path p(prefix);
  const fs::path dir = p.has_parent_path() ? p.parent_path() : fs::path(".");
  const std::string stem = p.filename().string() + "_";
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return Status::Ok();
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    // A shard, or the temporary file of one.
    const std::string file = it->path().filename().string();
    const std::string_view name = CommittedNameOf(file);
    if (!name.starts_with(stem)) continue;
    std::string_view rest = name.substr(stem.size());
    if (rest.find_first_not_of("0123456789") != 5) continue;
    rest.remove_prefix(5);
    if (rest.starts_with(kLossMaskSuffix)) rest.remove_prefix(kLossMaskSuffix.size());
    if (rest != kDataSuffix && rest != kIndexSuffix) continue;
    if (!fs::remove(it->path(), ec) && ec) {
      return Status::IoError(it->path().string() + ": cannot remove stale shard: " + ec.message());
    }
  }
  return ec ? Status::IoError(dir.string() + ": cannot list: " + ec.message()) : Status::Ok();
}

}  // namespace tamis::megatron
