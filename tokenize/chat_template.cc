#include "tokenize/chat_template.h"

#include <limits>

#include "pipeline/options.h"

namespace tamis {
namespace {

constexpr TurnRole kAllRoles[] = {TurnRole::kSystem, TurnRole::kUser, TurnRole::kAssistant,
                                  TurnRole::kTool};

}  // namespace

Result<ChatTemplate> ChatTemplatePreset(std::string_view name) {
  ChatTemplate t;
  t.name = std::string(name);
  for (TurnRole role : kAllRoles) {
    const std::string role_name(TurnRoleName(role));
    RoleMarkers& m = t.markers(role);
    if (name == "chatml") {
      m.prefix = "<|im_start|>" + role_name + "\n";
      m.suffix = "<|im_end|>\n";
    } else if (name == "llama3") {
      t.begin = "<|begin_of_text|>";
      m.prefix = "<|start_header_id|>" + role_name + "<|end_header_id|>\n\n";
      m.suffix = "<|eot_id|>";
    } else {
      return Status::InvalidArgument("unknown chat template '" + std::string(name) +
                                     "' (known: chatml, llama3)");
    }
  }
  return t;
}

Result<ChatTemplate> ParseChatTemplate(const Value* value, const std::string& where) {
  if (value == nullptr) return ChatTemplatePreset("chatml");
  if (value->is_string()) {
    Result<ChatTemplate> preset = ChatTemplatePreset(value->as_string());
    if (!preset.ok()) return preset.status().WithContext(where);
    return preset;
  }
  if (!value->is_object()) {
    return Status::InvalidArgument(where + ": template must be a preset name or a mapping");
  }
  Options opts(*value, where + " template");
  Result<ChatTemplate> base = ChatTemplatePreset(opts.String("preset", "chatml"));
  if (!base.ok()) return base.status().WithContext(where);
  ChatTemplate t = std::move(base).value();
  bool changed = false;
  if (opts.Has("begin")) {
    t.begin = opts.String("begin");
    changed = true;
  }
  for (TurnRole role : kAllRoles) {
    const Value* markers = opts.Raw(TurnRoleName(role));
    if (markers == nullptr) continue;
    if (!markers->is_object()) {
      return Status::InvalidArgument(where + " template: " + std::string(TurnRoleName(role)) +
                                     " must be a mapping of prefix and suffix");
    }
    Options mo(*markers, where + " template " + std::string(TurnRoleName(role)));
    RoleMarkers& m = t.markers(role);
    m.prefix = mo.String("prefix", m.prefix);
    m.suffix = mo.String("suffix", m.suffix);
    TAMIS_RETURN_IF_ERROR(mo.Finish());
    changed = true;
  }
  TAMIS_RETURN_IF_ERROR(opts.Finish());
  if (changed) t.name = "custom";
  return t;
}

Value ChatTemplateValue(const ChatTemplate& t) {
  Value v = Value::EmptyObject();
  v.Set("name", t.name);
  v.Set("begin", t.begin);
  for (TurnRole role : kAllRoles) {
    Value m = Value::EmptyObject();
    m.Set("prefix", t.markers(role).prefix);
    m.Set("suffix", t.markers(role).suffix);
    v.Set(TurnRoleName(role), std::move(m));
  }
  v.Set("bos", t.bos);
  v.Set("eos", t.eos);
  return v;
}

// ---------------------------------------------------------------------------------------------

Result<std::unique_ptr<ChatEncoder>> ChatEncoder::Create(
    ChatTemplate chat_template, std::shared_ptr<const Tokenizer> tokenizer) {
  if (chat_template.bos && tokenizer->bos_id() < 0) {
    return Status::InvalidArgument(tokenizer->path() + ": BOS requested but the model has none");
  }
  if (chat_template.eos && tokenizer->eos_id() < 0) {
    return Status::InvalidArgument(tokenizer->path() + ": EOS requested but the model has none");
  }
  return std::unique_ptr<ChatEncoder>(
      new ChatEncoder(std::move(chat_template), std::move(tokenizer)));
}

ChatEncoder::ChatEncoder(ChatTemplate chat_template, std::shared_ptr<const Tokenizer> tokenizer)
    : template_(std::move(chat_template)), tokenizer_(std::move(tokenizer)) {
  begin_ = SplitMarker(template_.begin);
  for (TurnRole role : kAllRoles) {
    prefixes_[static_cast<size_t>(role)] = SplitMarker(template_.markers(role).prefix);
    suffixes_[static_cast<size_t>(role)] = SplitMarker(template_.markers(role).suffix);
  }
}

ChatEncoder::Marker ChatEncoder::SplitMarker(const std::string& marker) const {
  // Leftmost-longest control symbols; markers are a few dozen bytes and this runs once per
  // marker at construction, so trying every substring is cheap enough.
  Marker parts;
  std::string text;
  size_t i = 0;
  while (i < marker.size()) {
    size_t matched = 0;
    int32_t id = -1;
    for (size_t j = marker.size(); j > i; --j) {
      id = tokenizer_->ControlPieceId(std::string_view(marker).substr(i, j - i));
      if (id >= 0) {
        matched = j - i;
        break;
      }
    }
    if (matched == 0) {
      text += marker[i++];
      continue;
    }
    if (!text.empty()) parts.push_back({std::move(text), -1});
    text.clear();
    parts.push_back({marker.substr(i, matched), id});
    i += matched;
  }
  if (!text.empty()) parts.push_back({std::move(text), -1});
  return parts;
}

Status ChatEncoder::Render(const Document& doc, std::span<const TurnSpan> turns,
                           RenderedConversation* out) const {
  out->text.clear();
  out->segments.clear();
  auto append = [&](std::string_view piece, bool trained, int32_t control_id) {
    if (piece.empty()) return;
    const size_t begin = out->text.size();
    out->text.append(piece);
    out->segments.push_back({static_cast<uint32_t>(begin), static_cast<uint32_t>(out->text.size()),
                             trained, control_id});
  };
  auto append_marker = [&](const Marker& marker, bool trained) {
    for (const MarkerPart& part : marker) append(part.text, trained, part.control_id);
  };
  uint64_t size = template_.begin.size();
  for (const TurnSpan& turn : turns) {
    const size_t r = static_cast<size_t>(turn.role);
    size += template_.roles[r].prefix.size() + (turn.end - turn.start) +
            template_.roles[r].suffix.size();
  }
  if (size > std::numeric_limits<uint32_t>::max()) {
    return Status::InvalidArgument(doc.id + ": rendered conversation of " + std::to_string(size) +
                                   " bytes exceeds 4 GiB");
  }
  out->text.reserve(size);
  append_marker(begin_, false);
  for (const TurnSpan& turn : turns) {
    const size_t r = static_cast<size_t>(turn.role);
    const bool assistant = turn.role == TurnRole::kAssistant;
    append_marker(prefixes_[r], false);
    append(TurnText(doc, turn), assistant, -1);
    append_marker(suffixes_[r], assistant);
  }
  return Status::Ok();
}

Status ChatEncoder::Encode(const RenderedConversation& rendered, ChatEncoding* out) const {
  out->ids.clear();
  out->loss_mask.clear();
  out->trained_tokens = 0;
  auto emit = [&](int32_t id, bool trained) {
    out->ids.push_back(id);
    out->loss_mask.push_back(trained ? 1 : 0);
  };
  if (template_.bos) emit(tokenizer_->bos_id(), false);

  std::vector<int32_t> ids;
  std::vector<Tokenizer::PieceSpan> spans;
  // Text between control symbols ("runs") is encoded in one call each; with no control symbol
  // the whole conversation is one run.
  const std::vector<RenderedSegment>& segments = rendered.segments;
  size_t s = 0;
  while (s < segments.size()) {
    if (segments[s].control_id >= 0) {
      emit(segments[s].control_id, segments[s].trained);
      ++s;
      continue;
    }
    const size_t first = s;
    while (s < segments.size() && segments[s].control_id < 0) ++s;
    const uint32_t run_begin = segments[first].begin;
    const uint32_t run_end = segments[s - 1].end;
    TAMIS_RETURN_IF_ERROR(tokenizer_->EncodeWithSpans(
        std::string_view(rendered.text).substr(run_begin, run_end - run_begin), &ids, &spans));
    // Attribution: the byte a token ends on. Walk backwards so a byte-fallback piece with an
    // empty span takes the attribution of the piece that completes its character.
    const size_t base = out->ids.size();
    out->ids.insert(out->ids.end(), ids.begin(), ids.end());
    out->loss_mask.resize(out->ids.size(), 0);
    size_t seg = s - 1;
    uint8_t next = 0;
    for (size_t k = ids.size(); k-- > 0;) {
      const Tokenizer::PieceSpan& span = spans[k];
      uint8_t trained = next;
      if (span.end > span.begin) {
        const uint32_t last_byte = run_begin + span.end - 1;
        while (seg > first && segments[seg].begin > last_byte) --seg;
        trained = segments[seg].trained ? 1 : 0;
      }
      out->loss_mask[base + k] = trained;
      next = trained;
    }
  }
  if (template_.eos) emit(tokenizer_->eos_id(), false);
  for (uint8_t m : out->loss_mask) out->trained_tokens += m;
  return Status::Ok();
}

}  // namespace tamis
