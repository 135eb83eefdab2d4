#include "writers/jsonl_writer.h"

#include <cstdio>

#include "writers/document_json.h"

namespace tamis {
namespace {

// Split values become directory names: keep them to a safe alphabet.
std::string SafeDirectoryName(std::string_view value) {
  std::string out;
  for (char c : value) {
    bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '_' || c == '-' || c == '.';
    out.push_back(safe ? c : '_');
  }
  if (out.empty() || out == "." || out == "..") out = "unknown";
  return out;
}

}  // namespace

bool IsSingleJsonlFile(std::string_view path) {
  return path.ends_with(".jsonl") || path.ends_with(".jsonl.gz") || path.ends_with(".jsonl.zst");
}

Result<std::unique_ptr<JsonlWriter>> JsonlWriter::Create(JsonlWriterOptions options) {
  if (options.output.empty()) return Status::InvalidArgument("no output path given");
  if (IsSingleJsonlFile(options.output) && !options.split_by.empty()) {
    return Status::InvalidArgument(options.output +
                                   ": splitting by a metadata key needs a directory output");
  }
  return std::unique_ptr<JsonlWriter>(new JsonlWriter(std::move(options)));
}

Status JsonlWriter::Rotate(const std::string& directory, Target& target) {
  if (target.file) {
    TAMIS_RETURN_IF_ERROR(target.file->Commit());
    files_.push_back(target.file->path());
    target.file.reset();
  }
  std::string path;
  if (IsSingleJsonlFile(options_.output)) {
    path = options_.output;
  } else {
    char shard[16];
    std::snprintf(shard, sizeof(shard), "-%05d", target.next_shard++);
    path = directory + "/" + options_.shard_prefix + shard + options_.shard_extension;
  }
  int workers = options_.split_by.empty() ? options_.compression_workers : 0;
  TAMIS_ASSIGN_OR_RETURN(target.file, OutputFile::Create(path, workers));
  return Status::Ok();
}

void JsonlWriter::Encode(const Document& doc, std::string* out) const {
  AppendDocumentJson(doc, options_.with_ledger, out);
}

Status JsonlWriter::Write(const Document& doc) {
  line_.clear();
  Encode(doc, &line_);
  return WriteEncoded(doc, line_);
}

Status JsonlWriter::WriteEncoded(const Document& doc, std::string_view line) {
  std::string key;
  if (!options_.split_by.empty()) {
    const Value* v = doc.metadata.Find(options_.split_by);
    key = SafeDirectoryName(v && v->is_string() ? std::string_view(v->as_string()) : "unknown");
  }
  Target& target = targets_[key];
  bool single = IsSingleJsonlFile(options_.output);
  if (!target.file || (!single && target.file->bytes_in() >= options_.shard_bytes)) {
    std::string directory = key.empty() ? options_.output : options_.output + "/" + key;
    TAMIS_RETURN_IF_ERROR(Rotate(directory, target));
  }
  ++documents_;
  bytes_ += line.size();
  return target.file->Write(line);
}

Status JsonlWriter::Close() {
  // A single-file output exists after a run even when no document reached it, so a
  // downstream step can tell "nothing kept" from "never ran".
  if (targets_.empty() && IsSingleJsonlFile(options_.output)) {
    TAMIS_RETURN_IF_ERROR(Rotate(options_.output, targets_[""]));
  }
  for (auto& [key, target] : targets_) {
    if (!target.file) continue;
    TAMIS_RETURN_IF_ERROR(target.file->Commit());
    files_.push_back(target.file->path());
    target.file.reset();
  }
  return Status::Ok();
}

}  // namespace tamis
