// ReaderOptions: how input files become documents; shared by every reader and the decoder.
#ifndef TAMIS_READERS_READER_OPTIONS_H_
#define TAMIS_READERS_READER_OPTIONS_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "readers/html_text_options.h"

namespace tamis {

// The layout of a JSONL input: which fields hold the id and the text.
enum class JsonlLayout {
  kDocuments,  // {"id", "text", "metadata"} (tamis, datatrove, Dolma); fields configurable.
  kTheStack,   // The Stack: "content", "path", "lang"/"language", "repo"/"repo_name", "license".
  kChat,       // One conversation per line: messages, ShareGPT or Alpaca (chat_record.h).
};

struct ReaderOptions {
  std::string id_field = "id";
  std::string text_field = "text";
  JsonlLayout layout = JsonlLayout::kDocuments;
  // WARC blocks and code files above this are skipped: no page or source file that large is
  // training text, and the cap bounds the memory one record can take.
  uint64_t max_record_bytes = uint64_t{64} << 20;
  // Code files above this are skipped, as The Stack does (1 MB).
  uint64_t max_code_file_bytes = uint64_t{1} << 20;
  // A malformed record is a fatal error instead of a counted skip.
  bool strict = false;
  // What main-text extraction keeps of HTML pages (WARC responses).
  HtmlTextOptions html;
  // Told of each skipped record (reason key, message naming file and position). Called from
  // several threads at once: must be thread-safe.
  std::function<void(std::string_view reason, const std::string& message)> on_skip;
};

}  // namespace tamis

#endif  // TAMIS_READERS_READER_OPTIONS_H_
