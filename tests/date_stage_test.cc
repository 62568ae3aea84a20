#include "stages/dates/date_stage.h"
#include "stages/tokens/tokens_stage.h"

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "stages/core/strings.h"
#include "stages/dates/date_calendar.h"
#include "stages/dates/date_values.h"
#include "pipeline/rules_check.h"
#include "stages/sentences/sentence_stage.h"
#include "tests/scratch_dir.h"

namespace newsmark {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// "text=TYPE:VALUE[:MOD]@anchor" for each timex found.
std::vector<std::string> Timexes(const std::string& text,
                                 std::optional<absl::CivilDay> date) {
  static const SentenceStage* sentences = SentenceStage::Create({NEWSMARK_SOURCE_DIR "/rules/sentences"})->release();
  static const DateStage* dates = [] {
    auto s = DateStage::Create({NEWSMARK_SOURCE_DIR "/rules/dates"});
    EXPECT_TRUE(s.ok()) << s.status();
    return s->release();
  }();
  Document doc("t", text, date);
  EXPECT_TRUE(TokensStage().Process(doc).ok());
  EXPECT_TRUE(sentences->Process(doc).ok());
  EXPECT_TRUE(dates->Process(doc).ok());
  std::vector<std::string> out;
  for (const Timex& t : doc.timexes()) {
    out.push_back(std::string(doc.Text(t.span)) + "=" + std::string(TimexTypeName(t.type)) +
                  ":" + t.value + (t.mod.empty() ? "" : ":" + t.mod) + "@" +
                  std::string(TimexAnchorName(t.anchor)));
  }
  return out;
}

std::string Seed() {
  std::ifstream in(std::string(NEWSMARK_SOURCE_DIR) + "/seeds/000_4fe12eead70a1acb.txt");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The seed article with its document date: every expression as a reader
// of the article would resolve it (checked by hand against the text).
// A stage is told where its rules are: with no folder it fails rather
// than read rule files from wherever it happens to run.
TEST(DateStage, NoRulesFolderIsAnError) {
  const auto stage = DateStage::Create({});
  ASSERT_FALSE(stage.ok());
  EXPECT_THAT(std::string(stage.status().message()), HasSubstr("no rules folder"));
  const auto sentences = SentenceStage::Create({});
  ASSERT_FALSE(sentences.ok());
  EXPECT_THAT(std::string(sentences.status().message()), HasSubstr("no rules folder"));
}

TEST(DateStage, SeedWithDocumentDate) {
  EXPECT_THAT(Timexes(Seed(), absl::CivilDay(2026, 1, 20)),
              ElementsAre("early January=DATE:2026-01:START@document_date",
                          "January 15=DATE:2026-01-15@document_date",
                          "Sunday=DATE:2026-01-18@document_date",
                          "recent days=DATE:PAST_REF@absolute",
                          "January 3, 2026=DATE:2026-01-03@absolute",
                          "January 5=DATE:2026-01-05@document_date",
                          "the same day=DATE:2026-01-05@previous_mention",
                          "January 9=DATE:2026-01-09@document_date"));
}

TEST(DateStage, WithoutDocumentDateTheYearIsInferred) {
  const auto t = Timexes(Seed(), std::nullopt);
  ASSERT_EQ(t.size(), 8u);
  EXPECT_EQ(t[1], "January 15=DATE:2026-01-15@inferred_date");
  EXPECT_EQ(t[4], "January 3, 2026=DATE:2026-01-03@absolute");
}

TEST(DateStage, NothingToAnchorLeavesPlaceholders) {
  EXPECT_THAT(Timexes("They met on March 3 and again on Friday.", std::nullopt),
              ElementsAre("March 3=DATE:XXXX-03-03@unresolved",
                          "Friday=DATE:XXXX-WXX-5@unresolved"));
}

TEST(DateStage, GuardsAgainstWordsThatAreNotDates) {
  const absl::CivilDay dct(1998, 1, 8);
  EXPECT_THAT(Timexes("Prices may fall and troops march on.", dct), IsEmpty());
  EXPECT_THAT(Timexes("Sun Microsystems rose 5 pct to 1998 dlrs.", dct), IsEmpty());
  EXPECT_THAT(Timexes("Output rose 12.5 pct, or 1,998 tonnes, a 3/4 share.", dct), IsEmpty());
  EXPECT_THAT(Timexes("The 6-year-old boy is 40 years old.", dct), IsEmpty());
}

TEST(DateStage, TenseDecidesDirection) {
  const absl::CivilDay thursday(1998, 1, 8);
  EXPECT_THAT(Timexes("The board met on Friday.", thursday),
              ElementsAre("Friday=DATE:1998-01-02@document_date"));
  EXPECT_THAT(Timexes("The board will meet on Friday.", thursday),
              ElementsAre("Friday=DATE:1998-01-09@document_date"));
  // The nearest tense word counts: "said Friday that it would".
  EXPECT_THAT(Timexes("The company said Friday that it would sell the unit.", thursday),
              ElementsAre("Friday=DATE:1998-01-02@document_date"));
}

TEST(DateStage, DurationsSetsAndMods) {
  const absl::CivilDay dct(1998, 1, 8);
  EXPECT_THAT(Timexes("The four-week strike lasted about a month, more than three "
                      "years after talks that ran several weeks.", dct),
              ElementsAre("four-week=DURATION:P4W@absolute",
                          "about a month=DURATION:P1M:APPROX@absolute",
                          "more than three years=DURATION:P3Y:MORE_THAN@absolute",
                          "several weeks=DURATION:PXW@absolute"));
  EXPECT_THAT(Timexes("He runs every Monday and it is published daily.", dct),
              ElementsAre("every Monday=SET:XXXX-WXX-1@absolute", "daily=SET:P1D@absolute"));
  EXPECT_THAT(Timexes("It saves $500 million a year, pumps 300 barrels per day and runs 24 "
                      "hours a day. A year ago it did not.", dct),
              ElementsAre("a year=SET:P1Y@absolute", "per day=SET:P1D@absolute",
                          "24 hours=DURATION:PT24H@absolute", "a day=SET:P1D@absolute",
                          "A year ago=DATE:1997@document_date"));
}

// The match that starts first wins, then the longest, even when its
// first required word comes later ("the past few weeks" over "the past").
TEST(DateStage, LeftmostLongestMatchWins) {
  const absl::CivilDay dct(1998, 1, 8);
  EXPECT_THAT(Timexes("Rates stabilized over the past few weeks.", dct),
              ElementsAre("the past few weeks=DURATION:PXW@absolute"));
  EXPECT_THAT(Timexes("Prices may rise over the next several days.", dct),
              ElementsAre("the next several days=DURATION:PXD@absolute"));
}

// Bare plurals after a preposition, counts with thousands separators, a
// pattern's own mod, and words that a NONE pattern keeps from matching.
TEST(DateStage, BarePluralsCountsFixedModsAndNonePatterns) {
  const absl::CivilDay dct(1998, 1, 8);
  EXPECT_THAT(Timexes("They waited for weeks. It was the fastest growth in years.", dct),
              ElementsAre("weeks=DURATION:PXW@absolute", "years=DURATION:PXY@absolute"));
  EXPECT_THAT(Timexes("The radios ran for 1,250 hours.", dct),
              ElementsAre("1,250 hours=DURATION:PT1250H@absolute"));
  EXPECT_THAT(Timexes("Visits last no more than sixty days, or up to 180 days.", dct),
              ElementsAre("no more than sixty days=DURATION:P60D:EQUAL_OR_LESS@absolute",
                          "up to 180 days=DURATION:P180D:EQUAL_OR_LESS@absolute"));
  EXPECT_THAT(Timexes("The bank cut rates by a quarter point; a quarter of the board quit.", dct),
              IsEmpty());
  EXPECT_THAT(Timexes("Hogs: 292,000 week ago.", dct), IsEmpty());
}

// A range of days gives both days; a range of counts one vague duration.
TEST(DateStage, Ranges) {
  const absl::CivilDay dct(2026, 3, 2);
  EXPECT_THAT(Timexes("Talks run March 18-19; the summit is on April 24 and 25.", dct),
              ElementsAre("March 18=DATE:2026-03-18@document_date",
                          "19=DATE:2026-03-19@document_date",
                          "April 24=DATE:2026-04-24@document_date",
                          "25=DATE:2026-04-25@document_date"));
  EXPECT_THAT(Timexes("On March 3 and 25 people died; March 30 and 2 others.", dct),
              ElementsAre("March 3=DATE:2026-03-03@document_date",
                          "March 30=DATE:2026-03-30@document_date"));
  EXPECT_THAT(Timexes("It resumes within two to three weeks and will last five to 10 years.", dct),
              ElementsAre("two to three weeks=DURATION:PXW@absolute",
                          "five to 10 years=DURATION:PXY@absolute"));
}

// Cases a review found: each once went wrong in the new rules.
TEST(DateStage, NewRulesLeaveOtherReadingsAlone) {
  const absl::CivilDay dct(1998, 3, 5);
  EXPECT_THAT(Timexes("The death toll rose on Tuesday to 25.", dct),
              ElementsAre("Tuesday=DATE:1998-03-03@document_date"));
  EXPECT_THAT(Timexes("Prices peaked up to three years ago.", dct),
              ElementsAre("three years ago=DATE:1995@document_date"));
  EXPECT_THAT(Timexes("He was freed 1,000 days ago.", dct),
              ElementsAre("1,000 days ago=DATE:1995-06-09@document_date"));
  EXPECT_THAT(Timexes("The army gave people a week to leave.", dct),
              ElementsAre("a week=DURATION:P1W@absolute"));
  EXPECT_THAT(Timexes("Exports fell in the 1985-86 year.", dct),
              ElementsAre("1985=DATE:1985@absolute"));
  EXPECT_THAT(Timexes("Sailings go from 30 to 15 days.", dct),
              ElementsAre("15 days=DURATION:P15D@absolute"));
  EXPECT_THAT(Timexes("Stocks rose in after hours trading.", dct), IsEmpty());
  EXPECT_THAT(Timexes("In May one day of trading was lost.", dct),
              ElementsAre("May=DATE:1997-05@document_date", "one day=DURATION:P1D@absolute"));
}

// Seasons after a preposition of time, by tense; and cases a second
// review found.
TEST(DateStage, SeasonsByTenseAndSecondReview) {
  EXPECT_THAT(Timexes("Prices fell over the summer.", absl::CivilDay(1998, 1, 15)),
              ElementsAre("the summer=DATE:1997-SU@document_date"));
  EXPECT_THAT(Timexes("The seaway will reopen after the winter.", absl::CivilDay(1987, 3, 20)),
              ElementsAre("the winter=DATE:1986-WI@document_date"));
  EXPECT_THAT(Timexes("It will probably open in the summer.", absl::CivilDay(1987, 3, 5)),
              ElementsAre("the summer=DATE:1987-SU@document_date"));
  EXPECT_THAT(Timexes("This past winter was mild.", absl::CivilDay(1998, 2, 20)),
              ElementsAre("This past winter=DATE:1997-WI@document_date"));
  const absl::CivilDay dct(1998, 3, 5);
  EXPECT_THAT(Timexes("The dollar recovered after the fall to 140 yen.", dct), IsEmpty());
  EXPECT_THAT(Timexes("On March 5 a week of talks began.", dct),
              ElementsAre("March 5=DATE:1998-03-05@document_date", "a week=DURATION:P1W@absolute"));
  EXPECT_THAT(Timexes("The rock formed 613,566,757 weeks ago.", dct), IsEmpty());
  EXPECT_THAT(Timexes("The pact is expected to be formally adopted on Friday.", dct),
              ElementsAre("Friday=DATE:1998-03-06@document_date"));
}

TEST(DateStage, RelativeAndAnaphoric) {
  const absl::CivilDay dct(1998, 1, 8);
  EXPECT_THAT(Timexes("Sales rose last week, in the third quarter and two years ago.", dct),
              ElementsAre("last week=DATE:1998-W01@document_date",
                          "the third quarter=DATE:1997-Q3@document_date",
                          "two years ago=DATE:1996@document_date"));
  EXPECT_THAT(Timexes("Talks began on March 3. Two days later, they ended.", dct),
              ElementsAre("March 3=DATE:1997-03-03@document_date",
                          "Two days later=DATE:1997-03-05@previous_mention"));
}

TEST(DateStage, SeasonsHolidaysAndOddDays) {
  const absl::CivilDay july(1998, 7, 15);
  EXPECT_THAT(Timexes("Sales fell last winter and last spring.", july),
              ElementsAre("last winter=DATE:1997-WI@document_date",
                          "last spring=DATE:1998-SP@document_date"));
  // 29 February exists only in leap years; 30 February never.
  EXPECT_THAT(Timexes("He said it closed on Feb. 29.", absl::CivilDay(2021, 3, 5)),
              ElementsAre("Feb. 29=DATE:2020-02-29@document_date"));
  EXPECT_THAT(Timexes("He came Feb. 30.", july), IsEmpty());
  EXPECT_THAT(Timexes("It opened at 13 p.m.", july), IsEmpty());
  EXPECT_THAT(Timexes("They met on Thanksgiving Day.", absl::CivilDay(1998, 12, 1)),
              ElementsAre("Thanksgiving Day=DATE:1998-11-26@document_date"));
  EXPECT_THAT(Timexes("They met on Thanksgiving and on Christmas.", std::nullopt),
              ElementsAre("Thanksgiving=DATE:XXXX-11-XX@unresolved",
                          "Christmas=DATE:XXXX-12-25@unresolved"));
  EXPECT_THAT(Timexes("It was built in the '00s.", july),
              ElementsAre("the '00s=DATE:200@absolute"));
}

TEST(DateStage, UnicodeSpacesPartWords) {
  const absl::CivilDay dct(2026, 1, 20);
  EXPECT_THAT(Timexes("He left on\u00a0Monday, Jan.\u00a019, at 10:30\u202fa.m.", dct),
              ElementsAre("Monday, Jan.\u00a019=DATE:2026-01-19@document_date",
                          "10:30\u202fa.m.=TIME:2026-01-19T10:30@previous_mention"));
  EXPECT_THAT(Timexes("He left on\u3000Monday.", dct),
              ElementsAre("Monday=DATE:2026-01-19@document_date"));
  EXPECT_THAT(Timexes("It boomed in the \u201990s.", dct),
              ElementsAre("the \u201990s=DATE:199@absolute"));
}

// Words are cut eight ASCII letters at a time, then byte by byte: long
// words, words that end in UTF-8 or a Unicode space, and dates right after
// them must come out the same.
TEST(DateStage, LongWordsNextToUnicode) {
  const absl::CivilDay dct(1998, 1, 8);
  EXPECT_THAT(Timexes("Notwithstanding\u00a0January 5, reconstruction\u2014yesterday\u2014"
                      "continued; Zürichbergstrasse closed Wednesday.",
                      dct),
              ElementsAre("January 5=DATE:1998-01-05@document_date",
                          "yesterday=DATE:1998-01-07@document_date",
                          "Wednesday=DATE:1998-01-07@document_date"));
}

TEST(DateStage, BoilerplateIsSkipped) {
  EXPECT_THAT(Timexes("It rained on Monday.\nRead more: Monday's storm\n",
                      absl::CivilDay(1998, 1, 8)),
              ElementsAre("Monday=DATE:1998-01-05@document_date"));
}

class DateRulesTest : public ScratchDirTest {
 protected:
  // Copies rules/ into the scratch folder; returns the path of the copy's
  // dates/`file` and sets *lines to its number of lines.
  std::string CopyRules(const std::string& file, int* lines) {
    std::filesystem::copy(std::filesystem::path(NEWSMARK_SOURCE_DIR) / "rules", dir_,
                          std::filesystem::copy_options::recursive |
                              std::filesystem::copy_options::overwrite_existing);
    const std::string path = (dir_ / "dates" / file).string();
    std::ifstream in(path);
    *lines = 0;
    for (std::string l; std::getline(in, l);) ++*lines;
    return path;
  }
};

TEST_F(DateRulesTest, BadLinesAreReportedWithFileAndLine) {
  int lines;
  const std::string patterns = CopyRules("patterns.tsv", &lines);
  std::ofstream(patterns, std::ios::app)
      << "MONTH BOGUS\tDATE\tmonth(_, $1)\n"
      << "MONTH\tDATE\tfrobnicate($1)\n"
      << "MONTH\tDATE\tmonth(_, $3)\n"
      << "MONTH\tEPOCH\tmonth(_, $1)\n"
      << "HOUR o clock\tTIME\ttime($1, 0, x, $1)\n"
      << "NUMBER UNIT\tDURATION:ROUGHLY\tduration($1, $2)\n"
      << "NUMBER quarter point\tNONE\tliteral(X)\n"
      << "fortnight +to NUMBER\tDURATION\tduration(2, W)\n"
      << "++for PLURAL\tDURATION\tduration(X, $1)\n"
      << "+and DAY\tTIME\trangeday($1)\n"
      << "NUMBER quarter point\tNONE:APPROX\t-\n";
  const RulesReport report = CheckRules(dir_.string());
  const std::string at = patterns + ":";
  EXPECT_THAT(report.problems,
              ElementsAre(at + std::to_string(lines + 1) + ": unknown category BOGUS",
                          at + std::to_string(lines + 2) +
                              ": unknown function frobnicate with 1 arguments",
                          at + std::to_string(lines + 3) + ": $3 names no element",
                          at + std::to_string(lines + 4) + ": unknown type \"EPOCH\"",
                          at + std::to_string(lines + 5) +
                              ": time()'s zone argument must name a ZONE element",
                          at + std::to_string(lines + 6) +
                              ": unknown MOD \"ROUGHLY\" after the type",
                          at + std::to_string(lines + 7) +
                              ": a NONE pattern's VALUE is \"-\"",
                          at + std::to_string(lines + 8) +
                              ": \"NUMBER\" after a !X or +X: those go before or after the "
                              "pattern, not inside it",
                          at + std::to_string(lines + 9) +
                              ": \"++for\": after ! or + comes one word or category",
                          at + std::to_string(lines + 10) +
                              ": rangeday() is a DATE of a DAY element",
                          at + std::to_string(lines + 11) + ": a NONE pattern has no MOD"));
}

TEST_F(DateRulesTest, LexiconValuesTheStageComparesAreChecked) {
  int lines;
  const std::string lexicon = CopyRules("lexicon.tsv", &lines);
  std::ofstream(lexicon, std::ios::app) << "shortly\tTENSE\tfutur\n"
                                        << "after\tDIRECTION\tonly-later\n"
                                        << "ist\tZONE\t+5:30\tcap\n"
                                        << "xst\tZONE\t+99:00\tcap\n"
                                        << "circa\tMOD\tAPROX\n";
  const RulesReport report = CheckRules(dir_.string());
  const std::string at = lexicon + ":";
  EXPECT_THAT(report.problems,
              ElementsAre(at + std::to_string(lines + 1) +
                              ": TENSE wants past, future, base, moves, report or trailing, got \"futur\"",
                          at + std::to_string(lines + 2) +
                              ": DIRECTION wants past, future, only-past, only-future or nearest, got "
                              "\"only-later\"",
                          at + std::to_string(lines + 3) +
                              ": ZONE wants an offset, Z or +HH:MM, got \"+5:30\"",
                          at + std::to_string(lines + 4) +
                              ": ZONE wants an offset, Z or +HH:MM, got \"+99:00\"",
                          at + std::to_string(lines + 5) +
                              ": MOD wants a TIMEX3 mod (START, MID, END, APPROX, LESS_THAN, "
                              "MORE_THAN, EQUAL_OR_LESS, EQUAL_OR_MORE), got \"APROX\""));
}

// The calendar helpers that stand in for absl on hot paths agree with it.
TEST(DateCalendar, DayNumbersAndFormatsAgreeWithAbsl) {
  const absl::CivilDay epoch(1970, 1, 1);
  for (absl::CivilDay d(1599, 1, 1); d < absl::CivilDay(2401, 1, 1); ++d) {
    const int y = static_cast<int>(d.year());
    ASSERT_EQ(date_internal::DayNumber(y, d.month(), d.day()), d - epoch) << d;
    ASSERT_EQ(date_internal::DaysInMonth(y, d.month()),
              absl::CivilDay(absl::CivilMonth(d) + 1) - absl::CivilDay(absl::CivilMonth(d)))
        << d;
  }
  EXPECT_EQ(date_internal::DayNumber(-1, 12, 31), absl::CivilDay(-1, 12, 31) - epoch);
  EXPECT_EQ(date_internal::Month(1998, 3), "1998-03");
  EXPECT_EQ(date_internal::Month(7, 12), "0007-12");
  EXPECT_EQ(date_internal::Month(12345, 1), "12345-01");
  EXPECT_EQ(date_internal::Year(987), "0987");
  EXPECT_EQ(date_internal::Year(-5), "-005");
  int n = -1;
  EXPECT_TRUE(ParseInt("007", &n));
  EXPECT_EQ(n, 7);
  EXPECT_TRUE(ParseInt("1234567890", &n));  // ten digits: absl's parse
  EXPECT_EQ(n, 1234567890);
  EXPECT_FALSE(ParseInt("99999999999", &n));  // beyond int
  EXPECT_FALSE(ParseInt("", &n));
  EXPECT_FALSE(ParseInt("12a", &n));
  EXPECT_TRUE(ParseInt("-4", &n));
  EXPECT_EQ(n, -4);
  // Plain digits only: what ParseInt leaves to absl is refused.
  EXPECT_TRUE(ParseDigits("007", &n));
  EXPECT_EQ(n, 7);
  EXPECT_FALSE(ParseDigits("-4", &n));
  EXPECT_FALSE(ParseDigits("1234567890", &n));
  EXPECT_FALSE(ParseDigits("", &n));
}

TEST(DateCalendar, StartOfEachKindOfValue) {
  using date_internal::StartOf;
  EXPECT_EQ(StartOf("1998-01-08"), absl::CivilDay(1998, 1, 8));
  EXPECT_EQ(StartOf("1998-01-08TNI"), absl::CivilDay(1998, 1, 8));
  EXPECT_EQ(StartOf("1998-02"), absl::CivilDay(1998, 2, 1));
  EXPECT_EQ(StartOf("1998"), absl::CivilDay(1998, 1, 1));
  EXPECT_EQ(StartOf("1998-Q3"), absl::CivilDay(1998, 7, 1));
  EXPECT_EQ(StartOf("1998-W02"), absl::CivilDay(1998, 1, 5));
  // Shaped like a full date but not one: read by its kind.
  EXPECT_EQ(StartOf("1998-Q1-05"), absl::CivilDay(1998, 1, 1));
  EXPECT_EQ(StartOf("1998-02-30"), std::nullopt);
  EXPECT_EQ(StartOf("PAST_REF"), std::nullopt);
  EXPECT_EQ(StartOf("XXXX-01-08"), std::nullopt);
}

// The stage reads a value's day, start and quarter from its structure; the
// string it renders must say the same, read as the stage once read it
// (StartOf, IsFullDate, the length and bytes of the string).
// Every kind of value, over years with 3, 4 and 5 digits and every day of
// some years.
TEST(TimexValue, StructureSaysWhatTheRenderedStringSays) {
  using date_internal::IsFullDate;
  using date_internal::StartOf;
  using date_internal::TimexValue;
  std::vector<TimexValue> values;
  for (int y : {-5, 0, 7, 999, 1000, 1987, 2026, 9999, 10000, 12345}) {
    for (absl::CivilDay d(y, 1, 1); d < absl::CivilDay(y, 2, 15); d += 3) {
      values.push_back(TimexValue::Day(d));
      values.push_back(TimexValue::Day(d, "TNI"));
      values.push_back(TimexValue::Day(d, "T22:30-05"));
      values.push_back(TimexValue::Week(d));
      values.push_back(TimexValue::Weekend(d));
    }
    for (int m = 1; m <= 12; ++m) values.push_back(TimexValue::Month(y, m));
    for (int q = 1; q <= 4; ++q) values.push_back(TimexValue::Quarter(y, q));
    for (int h = 1; h <= 2; ++h) values.push_back(TimexValue::Half(y, h));
    values.push_back(TimexValue::Season(y, "SU"));
    values.push_back(TimexValue::Year(y));
    for (const char* unit : {"D", "W", "WE", "M", "Y", "Q", "HALF", "DE", "CE"}) {
      values.push_back(*TimexValue::AtGrain(absl::CivilDay(y, 12, 30), unit));
    }
  }
  for (absl::CivilDay d(2019, 12, 20); d < absl::CivilDay(2021, 1, 10); ++d) {
    values.push_back(TimexValue::Week(d));
    values.push_back(TimexValue::Day(d));
  }
  for (const char* text : {"XXXX-XX-XX", "XXXX-WXX-3", "XXXX-03-06", "XXXX-03", "P3D", "PXY",
                           "PAST_REF", "199", "19", "1998-SU", "2001-09-11", "2001-09-31",
                           "1998-Q3", "1998", "1000", "XXXX-XX-XXT12:00", "1998-01-08TNI"}) {
    values.push_back(TimexValue::Text(text));
  }
  values.push_back(TimexValue::Text("XXXX-XX-XX", "T10:00"));
  values.push_back(TimexValue::Text("XXXX-WXX-3", "TNI"));
  values.push_back(TimexValue::Season(1998, "SUMMERTIME:00"));  // a lexicon may say anything
  EXPECT_FALSE(TimexValue::AtGrain(absl::CivilDay(2000, 1, 1), "MIN").has_value());

  for (const TimexValue& v : values) {
    const std::string s = v.Render();
    SCOPED_TRACE(s);
    ASSERT_EQ(v.FullDay(), IsFullDate(s));
    ASSERT_EQ(v.Start(), StartOf(s));
    ASSERT_EQ(v.DayWithoutTime(), s.size() == 10 && (IsFullDate(s) || s.rfind("XXXX-", 0) == 0));
    const bool clock = s.size() >= 16 && s[10] == 'T' && s[13] == ':';
    ASSERT_EQ(v.ClockTimeOnADay(), clock);
    if (clock) {
      ASSERT_EQ(v.TimeAfterDay(), s.substr(s.find('T')));
    }
    // Quarters are named by the quarter functions, whose values are
    // structured; their placeholders ("XXXX-Q3") name none.
    if (v.grain != TimexValue::Grain::kText) {
      const bool quarter = s.size() == 7 && s[5] == 'Q' && IsAsciiDigit(s[0]);
      ASSERT_EQ(v.QuarterStart().has_value(), quarter);
      if (quarter) {
        ASSERT_EQ(*v.QuarterStart(), absl::CivilDay(std::stoi(s.substr(0, 4)), 3 * (s[6] - '1') + 1, 1));
      }
    }
  }
  // A rule's literal shaped like a day that no calendar has is written as
  // a day and has no start.
  EXPECT_TRUE(TimexValue::Text("2001-09-31").FullDay());
  EXPECT_EQ(TimexValue::Text("2001-09-31").Start(), std::nullopt);
  EXPECT_EQ(TimexValue::Weekend(absl::CivilDay(2020, 12, 31)).Render(), "2020-W53-WE");
  EXPECT_EQ(TimexValue::Quarter(1998, 3).Start(), absl::CivilDay(1998, 7, 1));
  EXPECT_EQ(TimexValue::Week(absl::CivilDay(2021, 1, 3)).Start(), absl::CivilDay(2020, 12, 28));
}

}  // namespace
}  // namespace newsmark
