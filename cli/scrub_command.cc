// tamis scrub INPUT... -o OUT: replaces PII (e-mails, IPs, phones, IBANs, cards, secrets) with
// tokens, then drops documents dense in obscene or offensive words; the `pii` and `toxicity`
// stages with their defaults, a few of their options as flags.
#include <cmath>

#include "cli/commands.h"
#include "cli/pipeline_execution.h"

namespace tamis::cli {

int ScrubCommand(const Args& args) {
  Flags flags("tamis scrub",
              "Replaces personal data and secrets with tokens (<email-pii>, <ip-pii>, "
              "<phone-pii>, <iban-pii>, <card-pii>, <secret-pii>; metadata.pii counts them), "
              "then scores each document against its language's LDNOOBW word list "
              "(metadata.toxicity) and drops those above the threshold. PII goes first, so the "
              "rejects hold no PII either.");
  CommonFlags common;
  common.Declare(flags);
  RunSpec spec;
  std::vector<std::string> inputs, kinds;
  bool public_ips_only = false, tag_only = false, no_toxicity = false;
  int64_t max_pii = -1;
  double threshold = std::nan("");  // Unset: the stage's default.
  flags.List("--pii", "KIND",
             "replace only this kind (repeatable: email, ip, phone, iban, card, secret; "
             "default all)",
             &kinds);
  flags.Bool("--public-ips-only", "keep private, loopback and documentation IP addresses",
             &public_ips_only);
  flags.Int("--max-pii", "N", "drop documents with more than N replacements", &max_pii);
  flags.Double("--toxicity-threshold", "P", "drop above this share of listed words (default 0.04)",
               &threshold);
  flags.Bool("--tag-only", "record metadata.toxicity but drop nothing", &tag_only);
  flags.Bool("--no-toxicity", "replace PII only", &no_toxicity);
  flags.Positional("INPUT", "JSONL, WARC/WET files, directories or glob patterns", &inputs, 1);
  flags.Epilogue(
      "Documents without metadata.language (run `tamis langid` first, or put langid before\n"
      "toxicity in a pipeline) are checked against the English list.\n\n"
      "examples:\n"
      "  tamis scrub crawl/*.jsonl.zst -o clean/ --rejects rejected/ --threads 8\n"
      "  tamis scrub code.jsonl -o out/ --pii secret --pii email --no-toxicity\n");
  if (int code; !flags.Parse(args, &code)) return code;
  if (!common.Resolve()) return 2;

  Value pii = Value::EmptyObject();
  if (!kinds.empty()) {
    Value::Array list;
    for (const std::string& k : kinds) list.push_back(Value(k));
    pii.Set("kinds", Value(std::move(list)));
  }
  if (public_ips_only) pii.Set("public_ips_only", true);
  if (max_pii >= 0) pii.Set("max_pii", max_pii);
  PipelineSpec pipeline{.run = spec, .stages = {{"pii", std::move(pii)}}, .mix = {}};
  if (!no_toxicity) {
    Value toxicity = Value::EmptyObject();
    if (!std::isnan(threshold)) toxicity.Set("threshold", threshold);
    if (tag_only) toxicity.Set("action", "tag");
    pipeline.stages.push_back({"toxicity", std::move(toxicity)});
  }
  pipeline.run.inputs = inputs;
  ApplyCommonFlags(common, &pipeline.run);
  return ExecutePipeline("scrub", pipeline, {}, common.quiet);
}

}  // namespace tamis::cli
