// tamis inspect PREFIX: what a Megatron token dataset (or a set of shards) holds, with every
// invariant of the format checked, and one document's first tokens decoded.
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/flags.h"
#include "tokenize/default_tokenizer.h"
#include "tokenize/megatron_reader.h"

namespace tamis::cli {

int InspectCommand(const Args& args) {
  Flags flags("tamis inspect",
              "Opens Megatron-LM token shards (PREFIX.bin/.idx, or PREFIX_00000… when PREFIX "
              "names a sharded output), checks every invariant of the format, prints counts "
              "and dtype, and shows the first tokens of one document, decoded.");
  std::vector<std::string> prefixes;
  std::string tokenizer_path;
  int64_t document = 0;
  int64_t show = 32;
  bool no_decode = false;
  flags.String("--tokenizer", "MODEL",
               "SentencePiece model to decode with and check ids against (default: the "
               "embedded tamis-default)",
               &tokenizer_path);
  flags.Int("--document", "K", "document to show, counted across shards (default: 0)", &document);
  flags.Int("--tokens", "N", "how many of its first tokens to show (default: 32)", &show);
  flags.Bool("--no-decode", "show ids only", &no_decode);
  flags.Positional("PREFIX", "dataset prefix (without .bin/.idx)", &prefixes, 1);
  if (int code; !flags.Parse(args, &code)) return code;
  if (document < 0 || show < 0) {
    std::cerr << "tamis inspect: --document and --tokens must be >= 0\n";
    return 2;
  }

  std::unique_ptr<Tokenizer> tokenizer;
  if (!no_decode) {
    auto loaded = LoadTokenizer(tokenizer_path, {.add_bos = false, .add_eos = false});
    if (!loaded.ok()) {
      std::cerr << "tamis inspect: " << loaded.status().ToString() << "\n";
      return 1;
    }
    tokenizer = std::move(loaded.value());
  }

  uint64_t remaining = static_cast<uint64_t>(document);
  bool shown = false;
  int failures = 0;
  for (const std::string& prefix : prefixes) {
    auto resolved = megatron::ResolveDatasetPrefixes(prefix);
    if (!resolved.ok()) {
      std::cerr << "tamis inspect: " << resolved.status().ToString() << "\n";
      return 1;
    }
    for (const std::string& shard : *resolved) {
      auto ds = megatron::IndexedDataset::Open(shard);
      if (!ds.ok()) {
        std::printf("%s: INVALID: %s\n", shard.c_str(), ds.status().ToString().c_str());
        ++failures;
        continue;
      }
      const megatron::IndexedDataset& d = **ds;
      std::printf("%s: dtype=%s sequences=%llu documents=%llu tokens=%llu bin_bytes=%llu\n",
                  shard.c_str(), std::string(megatron::DTypeName(d.dtype())).c_str(),
                  static_cast<unsigned long long>(d.sequence_count()),
                  static_cast<unsigned long long>(d.document_count()),
                  static_cast<unsigned long long>(d.token_count()),
                  static_cast<unsigned long long>(d.bin_bytes()));
      std::vector<int64_t> ids;
      const int failures_before = failures;
      if (tokenizer != nullptr) {
        // Invariant 6 (megatron_format.md): every id inside the tokenizer's vocabulary.
        for (uint64_t s = 0; s < d.sequence_count(); ++s) {
          d.ReadSequence(s, &ids);
          for (int64_t id : ids) {
            if (id < 0 || id >= tokenizer->vocab_size()) {
              std::printf(
                  "%s: INVALID: sequence %llu holds id %lld outside the vocabulary of "
                  "%s (%lld)\n",
                  shard.c_str(), static_cast<unsigned long long>(s), static_cast<long long>(id),
                  tokenizer->path().c_str(), static_cast<long long>(tokenizer->vocab_size()));
              ++failures;
              s = d.sequence_count() - 1;
              break;
            }
          }
        }
      }
      std::printf("  invariants: %s\n", failures == failures_before ? "ok" : "FAILED");
      if (!shown && remaining < d.document_count()) {
        d.ReadDocument(remaining, &ids);
        const size_t n = std::min(ids.size(), static_cast<size_t>(show));
        std::printf("  document %lld (%zu tokens), first %zu ids:",
                    static_cast<long long>(document), ids.size(), n);
        for (size_t i = 0; i < n; ++i) std::printf(" %lld", static_cast<long long>(ids[i]));
        std::printf("\n");
        if (tokenizer != nullptr) {
          std::vector<int32_t> head(ids.begin(), ids.begin() + static_cast<ptrdiff_t>(n));
          auto text = tokenizer->Decode(head);
          if (text.ok()) {
            std::printf("  decoded (%s): %s\n", tokenizer->path().c_str(), text->c_str());
          } else {
            std::printf("  decoded: cannot decode: %s\n", text.status().ToString().c_str());
          }
        }
        shown = true;
      } else if (!shown) {
        remaining -= d.document_count();
      }
    }
  }
  if (!shown)
    std::printf("document %lld: beyond the last document\n", static_cast<long long>(document));
  return failures == 0 ? 0 : 1;
}

}  // namespace tamis::cli
