// Document: the unit every tamis stage sees, `{"id", "text", "metadata"}` plus its ledger.
//
// The ledger records what stages did to a document: each removal and each text change appends
// a LedgerEntry (stage, rule, detail, score). A removed document is not destroyed: the graph
// moves it out of the batch's live documents into DocumentBatch::removed, so the rejects
// writer can keep it with its reason and no later stage ever sees it (graph.h).
//
// DocumentBatch is what flows between stages: a run of consecutive documents of the input,
// numbered so the sink can restore input order whatever order parallel stages finish in.
#ifndef TAMIS_PIPELINE_DOCUMENT_H_
#define TAMIS_PIPELINE_DOCUMENT_H_

#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/value.h"

namespace tamis {

enum class Verdict {
  kKeep,     // Live: later stages see it; the output writer writes it.
  kDrop,     // Removed by a stage with a reason: goes to the rejects.
  kDiscard,  // Not a document at all (a 404, a bad JSON line): only counted, by the reader.
};

struct LedgerEntry {
  std::string stage;            // Registry name of the stage ("robots", "langid").
  std::string rule;             // Stable machine-readable reason ("disallowed", "min_score").
  std::string detail;           // Human-readable specifics ("GPTBot,CCBot", "eng_Latn").
  double score = std::nan("");  // The measured value behind the decision, when there is one.
};

// How `text` must be interpreted before text stages see it. Readers only frame records in the
// serial input step (cheap); the costly decoding runs in the graph's first parallel step
// (readers/document_decoder.h), after which every document is kText.
enum class Payload {
  kText,          // `text` is the document's UTF-8 text.
  kJsonLine,      // `text` is one raw JSONL line: parse it into id, text and metadata.
  kHttpResponse,  // `text` is a WARC response block (HTTP headers + body): extract the page.
};

struct Document {
  std::string id;
  std::string text;
  Value metadata = Value::EmptyObject();
  Verdict verdict = Verdict::kKeep;
  Payload payload = Payload::kText;
  std::vector<LedgerEntry> ledger;
  // Where the record came from, for messages about it: the input file (owned by the reader,
  // valid for the whole run) and the line number (JSONL) or byte offset (WARC) in it.
  const std::string* origin_file = nullptr;
  uint64_t origin_position = 0;
  // Index in its batch as the source framed it; the graph uses it to put removed documents
  // back in input order.
  uint32_t ordinal = 0;

  bool dropped() const { return verdict == Verdict::kDrop; }
  // Marks the document removed and records why.
  void Drop(std::string_view stage, std::string_view rule, std::string_view detail = {},
            double score = std::nan("")) {
    verdict = Verdict::kDrop;
    ledger.push_back({std::string(stage), std::string(rule), std::string(detail), score});
  }
  // Records a change to the text or metadata that kept the document.
  void Note(std::string_view stage, std::string_view rule, std::string_view detail = {},
            double score = std::nan("")) {
    ledger.push_back({std::string(stage), std::string(rule), std::string(detail), score});
  }
  // The entry that removed the document (the last one); only meaningful when dropped().
  const LedgerEntry* drop_entry() const { return ledger.empty() ? nullptr : &ledger.back(); }
};

struct DocumentBatch {
  uint64_t sequence = 0;  // Position of this batch in the run; the sink writes in order.
  // The live documents, in input order. A stage may change them and Drop() them, never add,
  // remove or reorder elements (the graph does that between stages).
  std::vector<Document> documents;
  // Documents dropped by a stage so far; in input order (by ordinal) when the sink sees them.
  std::vector<Document> removed;
  // Malformed records the reader skipped while filling this batch, by reason; the graph adds
  // them to the reader's stats ("bad_json": 2).
  std::vector<std::pair<std::string, uint64_t>> skipped;
  uint64_t input_bytes = 0;  // Bytes of input consumed for this batch (progress).
  // The output form of each document (same index as `documents`, and `removed`), rendered by
  // the sink's parallel Prepare step so its serial Consume only copies bytes.
  std::vector<std::string> encoded;
  std::vector<std::string> encoded_removed;
};

}  // namespace tamis

#endif  // TAMIS_PIPELINE_DOCUMENT_H_
