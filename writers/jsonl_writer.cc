#include "writers/jsonl_writer.h"

#include <cstdio>

#include "pipeline/safe_file_name.h"
#include "writers/conversation_json.h"
#include "writers/document_json.h"

namespace tamis {

bool IsSingleJsonlFile(std::string_view path) {
  return path.ends_with(".jsonl") || path.ends_with(".jsonl.gz") || path.ends_with(".jsonl.zst");
}

Result<std::unique_ptr<JsonlWriter>> JsonlWriter::Create(JsonlWriterOptions options) {
  if (options.output.empty()) return Status::InvalidArgument("no output path given");
  if (options.max_open_files < 1) {
    return Status::InvalidArgument("max_open_files must be at least 1");
  }
  if (IsSingleJsonlFile(options.output) && !options.split_by.empty()) {
    return Status::InvalidArgument(options.output +
                                   ": splitting by a metadata key needs a directory output");
  }
  return std::unique_ptr<JsonlWriter>(new JsonlWriter(std::move(options)));
}

Status JsonlWriter::CloseTarget(Target& target) {
  TAMIS_RETURN_IF_ERROR(target.file->Commit());
  files_.push_back(target.file->path());
  target.file.reset();
  open_.erase(target.open_position);
  return Status::Ok();
}

Status JsonlWriter::Rotate(const std::string& key, const std::string& directory, Target& target) {
  if (target.file) {
    TAMIS_RETURN_IF_ERROR(CloseTarget(target));
  } else if (open_.size() >= static_cast<size_t>(options_.max_open_files)) {
    // Too many open: finish the least recently used split's shard; its next document starts
    // a new shard.
    TAMIS_RETURN_IF_ERROR(CloseTarget(targets_[open_.back()]));
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
  open_.push_front(key);
  target.open_position = open_.begin();
  return Status::Ok();
}

void JsonlWriter::Encode(const Document& doc, std::string* out) const {
  if (options_.conversations && !options_.with_ledger && AppendConversationJson(doc, out)) return;
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
    key = SafeFileName(v && v->is_string() ? std::string_view(v->as_string()) : "unknown");
  }
  Target& target = targets_[key];
  bool single = IsSingleJsonlFile(options_.output);
  if (!target.file || (!single && target.file->bytes_in() >= options_.shard_bytes)) {
    std::string directory = key.empty() ? options_.output : options_.output + "/" + key;
    TAMIS_RETURN_IF_ERROR(Rotate(key, directory, target));
  } else if (target.open_position != open_.begin()) {
    open_.splice(open_.begin(), open_, target.open_position);  // Now the most recent.
  }
  ++documents_;
  bytes_ += line.size();
  return target.file->Write(line);
}

Status JsonlWriter::Close() {
  // A single-file output exists after a run even when no document reached it, so a
  // downstream step can tell "nothing kept" from "never ran".
  if (targets_.empty() && IsSingleJsonlFile(options_.output)) {
    TAMIS_RETURN_IF_ERROR(Rotate("", options_.output, targets_[""]));
  }
  for (auto& [key, target] : targets_) {
    if (target.file) TAMIS_RETURN_IF_ERROR(CloseTarget(target));
  }
  return Status::Ok();
}

}  // namespace tamis
