#include "filters/pii/pii_stage.h"

#include <string>
#include <vector>

#include "pipeline/options.h"

namespace tamis {
namespace {

class PiiScratch final : public Scratch {
 public:
  std::string redacted;
  std::vector<pii::PiiMatch> matches;
  uint64_t documents = 0;
  uint64_t changed = 0;
  uint64_t dropped = 0;
  std::array<uint64_t, pii::kPiiKindCount> replaced{};
};

Status ParseTokens(const Value& tokens, pii::PiiScannerOptions* options) {
  if (!tokens.is_object()) {
    return Status::InvalidArgument("stage pii: tokens must be a map from kind to token");
  }
  for (const auto& [key, token] : tokens.as_object()) {
    const std::optional<pii::PiiKind> kind = pii::ParsePiiKind(key);
    if (!kind) {
      return Status::InvalidArgument("stage pii: unknown kind '" + key +
                                     "' in tokens (known: email, ip, phone, iban, card, secret)");
    }
    if (!token.is_string()) {
      return Status::InvalidArgument("stage pii: the token for " + key + " must be a string");
    }
    options->tokens[static_cast<size_t>(*kind)] = token.as_string();
  }
  return Status::Ok();
}

}  // namespace

PiiStage::PiiStage(std::unique_ptr<pii::PiiScanner> scanner, int64_t max_pii)
    : scanner_(std::move(scanner)), max_pii_(max_pii) {}

std::unique_ptr<Scratch> PiiStage::NewScratch() const {
  return std::make_unique<PiiScratch>();
}

Status PiiStage::Process(DocumentBatch& batch, Scratch* scratch) const {
  auto* s = static_cast<PiiScratch*>(scratch);
  for (Document& doc : batch.documents) {
    ++s->documents;
    const pii::PiiCounts counts = scanner_->Redact(doc.text, &s->redacted, &s->matches);
    if (s->matches.empty()) continue;
    ++s->changed;
    doc.text.swap(s->redacted);
    Value per_kind = Value::EmptyObject();
    for (size_t k = 0; k < pii::kPiiKindCount; ++k) {
      if (counts[k] == 0) continue;
      s->replaced[k] += counts[k];
      per_kind.Set(pii::kPiiKindNames[k], static_cast<int64_t>(counts[k]));
    }
    doc.metadata.Set("pii", std::move(per_kind));
    for (const pii::PiiMatch& m : s->matches) doc.Note(name(), pii::PiiKindName(m.kind));
    const auto total = static_cast<int64_t>(s->matches.size());
    if (max_pii_ >= 0 && total > max_pii_) {
      ++s->dropped;
      doc.Drop(name(), "too_much_pii", std::to_string(total) + " > " + std::to_string(max_pii_),
               static_cast<double>(total));
    }
  }
  return Status::Ok();
}

Status PiiStage::Finish(Scratches scratches, StageReport& report) {
  uint64_t documents = 0, changed = 0, dropped = 0;
  std::array<uint64_t, pii::kPiiKindCount> replaced{};
  for (Scratch* scratch : scratches) {
    const auto* s = static_cast<const PiiScratch*>(scratch);
    documents += s->documents;
    changed += s->changed;
    dropped += s->dropped;
    for (size_t k = 0; k < pii::kPiiKindCount; ++k) replaced[k] += s->replaced[k];
  }
  report.extra.Set("documents", documents);
  report.extra.Set("documents_changed", changed);
  report.extra.Set("documents_dropped", dropped);
  Value per_kind = Value::EmptyObject();
  for (size_t k = 0; k < pii::kPiiKindCount; ++k) {
    if (scanner_->options().enabled[k]) per_kind.Set(pii::kPiiKindNames[k], replaced[k]);
  }
  report.extra.Set("replaced", std::move(per_kind));
  return Status::Ok();
}

Result<std::unique_ptr<Stage>> CreatePiiStage(const Value& options) {
  Options opts(options, "stage pii");
  pii::PiiScannerOptions scanner_options;
  if (opts.Has("kinds")) {
    scanner_options.enabled.fill(false);
    for (const std::string& name : opts.StringList("kinds")) {
      const std::optional<pii::PiiKind> kind = pii::ParsePiiKind(name);
      if (!kind) {
        return Status::InvalidArgument("stage pii: unknown kind '" + name +
                                       "' in kinds (known: email, ip, phone, iban, card, secret)");
      }
      scanner_options.enabled[static_cast<size_t>(*kind)] = true;
    }
  }
  if (const Value* tokens = opts.Raw("tokens")) {
    TAMIS_RETURN_IF_ERROR(ParseTokens(*tokens, &scanner_options));
  }
  scanner_options.public_ips_only = opts.Bool("public_ips_only", false);
  const int64_t max_pii = opts.Int("max_pii", -1);
  TAMIS_RETURN_IF_ERROR(opts.Finish());
  Result<std::unique_ptr<pii::PiiScanner>> scanner =
      pii::PiiScanner::Create(std::move(scanner_options));
  if (!scanner.ok()) return scanner.status();
  return std::unique_ptr<Stage>(new PiiStage(std::move(scanner).value(), max_pii));
}

}  // namespace tamis
