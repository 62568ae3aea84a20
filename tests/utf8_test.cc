#include "stages/core/utf8.h"

#include <random>
#include <string>

#include "gtest/gtest.h"

namespace newsmark {
namespace {

TEST(FindInvalidUtf8, AcceptsWellFormedText) {
  for (std::string s : {"", "plain ASCII", "Nicolás", "日本語", "😀 emoji",
                        "\xF4\x8F\xBF\xBF", "\xEF\xBB\xBF" "bom"}) {
    EXPECT_EQ(FindInvalidUtf8(s), s.size()) << s;
  }
}

TEST(FindInvalidUtf8, PointsAtTheFirstBadByte) {
  EXPECT_EQ(FindInvalidUtf8("ab\xFF" "cd"), 2u);          // never valid
  EXPECT_EQ(FindInvalidUtf8("ab\xC3"), 2u);               // truncated
  EXPECT_EQ(FindInvalidUtf8("\xC0\xAF"), 0u);             // overlong '/'
  EXPECT_EQ(FindInvalidUtf8("\xE0\x80\xAF"), 0u);         // overlong
  EXPECT_EQ(FindInvalidUtf8("x\xED\xA0\x80"), 1u);        // surrogate D800
  EXPECT_EQ(FindInvalidUtf8("\xF4\x90\x80\x80"), 0u);     // above U+10FFFF
  EXPECT_EQ(FindInvalidUtf8("12345678\x80"), 8u);         // lone continuation
  EXPECT_EQ(FindInvalidUtf8("\xC3\xA9\xC3"), 2u);
}

TEST(CountCodePoints, CountsLeadBytes) {
  EXPECT_EQ(CountCodePoints(""), 0u);
  EXPECT_EQ(CountCodePoints("Nicolás"), 7u);
  EXPECT_EQ(CountCodePoints("日本"), 2u);
  EXPECT_EQ(CountCodePoints("a😀b"), 3u);
}

// The block index against a plain count, on random text mixing 1- to 4-byte
// code points, at every boundary, around every block edge.
TEST(Utf8OffsetMap, AgreesWithNaiveCount) {
  const std::string pieces[] = {"a", " ", "é", "€", "😀", "\n"};
  std::mt19937 rng(12345);
  for (int round = 0; round < 200; ++round) {
    std::string text;
    const int n = rng() % 300;
    for (int i = 0; i < n; ++i) text += pieces[rng() % 6];
    Utf8OffsetMap map(text);
    size_t expected = 0;
    for (size_t b = 0; b <= text.size(); ++b) {
      if (b == text.size() || !IsUtf8Continuation(text[b])) {
        ASSERT_EQ(map.ToCodePoint(b), expected) << "byte " << b;
      }
      if (b < text.size() && !IsUtf8Continuation(text[b])) ++expected;
    }
    EXPECT_EQ(map.code_points(), CountCodePoints(text));
  }
}

TEST(Utf8OffsetMap, AsciiIsIdentity) {
  Utf8OffsetMap map("hello world");
  EXPECT_EQ(map.ToCodePoint(5), 5u);
  EXPECT_EQ(map.code_points(), 11u);
}

}  // namespace
}  // namespace newsmark
