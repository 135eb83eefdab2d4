// tamis explain ID DIR...: what a run did to one document. Scans the JSONL files under each
// DIR (a run's output and rejects directories, or a directory holding both, as examples/out;
// the run's own .tamis/ metadata and intermediate parts are skipped) for the document with
// that id, and prints for each copy found whether it was kept or removed, the ledger (every
// stage's removal or change: stage, rule, detail, score; the last entry of a rejected
// document is its removal) and where it came from (url, warc_file, warc_offset).
// Files are streamed line by line and a line is parsed only when it contains the id, so a
// large run costs one read of its files and no more memory than its longest line.
// Kept documents carry their ledger (the changes: PII replaced, lines removed, spans cut) only
// when the run was asked to keep it (`ledger: true`, --ledger); without it only the
// annotations the stages left in the metadata (language, scores, tokens) tell what happened,
// and explain says so.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "cli/commands.h"
#include "cli/flags.h"
#include "io/buffered_reader.h"
#include "pipeline/json.h"

namespace tamis::cli {
namespace {

namespace fs = std::filesystem;

// The metadata keys that say where a document came from and what stages annotated.
constexpr const char* kProvenanceKeys[] = {"url", "warc_file", "warc_offset", "warc_record_id"};
constexpr const char* kAnnotationKeys[] = {"language", "language_score", "quality_default",
                                           "tokens", "contamination"};

void PrintKeys(const Value& metadata, const char* const* begin, const char* const* end) {
  for (const char* const* key = begin; key != end; ++key) {
    if (const Value* v = metadata.Find(*key)) std::printf("  %s: %s\n", *key, ToJson(*v).c_str());
  }
}

void PrintDocument(const std::string& file, const Value& doc) {
  // Rejected documents always carry their ledger, whose last entry (marked "removed") is the
  // removal; kept ones carry it when the run was asked to (`ledger: true`, --ledger).
  const Value* ledger = doc.Find("ledger");
  const bool has_ledger = ledger && ledger->is_array();
  const bool rejected = has_ledger && !ledger->as_array().empty() &&
                        ledger->as_array().back().is_object() &&
                        ledger->as_array().back().Find("removed") != nullptr;
  std::printf("%s in %s\n", rejected ? "removed" : "kept", file.c_str());
  if (has_ledger) {
    const Value::Array& entries = ledger->as_array();
    for (size_t i = 0; i < entries.size(); ++i) {
      const Value& e = entries[i];
      const bool removal = rejected && i + 1 == entries.size();
      std::printf("  %s by stage %s: rule %s", removal ? "removed" : "changed",
                  std::string(e.GetString("stage")).c_str(),
                  std::string(e.GetString("rule")).c_str());
      if (!e.GetString("detail").empty()) {
        std::printf(", detail %s", std::string(e.GetString("detail")).c_str());
      }
      if (const Value* score = e.Find("score"); score && score->is_number()) {
        std::printf(", score %g", score->as_number());
      }
      std::printf("\n");
    }
  } else {
    std::printf(
        "  (changes to kept documents are recorded when the run keeps their ledger: "
        "`ledger: true` in the pipeline, or --ledger)\n");
  }
  if (const Value* metadata = doc.Find("metadata"); metadata && metadata->is_object()) {
    PrintKeys(*metadata, std::begin(kProvenanceKeys), std::end(kProvenanceKeys));
    PrintKeys(*metadata, std::begin(kAnnotationKeys), std::end(kAnnotationKeys));
  }
}

// Prints every document with `id` in `file`; returns how many, or the read error.
Result<int> ExplainFile(const std::string& id, const std::string& file) {
  TAMIS_ASSIGN_OR_RETURN(std::unique_ptr<InputStream> in, InputStream::Open(file));
  BufferedReader reader(std::move(in));
  int found = 0;
  for (;;) {
    std::string_view line;
    TAMIS_ASSIGN_OR_RETURN(BufferedReader::LineStatus status, reader.ReadLine(&line));
    if (status == BufferedReader::LineStatus::kEnd) return found;
    if (status != BufferedReader::LineStatus::kLine) continue;
    if (line.find(id) == std::string_view::npos) continue;
    Result<Value> doc = ParseJson(line);
    if (!doc.ok() || !doc->is_object() || doc->GetString("id") != id) continue;
    PrintDocument(file, *doc);
    ++found;
  }
}

}  // namespace

int ExplainCommand(const Args& args) {
  Flags flags("tamis explain",
              "Finds a document by id in a run's outputs and rejects and says which stage "
              "removed or changed it and why (the ledger: stage, rule, detail, score), with "
              "the WARC file and offset it came from.");
  std::vector<std::string> positional;
  flags.Positional("ID DIR", "the document id, then the run's output/rejects directories",
                   &positional, 2);
  flags.Epilogue(
      "examples:\n"
      "  tamis explain urn:uuid:1a3a098d-3ee9-4a6f-8a7f-65b7fd5d8ed9 examples/out\n");
  if (int code; !flags.Parse(args, &code)) return code;
  const std::string id = positional[0];
  int found = 0;
  for (size_t i = 1; i < positional.size(); ++i) {
    std::error_code ec;
    if (!fs::is_directory(positional[i], ec)) {
      std::cerr << "tamis explain: " << positional[i] << ": not a directory\n";
      return 1;
    }
    std::vector<std::string> files;
    for (auto it = fs::recursive_directory_iterator(positional[i], ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (it->is_directory() && it->path().filename() == ".tamis") {
        it.disable_recursion_pending();
      } else if (it->is_regular_file() &&
                 it->path().filename().string().find(".jsonl") != std::string::npos) {
        files.push_back(it->path().string());
      }
    }
    std::sort(files.begin(), files.end());  // The same order on every file system.
    for (const std::string& file : files) {
      Result<int> n = ExplainFile(id, file);
      if (!n.ok()) {
        std::cerr << "tamis explain: " << file << ": " << n.status().ToString() << "\n";
        return 1;
      }
      found += *n;
    }
  }
  if (found == 0) {
    std::cerr << "tamis explain: no document with id " << id << " under the given directories\n";
    return 1;
  }
  return 0;
}

}  // namespace tamis::cli
