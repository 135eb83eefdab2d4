// PiiStage ("pii"): replaces e-mail addresses, IP addresses, phone numbers, IBANs, payment
// card numbers and secrets (API keys, private keys, bearer tokens) with tokens, in one pass
// over each document (pii_scanner.h says how, and which look-alikes are left alone).
//
// A changed document gets `metadata.pii`, its replacements per kind ({"email": 2, "ip": 1};
// absent when nothing was replaced), and one ledger note per replacement whose rule is the
// kind, so the run's stats count changes per kind. Optionally a document with more than
// `max_pii` replacements is dropped (rule "too_much_pii", score = the count); its text in the
// rejects is the redacted one, so the rejects never hold what the stage removed.
//
// Options (pipeline YAML or CLI):
//   kinds: [email, ip, phone, iban, card, secret]   default all six
//   tokens: {email: "<email-pii>", ...}              per-kind replacement (defaults pii_kind.h)
//   public_ips_only: false                           keep private, loopback, documentation IPs
//   max_pii: N                                       drop above N replacements (default: never)
//
// Concurrency: kParallel. Process() only reads the immutable scanner; the output buffer and
// the counts live in the thread's scratch and are merged at Finish() into the stats report:
// documents, documents_changed, documents_dropped and replaced per kind.
#ifndef TAMIS_FILTERS_PII_PII_STAGE_H_
#define TAMIS_FILTERS_PII_PII_STAGE_H_

#include <cstdint>
#include <memory>

#include "filters/pii/pii_scanner.h"
#include "pipeline/stage.h"

namespace tamis {

class PiiStage final : public Stage {
 public:
  // `max_pii` < 0: never drop.
  PiiStage(std::unique_ptr<pii::PiiScanner> scanner, int64_t max_pii);

  std::string_view name() const override { return "pii"; }
  std::unique_ptr<Scratch> NewScratch() const override;
  Status Process(DocumentBatch& batch, Scratch* scratch) const override;
  Status Finish(Scratches scratches, StageReport& report) override;

 private:
  std::unique_ptr<pii::PiiScanner> scanner_;
  int64_t max_pii_;
};

Result<std::unique_ptr<Stage>> CreatePiiStage(const Value& options);

}  // namespace tamis

#endif  // TAMIS_FILTERS_PII_PII_STAGE_H_
