// Real multilingual paragraphs for the tokenize tests, extracted from Debian packages by
// scripts/extract_tokenizer_corpus.py, and a writer of them as JSONL documents.
#ifndef TAMIS_TESTS_TOKENIZE_CORPUS_H_
#define TAMIS_TESTS_TOKENIZE_CORPUS_H_

#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "pipeline/json.h"
#include "tests/tokenize/test_dir.h"

namespace tamis::testing {

// {language: paragraphs}, at most `bytes_per_language` each.
inline std::map<std::string, std::vector<std::string>> ExtractLanguages(const TestDir& dir,
                                                                        int bytes_per_language) {
  const std::string out = dir / "languages";
  REQUIRE(Run("python3 " TAMIS_SCRIPTS_DIR "/extract_tokenizer_corpus.py --per-language " + out +
              " --max-bytes-per-language " + std::to_string(bytes_per_language) +
              " 2> /dev/null") == 0);
  std::map<std::string, std::vector<std::string>> languages;
  for (const char* lang : {"de", "fr", "ja", "ru", "es", "ar"}) {
    std::ifstream in(out + "/" + lang + ".txt");
    for (std::string line; std::getline(in, line);) languages[lang].push_back(line);
    REQUIRE(!languages[lang].empty());
  }
  return languages;
}

// One {"id", "text"} document per paragraph.
inline void WriteJsonl(const std::string& path, const std::vector<std::string>& texts,
                       const std::string& id_prefix) {
  std::string out;
  for (size_t i = 0; i < texts.size(); ++i) {
    out += "{\"id\":";
    AppendJsonString(id_prefix + std::to_string(i), &out);
    out += ",\"text\":";
    AppendJsonString(texts[i], &out);
    out += "}\n";
  }
  WriteFile(path, out);
}

}  // namespace tamis::testing

#endif  // TAMIS_TESTS_TOKENIZE_CORPUS_H_
