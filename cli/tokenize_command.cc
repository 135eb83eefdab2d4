// tamis tokenize INPUT... -o PREFIX: documents to Megatron-LM token shards, as a one-phase
// pipeline of the runner (tasks, markers and resume as every command; runner/tokenize_pipeline.h).
#include <cstdio>
#include <iostream>

#include "cli/commands.h"
#include "cli/flags.h"
#include "cli/pipeline_execution.h"
#include "pipeline/json.h"
#include "runner/tokenize_pipeline.h"

namespace tamis::cli {

int TokenizeCommand(const Args& args) {
  Flags flags("tamis tokenize",
              "Encodes the text of every document with a SentencePiece model and writes the ids, "
              "one Megatron sequence per document, to PREFIX_00000.bin/.idx, … (Megatron-LM "
              "indexed dataset, readable by Megatron-LM, NeMo and GPT-NeoX). Prints the "
              "--data-path value for Megatron. Markers and stats go to DIR/.NAME.tamis/; with "
              "--tasks N, task t writes PREFIX-<t>_00000.bin/.idx, …. With --chat-template, "
              "the inputs are conversations (messages, ShareGPT, Alpaca) rendered with the "
              "template, and every shard gets its loss mask PREFIX_00000_loss_mask.bin/.idx.");
  CommonFlags common;
  common.Declare(flags);
  TokenizeRequest request;
  int64_t shard_tokens = 0, shard_bytes = 0;
  bool no_eos = false;
  flags.String("--tokenizer", "MODEL", "SentencePiece .model (default: the embedded tamis-default)",
               &request.tokenizer);
  flags.Int("--shard-tokens", "N", "start a new shard before N tokens (default: no limit)",
            &shard_tokens);
  flags.Int("--shard-bytes", "N", "start a new shard before N .bin bytes (default: no limit)",
            &shard_bytes);
  flags.Bool("--bos", "prepend BOS to every document", &request.bos);
  flags.Bool("--no-eos", "do not append EOS (default: appended, as Megatron's --append-eod)",
             &no_eos);
  flags.String("--text-field", "NAME", "JSONL field holding the text (default: text)",
               &request.reader.text_field);
  flags.String("--split-by", "KEY",
               "one dataset per value of metadata.KEY, in DIR/VALUE/NAME_00000.bin/.idx (e.g. "
               "language)",
               &request.split_by);
  flags.String("--chat-template", "NAME",
               "read conversations and render them with this template (chatml, llama3), "
               "writing an assistant-only loss mask beside the tokens (stage chat_tokenize)",
               &request.chat_template);
  flags.Positional("INPUT",
                   "JSONL[.gz|.zst] or WARC/WET files, globs, or directories of an "
                   "earlier stage's JSONL output",
                   &request.inputs, 1);
  if (int code; !flags.Parse(args, &code)) return code;
  if (shard_tokens < 0 || shard_bytes < 0) {
    std::cerr << "tamis tokenize: --shard-tokens and --shard-bytes must be >= 0\n";
    return 2;
  }
  if (!common.Resolve()) return 2;
  request.prefix = common.output;
  request.eos = !no_eos;
  request.shard_tokens = static_cast<uint64_t>(shard_tokens);
  request.shard_bytes = static_cast<uint64_t>(shard_bytes);
  PipelineSpec pipeline = TokenizePipeline(request);
  ApplyCommonFlags(common, &pipeline.run);
  const int code = ExecutePipeline("tokenize", pipeline, {}, common.quiet);
  if (code != 0) return code;
  // Once every task is done, the whole run's shards and Megatron's --data-path.
  Result<TokenizedRun> run = ReadTokenizedRun(request.prefix, pipeline.run.tasks);
  if (!run.ok()) {
    std::printf("tokenize: task %d of %d done; the others are not finished yet\n",
                pipeline.run.task, pipeline.run.tasks);
    return 0;
  }
  const Value& report = run->report;
  std::printf("tokenize: %lld documents, %lld tokens (%s), %zu shards\n",
              static_cast<long long>(report.Find("documents")->as_int()),
              static_cast<long long>(report.Find("tokens")->as_int()),
              std::string(report.GetString("dtype")).c_str(), run->datasets.size());
  if (const Value* trained = report.Find("assistant_tokens")) {
    std::printf("tokenize: %lld assistant tokens in the loss masks (*%s)\n",
                static_cast<long long>(trained->as_int()),
                std::string(report.GetString("loss_mask_suffix")).c_str());
  }
  if (report.GetString("data_path").empty()) {
    // No document had a token: no shard was written (Megatron cannot map an empty file).
    std::printf("tokenize: no tokens, so no shards were written; nothing for --data-path\n");
    return 0;
  }
  std::printf("data_path: %s\n", std::string(report.GetString("data_path")).c_str());
  if (const Value* splits = report.Find("by_split")) {
    for (const auto& [value, split] : splits->as_object()) {
      std::printf("  %s: %lld documents, %lld tokens\n", value.c_str(),
                  static_cast<long long>(split.Find("documents")->as_int()),
                  static_cast<long long>(split.Find("tokens")->as_int()));
    }
  }
  return 0;
}

}  // namespace tamis::cli
