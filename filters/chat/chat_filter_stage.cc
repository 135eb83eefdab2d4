#include "filters/chat/chat_filter_stage.h"

#include <cstdio>
#include <set>
#include <unordered_set>

#include "langid/langid_stage.h"
#include "langid/language_registry.h"
#include "pipeline/options.h"

namespace tamis {
namespace {

// Word n-grams a turn's repetition is measured on, and the shortest turn measured: below 20
// words a repeated 3-gram is as likely a set phrase as a generation loop.
constexpr size_t kRepetitionNgramWords = 3;
constexpr size_t kRepetitionMinWords = 20;

struct ChatScratch : Scratch {
  std::unique_ptr<langid::LanguageIdentifier::Scratch> identifier;
  std::map<std::string, int64_t> drops;
  std::map<std::string, int64_t> turn_languages;
  int64_t conversations = 0;
};

std::string Format(double value) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.4g", value);
  return buf;
}

std::string TurnName(size_t index, const TurnSpan& turn) {
  return "turn " + std::to_string(index + 1) + " (" + std::string(TurnRoleName(turn.role)) + ")";
}

// Share of a turn's word 3-grams that repeat an earlier 3-gram of the turn; 0 for turns under
// kRepetitionMinWords words. Words are runs of non-space bytes: enough to see a loop.
double RepeatedNgramFraction(std::string_view text) {
  std::vector<std::string_view> words;
  for (size_t i = 0; i < text.size();) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    size_t start = i;
    while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    if (i > start) words.push_back(text.substr(start, i - start));
  }
  if (words.size() < kRepetitionMinWords) return 0;
  std::unordered_set<std::string_view> seen;
  size_t ngrams = words.size() - kRepetitionNgramWords + 1, repeated = 0;
  for (size_t i = 0; i < ngrams; ++i) {
    // Words are views into `text`, so an n-gram is the span from its first word to its last.
    const char* begin = words[i].data();
    const char* end =
        words[i + kRepetitionNgramWords - 1].data() + words[i + kRepetitionNgramWords - 1].size();
    if (!seen.insert(std::string_view(begin, static_cast<size_t>(end - begin))).second) {
      ++repeated;
    }
  }
  return static_cast<double>(repeated) / static_cast<double>(ngrams);
}

// An answer cut off by a length limit ends mid-sentence: in a letter, a digit or a comma.
// Anything else (sentence punctuation, a closing bracket or quote, a code fence, an emoji,
// CJK punctuation) is taken as a finished answer.
bool LooksTruncated(std::string_view text) {
  size_t end = text.find_last_not_of(" \t\r\n");
  if (end == std::string_view::npos) return false;
  unsigned char last = static_cast<unsigned char>(text[end]);
  if (last >= 0x80) {
    // A multi-byte letter (é, ß, а, ...) of a Latin, Greek or Cyrillic word ends it too: those
    // lead bytes (U+00C0..U+04FF) are 0xC3..0xD3; other scripts are not judged.
    size_t lead = end;
    while (lead > 0 && (static_cast<unsigned char>(text[lead]) & 0xC0) == 0x80) --lead;
    unsigned char first = static_cast<unsigned char>(text[lead]);
    return first >= 0xC3 && first <= 0xD3;
  }
  return std::isalnum(last) || last == ',';
}

}  // namespace

Result<std::unique_ptr<ChatFilterStage>> ChatFilterStage::Create(ChatFilterOptions options) {
  const std::string where = "stage chat_filter";
  if (options.min_turns < 0 || options.max_turns < 0 || options.max_turn_bytes < 0 ||
      options.max_conversation_bytes < 0 || options.min_answer_bytes < 0 ||
      options.min_language_bytes < 0) {
    return Status::InvalidArgument(where + ": turn counts and byte limits must be >= 0");
  }
  if (options.max_turns > 0 && options.max_turns < options.min_turns) {
    return Status::InvalidArgument(where + ": max_turns is below min_turns");
  }
  if (options.max_repeated_ngram_fraction < 0 || options.max_repeated_ngram_fraction > 1 ||
      options.min_language_score < 0 || options.min_language_score > 1) {
    return Status::InvalidArgument(
        where + ": max_repeated_ngram_fraction and min_language_score must lie in [0, 1]");
  }
  const langid::LanguageRegistry& registry = langid::LanguageRegistry::Default();
  for (const std::string& wanted : options.languages) {
    std::string_view code, script;
    langid::SplitLabel(wanted, &code, &script);
    if (registry.ToIso639_3(code).empty()) {
      return Status::InvalidArgument(where + ": unknown language '" + wanted + "' in languages");
    }
  }
  std::map<std::string, std::vector<std::string>> lists;
  if (options.refusals) {
    lists = RefusalPhrases::Defaults();
    for (const auto& [language, phrases] : options.refusal_phrases) lists[language] = phrases;
  }
  auto stage = std::unique_ptr<ChatFilterStage>(
      new ChatFilterStage(std::move(options), RefusalPhrases(lists)));
  if (!stage->options_.languages.empty()) {
    langid::IdentifierOptions id;
    if (stage->options_.langid_model.empty()) {
      Result<std::string> found = DefaultLangidModelPath();
      if (!found.ok()) return found.status().WithContext(where);
      id.model_path = std::move(found).value();
    } else {
      id.model_path = stage->options_.langid_model;
    }
    auto identifier = langid::LanguageIdentifier::Create(id);
    if (!identifier.ok()) return identifier.status().WithContext(where);
    stage->identifier_ = std::move(identifier).value();
  }
  return stage;
}

