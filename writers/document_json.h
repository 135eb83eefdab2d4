// The JSONL form of a document: {"id": ..., "text": ..., "metadata": {...}} on one line, the
// layout datatrove and Dolma read. The rejects form adds "ledger": [{"stage", "rule",
// "detail", "score"}...] so every removal can be audited. Deterministic byte for byte.
#ifndef TAMIS_WRITERS_DOCUMENT_JSON_H_
#define TAMIS_WRITERS_DOCUMENT_JSON_H_

#include <string>

#include "pipeline/document.h"

namespace tamis {

// Appends the document and a trailing newline to `out`.
void AppendDocumentJson(const Document& doc, bool with_ledger, std::string* out);

}  // namespace tamis

#endif  // TAMIS_WRITERS_DOCUMENT_JSON_H_
