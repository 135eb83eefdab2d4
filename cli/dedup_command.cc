// tamis dedup INPUT... -o OUT: removes duplicate documents (exact, MinHash near-duplicates,
// or both) in one process. The same stages run part by part on a cluster through
// `tamis run` (examples/dedup.yaml).
#include <iostream>

#include "cli/commands.h"
#include "cli/pipeline_execution.h"

namespace tamis::cli {

int DedupCommand(const Args& args) {
  Flags flags("tamis dedup",
              "Removes duplicate documents over the whole input, keeping the first of each "
              "cluster in input order. minhash: MinHash LSH over word 5-grams of the "
              "normalised text (14 bands x 8 rows, FineWeb's defaults); exact: xxh3-128 of "
              "the normalised text; both: exact first, then minhash. Clustered documents get "
              "metadata.<method>_cluster_size and <method>_cluster_id; removed ones the rule "
              "<method>_duplicate.");
  CommonFlags common;
  common.Declare(flags);
  RunSpec spec;
  std::vector<std::string> inputs;
  std::string method = "minhash", reference;
  int64_t bands = 14, rows = 8, shingle_words = 5, seed = 1;
  flags.String("--method", "M", "minhash (default), exact or both", &method);
  flags.Int("--bands", "B", "LSH bands (default 14)", &bands);
  flags.Int("--rows", "R", "rows per band (default 8)", &rows);
  flags.Int("--shingle-words", "N", "words per shingle (default 5)", &shingle_words);
  flags.Int("--seed", "S", "MinHash seed (default 1)", &seed);
  flags.String("--reference", "DIR",
               "incremental: also drop duplicates of the corpus an earlier run of the same "
               "method deduplicated (its OUT/.tamis/work/00-<method>_dedup folder)",
               &reference);
  flags.Positional("INPUT", "JSONL, WARC/WET files, directories or glob patterns", &inputs, 1);
  flags.Epilogue(
      "examples:\n"
      "  tamis dedup crawl/*.jsonl.zst -o dedup/ --rejects dups/ --threads 8\n"
      "  tamis dedup docs.jsonl -o out/ --method both\n"
      "  tamis dedup new.jsonl -o new/ --reference old/.tamis/work/00-minhash_dedup\n"
      "On a cluster, run the same stages part by part: tamis run examples/dedup.yaml --plan\n");
  if (int code; !flags.Parse(args, &code)) return code;
  if (!common.Resolve()) return 2;
  if (method != "minhash" && method != "exact" && method != "both") {
    std::cerr << "tamis dedup: --method must be minhash, exact or both\n";
    return 2;
  }
  if (method == "both" && !reference.empty()) {
    std::cerr << "tamis dedup: --reference needs --method minhash or exact (one stage)\n";
    return 2;
  }
  PipelineSpec pipeline;
  if (method != "minhash") pipeline.stages.push_back({"exact_dedup", Value::EmptyObject()});
  if (method != "exact") {
    Value options = Value::EmptyObject();
    options.Set("bands", bands);
    options.Set("rows", rows);
    options.Set("shingle_words", shingle_words);
    options.Set("seed", seed);
    pipeline.stages.push_back({"minhash_dedup", std::move(options)});
  }
  if (!reference.empty()) pipeline.stages.back().options.Set("reference", reference);
  spec.inputs = inputs;
  ApplyCommonFlags(common, &spec);
  pipeline.run = spec;
  return ExecutePipeline("dedup", pipeline, {}, common.quiet);
}

}  // namespace tamis::cli