std::unique_ptr<Scratch> ChatFilterStage::NewScratch() const {
  auto scratch = std::make_unique<ChatScratch>();
  if (identifier_) scratch->identifier = identifier_->NewScratch();
  return scratch;
}

void ChatFilterStage::JudgeTurns(Document& doc, const std::vector<TurnSpan>& turns) const {
  const ChatFilterOptions& o = options_;
  const auto count = static_cast<int64_t>(turns.size());
  if (count < o.min_turns) {
    doc.Drop(kName, "too_few_turns", std::to_string(count) + " < " + std::to_string(o.min_turns),
             static_cast<double>(count));
    return;
  }
  if (o.max_turns > 0 && count > o.max_turns) {
    doc.Drop(kName, "too_many_turns", std::to_string(count) + " > " + std::to_string(o.max_turns),
             static_cast<double>(count));
    return;
  }
  if (o.max_conversation_bytes > 0 &&
      static_cast<int64_t>(doc.text.size()) > o.max_conversation_bytes) {
    doc.Drop(kName, "conversation_too_long", std::to_string(doc.text.size()) + " bytes",
             static_cast<double>(doc.text.size()));
    return;
  }
  size_t last_assistant = turns.size();
  for (size_t i = 0; i < turns.size(); ++i) {
    const int64_t bytes = static_cast<int64_t>(turns[i].end - turns[i].start);
    if (o.max_turn_bytes > 0 && bytes > o.max_turn_bytes) {
      doc.Drop(kName, "turn_too_long",
               TurnName(i, turns[i]) + ": " + std::to_string(bytes) + " bytes",
               static_cast<double>(bytes));
      return;
    }
    if (turns[i].role != TurnRole::kAssistant) continue;
    last_assistant = i;
    if (bytes < o.min_answer_bytes) {
      doc.Drop(kName, "short_answer",
               TurnName(i, turns[i]) + ": " + std::to_string(bytes) + " bytes",
               static_cast<double>(bytes));
      return;
    }
  }
  if (o.truncated && last_assistant < turns.size() &&
      LooksTruncated(TurnText(doc, turns[last_assistant]))) {
    doc.Drop(kName, "truncated_answer", TurnName(last_assistant, turns[last_assistant]));
    return;
  }
  for (size_t i = 0; i < turns.size(); ++i) {
    if (turns[i].role != TurnRole::kAssistant) continue;
    if (std::optional<std::string> phrase = refusals_.Find(TurnText(doc, turns[i]))) {
      doc.Drop(kName, "refusal", TurnName(i, turns[i]) + ": " + *phrase);
      return;
    }
  }
  for (size_t i = 0; i < turns.size(); ++i) {
    const double repeated = RepeatedNgramFraction(TurnText(doc, turns[i]));
    if (repeated > o.max_repeated_ngram_fraction) {
      doc.Drop(kName, "turn_repetition", TurnName(i, turns[i]) + ": " + Format(repeated), repeated);
      return;
    }
  }
}

Status ChatFilterStage::JudgeLanguages(Document& doc, const std::vector<TurnSpan>& turns,
                                       langid::LanguageIdentifier::Scratch* scratch) const {
  const langid::LanguageRegistry& registry = langid::LanguageRegistry::Default();
  for (size_t i = 0; i < turns.size(); ++i) {
    const std::string_view text = TurnText(doc, turns[i]);
    if (static_cast<int64_t>(text.size()) < options_.min_language_bytes) continue;
    TAMIS_ASSIGN_OR_RETURN(langid::Identification id, identifier_->Identify(text, scratch));
    Value* turn = TurnMetadata(doc, i);
    turn->Set("language", id.language);
    turn->Set("language_score", id.score);
    if (doc.dropped()) continue;  // Record every turn's language, judge up to the first miss.
    if (turns[i].role != TurnRole::kUser && turns[i].role != TurnRole::kAssistant) continue;
    bool wanted = false;
    for (const std::string& w : options_.languages)
      wanted = wanted || registry.Matches(id.language, w);
    if (!wanted || id.score < options_.min_language_score) {
      doc.Drop(kName, "turn_language",
               TurnName(i, turns[i]) + ": " + id.language + " " + Format(id.score), id.score);
    }
  }
  if (!doc.dropped()) SetConversationLanguage(doc, turns);
  return Status::Ok();
}

