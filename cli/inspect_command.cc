// tamis inspect PREFIX: what a Megatron token dataset (or a set of shards) holds, with every
// invariant of the format checked, and one document's first tokens decoded. A chat dataset's
// loss mask (PREFIX_loss_mask, megatron_format.md) is recognised and checked against the
// tokens; --mask prints the shown document with its trained (assistant) tokens marked.
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
namespace {

// Ones of `mask` over documents [first, last).
uint64_t TrainedTokens(const megatron::IndexedDataset& mask, uint64_t first, uint64_t last) {
  uint64_t ones = 0;
  std::vector<int64_t> items;
  for (uint64_t d = first; d < last; ++d) {
    mask.ReadDocument(d, &items);
    for (int64_t item : items) ones += item == 1 ? 1 : 0;
  }
  return ones;
}

// The first `n` tokens as text, each trained run between [[ and ]].
std::string MarkedText(const Tokenizer& tokenizer, const std::vector<int64_t>& ids,
                       const std::vector<int64_t>& mask, size_t n) {
  std::string out;
  size_t i = 0;
  while (i < n) {
    const int64_t trained = mask[i];
    std::vector<int32_t> run;
    for (; i < n && mask[i] == trained; ++i) run.push_back(static_cast<int32_t>(ids[i]));
    auto text = tokenizer.PieceText(run);
    const std::string piece = text.ok() ? *text : "<" + text.status().ToString() + ">";
    out += trained == 1 ? "[[" + piece + "]]" : piece;
  }
  return out;
}

}  // namespace

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
  bool show_mask = false;
  int64_t per_document = 10;
  flags.String("--tokenizer", "MODEL",
               "SentencePiece model to decode with and check ids against (default: the "
               "embedded tamis-default)",
               &tokenizer_path);
  flags.Int("--document", "K", "document to show, counted across shards (default: 0)", &document);
  flags.Int("--tokens", "N", "how many of its first tokens to show (default: 32)", &show);
  flags.Bool("--no-decode", "show ids only", &no_decode);
  flags.Bool("--mask",
             "with a loss mask: print the shown document's first tokens as text, trained "
             "(loss mask 1) spans between [[ and ]]",
             &show_mask);
  flags.Int("--per-document", "N",
            "with a loss mask: trained and total tokens of each shard's first N documents "
            "(default: 10)",
            &per_document);
  flags.Positional("PREFIX", "dataset prefix (without .bin/.idx)", &prefixes, 1);
  if (int code; !flags.Parse(args, &code)) return code;
  if (document < 0 || show < 0 || per_document < 0) {
    std::cerr << "tamis inspect: --document, --tokens and --per-document must be >= 0\n";
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
      auto mask = megatron::OpenLossMask(d);
      if (!mask.ok()) {
        std::printf("%s: INVALID: %s\n", shard.c_str(), mask.status().ToString().c_str());
        ++failures;
      } else if (*mask != nullptr) {
        const uint64_t trained = TrainedTokens(**mask, 0, (*mask)->document_count());
        std::printf("  loss mask %s: trained tokens=%llu (%.1f%%), lengths and boundaries match\n",
                    (*mask)->prefix().c_str(), static_cast<unsigned long long>(trained),
                    d.token_count() > 0 ? 100.0 * static_cast<double>(trained) /
                                              static_cast<double>(d.token_count())
                                        : 0.0);
        // Trained/total per document, for the first --per-document documents.
        const uint64_t listed =
            std::min<uint64_t>(d.document_count(), static_cast<uint64_t>(per_document));
        if (listed > 0) {
          std::printf("  trained/tokens of documents 0..%llu:",
                      static_cast<unsigned long long>(listed - 1));
          std::vector<int64_t> items;
          for (uint64_t k = 0; k < listed; ++k) {
            (*mask)->ReadDocument(k, &items);
            std::printf(" %llu/%zu",
                        static_cast<unsigned long long>(TrainedTokens(**mask, k, k + 1)),
                        items.size());
          }
          std::printf("\n");
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
        const megatron::IndexedDataset* loss_mask = mask.ok() ? mask->get() : nullptr;
        if (loss_mask != nullptr) {
          std::printf(
              "  document %lld: trained (assistant) tokens=%llu\n",
              static_cast<long long>(document),
              static_cast<unsigned long long>(TrainedTokens(*loss_mask, remaining, remaining + 1)));
          if (show_mask && tokenizer != nullptr) {
            std::vector<int64_t> items;
            loss_mask->ReadDocument(remaining, &items);
            std::printf("  masked (%s):\n%s\n", tokenizer->path().c_str(),
                        MarkedText(*tokenizer, ids, items, n).c_str());
          }
        } else if (show_mask) {
          std::printf("  no loss mask beside %s\n", shard.c_str());
        }
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
