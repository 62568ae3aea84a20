#include "stages/core/word_table.h"

#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "gtest/gtest.h"

namespace newsmark {
namespace {

// Find's contract: kPadding readable bytes after the word. Words are
// looked up inside a padded buffer, at a random place in it, as a
// tokenizer would.
int FindIn(const WordTable& table, const std::string& word, const std::string& before,
           const std::string& after) {
  std::string buffer = before + word + after;
  buffer.append(WordTable::kPadding, '\0');
  return table.Find(std::string_view(buffer).substr(before.size(), word.size()));
}

TEST(WordTable, FindsItsWordsAndNothingElse) {
  const WordTable table({"january", "may", "a", "the", "twenty-five", "é",
                         "abcdefghijklmnopq", "abcdefghijklmnopqr"});
  EXPECT_EQ(FindIn(table, "january", "", ""), 0);
  EXPECT_EQ(FindIn(table, "may", "in ", " 1998"), 1);
  EXPECT_EQ(FindIn(table, "a", "", "bc"), 2);  // bytes after the word do not count
  EXPECT_EQ(FindIn(table, "twenty-five", "", ""), 4);
  EXPECT_EQ(FindIn(table, "é", "", ""), 5);
  EXPECT_EQ(FindIn(table, "abcdefghijklmnopqr", "", ""), 7);
  EXPECT_EQ(FindIn(table, "", "x", "y"), -1);
  EXPECT_EQ(FindIn(table, "janua", "", "ry"), -1);
  EXPECT_EQ(FindIn(table, "mays", "", ""), -1);
  // Same first and last eight bytes and length, another middle: only the
  // full comparison tells them apart.
  EXPECT_EQ(FindIn(table, "abcdefghiXklmnopqr", "", ""), -1);
  EXPECT_EQ(WordTable().Find("may"), -1);
}

// Two long words with the same key (length, first and last eight bytes)
// share a probe sequence: the second is found past the first.
TEST(WordTable, FindsLongWordsThatShareTheirKey) {
  const WordTable table({"abcdefghXijklmnop", "abcdefghYijklmnop", "abcdefghYijklmnop"});
  EXPECT_EQ(FindIn(table, "abcdefghXijklmnop", "", ""), 0);
  EXPECT_EQ(FindIn(table, "abcdefghYijklmnop", "", ""), 1);
  EXPECT_EQ(FindIn(table, "abcdefghZijklmnop", "", ""), -1);
}

TEST(WordTable, KeepsTheFirstIdOfAWordGivenTwice) {
  const WordTable table({"may", "june", "may"});
  EXPECT_EQ(FindIn(table, "may", "", ""), 0);
  EXPECT_EQ(FindIn(table, "june", "", ""), 1);
}

// Against a hash map on random words: short and long, ASCII and not, many
// sharing first and last bytes (the keys' blind spot past 16 bytes), and
// more words than the smallest table holds.
TEST(WordTable, AgreesWithAHashMapOnRandomWords) {
  std::mt19937 rng(20261127);
  const std::string alphabet = "aeiou-bt\xC3\xA9";
  auto random_word = [&] {
    std::uniform_int_distribution<int> length(1, 24);
    std::string w;
    const int n = length(rng);
    for (int i = 0; i < n; ++i) w += alphabet[rng() % alphabet.size()];
    return w;
  };
  std::vector<std::string> words;
  std::unordered_map<std::string, int> ids;
  while (words.size() < 5000) {
    std::string w = random_word();
    if (ids.emplace(w, static_cast<int>(words.size())).second) words.push_back(w);
  }
  const WordTable table(std::vector<std::string_view>(words.begin(), words.end()));
  ASSERT_EQ(table.size(), words.size());
  for (int i = 0; i < 50000; ++i) {
    const std::string w = i % 2 == 0 ? words[rng() % words.size()] : random_word();
    const auto it = ids.find(w);
    EXPECT_EQ(FindIn(table, w, "x ", " y"), it == ids.end() ? -1 : it->second) << w;
  }
}

}  // namespace
}  // namespace newsmark
