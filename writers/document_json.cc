#include "writers/document_json.h"

#include <cmath>

#include "pipeline/json.h"

namespace tamis {

void AppendDocumentJson(const Document& doc, bool with_ledger, std::string* out) {
  out->append("{\"id\":");
  AppendJsonString(doc.id, out);
  out->append(",\"text\":");
  AppendJsonString(doc.text, out);
  out->append(",\"metadata\":");
  AppendJson(doc.metadata, out);
  if (with_ledger) {
    out->append(",\"ledger\":[");
    bool first = true;
    for (const LedgerEntry& e : doc.ledger) {
      if (!first) out->push_back(',');
      first = false;
      out->append("{\"stage\":");
      AppendJsonString(e.stage, out);
      out->append(",\"rule\":");
      AppendJsonString(e.rule, out);
      if (!e.detail.empty()) {
        out->append(",\"detail\":");
        AppendJsonString(e.detail, out);
      }
      if (!std::isnan(e.score)) {
        out->append(",\"score\":");
        AppendJsonNumber(e.score, out);
      }
      // The entry that removed the document (its last), told apart from the changes before
      // it, so a reader of either file needs nothing else to say what happened.
      if (doc.dropped() && &e == &doc.ledger.back()) out->append(",\"removed\":true");
      out->push_back('}');
    }
    out->push_back(']');
  }
  out->append("}\n");
}

}  // namespace tamis