void ChatFilterStage::SetConversationLanguage(Document& doc,
                                              const std::vector<TurnSpan>& turns) const {
  // The longest identified assistant turn speaks for the conversation (what is trained on);
  // without one, the longest identified turn of any role.
  const Value* best = nullptr;
  size_t best_bytes = 0;
  bool best_is_answer = false;
  for (size_t i = 0; i < turns.size(); ++i) {
    const Value* turn = TurnMetadata(doc, i);
    if (turn == nullptr || turn->GetString("language").empty()) continue;
    const bool answer = turns[i].role == TurnRole::kAssistant;
    const size_t bytes = TurnText(doc, turns[i]).size();
    if (best == nullptr || (answer && !best_is_answer) ||
        (answer == best_is_answer && bytes > best_bytes)) {
      best = turn;
      best_bytes = bytes;
      best_is_answer = answer;
    }
  }
  if (best == nullptr) return;
  const std::string language(best->GetString("language"));
  const Value* score = best->Find("language_score");
  doc.metadata.Set("language", language);
  if (score != nullptr) doc.metadata.Set("language_score", *score);
}

Status ChatFilterStage::Process(DocumentBatch& batch, Scratch* scratch) const {
  auto* s = static_cast<ChatScratch*>(scratch);
  for (Document& doc : batch.documents) {
    ++s->conversations;
    std::optional<std::vector<TurnSpan>> turns = ConversationTurns(doc);
    if (!turns) {
      doc.Drop(kName, "not_conversation", "no valid metadata.turns");
    } else {
      JudgeTurns(doc, *turns);
      if (!doc.dropped() && identifier_) {
        TAMIS_RETURN_IF_ERROR(JudgeLanguages(doc, *turns, s->identifier.get()));
        for (size_t i = 0; i < turns->size(); ++i) {
          std::string_view language = TurnMetadata(doc, i)->GetString("language");
          if (!language.empty()) s->turn_languages[std::string(language)] += 1;
        }
      }
    }
    if (doc.dropped()) s->drops[doc.drop_entry()->rule] += 1;
  }
  return Status::Ok();
}

Status ChatFilterStage::Finish(Scratches scratches, StageReport& report) {
  std::map<std::string, int64_t> drops, languages;
  int64_t conversations = 0;
  for (Scratch* scratch : scratches) {
    const auto* s = static_cast<const ChatScratch*>(scratch);
    for (const auto& [rule, n] : s->drops) drops[rule] += n;
    for (const auto& [label, n] : s->turn_languages) languages[label] += n;
    conversations += s->conversations;
  }
  report.extra.Set("conversations", conversations);
  Value dropped = Value::EmptyObject();
  for (const auto& [rule, n] : drops) dropped.Set(rule, n);
  report.extra.Set("dropped", std::move(dropped));
  if (identifier_) {
    Value turn_languages = Value::EmptyObject();
    for (const auto& [label, n] : languages) turn_languages.Set(label, n);
    report.extra.Set("turn_languages", std::move(turn_languages));
  }
  return Status::Ok();
}

Result<std::unique_ptr<Stage>> CreateChatFilterStage(const Value& options) {
  Options opts(options, "stage chat_filter");
  ChatFilterOptions o;
  o.min_turns = opts.Int("min_turns", o.min_turns);
  o.max_turns = opts.Int("max_turns", o.max_turns);
  o.max_turn_bytes = opts.Int("max_turn_bytes", o.max_turn_bytes);
  o.max_conversation_bytes = opts.Int("max_conversation_bytes", o.max_conversation_bytes);
  o.min_answer_bytes = opts.Int("min_answer_bytes", o.min_answer_bytes);
  o.truncated = opts.Bool("truncated", o.truncated);
  o.refusals = opts.Bool("refusals", o.refusals);
  o.max_repeated_ngram_fraction =
      opts.Number("max_repeated_ngram_fraction", o.max_repeated_ngram_fraction);
  o.languages = opts.StringList("languages");
  o.langid_model = opts.String("model");
  o.min_language_bytes = opts.Int("min_language_bytes", o.min_language_bytes);
  o.min_language_score = opts.Number("min_language_score", o.min_language_score);
  if (const Value* lists = opts.Raw("refusal_phrases")) {
    if (!lists->is_object()) {
      return Status::InvalidArgument(
          "stage chat_filter: refusal_phrases must map languages to lists of phrases");
    }
    for (const auto& [language, phrases] : lists->as_object()) {
      std::vector<std::string>& list = o.refusal_phrases[language];
      if (phrases.is_array()) {
        for (const Value& p : phrases.as_array()) {
          if (p.is_string()) list.push_back(p.as_string());
        }
      }
      if (!phrases.is_array() || list.size() != phrases.as_array().size()) {
        return Status::InvalidArgument("stage chat_filter: refusal_phrases." + language +
                                       " must be a list of strings");
      }
    }
  }
  TAMIS_RETURN_IF_ERROR(opts.Finish());
  TAMIS_ASSIGN_OR_RETURN(std::unique_ptr<ChatFilterStage> stage,
                         ChatFilterStage::Create(std::move(o)));
  return std::unique_ptr<Stage>(std::move(stage));
}

}  // namespace tamis
