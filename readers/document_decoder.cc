#include "readers/document_decoder.h"

#include <cmath>
#include <map>

#include "readers/charset.h"
#include "readers/chat_record.h"
#include "readers/code_language.h"
#include "readers/html_text.h"
#include "readers/http_response.h"
#include "readers/utf8.h"

namespace tamis {
namespace {

std::string Where(const Document& doc, const char* unit) {
  std::string where = doc.origin_file ? *doc.origin_file : std::string("<input>");
  return where + " " + unit + " " + std::to_string(doc.origin_position);
}

// An id or other scalar given as a JSON number becomes its decimal text.
std::string ScalarText(const Value& v) {
  if (v.is_string()) return v.as_string();
  if (v.is_int()) return std::to_string(v.as_int());
  if (v.is_double()) {
    std::string out;
    AppendJsonNumber(v.as_number(), &out);
    return out;
  }
  return {};
}

// Deterministic fallback so every document can be named in ledgers and reports.
void NameIfAnonymous(Document& doc) {
  if (!doc.id.empty()) return;
  doc.id = (doc.origin_file ? *doc.origin_file : std::string("stdin")) + ":" +
           std::to_string(doc.origin_position);
}

bool IsHtmlMediaType(std::string_view type) {
  return type == "text/html" || type == "application/xhtml+xml" || type.empty();
}

}  // namespace

DocumentDecoder::Outcome DocumentDecoder::DecodeJsonLine(Document& doc, Scratch& scratch,
                                                         std::string* reason,
                                                         std::string* message) const {
  Result<Value> parsed = scratch.json.Parse(doc.text);
  if (!parsed.ok() || !parsed->is_object()) {
    bool utf8 = !parsed.ok() && parsed.status().message().find("UTF-8") != std::string::npos;
    *reason = utf8 ? "jsonl_invalid_utf8" : "jsonl_bad_json";
    *message = Where(doc, "line") + ": " +
               (parsed.ok() ? std::string("not a JSON object") : parsed.status().message());
    return Outcome::kMalformed;
  }
  if (options_.layout == JsonlLayout::kChat) return DecodeChatLine(doc, *parsed, reason, message);
  bool stack = options_.layout == JsonlLayout::kTheStack;
  std::string_view text_field = stack ? std::string_view("content") : options_.text_field;
  Value metadata = Value::EmptyObject();
  bool has_text = false;
  std::string id;
  for (auto& [key, value] : parsed->as_object()) {
    if (key == text_field) {
      if (!value.is_string()) break;
      doc.text = std::move(value.as_string());
      has_text = true;
    } else if (!stack && key == options_.id_field) {
      id = ScalarText(value);
    } else if (!stack && key == "metadata" && value.is_object()) {
      for (auto& [k, v] : value.as_object()) metadata.Set(k, std::move(v));
    } else if (!stack && key == "ledger" && value.is_array()) {
      // A document an earlier tamis phase or run wrote with its ledger: keep its history.
      for (const Value& e : value.as_array()) {
        if (!e.is_object()) continue;
        const Value* score = e.Find("score");
        doc.ledger.push_back({std::string(e.GetString("stage")), std::string(e.GetString("rule")),
                              std::string(e.GetString("detail")),
                              score && score->is_number() ? score->as_number() : std::nan("")});
      }
    } else if (stack && (key == "lang" || key == "language")) {
      metadata.Set("programming_language", std::move(value));
    } else if (stack && key == "repo_name") {
      metadata.Set("repo", std::move(value));
    } else {
      metadata.Set(key, std::move(value));
    }
  }
  if (!has_text) {
    *reason = "jsonl_missing_text";
    *message = Where(doc, "line") + ": no string field '" + std::string(text_field) + "'";
    return Outcome::kMalformed;
  }
  if (stack) {
    // The same rules as for code trees: vendored code is not the repository's own, and the
    // language comes from the file name when the dump does not say.
    std::string_view file_path = metadata.GetString("path");
    for (size_t start = 0; start < file_path.size();) {
      size_t slash = file_path.find('/', start);
      if (slash == std::string_view::npos) break;
      if (IsVendoredDirectory(file_path.substr(start, slash - start))) {
        *reason = "code_vendored";
        return Outcome::kSkip;
      }
      start = slash + 1;
    }
    if (!metadata.Find("programming_language")) {
      std::string_view language = CodeLanguageOf(file_path);
      if (!language.empty()) metadata.Set("programming_language", language);
    }
    // The Stack has no id field; repository and path name a file uniquely.
    std::string_view repo = metadata.GetString("repo");
    std::string_view path = metadata.GetString("path");
    id = repo.empty() ? std::string(path) : std::string(repo) + "/" + std::string(path);
    if (id.empty()) id = std::string(metadata.GetString("hexsha"));
  }
  doc.id = std::move(id);
  NameIfAnonymous(doc);
  doc.metadata = std::move(metadata);
  doc.payload = Payload::kText;
  return Outcome::kKeep;
}

DocumentDecoder::Outcome DocumentDecoder::DecodeChatLine(Document& doc, Value& record,
                                                         std::string* reason,
                                                         std::string* message) const {
  doc.id.clear();
  ChatRecordResult chat = DecodeChatRecord(std::move(record.as_object()), options_.id_field, &doc);
  if (chat.outcome != ChatRecordOutcome::kConversation) {
    *reason = std::move(chat.reason);
    *message = Where(doc, "line") + ": " + chat.detail;
    return chat.outcome == ChatRecordOutcome::kMalformed ? Outcome::kMalformed : Outcome::kSkip;
  }
  NameIfAnonymous(doc);
  doc.payload = Payload::kText;
  return Outcome::kKeep;
}

DocumentDecoder::Outcome DocumentDecoder::DecodeHttpResponse(Document& doc, std::string* reason,
                                                             std::string* message) const {
  HttpResponse response;
  if (!ParseHttpResponse(doc.text, &response)) {
    *reason = "http_malformed";
    *message = Where(doc, "offset") + ": response record without an HTTP/1.x status line";
    return Outcome::kMalformed;
  }
  if (response.status != 200) {
    int cls = response.status / 100;
    *reason = cls == 3   ? "http_redirect"
              : cls == 4 ? "http_client_error"
              : cls == 5 ? "http_server_error"
                         : "http_not_200";
    return Outcome::kSkip;
  }
  std::string media_type = response.MediaType();
  if (!IsHtmlMediaType(media_type)) {
    *reason = "not_html";
    return Outcome::kSkip;
  }
  Result<std::string> body = DecodedBody(response);
  if (!body.ok()) {
    *reason = "http_bad_body";
    *message = Where(doc, "offset") + ": " + body.status().message();
    return Outcome::kMalformed;
  }
  std::string content_type(response.Header("Content-Type"));
  Result<DecodedText> decoded = DecodeToUtf8(*body, content_type);
  if (!decoded.ok()) {
    *reason = "http_bad_body";
    *message = Where(doc, "offset") + ": " + decoded.status().message();
    return Outcome::kMalformed;
  }
  HtmlText page = ExtractText(decoded->text, options_.html);
  if (page.text.empty()) {
    *reason = "html_no_text";
    return Outcome::kSkip;
  }
  doc.text = std::move(page.text);
  doc.payload = Payload::kText;
  Value& m = doc.metadata;
  m.Set("content_type", media_type);
  m.Set("charset", decoded->charset);
  m.Set("title", page.title);
  if (!page.lang.empty()) m.Set("html_lang", page.lang);
  if (!page.author.empty()) m.Set("author", page.author);
  if (!page.date.empty()) m.Set("date", page.date);
  return Outcome::kKeep;
}

DocumentDecoder::Outcome DocumentDecoder::CheckText(Document& doc, std::string* reason,
                                                    std::string* message) const {
  if (IsValidUtf8(doc.text)) return Outcome::kKeep;
  // Text formats (WET) rarely hold bad bytes; repair rather than lose the document, and say so.
  uint64_t replaced = 0;
  doc.text = RepairUtf8(doc.text, &replaced);
  doc.Note("read", "utf8_repaired", std::to_string(replaced) + " invalid sequences replaced");
  return Outcome::kKeep;
}

Status DocumentDecoder::Decode(DocumentBatch& batch, Scratch& scratch) const {
  std::map<std::string, uint64_t> skipped;
  for (Document& doc : batch.documents) {
    std::string reason, message;
    Outcome outcome = Outcome::kKeep;
    switch (doc.payload) {
      case Payload::kJsonLine: outcome = DecodeJsonLine(doc, scratch, &reason, &message); break;
      case Payload::kHttpResponse: outcome = DecodeHttpResponse(doc, &reason, &message); break;
      case Payload::kText: outcome = CheckText(doc, &reason, &message); break;
    }
    if (outcome == Outcome::kKeep) continue;
    if (outcome == Outcome::kMalformed) {
      if (options_.strict) return Status::Corruption(message);
      if (options_.on_skip) options_.on_skip(reason, message);
    }
    // Not a document: the graph takes it out of the batch; only the count remains.
    doc.verdict = Verdict::kDiscard;
    std::string().swap(doc.text);
    ++skipped[reason];
  }
  for (auto& [reason, count] : skipped) batch.skipped.emplace_back(reason, count);
  return Status::Ok();
}

}  // namespace tamis
