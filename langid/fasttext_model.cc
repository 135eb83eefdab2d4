#include "langid/fasttext_model.h"

#include <fasttext/fasttext.h>

#include "langid/fasttext_file_check.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <exception>
#include <fstream>
#include <istream>
#include <streambuf>

namespace tamis::langid {
namespace {

// fastText's file header (fasttext.cc: FASTTEXT_FILEFORMAT_MAGIC_INT32, FASTTEXT_VERSION).
constexpr int32_t kFastTextMagic = 793712314;
constexpr int32_t kFastTextVersion = 12;

// A read-only streambuf over a string: fastText tokenizes from an std::istream, and this
// spares copying every document into an std::istringstream.
class ViewStreambuf : public std::streambuf {
 public:
  void Reset(std::string_view text) {
    char* p = const_cast<char*>(text.data());  // Read-only use: get area only.
    setg(p, p, p + text.size());
  }
};

}  // namespace

struct FastTextModel::Scratch::Impl {
  Impl() : stream(&buffer) {}
  ViewStreambuf buffer;
  std::istream stream;
  std::string line;
  std::vector<int32_t> words;
  std::vector<int32_t> labels;
  fasttext::Predictions predictions;
};

FastTextModel::Scratch::Scratch() : impl_(std::make_unique<Impl>()) {}
FastTextModel::Scratch::~Scratch() = default;

FastTextModel::~FastTextModel() = default;

Result<std::unique_ptr<FastTextModel>> FastTextModel::Load(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    return Status::NotFound("language-ID model " + path + ": " + std::strerror(errno));
  }
  if (S_ISDIR(st.st_mode)) {
    return Status::InvalidArgument("language-ID model " + path + " is a directory");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError("language-ID model " + path + ": " + std::strerror(errno));
  int32_t magic = 0, version = 0;
  in.read(reinterpret_cast<char*>(&magic), sizeof(magic));
  in.read(reinterpret_cast<char*>(&version), sizeof(version));
  if (!in || magic != kFastTextMagic) {
    return Status::Corruption("language-ID model " + path + " is not a fastText model file");
  }
  if (version > kFastTextVersion) {
    return Status::Corruption("language-ID model " + path + " has fastText format version " +
                              std::to_string(version) + ", newer than this libfasttext (" +
                              std::to_string(kFastTextVersion) + ")");
  }
  // libfasttext would loop or allocate without bound on a cut or damaged file: check first.
  TAMIS_RETURN_IF_ERROR(CheckFastTextFile(path, in, static_cast<uint64_t>(st.st_size)));
  in.clear();
  in.seekg(2 * sizeof(int32_t));
  auto model = std::unique_ptr<FastTextModel>(new FastTextModel());
  model->path_ = path;
  model->model_ = std::make_unique<fasttext::FastText>();
  try {
    model->model_->loadModel(in);
  } catch (const std::bad_alloc&) {
    return Status::Corruption("language-ID model " + path +
                              " is corrupt (its sizes do not fit in memory)");
  } catch (const std::exception& e) {
    return Status::Corruption("language-ID model " + path + ": " + e.what());
  }
  if (in.fail()) {
    return Status::Corruption("language-ID model " + path + " is truncated or corrupt");
  }
  const fasttext::Args args = model->model_->getArgs();
  if (args.model != fasttext::model_name::sup) {
    return Status::InvalidArgument("language-ID model " + path +
                                   " is a word-vector model, not a supervised classifier");
  }
  auto dict = model->model_->getDictionary();
  if (dict->nlabels() <= 0) {
    return Status::Corruption("language-ID model " + path + " has no labels");
  }
  model->labels_.reserve(dict->nlabels());
  for (int32_t i = 0; i < dict->nlabels(); ++i) model->labels_.push_back(dict->getLabel(i));
  return model;
}

std::unique_ptr<FastTextModel::Scratch> FastTextModel::NewScratch() const {
  return std::make_unique<Scratch>();
}

Status FastTextModel::Predict(std::string_view line, int k, double threshold, Scratch* outer,
                              std::vector<LabelProbability>* out) const {
  Scratch::Impl* scratch = outer->impl_.get();
  out->clear();
  // `fasttext predict` and the Python binding both feed the line with its '\n', which
  // fastText reads as the end-of-sentence token "</s>": include it so scores are identical.
  scratch->line.assign(line);
  scratch->line.push_back('\n');
  scratch->buffer.Reset(scratch->line);
  scratch->stream.clear();
  try {
    model_->getDictionary()->getLine(scratch->stream, scratch->words, scratch->labels);
    scratch->predictions.clear();
    model_->predict(k > 0 ? k : -1, scratch->words, scratch->predictions,
                    static_cast<fasttext::real>(threshold));
  } catch (const std::exception& e) {
    return Status::Internal("fastText prediction with " + path_ + ": " + e.what());
  }
  out->reserve(scratch->predictions.size());
  for (const auto& [log_prob, label] : scratch->predictions) {
    // fastText scores log(p + 1e-5) (its std_log smoothing, once per tree node with
    // hierarchical softmax), so a near-certain label comes back as 1.00006: clamp to keep
    // the documented [0, 1] range. Order and the CLI's best label are unchanged.
    out->push_back({label, std::min(1.0, std::exp(static_cast<double>(log_prob)))});
  }
  return Status::Ok();
}

}  // namespace tamis::langid
