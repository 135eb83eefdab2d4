// RefusalPhrases: the refusal and AI-disclaimer boilerplate that marks an assistant answer as
// not worth training on ("As an AI language model, I cannot..."), per language.
//
// Phrases are matched as case-folded substrings (ICU full case folding; the typographic
// apostrophe U+2019 counts as '), so a list entry is a short, distinctive phrase, not a
// pattern. The shipped lists (eng, fra, deu, spa) are written from the disclaimers common in
// distilled chat sets; a pipeline replaces any language's list or adds languages
// (chat_filter's `refusal_phrases`). Every list is checked against every assistant turn: a
// disclaimer is boilerplate in whatever language the rest of the conversation is.
//
// Thread-safety: immutable after construction; Find() is const and allocates only its result.
#ifndef TAMIS_FILTERS_CHAT_REFUSAL_PHRASES_H_
#define TAMIS_FILTERS_CHAT_REFUSAL_PHRASES_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tamis {

// The case folding Find() applies to a turn, exposed so phrases can be prepared the same way.
std::string FoldForPhraseMatch(std::string_view text);

class RefusalPhrases {
 public:
  // The shipped lists, by ISO 639-3 code.
  static std::map<std::string, std::vector<std::string>> Defaults();

  // `lists`: language -> phrases (as written; folded here). Empty phrases are ignored.
  explicit RefusalPhrases(const std::map<std::string, std::vector<std::string>>& lists);

  // The first phrase (as folded, prefixed by its language: "fra: en tant qu'ia") found in
  // `text`, or nullopt.
  std::optional<std::string> Find(std::string_view text) const;

 private:
  std::vector<std::pair<std::string, std::string>> phrases_;  // (language, folded phrase)
};

}  // namespace tamis

#endif  // TAMIS_FILTERS_CHAT_REFUSAL_PHRASES_H_
