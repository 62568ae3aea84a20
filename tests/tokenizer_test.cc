// The shared tokenizer (stages/core/tokenizer.h): each rule of docs/tokens.md
// on examples worked out by hand, and folded forms.

#include "stages/core/tokenizer.h"

#include <random>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace newsmark {
namespace {

using ::testing::ElementsAre;

// "text|kind" for each token: w word, n number, m mark; a capital C after a
// capitalized word.
std::vector<std::string> Cut(std::string_view text) {
  std::vector<TextToken> tokens;
  Tokenize(text, 0, static_cast<uint32_t>(text.size()), &tokens);
  std::vector<std::string> out;
  for (const TextToken& t : tokens) {
    std::string s(text.substr(t.begin, t.size()));
    s += t.kind == TokenKind::kWord ? "|w" : t.kind == TokenKind::kNumber ? "|n" : "|m";
    if (t.capitalized) s += "C";
    out.push_back(s);
  }
  return out;
}

TEST(Tokenizer, WordsNumbersAndMarks) {
  EXPECT_THAT(Cut("Shares rose 3.5% to 1,250 on the 3rd."),
              ElementsAre("Shares|wC", "rose|w", "3.5|n", "%|m", "to|w", "1,250|n", "on|w",
                          "the|w", "3rd|n", ".|m"));
  EXPECT_THAT(Cut("1990s 13.9 1.000.000 15nd"),
              ElementsAre("1990s|n", "13.9|n", "1.000.000|n", "15nd|n"));
}

TEST(Tokenizer, PeriodsApostrophesAndHyphensAreMarks) {
  EXPECT_THAT(Cut("U.S. e-mail don't"),
              ElementsAre("U|wC", ".|m", "S|wC", ".|m", "e|w", "-|m", "mail|w", "don|w",
                          "'|m", "t|w"));
  // A sentence end without a space: the number stops at the period.
  EXPECT_THAT(Cut("1,000.That"), ElementsAre("1,000|n", ".|m", "That|wC"));
}

TEST(Tokenizer, GeneralPunctuationEndsAWordAndStandsAlone) {
  EXPECT_THAT(Cut("Obama\u2019s well\u2014known \u201cyes\u201d\u2026"),
              ElementsAre("Obama|wC", "\u2019|m", "s|w", "well|w", "\u2014|m", "known|w",
                          "\u201c|m", "yes|w", "\u201d|m", "\u2026|m"));
}

TEST(Tokenizer, UnicodeSpacesSeparateAndOtherScriptsAreWords) {
  EXPECT_THAT(Cut("Jan.\u00a03 Nicol\u00e1s\u3000Z\u00fcrich \u5317\u4eac\u5e02"),
              ElementsAre("Jan|wC", ".|m", "3|n", "Nicol\u00e1s|wC", "Z\u00fcrich|wC",
                          "\u5317\u4eac\u5e02|w"));
  // Other symbols run on with the word: the euro sign, here.
  EXPECT_THAT(Cut("\u20ac5"), ElementsAre("\u20ac|w", "5|n"));
}

TEST(Tokenizer, AddressesAreCutAtTheirMarks) {
  EXPECT_THAT(Cut("www.x.com jo@x.org"),
              ElementsAre("www|w", ".|m", "x|w", ".|m", "com|w", "jo|w", "@|m", "x|w", ".|m",
                          "org|w"));
}

TEST(Tokenizer, TokensStopAtTheEndGiven) {
  const std::string text = "Tuesdays";
  std::vector<TextToken> tokens;
  Tokenize(text, 0, 3, &tokens);  // "Tue": the scan may look on, the token may not
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(tokens[0].end, 3u);
  tokens.clear();
  Tokenize("  \t\n ", 0, 5, &tokens);
  EXPECT_TRUE(tokens.empty());
}

// Tokenize cuts blocks of plain ASCII from bit masks and the rest with
// NextToken: on any text both must give the same tokens. Texts are built
// from pieces that meet at every kind of edge (letters into digits, into
// other scripts, into Unicode spaces), long enough to cross many blocks.
TEST(Tokenizer, BlocksAreCutAsNextTokenCutsThem) {
  const std::vector<std::string> pieces = {
      "a", "Word", "letters", "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ", " ", "  ", "\t", "\n", "\r\n",
      ".", ",", "'", "-", "(", ")", "\x01", "7", "1,250", "3.5", "3rd", "1990s", "\u00e9", "Nicol\u00e1s",
      "\u2019", "\u2014", "\u00a0", "\u3000", "\u5317\u4eac", "\u2026", "U.S.", "e-mail"};
  std::mt19937 random(20261203);
  for (int n = 0; n < 20000; ++n) {
    std::string text;
    const int count = static_cast<int>(random() % 120);
    for (int k = 0; k < count; ++k) text += pieces[random() % pieces.size()];
    const uint32_t end = static_cast<uint32_t>(text.size());
    const uint32_t begin = end == 0 ? 0 : static_cast<uint32_t>(random() % (end / 8 + 1));
    std::vector<TextToken> whole;
    Tokenize(text, begin, end, &whole);
    std::vector<TextToken> one_by_one;
    uint32_t i = begin;
    TextToken t;
    while (NextToken(text, &i, end, &t)) one_by_one.push_back(t);
    ASSERT_EQ(whole.size(), one_by_one.size()) << text;
    for (size_t k = 0; k < whole.size(); ++k) {
      ASSERT_EQ(whole[k].begin, one_by_one[k].begin) << text;
      ASSERT_EQ(whole[k].end, one_by_one[k].end) << text;
      ASSERT_EQ(whole[k].kind, one_by_one[k].kind) << text;
      ASSERT_EQ(whole[k].capitalized, one_by_one[k].capitalized) << text;
    }
  }
}

// WordCharacterBefore, which stages use to read a word backwards, says of
// each character what Tokenize says: inside a word token yes, inside a mark
// or white space no (letters inside a number token, "3rd", are letters).
TEST(Tokenizer, WordCharacterBeforeAgreesWithTheTokens) {
  const std::vector<std::string> pieces = {
      "a", "Word", " ", "\t", "\n", ".", ",", "'", "-", "7", "3rd", "\u00e9", "Nicol\u00e1s",
      "\u00b0", "\u2019", "\u2014", "\u00a0", "\u3000", "\u205f", "\u5317\u4eac", "\u2026",
      "\U0001F600", "U.S."};
  std::mt19937 random(20261208);
  for (int n = 0; n < 5000; ++n) {
    std::string text;
    const int count = static_cast<int>(random() % 40) + 1;
    for (int k = 0; k < count; ++k) text += pieces[random() % pieces.size()];
    std::vector<TextToken> tokens;
    Tokenize(text, 0, static_cast<uint32_t>(text.size()), &tokens);
    // What holds each byte: 'w' a word token, 'n' a number, 'm' a mark,
    // ' ' white space.
    std::string holder(text.size(), ' ');
    for (const TextToken& t : tokens) {
      const char h = t.kind == TokenKind::kWord ? 'w' : t.kind == TokenKind::kNumber ? 'n' : 'm';
      for (uint32_t k = t.begin; k < t.end; ++k) holder[k] = h;
    }
    for (size_t b = 1; b <= text.size(); ++b) {
      if (b < text.size() && (static_cast<unsigned char>(text[b]) & 0xC0) == 0x80) continue;
      const char h = holder[b - 1];
      if (h == 'n') continue;
      ASSERT_EQ(WordCharacterBefore(text, b), h == 'w') << text << " at " << b;
    }
  }
}

TEST(FoldToken, CaseAndAccentsAreDropped) {
  EXPECT_EQ(FoldToken("Nicol\u00e1s"), "nicolas");
  EXPECT_EQ(FoldToken("MADURO"), "maduro");
  EXPECT_EQ(FoldToken("\u00c6R\u00d8"), "\u00e6r\u00f8");  // no decomposition: kept
  EXPECT_EQ(FoldToken("\u0130stanbul"), "istanbul");
  EXPECT_EQ(FoldToken("Stra\u00dfe"), "strasse");
  EXPECT_EQ(FoldToken("\ufb01nance"), "finance");
}

}  // namespace
}  // namespace newsmark
