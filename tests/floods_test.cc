// Linear time as a property (issue #18): the stages' work on floods, the
// texts that once made a stage quadratic or memory-hungry, counted (not
// timed: the machines are shared) at 100 KB and 1 MB, must grow in
// proportion to the text. bench/floods.py times the same floods, with
// ordinary news beside them, and measures their memory.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "stages/dates/date_matcher.h"
#include "stages/dates/date_stage.h"
#include "stages/sentences/sentence_stage.h"
#include "stages/tokens/tokens_stage.h"

namespace newsmark {
namespace {

struct Flood {
  std::string name;
  std::string unit;
};

// The units of bench/floods.py (but "news" and "no-spaces", which it
// cuts from the Reuters corpus; one unit here stands for the second).
std::vector<Flood> Floods() {
  std::string chinese;
  for (int i = 0; i < 56; ++i) chinese += "\u6c47";  // 汇
  chinese += "\u2026";                              // …
  return {{"us-periods", "U.S."},
          {"no-spaces", "Sharesrose,analystssaid.Theyweresure."},
          {"chinese-ellipsis", chinese},
          {"no-5", "No. 5 "},
          {"open-paren", "("},
          {"dots", "..."},
          {"a-blank-line", "a\n\n"},
          {"inline-list", "Note: 1. a 2. b "},
          {"one-word", "a"},
          {"digits", "1"},
          {"dates", "on 5 May 2020, "},
          {"number-words", "twenty-one "},
          {"quotes", "\""},
          {"cr-lines", "a\r"}};
}

std::string Repeat(const std::string& unit, size_t bytes) {
  std::string text;
  text.reserve(bytes);
  while (text.size() + unit.size() <= bytes) text += unit;
  return text;
}

// What the stages did on one document, and what its layers hold.
struct Work {
  SentenceWork sentences;
  DateWork dates;
  size_t tokens = 0;
  size_t layer_bytes = 0;  // capacity of the document's layers, in bytes
};

class FloodsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    sentences_ = SentenceStage::Create({NEWSMARK_SOURCE_DIR "/rules/sentences"})->release();
    dates_ = DateStage::Create({NEWSMARK_SOURCE_DIR "/rules/dates"})->release();
    tokens_ = TokensStage::Create().release();
  }

  static Work Run(const std::string& text) {
    Document doc("flood", text, absl::CivilDay(2020, 1, 1));
    Work w;
    EXPECT_TRUE(tokens_->Process(doc).ok());
    EXPECT_TRUE(sentences_->Process(doc, &w.sentences).ok());
    EXPECT_TRUE(dates_->Process(doc, &w.dates).ok());
    w.tokens = doc.tokens().tokens.size();
    w.layer_bytes = doc.tokens().tokens.capacity() * sizeof(TextToken) +
                    doc.tokens().lower.capacity() + doc.blocks().capacity() * sizeof(Block) +
                    doc.sentences().capacity() * sizeof(Sentence) +
                    doc.timexes().capacity() * sizeof(Timex);
    return w;
  }

  static SentenceStage* sentences_;
  static DateStage* dates_;
  static TokensStage* tokens_;
};

SentenceStage* FloodsTest::sentences_ = nullptr;
DateStage* FloodsTest::dates_ = nullptr;
TokensStage* FloodsTest::tokens_ = nullptr;

// Each count per byte at 1 MB against the same at 100 KB: linear work
// gives about the same; a scan that grows with the text gives ten times.
TEST_F(FloodsTest, WorkGrowsInProportionToTheText) {
  for (const Flood& f : Floods()) {
    const std::string small = Repeat(f.unit, 100'000), large = Repeat(f.unit, 1'000'000);
    const Work a = Run(small), b = Run(large);
    const double ratio = static_cast<double>(large.size()) / small.size();
    auto linear = [&](uint64_t at_small, uint64_t at_large, const char* what) {
      // Within a fifth, and some slack for a count that is nearly none.
      EXPECT_LE(static_cast<double>(at_large), 1.2 * ratio * at_small + 1000)
          << f.name << ": " << what << " " << at_small << " at 100 KB, " << at_large
          << " at 1 MB";
    };
    linear(a.sentences.bytes_scanned, b.sentences.bytes_scanned, "sentence bytes scanned");
    linear(a.sentences.ends_moved, b.sentences.ends_moved, "sentence ends moved");
    linear(a.sentences.list_steps, b.sentences.list_steps, "list steps");
    linear(a.sentences.line_bytes_searched, b.sentences.line_bytes_searched,
           "line bytes searched");
    linear(a.dates.tokens_made, b.dates.tokens_made, "date tokens made");
    linear(a.dates.match_steps, b.dates.match_steps, "date match steps");

    // And bounded per byte outright, whatever the size.
    const uint64_t n = large.size();
    EXPECT_LE(b.sentences.bytes_scanned, 8 * n) << f.name;
    EXPECT_LE(b.sentences.ends_moved, 2 * n) << f.name;
    EXPECT_LE(b.sentences.list_steps, 2 * n) << f.name;
    EXPECT_LE(b.sentences.line_bytes_searched, 2 * n + 2) << f.name;
    // A window's overlap is made again: 128 tokens in every 4,096.
    EXPECT_LE(b.dates.tokens_made, 2 * b.tokens + 128) << f.name;
    EXPECT_LE(b.dates.match_steps, 16 * n) << f.name;
    // Memory: a window of date tokens at most, and layers within the 20
    // bytes a byte of text that the batch runner counts a document for
    // (batch_runner.h; one token a byte is 12 bytes of token layer).
    EXPECT_LE(b.dates.most_tokens_held, date_internal::DateMatcher::kWindowTokens + 16)
        << f.name;
    EXPECT_LE(b.layer_bytes, 20 * n) << f.name;
  }
}

}  // namespace
}  // namespace newsmark
