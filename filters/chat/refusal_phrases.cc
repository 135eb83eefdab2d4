#include "filters/chat/refusal_phrases.h"

#include <unicode/unistr.h>

namespace tamis {

std::string FoldForPhraseMatch(std::string_view text) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  u.findAndReplace(icu::UnicodeString(static_cast<UChar32>(0x2019)), icu::UnicodeString("'"));
  u.foldCase();
  std::string out;
  u.toUTF8String(out);
  return out;
}

std::map<std::string, std::vector<std::string>> RefusalPhrases::Defaults() {
  return {
      {"eng",
       {"as an ai language model", "as an ai model", "as an ai assistant",
        "as a large language model", "i'm sorry, but i cannot", "i am sorry, but i cannot",
        "i'm sorry, but i can't", "i cannot fulfill", "i can't assist with", "i cannot assist with",
        "i am unable to provide", "i don't have personal opinions",
        "i do not have personal opinions"}},
      {"fra",
       {"en tant qu'ia", "en tant qu'intelligence artificielle", "en tant que modèle de langage",
        "en tant qu'assistant virtuel", "je suis désolé, mais je ne peux pas",
        "je suis désolée, mais je ne peux pas", "je ne peux pas répondre à cette demande",
        "je n'ai pas d'opinion personnelle", "je ne suis qu'une ia"}},
      {"deu",
       {"als ki-sprachmodell", "als sprachmodell", "als künstliche intelligenz",
        "es tut mir leid, aber ich kann", "ich kann diese anfrage nicht",
        "ich habe keine persönliche meinung", "als ki kann ich"}},
      {"spa",
       {"como modelo de lenguaje", "como una ia", "como inteligencia artificial",
        "lo siento, pero no puedo", "no puedo cumplir con esta solicitud",
        "no tengo opiniones personales"}},
  };
}

RefusalPhrases::RefusalPhrases(const std::map<std::string, std::vector<std::string>>& lists) {
  for (const auto& [language, phrases] : lists) {
    for (const std::string& phrase : phrases) {
      if (!phrase.empty()) phrases_.emplace_back(language, FoldForPhraseMatch(phrase));
    }
  }
}

std::optional<std::string> RefusalPhrases::Find(std::string_view text) const {
  if (phrases_.empty()) return std::nullopt;
  const std::string folded = FoldForPhraseMatch(text);
  for (const auto& [language, phrase] : phrases_) {
    if (folded.find(phrase) != std::string::npos) return language + ": " + phrase;
  }
  return std::nullopt;
}

}  // namespace tamis
