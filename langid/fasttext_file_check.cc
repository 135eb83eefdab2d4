#include "langid/fasttext_file_check.h"

#include <limits>

namespace tamis::langid {
namespace {

// No dictionary word (a token or a __label__) is anywhere near this long.
constexpr uint64_t kMaxWord = 1 << 20;
// ProductQuantizer::ksub_: centroids per sub-quantizer.
constexpr uint64_t kCentroids = 256;

// Reads fields in file order and checks each against the bytes left.
class LayoutWalker {
 public:
  LayoutWalker(const std::string& path, std::istream& in, uint64_t file_size)
      : path_(path), in_(in), size_(file_size), pos_(static_cast<uint64_t>(in.tellg())) {}

  template <typename T>
  Status Read(T* value, const char* what) {
    if (size_ - pos_ < sizeof(T)) return Cut(what);
    in_.read(reinterpret_cast<char*>(value), sizeof(T));
    if (!in_) return Cut(what);
    pos_ += sizeof(T);
    return Status::Ok();
  }

  // Skips `count` items of `item` bytes, checking the product against the bytes left.
  Status Skip(int64_t count, uint64_t item, const char* what) {
    if (count < 0) return Bad(std::string("negative size of ") + what);
    uint64_t left = size_ - pos_;
    if (static_cast<uint64_t>(count) > left / item) return Cut(what);
    uint64_t bytes = static_cast<uint64_t>(count) * item;
    in_.seekg(static_cast<std::streamoff>(bytes), std::ios::cur);
    if (!in_) return Cut(what);
    pos_ += bytes;
    return Status::Ok();
  }

  // A NUL-terminated dictionary word.
  Status Word() {
    uint64_t length = 0;
    while (true) {
      int c = in_.get();
      if (c == std::char_traits<char>::eof()) return Cut("a dictionary word");
      ++pos_;
      if (c == 0) return Status::Ok();
      if (++length > kMaxWord) return Bad("a dictionary word longer than 1 MiB");
    }
  }

  Status Bad(const std::string& what) const {
    return Status::Corruption("language-ID model " + path_ + " is corrupt: " + what);
  }

 private:
  Status Cut(const char* what) const {
    return Status::Corruption("language-ID model " + path_ + " is truncated or corrupt: " + what +
                              " does not fit in the file (" + std::to_string(size_) + " bytes)");
  }

  const std::string& path_;
  std::istream& in_;
  uint64_t size_;
  uint64_t pos_;
};

Status CheckDense(LayoutWalker& w) {
  int64_t m = 0, n = 0;
  TAMIS_RETURN_IF_ERROR(w.Read(&m, "a matrix size"));
  TAMIS_RETURN_IF_ERROR(w.Read(&n, "a matrix size"));
  if (m < 0 || n < 0) return w.Bad("negative matrix size");
  if (n > 0 && m > std::numeric_limits<int64_t>::max() / n) return w.Bad("matrix too large");
  return w.Skip(m * n, sizeof(float), "the matrix values");
}

Status CheckQuantizer(LayoutWalker& w) {
  int32_t dim = 0, nsubq = 0, dsub = 0, lastdsub = 0;
  TAMIS_RETURN_IF_ERROR(w.Read(&dim, "a quantizer header"));
  TAMIS_RETURN_IF_ERROR(w.Read(&nsubq, "a quantizer header"));
  TAMIS_RETURN_IF_ERROR(w.Read(&dsub, "a quantizer header"));
  TAMIS_RETURN_IF_ERROR(w.Read(&lastdsub, "a quantizer header"));
  return w.Skip(static_cast<int64_t>(dim) * static_cast<int64_t>(kCentroids), sizeof(float),
                "the quantizer centroids");
}

Status CheckQuantized(LayoutWalker& w) {
  bool qnorm = false;
  int64_t m = 0, n = 0;
  int32_t codesize = 0;
  TAMIS_RETURN_IF_ERROR(w.Read(&qnorm, "a quantized matrix header"));
  TAMIS_RETURN_IF_ERROR(w.Read(&m, "a quantized matrix header"));
  TAMIS_RETURN_IF_ERROR(w.Read(&n, "a quantized matrix header"));
  TAMIS_RETURN_IF_ERROR(w.Read(&codesize, "a quantized matrix header"));
  if (m < 0 || n < 0) return w.Bad("negative matrix size");
  TAMIS_RETURN_IF_ERROR(w.Skip(codesize, 1, "the quantized codes"));
  TAMIS_RETURN_IF_ERROR(CheckQuantizer(w));
  if (qnorm) {
    TAMIS_RETURN_IF_ERROR(w.Skip(m, 1, "the norm codes"));
    TAMIS_RETURN_IF_ERROR(CheckQuantizer(w));
  }
  return Status::Ok();
}

}  // namespace

Status CheckFastTextFile(const std::string& path, std::istream& in, uint64_t file_size) {
  LayoutWalker w(path, in, file_size);
  int32_t args[12];
  double t = 0;
  for (int32_t& a : args) TAMIS_RETURN_IF_ERROR(w.Read(&a, "the arguments"));
  TAMIS_RETURN_IF_ERROR(w.Read(&t, "the arguments"));

  int32_t size = 0, nwords = 0, nlabels = 0;
  int64_t ntokens = 0, pruneidx_size = 0;
  TAMIS_RETURN_IF_ERROR(w.Read(&size, "the dictionary header"));
  TAMIS_RETURN_IF_ERROR(w.Read(&nwords, "the dictionary header"));
  TAMIS_RETURN_IF_ERROR(w.Read(&nlabels, "the dictionary header"));
  TAMIS_RETURN_IF_ERROR(w.Read(&ntokens, "the dictionary header"));
  TAMIS_RETURN_IF_ERROR(w.Read(&pruneidx_size, "the dictionary header"));
  if (size < 0 || nwords < 0 || nlabels < 0 || static_cast<int64_t>(nwords) + nlabels != size) {
    return w.Bad("inconsistent dictionary sizes");
  }
  for (int32_t i = 0; i < size; ++i) {
    TAMIS_RETURN_IF_ERROR(w.Word());
    int64_t count = 0;
    int8_t type = 0;
    TAMIS_RETURN_IF_ERROR(w.Read(&count, "a dictionary entry"));
    TAMIS_RETURN_IF_ERROR(w.Read(&type, "a dictionary entry"));
  }
  // -1 means "not pruned".
  if (pruneidx_size < -1) return w.Bad("negative pruned index size");
  if (pruneidx_size > 0) {
    TAMIS_RETURN_IF_ERROR(w.Skip(pruneidx_size, 2 * sizeof(int32_t), "the pruned index"));
  }

  bool quant_input = false, qout = false;
  TAMIS_RETURN_IF_ERROR(w.Read(&quant_input, "the input matrix flag"));
  TAMIS_RETURN_IF_ERROR(quant_input ? CheckQuantized(w) : CheckDense(w));
  TAMIS_RETURN_IF_ERROR(w.Read(&qout, "the output matrix flag"));
  return quant_input && qout ? CheckQuantized(w) : CheckDense(w);
}

}  // namespace tamis::langid
