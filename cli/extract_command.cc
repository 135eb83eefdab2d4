// tamis extract INPUT... -o OUT: crawls and code dumps to JSONL documents, nothing removed.
#include <iostream>

#include "cli/commands.h"
#include "cli/pipeline_execution.h"

namespace tamis::cli {

int ExtractCommand(const Args& args) {
  Flags flags("tamis extract",
              "Turns WARC/WET files, JSONL and code trees into JSONL documents: HTML responses "
              "are decoded to UTF-8 and reduced to their main text; requests, redirects, errors "
              "and non-HTML records are counted and skipped.");
  CommonFlags common;
  common.Declare(flags);
  RunSpec spec;
  std::vector<std::string> inputs;
  std::string layout = "documents";
  int64_t shard_bytes = static_cast<int64_t>(spec.shard_bytes);
  flags.String("--id-field", "NAME", "JSONL field holding the id (default: id)",
               &spec.reader.id_field);
  flags.String("--text-field", "NAME", "JSONL field holding the text (default: text)",
               &spec.reader.text_field);
  flags.String("--layout", "documents|the_stack", "JSONL layout (default: documents)", &layout);
  flags.String("--split-by", "KEY", "one output sub-directory per value of metadata KEY",
               &spec.split_by);
  flags.Int("--shard-bytes", "N", "start a new shard after N bytes of JSON (default: 1 GiB)",
            &shard_bytes);
  flags.Positional("INPUT",
                   "files (.warc[.gz], .wet[.gz], .jsonl[.gz|.zst]), directories of "
                   "code, or glob patterns",
                   &inputs, 1);
  if (int code; !flags.Parse(args, &code)) return code;
  if (!common.Resolve()) return 2;
  if (layout == "the_stack") {
    spec.reader.layout = JsonlLayout::kTheStack;
  } else if (layout != "documents") {
    std::cerr << "tamis extract: --layout must be documents or the_stack\n";
    return 2;
  }
  spec.inputs = inputs;
  spec.shard_bytes = static_cast<uint64_t>(shard_bytes);
  ApplyCommonFlags(common, &spec);
  return ExecutePipeline("extract", {.run = spec, .stages = {}}, {}, common.quiet);
}

}  // namespace tamis::cli
