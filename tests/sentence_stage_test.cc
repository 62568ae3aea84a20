#include "stages/sentences/sentence_stage.h"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/scratch_dir.h"
#include "pipeline/rules_check.h"

namespace newsmark {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

const SentenceStage& Stage() {
  static const SentenceStage* stage = [] {
    auto s = SentenceStage::Create({NEWSMARK_SOURCE_DIR "/rules/sentences"});
    EXPECT_TRUE(s.ok()) << s.status();
    return s->release();
  }();
  return *stage;
}

std::vector<std::string> Sentences(const std::string& text) {
  Document doc("t", text);
  EXPECT_TRUE(Stage().Process(doc).ok());
  std::vector<std::string> out;
  for (const Sentence& s : doc.sentences()) out.emplace_back(doc.Text(s.span));
  return out;
}

std::vector<std::string> Blocks(const std::string& text) {
  Document doc("t", text);
  EXPECT_TRUE(Stage().Process(doc).ok());
  std::vector<std::string> out;
  for (const Block& b : doc.blocks()) {
    out.push_back(std::string(BlockKindName(b.kind)) + ":" + std::string(doc.Text(b.span)));
  }
  return out;
}

// Each test is a class of decision; the rule files' own examples are run
// by rules_check_test.

TEST(SentenceStage, TitlesNeverEndSentences) {
  EXPECT_THAT(Sentences("Gen. Milley met Sen. Reed. They talked."),
              ElementsAre("Gen. Milley met Sen. Reed.", "They talked."));
}

TEST(SentenceStage, InitialsEndSentencesOnlyBeforeStarters) {
  EXPECT_THAT(Sentences("Shares of J.C. Penney rose in the U.S. The Dow fell."),
              ElementsAre("Shares of J.C. Penney rose in the U.S.", "The Dow fell."));
  EXPECT_THAT(Sentences("John F. Kennedy spoke."), ElementsAre("John F. Kennedy spoke."));
  EXPECT_THAT(Sentences("U.S. officials said so."), ElementsAre("U.S. officials said so."));
}

TEST(SentenceStage, NumberAbbreviationsBeforeNumbers) {
  EXPECT_THAT(Sentences("Stocks fell on Oct. 19 and No. 2 fell most. Sales rose."),
              ElementsAre("Stocks fell on Oct. 19 and No. 2 fell most.", "Sales rose."));
}

TEST(SentenceStage, NoBreakSpacesAreSpaces) {
  // Text from the web: "Jan.&nbsp;3" is the abbreviation before a number,
  // and a sentence ends before a no-break space as before a space.
  EXPECT_THAT(Sentences("Sales fell on Jan.\u00a03, 2026.\u00a0Prices rose."),
              ElementsAre("Sales fell on Jan.\u00a03, 2026.", "Prices rose."));
  EXPECT_THAT(Sentences("Officials in the\u00a0U.S. Senate voted."),
              ElementsAre("Officials in the\u00a0U.S. Senate voted."));
  EXPECT_THAT(Sentences("Talks would resume\n\u00a0next week in Geneva."),
              ElementsAre("Talks would resume\n\u00a0next week in Geneva."));
}

// The words the stage asks about are cut as the tokenizer cuts words
// (docs/tokens.md): a curly quote or a dash before a title ends the word
// there, so "‘Dr." and "—Dr." are the title "Dr.", which ends nothing; an
// apostrophe after the next word ends it, so "They're" starts with the
// starter "They", as "They’re" did.
TEST(SentenceStage, WordsAreCutAsTheTokenizerCutsThem) {
  EXPECT_THAT(Sentences("He met the doctor—Dr. Reed. They talked."),
              ElementsAre("He met the doctor—Dr. Reed.", "They talked."));
  EXPECT_THAT(Sentences("She called him ‘Dr. Reed’ all day."),
              ElementsAre("She called him ‘Dr. Reed’ all day."));
  EXPECT_THAT(Sentences("Buyers came from the U.S. They're active."),
              ElementsAre("Buyers came from the U.S.", "They're active."));
  EXPECT_THAT(Sentences("Buyers came from the U.S. They’re active."),
              ElementsAre("Buyers came from the U.S.", "They’re active."));
  // Other non-ASCII characters are word characters: "N°." is found whole,
  // and numbers the next token.
  EXPECT_THAT(Sentences("Il habite au N°. 12 depuis hier. Elle aussi."),
              ElementsAre("Il habite au N°. 12 depuis hier.", "Elle aussi."));
}

TEST(SentenceStage, MarksBeforeLowerCaseGoOn) {
  EXPECT_THAT(Sentences("He joined Yahoo! in May. \"Why?\" she asked."),
              ElementsAre("He joined Yahoo! in May.", "\"Why?\" she asked."));
}

TEST(SentenceStage, MissingSpaceButNotInAddresses) {
  EXPECT_THAT(Sentences("It ended.Then it began. Mail jo.smith@example.com today."),
              ElementsAre("It ended.", "Then it began.", "Mail jo.smith@example.com today."));
}

TEST(SentenceStage, InlineListsSplitBeforeEachMarker) {
  EXPECT_THAT(Sentences("1) Buy milk 2) Sell eggs 3) Rest"),
              ElementsAre("1) Buy milk", "2) Sell eggs", "3) Rest"));
  // Numbers that do not count up are no list.
  EXPECT_THAT(Sentences("He scored 2. Then 7. Then more."),
              ElementsAre("He scored 2.", "Then 7.", "Then more."));
}

TEST(SentenceStage, SpacedEllipses) {
  EXPECT_THAT(Sentences("It was . . . odd. It ended. . . . Then we left."),
              ElementsAre("It was . . . odd.", "It ended.", ". . . Then we left."));
}

TEST(SentenceStage, HardWrappedTextIsJoinedAndIndentStartsParagraphs) {
  const std::string text =
      "LONDON, March 3 - Shares rose in\nearly trade as investors\nbought banks, "
      "dealers said.\n    Oil fell in\nthin trade and the\npound was flat, they said.\n";
  EXPECT_THAT(Sentences(text),
              ElementsAre("LONDON, March 3 - Shares rose in\nearly trade as investors\n"
                          "bought banks, dealers said.",
                          "Oil fell in\nthin trade and the\npound was flat, they said."));
  EXPECT_THAT(Blocks(text),
              ElementsAre("dateline:LONDON, March 3 -",
                          "paragraph:Shares rose in\nearly trade as investors\nbought "
                          "banks, dealers said.",
                          "paragraph:Oil fell in\nthin trade and the\npound was flat, they said."));
}

TEST(SentenceStage, NumbersOpeningWrappedLinesAreNoListItems) {
  const std::string text =
      "Final terms on the bond will be fixed on the coming March\n12. The "
      "concession is 1-1/2 pct while the fees\nare 3/4 pct, the lead manager "
      "said in a statement.\nThe bond was well received by investors in the "
      "region.\n";
  EXPECT_THAT(Sentences(text),
              ElementsAre("Final terms on the bond will be fixed on the coming March\n12.",
                          "The concession is 1-1/2 pct while the fees\nare 3/4 pct, "
                          "the lead manager said in a statement.",
                          "The bond was well received by investors in the region."));
}

TEST(SentenceStage, FragmentLinesStayApart) {
  EXPECT_THAT(Sentences("prices\nnew offers\nopening hours\n"),
              ElementsAre("prices", "new offers", "opening hours"));
}

TEST(SentenceStage, ArticleStructure) {
  EXPECT_THAT(Blocks("Talks fail in Geneva\nThe talks failed.\n- first point\n"
                     "- second point\nRead more\n"),
              ElementsAre("headline:Talks fail in Geneva", "paragraph:The talks failed.",
                          "list_item:- first point", "list_item:- second point",
                          "boilerplate:Read more"));
  // A headline needs text after it.
  EXPECT_THAT(Blocks("Only a title"), ElementsAre("paragraph:Only a title"));
}

// A lone CR (old Mac files) ends a line as LF does. CR and LF are one byte
// each, so the blocks and sentences are those of the LF text, at the same
// offsets, with CR where LF was.
TEST(SentenceStage, LoneCarriageReturnsEndLinesAsLineFeedsDo) {
  const std::string texts[] = {
      "Talks fail in Geneva\nThe talks failed.\n- first point\n- second point\n"
      "Read more\n",
      "LONDON, March 3 - Shares rose in\nearly trade as investors\nbought banks, "
      "dealers said.\n    Oil fell in\nthin trade and the\npound was flat, they said.\n",
      "Markets rally\n\nShares rose on Monday.\n\nThe index closed higher. Oil was flat.\n",
  };
  auto with_cr = [](std::string s) {
    std::replace(s.begin(), s.end(), '\n', '\r');
    return s;
  };
  for (const std::string& lf : texts) {
    std::vector<std::string> blocks = Blocks(lf), sentences = Sentences(lf);
    for (std::string& b : blocks) b = with_cr(b);
    for (std::string& s : sentences) s = with_cr(s);
    EXPECT_EQ(Blocks(with_cr(lf)), blocks) << lf;
    EXPECT_EQ(Sentences(with_cr(lf)), sentences) << lf;
  }
}

TEST(SentenceStage, SpansAreUtf8Bytes) {
  Document doc("t", "Nicolás left.\n\nThen he came back.");
  ASSERT_TRUE(Stage().Process(doc).ok());
  ASSERT_EQ(doc.sentences().size(), 2u);
  EXPECT_EQ(doc.sentences()[0].span, (Span{0, 14}));  // "á" is two bytes
}

TEST(SentenceStage, SameResultOnManyThreads) {
  std::string text;
  for (int i = 0; i < 50; ++i) {
    text += "Sentence number " + std::to_string(i) + " ends here, Mr. Smith. ";
  }
  const auto expected = Sentences(text);
  ASSERT_EQ(expected.size(), 50u);
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        if (Sentences(text) != expected) ++mismatches[t];
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(mismatches, std::vector<int>(4, 0));
}

// `unit` repeated to `bytes` bytes.
std::string Flood(std::string_view unit, size_t bytes) {
  std::string text;
  while (text.size() + unit.size() <= bytes) text += unit;
  return text;
}

// Texts that once made the stage quadratic: periods with no space after
// them, where each mark's word went back to the start of the text; Chinese
// with an ellipsis every 57 characters, one word to the stage; and
// abbreviations whose decisions were inserted into the middle of the list
// of sentence ends.
std::vector<std::string> Floods(size_t bytes) {
  std::string chinese;
  for (int i = 0; i < 56; ++i) chinese += "\u6c47";  // 汇
  chinese += "\u2026";                              // …
  return {Flood("U.S.", bytes), Flood("Sharesrose,analystssaid.Theyweresure.", bytes),
          Flood(chinese, bytes), Flood("No. 5 ", bytes)};
}

// Work, not time: the bytes the scans read and the sentence ends moved stay
// in proportion to the text.
TEST(SentenceStage, WorkOnFloodsGrowsWithTheText) {
  for (const std::string& text : Floods(100'000)) {
    Document doc("t", text);
    SentenceWork work;
    ASSERT_TRUE(Stage().Process(doc, &work).ok());
    EXPECT_LE(work.bytes_scanned, 8 * text.size()) << text.substr(0, 40);
    EXPECT_LE(work.ends_moved, 2 * text.size()) << text.substr(0, 40);
  }
}

// Each colon may open an inline list; a list finds its next marker by a
// search, not by reading on to the end of the paragraph (12.8 s on 200 KB of
// this before).
TEST(SentenceStage, InlineListsCostInProportionToTheText) {
  std::string text;
  while (text.size() < 100'000) text += "Note: 1. a 2. b ";
  Document doc("t", text);
  SentenceWork work;
  ASSERT_TRUE(Stage().Process(doc, &work).ok());
  EXPECT_LE(work.list_steps, 2 * text.size());
  EXPECT_GT(work.list_steps, 0u);
  // Every "2." follows its "1.": no break after a marker, one before each.
  const std::vector<std::string> sentences = Sentences(text);
  ASSERT_GT(sentences.size(), 2u);
  EXPECT_EQ(sentences[0], "Note:");
  EXPECT_EQ(sentences[1], "1. a");
  EXPECT_EQ(sentences[2], "2. b Note:");
}

TEST(SentenceStage, FloodsAreSegmented) {
  for (const size_t bytes : {100'000, 1'000'000}) {
    const std::vector<std::string> floods = Floods(bytes);
    // No break inside a word of letters and periods.
    EXPECT_THAT(Sentences(floods[0]), ElementsAre(floods[0]));
    // A break only where the word before the period holds none
    // ("analystssaid.They"), not after "sure" in "said.Theyweresure.".
    const std::vector<std::string> shares = Sentences(floods[1]);
    const size_t units = floods[1].size() / 37;
    ASSERT_EQ(shares.size(), units + 1);
    EXPECT_EQ(shares[0], "Sharesrose,analystssaid.");
    EXPECT_EQ(shares[1], "Theyweresure.Sharesrose,analystssaid.");
    EXPECT_EQ(shares.back(), "Theyweresure.");
    // An ellipsis before a character of another script goes on.
    EXPECT_THAT(Sentences(floods[2]), ElementsAre(floods[2]));
    // "No." before a number ends nothing.
    EXPECT_THAT(Sentences(floods[3]), ElementsAre(floods[3].substr(0, floods[3].size() - 1)));
  }
}

class RuleFilesTest : public ScratchDirTest {
 protected:
  void SetUp() override {
    ScratchDirTest::SetUp();
    fs::remove_all(dir_);
    fs::copy(fs::path(NEWSMARK_SOURCE_DIR) / "rules", dir_, fs::copy_options::recursive);
  }
  void Append(const std::string& file, const std::string& text) {
    std::ofstream(dir_ / "sentences" / file, std::ios::app) << text;
  }
  std::string Path(const std::string& file) {
    return (dir_ / "sentences" / file).string();
  }
};

TEST_F(RuleFilesTest, EveryBadLineIsReportedWithFileAndLine) {
  std::ifstream in(Path("abbreviations.tsv"));
  int lines = 0;
  for (std::string l; std::getline(in, l);) ++lines;
  Append("abbreviations.tsv", "Zzz\tsometimes\nMr\ttitle\nQq\n");
  Append("boilerplate.tsv", "(unclosed\n");
  const RulesReport report = CheckRules(dir_.string());
  EXPECT_THAT(report.problems,
              ElementsAre(Path("abbreviations.tsv") + ":" + std::to_string(lines + 1) +
                              ": unknown class \"sometimes\" (title, number, month or general)",
                          Path("abbreviations.tsv") + ":" + std::to_string(lines + 2) +
                              ": \"Mr\" is listed twice",
                          Path("abbreviations.tsv") + ":" + std::to_string(lines + 3) +
                              ": expected ABBREV<tab>CLASS[<tab>EXAMPLE]",
                          HasSubstr("boilerplate.tsv:")));
  EXPECT_THAT(report.problems.back(), HasSubstr("bad pattern: missing )"));
}

TEST_F(RuleFilesTest, AbbreviationsOverTheLongestAreRejected) {
  std::ifstream in(Path("abbreviations.tsv"));
  int lines = 0;
  for (std::string l; std::getline(in, l);) ++lines;
  Append("abbreviations.tsv", std::string(kLongestAbbreviation + 1, 'x') + "\tgeneral\n");
  EXPECT_THAT(CheckRules(dir_.string()).problems,
              ElementsAre(Path("abbreviations.tsv") + ":" + std::to_string(lines + 1) +
                          ": abbreviation longer than 64 bytes"));
}

TEST_F(RuleFilesTest, FailingExamplesShowExpectedAndActual) {
  Append("examples.tsv", "Dr. Who left. || He came back.\nOne. Two.\n");
  const RulesReport report = CheckRules(dir_.string());
  ASSERT_EQ(report.problems.size(), 1u);
  EXPECT_THAT(report.problems[0],
              HasSubstr("examples.tsv:"));
  EXPECT_THAT(report.problems[0],
              HasSubstr(": expected [\"One. Two.\"], got [\"One.\", \"Two.\"]"));
  EXPECT_EQ(report.examples - report.examples_passed, 1);
}

TEST_F(RuleFilesTest, MissingFileIsNamed) {
  fs::remove(Path("starters.txt"));
  const RulesReport report = CheckRules(dir_.string());
  EXPECT_THAT(report.problems,
              ElementsAre(Path("starters.txt") + ":1: cannot read the file"));
}

}  // namespace
}  // namespace newsmark
