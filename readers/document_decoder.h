// DocumentDecoder: turns the raw documents readers frame into finished documents.
//
// This is the parallel half of reading (see file_reader.h for the serial half): it parses
// JSONL lines (simdjson), and for WARC responses checks the HTTP status and media type,
// removes transfer/content encodings, decodes the charset to UTF-8 (HTTP header, then <meta>,
// then detection) and extracts the page's main text (html_text.h). Afterwards every document
// in the batch has Payload::kText and valid UTF-8 text.
//
// A JSONL line's "ledger" array (what tamis writes for rejects, and between the phases of a
// run) becomes the document's ledger again, so its history travels on.
// Records that are not documents are marked Verdict::kDiscard (the graph takes them out of the
// batch) and counted in batch.skipped by
// reason: "jsonl_bad_json", "jsonl_invalid_utf8", "jsonl_missing_text", "http_malformed",
// "http_redirect" (3xx), "http_client_error" (4xx), "http_server_error" (5xx),
// "http_not_200" (other), "not_html", "http_bad_body", "html_no_text", and for The Stack's
// layout "code_vendored" (a file under node_modules/, vendor/, ...), and for the chat layout
// the "chat_*" reasons of chat_record.h (one conversation per line). Messages naming file
// and line/offset go to ReaderOptions::on_skip; in strict mode the first malformed record
// (not a legitimately skipped one such as a 404) is returned as kCorruption.
//
// Thread-safety: Decode() is const; each thread passes its own Scratch.
#ifndef TAMIS_READERS_DOCUMENT_DECODER_H_
#define TAMIS_READERS_DOCUMENT_DECODER_H_

#include <memory>

#include "pipeline/document.h"
#include "pipeline/json.h"
#include "pipeline/status.h"
#include "readers/reader_options.h"

namespace tamis {

class DocumentDecoder {
 public:
  // `options` must outlive the decoder.
  explicit DocumentDecoder(const ReaderOptions& options) : options_(options) {}

  struct Scratch {
    JsonParser json;
  };

  Status Decode(DocumentBatch& batch, Scratch& scratch) const;

 private:
  enum class Outcome { kKeep, kSkip, kMalformed };
  Outcome DecodeJsonLine(Document& doc, Scratch& scratch, std::string* reason,
                         std::string* message) const;
  Outcome DecodeChatLine(Document& doc, Value& record, std::string* reason,
                         std::string* message) const;
  Outcome DecodeHttpResponse(Document& doc, std::string* reason, std::string* message) const;
  Outcome CheckText(Document& doc, std::string* reason, std::string* message) const;

  const ReaderOptions& options_;
};

}  // namespace tamis

#endif  // TAMIS_READERS_DOCUMENT_DECODER_H_
