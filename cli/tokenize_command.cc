// tamis tokenize INPUT... -o PREFIX: documents to Megatron-LM token shards.
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <thread>

#include "cli/commands.h"
#include "cli/flags.h"
#include "pipeline/json.h"
#include "tokenize/default_tokenizer.h"
#include "tokenize/tokenize_files.h"

namespace tamis::cli {

int TokenizeCommand(const Args& args) {
  Flags flags("tamis tokenize",
              "Encodes the text of every document with a SentencePiece model and writes the ids, "
              "one Megatron sequence per document, to PREFIX_00000.bin/.idx, … (Megatron-LM "
              "indexed dataset, readable by Megatron-LM, NeMo and GPT-NeoX). Prints the "
              "--data-path value for Megatron.");
  std::vector<std::string> inputs;
  TokenizeFilesSpec spec;
  std::string tokenizer_path;
  int64_t threads = 0, shard_tokens = 0, shard_bytes = 0;
  bool bos = false, no_eos = false, quiet = false;
  flags.String("--output", "PREFIX", "shard prefix (its directory is created)", &spec.config.output,
               /*required=*/true);
  flags.Alias("-o", "--output");
  flags.String("--tokenizer", "MODEL", "SentencePiece .model (default: the embedded tamis-default)",
               &tokenizer_path);
  flags.Int("--threads", "N", "worker threads (default: all cores)", &threads);
  flags.Int("--shard-tokens", "N", "start a new shard before N tokens (default: no limit)",
            &shard_tokens);
  flags.Int("--shard-bytes", "N", "start a new shard before N .bin bytes (default: no limit)",
            &shard_bytes);
  flags.Bool("--bos", "prepend BOS to every document", &bos);
  flags.Bool("--no-eos", "do not append EOS (default: appended, as Megatron's --append-eod)",
             &no_eos);
  flags.String("--text-field", "NAME", "JSONL field holding the text (default: text)",
               &spec.reader.text_field);
  flags.Bool("--strict", "malformed input records fail the run", &spec.reader.strict);
  flags.Bool("--quiet", "no progress line", &quiet);
  flags.Positional("INPUT",
                   "JSONL[.gz|.zst] or WARC/WET files, globs, or directories of an "
                   "earlier stage's JSONL output",
                   &inputs, 1);
  if (int code; !flags.Parse(args, &code)) return code;
  if (shard_tokens < 0 || shard_bytes < 0) {
    std::cerr << "tamis tokenize: --shard-tokens and --shard-bytes must be >= 0\n";
    return 2;
  }
  spec.inputs = inputs;
  spec.threads = threads > 0 ? static_cast<int>(threads)
                             : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  spec.config.shard_tokens = static_cast<uint64_t>(shard_tokens);
  spec.config.shard_bytes = static_cast<uint64_t>(shard_bytes);
  spec.progress = !quiet;

  auto tokenizer = LoadTokenizer(tokenizer_path, {.add_bos = bos, .add_eos = !no_eos});
  if (!tokenizer.ok()) {
    std::cerr << "tamis tokenize: " << tokenizer.status().ToString() << "\n";
    return 1;
  }
  std::error_code ec;
  std::filesystem::path out(spec.config.output);
  if (out.has_parent_path()) std::filesystem::create_directories(out.parent_path(), ec);
  auto result = TokenizeFiles(spec, std::move(tokenizer.value()));
  if (!result.ok()) {
    std::cerr << "tamis tokenize: " << result.status().ToString() << "\n";
    return 1;
  }
  std::printf("tokenize: %zu files, %llu documents, %llu tokens (%s), %zu shards\n",
              result->files.size(), static_cast<unsigned long long>(result->documents),
              static_cast<unsigned long long>(result->tokens),
              std::string(megatron::DTypeName(result->dtype)).c_str(), result->shards.size());
  for (const Value& stage : result->stats.as_array()) {
    std::printf("  %s\n", ToJson(stage).c_str());
  }
  std::printf("data_path: %s\n", result->blend.c_str());
  return 0;
}

}  // namespace tamis::cli
