#include "filters/toxicity/word_list.h"

#include <catch2/catch.hpp>

#include "filters/toxicity/embedded_word_lists.h"

namespace tamis::toxicity {
namespace {

uint64_t Flagged(const WordList& list, std::string_view text) {
  auto scratch = list.segmenter().NewScratch();
  Words words;
  list.segmenter().Segment(text, scratch.get(), &words);
  return list.CountFlagged(words);
}

TEST_CASE("Listed words match whole words only, phrases as runs of words", "[toxicity]") {
  auto segmenter = WordSegmenter::Create("eng");
  REQUIRE(segmenter.ok());
  auto list = WordList::Create("eng", "ass\nblow job\n2 girls 1 cup\n13.\n\n", segmenter->get());
  REQUIRE(list.ok());
  CHECK((*list)->entry_count() == 3);  // "13." is digits only: left out.
  CHECK(Flagged(**list, "The assessment of class assets") == 0);
  CHECK(Flagged(**list, "what an ASS.") == 1);
  CHECK(Flagged(**list, "a Blow-Job and a blow to the head") == 2);
  CHECK(Flagged(**list, "2 girls 1 cup, 13 times") == 4);
  CHECK_FALSE(WordList::Create("eng", "\n13\n", segmenter->get()).ok());
}

TEST_CASE("Every embedded list builds and flags its own entries", "[toxicity]") {
  const auto lists = EmbeddedWordLists();
  CHECK(lists.size() == 26);
  for (const EmbeddedWordList& embedded : lists) {
    INFO(embedded.language);
    auto segmenter = WordSegmenter::Create(embedded.language);
    REQUIRE(segmenter.ok());
    auto list =
        WordList::Create(std::string(embedded.language), embedded.entries, segmenter->get());
    REQUIRE(list.ok());
    CHECK((*list)->entry_count() > 2);
    // The first entry that is not digits, on its own, is flagged whole.
    const std::string_view first = embedded.entries.substr(0, embedded.entries.find('\n'));
    if (first.find_first_not_of("0123456789. ") != std::string_view::npos) {
      CHECK(Flagged(**list, first) > 0);
    }
  }
}

}  // namespace
}  // namespace tamis::toxicity
