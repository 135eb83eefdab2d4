#include "dedup/signature_collector.h"

#include <xxhash.h>

#include <algorithm>
#include <array>
#include <span>

#include "dedup/dedup_file.h"
#include "dedup/dedup_text.h"
#include "dedup/dedup_work_files.h"
#include "pipeline/chat_turns.h"

namespace tamis {
namespace {

// Where a document stood in the task's input, and whether it has keys (a minhash document
// without words has none and is never clustered).
struct Seen {
  uint64_t sequence;
  uint32_t index;
  uint32_t has_keys;
};

class SignatureScratch final : public Scratch {
 public:
  std::unique_ptr<DedupText> text;
  Status text_status;
  MinHasher::Scratch hashing;
  std::string normalized;
  std::vector<Seen> seen;
  std::vector<uint64_t> keys;  // KeyWords() per entry of `seen`.
  std::vector<std::string> ids;
};

template <size_t kWords>
std::span<const uint64_t> Flat(const std::vector<std::array<uint64_t, kWords>>& records) {
  return {reinterpret_cast<const uint64_t*>(records.data()), records.size() * kWords};
}

}  // namespace

SignatureCollector::SignatureCollector(const DedupOptions& options, std::string work_dir)
    : options_(options), hasher_(options.minhash), work_dir_(std::move(work_dir)) {}

std::string_view SignatureCollector::name() const {
  return options_.method == DedupMethod::kExact ? "exact_signatures" : "minhash_signatures";
}

int SignatureCollector::KeyWords() const {
  return options_.method == DedupMethod::kExact ? 2 : options_.minhash.bands;
}

std::unique_ptr<Scratch> SignatureCollector::NewScratch() const {
  auto scratch = std::make_unique<SignatureScratch>();
  auto text = DedupText::Create();
  if (text.ok()) {
    scratch->text = std::move(*text);
  } else {
    scratch->text_status = text.status();
  }
  return scratch;
}

Status SignatureCollector::Start(const RunContext& run) {
  task_ = run.task;
  return Status::Ok();
}

Status SignatureCollector::Process(DocumentBatch& batch, Scratch* scratch) const {
  auto& s = *static_cast<SignatureScratch*>(scratch);
  if (!s.text) return s.text_status;
  const size_t words = static_cast<size_t>(KeyWords());
  for (size_t i = 0; i < batch.documents.size(); ++i) {
    const Document& doc = batch.documents[i];
    s.text->Normalize(options_.scope == DedupScope::kFirstPrompt ? FirstPromptText(doc) : doc.text,
                      &s.normalized);
    const size_t at = s.keys.size();
    s.keys.resize(at + words);
    bool has_keys = true;
    if (options_.method == DedupMethod::kExact) {
      const XXH128_hash_t h = XXH3_128bits(s.normalized.data(), s.normalized.size());
      s.keys[at] = h.high64;
      s.keys[at + 1] = h.low64;
    } else if (hasher_.Signature(s.normalized, &s.hashing)) {
      hasher_.BandKeys(s.hashing.signature, std::span<uint64_t>(s.keys).subspan(at, words));
    } else {
      has_keys = false;
    }
    s.seen.push_back({batch.sequence, static_cast<uint32_t>(i), has_keys ? 1u : 0u});
    s.ids.push_back(doc.id);
  }
  return Status::Ok();
}

Status SignatureCollector::Finish(Scratches scratches, StageReport& report) {
  // (scratch, entry) of every document, in input order.
  std::vector<std::pair<uint32_t, uint32_t>> order;
  for (uint32_t k = 0; k < scratches.size(); ++k) {
    const auto& s = *static_cast<SignatureScratch*>(scratches[k]);
    for (uint32_t e = 0; e < s.seen.size(); ++e) order.push_back({k, e});
  }
  if (order.size() > UINT32_MAX) {
    return Status::InvalidArgument(
        "dedup: a task may hold at most 4294967295 documents; use "
        "more tasks");
  }
  auto seen = [&](const std::pair<uint32_t, uint32_t>& o) -> const Seen& {
    return static_cast<SignatureScratch*>(scratches[o.first])->seen[o.second];
  };
  std::sort(order.begin(), order.end(), [&](const auto& x, const auto& y) {
    const Seen& a = seen(x);
    const Seen& b = seen(y);
    return a.sequence != b.sequence ? a.sequence < b.sequence : a.index < b.index;
  });
  const DedupWorkFiles files(work_dir_);
  std::vector<std::string> ids;
  ids.reserve(order.size());
  for (const auto& [k, e] : order) {
    ids.push_back(std::move(static_cast<SignatureScratch*>(scratches[k])->ids[e]));
  }
  TAMIS_RETURN_IF_ERROR(WriteDedupStrings(files.Ids(task_), ids));
  ids = {};

  const size_t words = static_cast<size_t>(KeyWords());
  auto key = [&](const std::pair<uint32_t, uint32_t>& o, size_t word) {
    return static_cast<SignatureScratch*>(scratches[o.first])->keys[o.second * words + word];
  };
  int64_t with_keys = 0;
  if (options_.method == DedupMethod::kExact) {
    std::vector<std::array<uint64_t, 3>> records;
    records.reserve(order.size());
    for (uint64_t ordinal = 0; ordinal < order.size(); ++ordinal) {
      records.push_back({key(order[ordinal], 0), key(order[ordinal], 1), ordinal});
    }
    std::sort(records.begin(), records.end());
    with_keys = static_cast<int64_t>(records.size());
    TAMIS_RETURN_IF_ERROR(
        WriteDedupRecords(files.ExactKeys(task_), dedup_file::Kind::kExactKeys, 0, Flat(records)));
  } else {
    std::vector<std::array<uint64_t, 2>> records;
    records.reserve(order.size());
    for (size_t band = 0; band < words; ++band) {
      records.clear();
      for (uint64_t ordinal = 0; ordinal < order.size(); ++ordinal) {
        if (seen(order[ordinal]).has_keys) records.push_back({key(order[ordinal], band), ordinal});
      }
      std::sort(records.begin(), records.end());
      with_keys = static_cast<int64_t>(records.size());
      TAMIS_RETURN_IF_ERROR(WriteDedupRecords(files.BandKeys(static_cast<int>(band), task_),
                                              dedup_file::Kind::kBandKeys,
                                              static_cast<uint32_t>(band), Flat(records)));
    }
  }
  report.extra.Set("documents", static_cast<int64_t>(order.size()));
  report.extra.Set("with_signature", with_keys);
  return Status::Ok();
}

}  // namespace tamis
