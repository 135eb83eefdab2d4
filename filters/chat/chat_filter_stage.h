// The `chat_filter` stage: judges conversations (pipeline/chat_turns.h) turn by turn.
//
// Checks, in this order (cheap first); the first that fails drops the conversation with its
// rule, a detail naming the turn ("turn 3 (assistant): ...") and the measured value:
//   not a conversation (no valid "turns" metadata)      -> "not_conversation"
//   min_turns: 2 / max_turns: 0 (0: no limit)           -> "too_few_turns" / "too_many_turns"
//   max_turn_bytes / max_conversation_bytes: 0 (none)   -> "turn_too_long" /
//                                                          "conversation_too_long"
//   min_answer_bytes: 1 (an assistant turn shorter)     -> "short_answer"
//   truncated: true (the last assistant turn ends in a letter or digit or a comma, not
//     in sentence punctuation, a closing bracket, quote or code fence)  -> "truncated_answer"
//   refusals: true, refusal_phrases: {lang: [...]}      -> "refusal" (refusal_phrases.h;
//     the given lists replace the shipped ones of their languages, others stay)
//   max_repeated_ngram_fraction: 0.3 over word 3-grams of a turn of at least 20 words
//     (share of 3-grams that repeat an earlier one of the same turn) -> "turn_repetition"
//   languages: [fra] (empty: no language check)          -> "turn_language"
//     every user and assistant turn of at least min_language_bytes (32) is identified with
//     fastText (model: as the langid stage) and must be one of `languages` (macrolanguage
//     aware, as langid) with score >= min_language_score (0). System and tool turns, and
//     shorter turns, are identified but never judged.
// When languages are checked, each identified turn's metadata gets "language" and
// "language_score", kept or dropped, and a kept conversation gets the language and score of
// its longest identified assistant turn (else of its longest identified turn) as
// metadata.language and language_score, so that `split_by: language`, per-language mixtures
// and reports see conversations as they see documents.
//
// Mode: parallel; the fastText model is shared read-only, each worker has its own scratch,
// which also counts drops by rule; Finish() sums them into the report.
#ifndef TAMIS_FILTERS_CHAT_CHAT_FILTER_STAGE_H_
#define TAMIS_FILTERS_CHAT_CHAT_FILTER_STAGE_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "filters/chat/refusal_phrases.h"
#include "langid/language_identifier.h"
#include "pipeline/chat_turns.h"
#include "pipeline/stage.h"

namespace tamis {

struct ChatFilterOptions {
  int64_t min_turns = 2;
  int64_t max_turns = 0;
  int64_t max_turn_bytes = 0;
  int64_t max_conversation_bytes = 0;
  int64_t min_answer_bytes = 1;
  bool truncated = true;
  bool refusals = true;
  std::map<std::string, std::vector<std::string>> refusal_phrases;  // Over the defaults.
  double max_repeated_ngram_fraction = 0.3;
  std::vector<std::string> languages;
  std::string langid_model;  // Empty: the langid stage's default.
  int64_t min_language_bytes = 32;
  double min_language_score = 0;
};

class ChatFilterStage final : public Stage {
 public:
  static constexpr std::string_view kName = "chat_filter";
  static Result<std::unique_ptr<ChatFilterStage>> Create(ChatFilterOptions options);

  std::string_view name() const override { return kName; }
  std::unique_ptr<Scratch> NewScratch() const override;
  Status Process(DocumentBatch& batch, Scratch* scratch) const override;
  Status Finish(Scratches scratches, StageReport& report) override;

 private:
  ChatFilterStage(ChatFilterOptions options, RefusalPhrases refusals)
      : options_(std::move(options)), refusals_(std::move(refusals)) {}
  // Drops `doc` (and says so) when a check other than language fails.
  void JudgeTurns(Document& doc, const std::vector<TurnSpan>& turns) const;
  // metadata.language and language_score of a kept conversation, from its turns'.
  void SetConversationLanguage(Document& doc, const std::vector<TurnSpan>& turns) const;
  Status JudgeLanguages(Document& doc, const std::vector<TurnSpan>& turns,
                        langid::LanguageIdentifier::Scratch* scratch) const;

  ChatFilterOptions options_;
  RefusalPhrases refusals_;
  std::unique_ptr<langid::LanguageIdentifier> identifier_;  // Null when languages is empty.
};

Result<std::unique_ptr<Stage>> CreateChatFilterStage(const Value& options);

}  // namespace tamis

#endif  // TAMIS_FILTERS_CHAT_CHAT_FILTER_STAGE_H_
