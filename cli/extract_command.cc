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
  bool favor_precision = false, favor_recall = false, no_tables = false, no_link_text = false;
  flags.Bool("--favor-precision", "HTML: drop doubtful blocks (less boilerplate, less text)",
             &favor_precision);
  flags.Bool("--favor-recall", "HTML: keep doubtful blocks (more text, more boilerplate)",
             &favor_recall);
  flags.Bool("--no-tables", "HTML: drop tables", &no_tables);
  flags.Bool("--with-comments", "HTML: keep comment threads", &spec.reader.html.keep_comments);
  flags.Bool("--no-link-text", "HTML: drop the text of links", &no_link_text);
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
  if (favor_precision && favor_recall) {
    std::cerr << "tamis extract: --favor-precision and --favor-recall exclude each other\n";
    return 2;
  }
  if (favor_precision) spec.reader.html.focus = ExtractionFocus::kPrecision;
  if (favor_recall) spec.reader.html.focus = ExtractionFocus::kRecall;
  spec.reader.html.keep_tables = !no_tables;
  spec.reader.html.keep_link_text = !no_link_text;
  spec.inputs = inputs;
  spec.shard_bytes = static_cast<uint64_t>(shard_bytes);
  ApplyCommonFlags(common, &spec);
  return ExecutePipeline("extract", {.run = spec, .stages = {}, .mix = {}}, {}, common.quiet);
}

}  // namespace tamis::cli
