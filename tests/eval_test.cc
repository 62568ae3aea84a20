// newsmark eval: gold readers on small hand-made files, and scores worked
// out by hand (the arithmetic is in the comments).

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/scratch_dir.h"
#include "pipeline/eval/evaluate.h"
#include "pipeline/record_writer.h"

namespace newsmark {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

class EvalTest : public ScratchDirTest {
 protected:
  GoldSet Read(const std::string& path, GoldFormat format) {
    absl::StatusOr<GoldSet> set = ReadGold({path}, format);
    EXPECT_TRUE(set.ok()) << set.status();
    return set.ok() ? *std::move(set) : GoldSet();
  }

};

GoldDocument Gold(const std::string& text, Layer layer) {
  GoldDocument g;
  g.doc = std::make_unique<Document>("d", text);
  g.source = "test";
  g.layers = Layers({layer});
  return g;
}

Timex T(uint32_t b, uint32_t e, TimexType type, std::string value) {
  return {{b, e}, type, TimexAnchor::kAbsolute, std::move(value), ""};
}

double Pct(double x) { return std::round(x * 10000) / 100; }

// --- scoring -------------------------------------------------------------

TEST(ScoreTimexes, RelaxedStrictTypeAndValue) {
  const std::string text(60, 'x');
  GoldDocument gold = Gold(text, Layer::kTimexes);
  gold.doc->timexes() = {T(0, 10, TimexType::kDate, "2026-01-05"),
                         T(20, 25, TimexType::kDuration, "P3D"),
                         T(40, 45, TimexType::kDate, "2026-01")};
  Document system("d", text);
  system.timexes() = {T(0, 5, TimexType::kDate, "2026-01-05"),  // partial
                      T(20, 25, TimexType::kDate, "P3D"),       // wrong type
                      T(30, 35, TimexType::kDate, "2026")};     // false alarm
  Scoreboard board;
  ScoreDocument(gold, system, GoldFormat::kTimeml, &board, nullptr);

  // Relaxed: system 0-5 and 20-25 overlap gold (2/3); gold 0-10 and 20-25
  // are overlapped (2/3).
  const MetricCounts* relaxed = board.Find("timexes", "relaxed");
  ASSERT_NE(relaxed, nullptr);
  EXPECT_EQ(Pct(relaxed->precision()), 66.67);
  EXPECT_EQ(Pct(relaxed->recall()), 66.67);
  // Strict: only 20-25 has the same extent: 1/3 and 1/3.
  EXPECT_EQ(Pct(board.Find("timexes", "strict")->f1()), 33.33);
  // Pairs (0-10, 0-5) and (20-25, 20-25): types agree once, values twice.
  EXPECT_EQ(board.Find("timexes", "type")->correct, 1);
  EXPECT_EQ(board.Find("timexes", "type")->total, 2);
  EXPECT_EQ(board.Find("timexes", "value")->correct, 2);
  // DATE alone: system DATEs 0-5, 20-25, 30-35 of which 0-5 overlaps a gold
  // DATE (1/3); gold DATEs 0-10, 40-45 of which 0-10 is found (1/2);
  // F1 = 2 * 1/3 * 1/2 / (1/3 + 1/2) = 0.4.
  EXPECT_EQ(Pct(board.Find("timexes/DATE", "relaxed")->f1()), 40.0);

  // Value F1 = value accuracy (1.0) * relaxed F1 (2/3); type F1 = 0.5 * 2/3.
  EvalResult result;
  result.board = board;
  const std::string json = FormatJson(result);
  EXPECT_THAT(json, HasSubstr("\"value\": {\n        \"accuracy\": 100.0,"));
  EXPECT_THAT(json, HasSubstr("\"f1\": 66.67"));
  EXPECT_THAT(json, HasSubstr("\"f1\": 33.33"));
}

TEST(ScoreTimexes, EmptyDocumentsScoreNothing) {
  GoldDocument gold = Gold("Nothing here.", Layer::kTimexes);
  Document system("d", "Nothing here.");
  Scoreboard board;
  ScoreDocument(gold, system, GoldFormat::kTimeml, &board, nullptr);
  const MetricCounts* relaxed = board.Find("timexes", "relaxed");
  ASSERT_NE(relaxed, nullptr);
  EXPECT_EQ(relaxed->gold, 0);
  EXPECT_EQ(relaxed->system, 0);
  EXPECT_EQ(relaxed->f1(), 0.0);
}

TEST(ScoreEntities, ConllTypesExactAndOverlap) {
  const std::string text(40, 'x');
  GoldDocument gold = Gold(text, Layer::kEntities);
  gold.doc->entities() = {{{0, 5}, "PER", "", ""}, {{10, 20}, "ORG", "", ""}};
  Document system("d", text);
  system.entities() = {{{0, 5}, "person", "", ""},
                       {{10, 15}, "organization", "", ""},
                       {{30, 35}, "location", "", ""}};
  Scoreboard board;
  ErrorLog log;
  ScoreDocument(gold, system, GoldFormat::kConll, &board, &log);
  // Exact: person 0-5 = PER 0-5 only: P 1/3, R 1/2, F1 0.4.
  const MetricCounts* exact = board.Find("entities", "exact");
  EXPECT_EQ(Pct(exact->precision()), 33.33);
  EXPECT_EQ(Pct(exact->recall()), 50.0);
  EXPECT_EQ(Pct(exact->f1()), 40.0);
  // Overlap, any type: system 2/3, gold 2/2: F1 = 2 * 2/3 / (5/3) = 0.8.
  EXPECT_EQ(Pct(board.Find("entities", "overlap")->f1()), 80.0);
  EXPECT_EQ(Pct(board.Find("entities/PER", "exact")->f1()), 100.0);
  EXPECT_EQ(Pct(board.Find("entities/ORG", "exact")->f1()), 0.0);
  // Two false positives (10-15 ORG, 30-35 LOC) and one miss (10-20 ORG).
  EXPECT_EQ(log.lines.size(), 3u);
}

TEST(ScoreSentences, BoundariesAndCases) {
  GoldDocument gold = Gold("Hi there.  It is Mr. Smith. Bye.", Layer::kSentences);
  gold.doc->sentences() = {{{0, 9}}, {{11, 27}}, {{28, 32}}};
  gold.expected_segments = {"Hi there.", "It is Mr. Smith.", "Bye."};
  gold.in_pysbd_48 = true;
  Document system("d", std::string(gold.doc->text()));
  system.sentences() = {{{0, 9}}, {{11, 20}}, {{21, 27}}, {{28, 32}}};
  Scoreboard board;
  ScoreDocument(gold, system, GoldFormat::kSentences, &board, nullptr);
  // Gold boundaries at 9 and 27; system at 9, 20, 27: P 2/3, R 2/2.
  const MetricCounts* b = board.Find("sentences", "boundaries");
  EXPECT_EQ(b->system_matched, 2);
  EXPECT_EQ(b->system, 3);
  EXPECT_EQ(b->gold_matched, 2);
  EXPECT_EQ(board.Find("sentences", "cases")->correct, 0);
  EXPECT_EQ(board.Find("sentences", "cases_pysbd48")->total, 1);
}

TEST(ScoreAttributions, PartsAndWholes) {
  const std::string text(60, 'x');
  GoldDocument gold = Gold(text, Layer::kAttributions);
  gold.doc->attributions() = {{Span{0, 5}, {6, 10}, {{11, 30}}},
                              {std::nullopt, {40, 45}, {{46, 55}}}};
  Document system("d", text);
  system.attributions() = {{Span{0, 5}, {6, 10}, {{15, 30}}},   // content partial
                           {Span{31, 35}, {40, 45}, {{46, 55}}}};  // has a source
  Scoreboard board;
  ScoreDocument(gold, system, GoldFormat::kBrat, &board, nullptr);
  EXPECT_EQ(Pct(board.Find("attributions/cue", "exact")->f1()), 100.0);
  // Sources: gold 1 (0-5), system 2 (0-5, 31-35): P 1/2, R 1/1.
  EXPECT_EQ(Pct(board.Find("attributions/source", "exact")->precision()), 50.0);
  // Content exact: only 46-55 matches: 1/2 and 1/2.
  EXPECT_EQ(Pct(board.Find("attributions/content", "exact")->f1()), 50.0);
  EXPECT_EQ(Pct(board.Find("attributions/content", "overlap")->f1()), 100.0);
  // Wholes: the first matches (overlaps everywhere); the second does not
  // (source present on one side only): 1/2 and 1/2.
  EXPECT_EQ(Pct(board.Find("attributions", "overlap")->f1()), 50.0);
}

// TempEval-3 pairs gold and system timexes one to one: the official toolkit
// (TimeML-Normalizer, then evaluate_entities.py) gives each side's timex one
// partner at most, so relaxed P and R both count pairs.
TEST(ScoreTimexes, OneSystemTimexOverTwoGoldCountsOnce) {
  const std::string text = "It ends eight years from now.";
  GoldDocument gold = Gold(text, Layer::kTimexes);
  gold.doc->timexes() = {T(8, 19, TimexType::kDuration, "P8Y"),   // eight years
                         T(25, 28, TimexType::kDate, "PRESENT_REF")};  // now
  Document system("d", text);
  system.timexes() = {T(8, 28, TimexType::kDate, "2034")};  // eight years from now
  Scoreboard board;
  ScoreDocument(gold, system, GoldFormat::kTimeml, &board, nullptr);
  // One pair (8-19 with 8-28); "now" has no partner left: P 1/1, R 1/2,
  // F1 2 * 1 * 0.5 / 1.5 = 66.67. (Any-overlap counting gave R 2/2.)
  const MetricCounts* relaxed = board.Find("timexes", "relaxed");
  EXPECT_EQ(relaxed->system_matched, 1);
  EXPECT_EQ(relaxed->gold_matched, 1);
  EXPECT_EQ(Pct(relaxed->precision()), 100.0);
  EXPECT_EQ(Pct(relaxed->recall()), 50.0);
  EXPECT_EQ(Pct(relaxed->f1()), 66.67);
  EXPECT_EQ(board.Find("timexes", "strict")->gold_matched, 0);
  // The pair's type and value: DURATION/P8Y against DATE/2034, both wrong.
  EXPECT_EQ(board.Find("timexes", "type")->total, 1);
  EXPECT_EQ(board.Find("timexes", "type")->correct, 0);
  // Per type: no DURATION found (0/1); the DATE "now" overlaps the system
  // DATE, which pairs with it there: P 1/1, R 1/1.
  EXPECT_EQ(Pct(board.Find("timexes/DURATION", "relaxed")->recall()), 0.0);
  EXPECT_EQ(Pct(board.Find("timexes/DATE", "relaxed")->f1()), 100.0);
}

TEST(ScoreTimexes, TwoSystemTimexesInsideOneGoldCountOnce) {
  const std::string text = "over 12 and 18 months";
  GoldDocument gold = Gold(text, Layer::kTimexes);
  gold.doc->timexes() = {T(5, 21, TimexType::kDuration, "P12M")};  // 12 and 18 months
  Document system("d", text);
  system.timexes() = {T(5, 7, TimexType::kDuration, "P12M"),     // 12
                      T(12, 21, TimexType::kDuration, "P18M")};  // 18 months
  Scoreboard board;
  ScoreDocument(gold, system, GoldFormat::kTimeml, &board, nullptr);
  // The gold timex pairs with the first system timex: P 1/2, R 1/1,
  // F1 2 * 0.5 * 1 / 1.5 = 66.67; the value of that pair (P12M) is right.
  const MetricCounts* relaxed = board.Find("timexes", "relaxed");
  EXPECT_EQ(Pct(relaxed->precision()), 50.0);
  EXPECT_EQ(Pct(relaxed->recall()), 100.0);
  EXPECT_EQ(Pct(relaxed->f1()), 66.67);
  EXPECT_EQ(board.Find("timexes", "value")->correct, 1);
  EXPECT_EQ(board.Find("timexes", "value")->total, 1);
}

Span Sub(const std::string& text, const std::string& part, size_t from = 0) {
  const size_t at = text.find(part, from);
  EXPECT_NE(at, std::string::npos) << part;
  return {static_cast<uint32_t>(at), static_cast<uint32_t>(at + part.size())};
}

// The chunk metric tags the tokens of each paragraph (line) as CofeNet's
// data does. Counts per role: system, gold, matched.
struct ChunkCounts {
  int64_t system, gold, matched;
};
ChunkCounts Chunks(const Scoreboard& board, const std::string& role) {
  const MetricCounts* m = board.Find("attributions/" + role, "chunks");
  EXPECT_NE(m, nullptr) << role;
  if (m == nullptr) return {-1, -1, -1};
  EXPECT_EQ(m->system_matched, m->gold_matched);
  return {m->system, m->gold, m->gold_matched};
}
bool operator==(const ChunkCounts& a, const ChunkCounts& b) {
  return a.system == b.system && a.gold == b.gold && a.matched == b.matched;
}
void PrintTo(const ChunkCounts& c, std::ostream* os) {
  *os << "{system " << c.system << ", gold " << c.gold << ", matched " << c.matched
      << "}";
}

TEST(ScoreAttributionChunks, ContentOverTwoParagraphsIsTwoChunks) {
  const std::string text = "Jones said the vote failed\nand the party split.\n";
  GoldDocument gold = Gold(text, Layer::kAttributions);
  gold.doc->attributions() = {
      {Sub(text, "Jones"), Sub(text, "said"),
       {Sub(text, "the vote failed\nand the party split.")}}};
  Document system("d", text);
  system.attributions() = {
      {Sub(text, "Jones"), Sub(text, "said"), {Sub(text, "the vote failed")}}};
  Scoreboard board;
  ScoreDocument(gold, system, GoldFormat::kBrat, &board, nullptr);
  // Gold content is cut at the line end: "the vote failed" and "and the
  // party split."; the system finds the first: P 1/1, R 1/2.
  EXPECT_EQ(Chunks(board, "content"), (ChunkCounts{1, 2, 1}));
  EXPECT_EQ(Chunks(board, "source"), (ChunkCounts{1, 1, 1}));
  EXPECT_EQ(Chunks(board, "cue"), (ChunkCounts{1, 1, 1}));
  // As spans, the content is one gold span that nothing matches exactly.
  EXPECT_EQ(board.Find("attributions/content", "exact")->gold_matched, 0);
}

TEST(ScoreAttributionChunks, SharedSourceIsOneChunkAndTokensDecide) {
  const std::string text = "Jones said taxes rose, and added that rates fell.";
  GoldDocument gold = Gold(text, Layer::kAttributions);
  gold.doc->attributions() = {
      {Sub(text, "Jones"), Sub(text, "said"), {Sub(text, "taxes rose")}},
      {Sub(text, "Jones"), Sub(text, "added"), {Sub(text, "that rates fell")}}};
  Document system("d", text);
  // The content takes the comma (another token: no match); the second
  // content stops inside a token ("fel"), which still tags the whole token.
  system.attributions() = {
      {Sub(text, "Jones"), Sub(text, "said"), {Sub(text, "taxes rose,")}},
      {Sub(text, "Jones"), Sub(text, "added"), {Sub(text, "that rates fel")}}};
  Scoreboard board;
  ScoreDocument(gold, system, GoldFormat::kBrat, &board, nullptr);
  EXPECT_EQ(Chunks(board, "source"), (ChunkCounts{1, 1, 1}));
  EXPECT_EQ(Chunks(board, "cue"), (ChunkCounts{2, 2, 2}));
  EXPECT_EQ(Chunks(board, "content"), (ChunkCounts{2, 2, 1}));
  // As spans the source is given twice on each side.
  EXPECT_EQ(board.Find("attributions/source", "exact")->gold, 2);
}

TEST(ScoreAttributionChunks, NestedAttributionCutsTheOuterContent) {
  const std::string text = "Aides said Jones told them the deal was dead.";
  GoldDocument gold = Gold(text, Layer::kAttributions);
  gold.doc->attributions() = {
      {Sub(text, "Aides"), Sub(text, "said"),
       {Sub(text, "Jones told them the deal was dead")}},
      {Sub(text, "Jones"), Sub(text, "told"), {Sub(text, "the deal was dead")}}};
  Document system("d", text);
  system.attributions() = {
      {Sub(text, "Jones"), Sub(text, "told"), {Sub(text, "the deal was dead")}}};
  Scoreboard board;
  ScoreDocument(gold, system, GoldFormat::kBrat, &board, nullptr);
  // One tag a token: the inner spans are tagged over the outer content,
  // which keeps "them" only. Gold: sources Aides, Jones; cues said, told;
  // contents "them", "the deal was dead".
  EXPECT_EQ(Chunks(board, "source"), (ChunkCounts{1, 2, 1}));
  EXPECT_EQ(Chunks(board, "cue"), (ChunkCounts{1, 2, 1}));
  EXPECT_EQ(Chunks(board, "content"), (ChunkCounts{1, 2, 1}));
}

TEST(ScoreAttributionChunks, EveryAnnotatorFileCounts) {
  const std::string text = "Jones said it rained. Smith said it snowed.";
  const Attribution jones{Sub(text, "Jones"), Sub(text, "said"),
                          {Sub(text, "it rained")}};
  const Attribution smith{Sub(text, "Smith"), Sub(text, "said", 12),
                          {Sub(text, "it snowed")}};
  GoldDocument gold = Gold(text, Layer::kAttributions);
  gold.annotators = {{jones}, {jones, smith}};
  gold.doc->attributions() = gold.annotators[0];
  Document system("d", text);
  system.attributions() = {jones};
  Scoreboard board;
  ScoreDocument(gold, system, GoldFormat::kBrat, &board, nullptr);
  // The system is scored against each file: 1 of 1, then 1 of 2.
  EXPECT_EQ(Chunks(board, "cue"), (ChunkCounts{2, 3, 2}));
  // The span metrics read the first file only.
  EXPECT_EQ(board.Find("attributions/cue", "exact")->gold, 1);
}

TEST(EvaluateSaved, PairsByIdThenByPositionAndNamesWhatIsMissing) {
  auto doc = [](std::string id, std::string text, std::vector<Timex> timexes) {
    GoldDocument g = Gold(text, Layer::kTimexes);
    g.doc = std::make_unique<Document>(std::move(id), std::move(text));
    g.doc->timexes() = std::move(timexes);
    g.source = "gold";
    return g;
  };
  GoldSet gold, system;
  gold.documents.push_back(doc("a", "On Monday.", {T(3, 9, TimexType::kDate, "X")}));
  gold.documents.push_back(doc("b", "On Friday.", {T(3, 9, TimexType::kDate, "Y")}));
  gold.documents.push_back(doc("c", "In May.", {T(3, 6, TimexType::kDate, "Z")}));
  gold.documents.push_back(doc("d", "In June.", {T(3, 7, TimexType::kDate, "W")}));
  // b by id (out of order); a by position under another id; c's text
  // differs; d is absent.
  system.documents.push_back(doc("file:1", "On Monday.", {T(3, 9, TimexType::kDate, "X")}));
  system.documents.push_back(doc("c", "In May!", {T(3, 6, TimexType::kDate, "Z")}));
  system.documents.push_back(doc("b", "On Friday.", {T(3, 9, TimexType::kDate, "Y")}));
  absl::StatusOr<EvalResult> result =
      EvaluateSaved(gold, system, GoldFormat::kTimeml, EvalOptions());
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->documents, 4);
  EXPECT_THAT(result->errors,
              ElementsAre("gold: c: the system document's text is not the gold "
                          "text; scored as finding nothing",
                          "gold: d: no system document with this id; scored as "
                          "finding nothing"));
  // a and b found, c and d missed: P 2/2, R 2/4.
  const MetricCounts* relaxed = result->board.Find("timexes", "relaxed");
  EXPECT_EQ(relaxed->system, 2);
  EXPECT_EQ(relaxed->gold, 4);
  EXPECT_EQ(relaxed->gold_matched, 2);
  EXPECT_EQ(result->board.Find("timexes", "value")->correct, 2);
}

// --- readers ------------------------------------------------------------

TEST_F(EvalTest, TimemlReader) {
  const std::string path = Write("a.tml",
      "<?xml version=\"1.0\" ?>\n<TimeML>\n<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" "
      "value=\"1998-01-08\" functionInDocument=\"CREATION_TIME\">19980108</TIMEX3></DCT>\n"
      "<TEXT>\nAT&amp;T <EVENT eid=\"e1\">said</EVENT> on <TIMEX3 tid=\"t1\" "
      "type=\"DATE\" value=\"1998-01-07\">Wednesday</TIMEX3> it grew for "
      "<TIMEX3 tid=\"t2\" type=\"DURATION\" value=\"P3Y\" mod=\"MORE_THAN\">more than three years</TIMEX3>.\n"
      "</TEXT>\n</TimeML>\n");
  GoldSet set = Read(path, GoldFormat::kTimeml);
  ASSERT_TRUE(set.errors.empty()) << set.errors[0];
  ASSERT_EQ(set.documents.size(), 1u);
  const Document& d = *set.documents[0].doc;
  EXPECT_EQ(d.text(), "\nAT&T said on Wednesday it grew for more than three years.\n");
  EXPECT_EQ(d.date(), absl::CivilDay(1998, 1, 8));
  ASSERT_EQ(d.timexes().size(), 2u);
  EXPECT_EQ(d.Text(d.timexes()[0].span), "Wednesday");
  EXPECT_EQ(d.timexes()[0].value, "1998-01-07");
  EXPECT_EQ(d.timexes()[1].type, TimexType::kDuration);
  EXPECT_EQ(d.timexes()[1].mod, "MORE_THAN");
}

TEST_F(EvalTest, TimemlErrorsNameFileAndLine) {
  const std::string no_text = Write("b.tml", "<TimeML>\n<DOCID>x</DOCID>\n</TimeML>\n");
  const std::string bad_type = Write(
      "c.tml", "<TimeML>\n<TEXT>\nOn\n<TIMEX3 type=\"DAY\">Monday</TIMEX3>\n</TEXT>\n</TimeML>\n");
  GoldSet set = Read(dir_.string(), GoldFormat::kTimeml);
  EXPECT_TRUE(set.documents.empty());
  EXPECT_THAT(set.errors,
              ElementsAre(no_text + ":1: no <TEXT>...</TEXT> element",
                          bad_type + ":4: TIMEX3 with unknown type \"DAY\""));
}

// Gold document dates are held to the range input dates are: year 0
// gave values like "-001-12-27".
TEST_F(EvalTest, GoldDatesOutsideTheDocumentRangeAreErrors) {
  const std::string tml = Write("y0.tml",
      "<TimeML>\n<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"0000-01-01\"/></DCT>\n"
      "<TEXT>\nOn Monday.\n</TEXT>\n</TimeML>\n");
  GoldSet set = Read(tml, GoldFormat::kTimeml);
  EXPECT_THAT(set.errors, ElementsAre(tml + ":2: <DCT> value \"0000-01-01\" is not a document "
                                            "date (1000-01-01 to 2999-12-31)"));
  const std::string records = Write("y0.jsonl",
      "{\"id\":\"a\",\"date\":\"0999-12-31\",\"text\":\"On Monday.\",\"layers\":{}}\n"
      "{\"id\":\"b\",\"date\":\"1000-01-01\",\"text\":\"On Monday.\",\"layers\":{}}\n");
  set = Read(records, GoldFormat::kJsonl);
  ASSERT_EQ(set.documents.size(), 1u);
  EXPECT_EQ(set.documents[0].doc->date(), absl::CivilDay(1000, 1, 1));
  ASSERT_EQ(set.errors.size(), 1u);
  EXPECT_THAT(set.errors[0], HasSubstr("y0.jsonl:1"));
  EXPECT_THAT(set.errors[0], HasSubstr("\"date\" is not a document date"));
}

TEST_F(EvalTest, ConllReader) {
  const std::string path = Write("eng.x",
      "-DOCSTART- -X- O O\n\n"
      "EU NNP I-NP I-ORG\nrejects VBZ I-VP O\nGerman JJ I-NP I-MISC\n"
      "call NN I-NP O\n. . O O\n\n"
      "Peter NNP I-NP I-PER\nBlackburn NNP I-NP I-PER\nand CC O O\n"
      "Paris NNP I-NP I-LOC\nLondon NNP I-NP B-LOC\n\n"
      "-DOCSTART- -X- O O\n\nOops\nfine NN O O\n");
  GoldSet set = Read(path, GoldFormat::kConll);
  ASSERT_EQ(set.documents.size(), 1u);  // the second has a malformed line
  EXPECT_THAT(set.errors, ElementsAre(path + ":17: expected 'TOKEN ... TAG' "
                                      "with an IOB tag, got \"Oops\""));
  const Document& d = *set.documents[0].doc;
  EXPECT_EQ(d.text(), "EU rejects German call .\nPeter Blackburn and Paris London\n");
  std::vector<std::string> got;
  for (const Entity& e : d.entities()) {
    got.push_back(e.type + ":" + std::string(d.Text(e.span)));
  }
  // B-LOC after I-LOC starts a new entity.
  EXPECT_THAT(got, ElementsAre("ORG:EU", "MISC:German", "PER:Peter Blackburn",
                               "LOC:Paris", "LOC:London"));
}

TEST_F(EvalTest, BratReader) {
  // "Ché" has a two-byte é: brat offsets are code points.
  Write("p/text/art_2016-09-12_x.txt", "Ché said: \"We won.\" Others agree.");
  const std::string ann = Write(
      "p/attributions/art_2016-09-12_x_aa.ann",
      "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
      "T1\tSource 0 3\tChé\nT2\tCue 4 8\tsaid\nT3\tContent 10 19\t\"We won.\"\n"
      "T4\tAttribution 4 8\tsaid\n"
      "T8\tDiscuss 0 19\tChé said:\n"   // a span text across a line break
      "The rest of it\n"
      "T5\tCue 27 32\tagree\nT6\tContent 20 26;27 32\tOthers agree\n"
      "T7\tAttribution 27 32\tagree\n"
      "E2\tAttribution-no-source:T7 Cue:T5 Content:T6\n");
  // A second annotator, with one attribution.
  Write("p/attributions/art_2016-09-12_x_bb.ann",
        "T1\tSource 0 3\tChé\nT2\tCue 4 8\tsaid\nT3\tContent 10 19\t\"We won.\"\n"
        "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n");
  GoldSet set = Read((dir_ / "p").string(), GoldFormat::kBrat);
  ASSERT_TRUE(set.errors.empty()) << set.errors[0];
  ASSERT_EQ(set.documents.size(), 1u);
  // Both files are read: the first one's attributions are the document's.
  ASSERT_EQ(set.documents[0].annotators.size(), 2u);
  EXPECT_EQ(set.documents[0].annotators[0].size(), 2u);
  EXPECT_EQ(set.documents[0].annotators[1].size(), 1u);
  const Document& d = *set.documents[0].doc;
  EXPECT_EQ(d.date(), absl::CivilDay(2016, 9, 12));
  ASSERT_EQ(d.attributions().size(), 2u);
  EXPECT_EQ(d.Text(*d.attributions()[0].source), "Ché");
  EXPECT_EQ(d.Text(d.attributions()[0].cue), "said");
  EXPECT_EQ(d.Text(d.attributions()[0].content[0]), "\"We won.\"");
  EXPECT_FALSE(d.attributions()[1].source);
  EXPECT_EQ(d.attributions()[1].content.size(), 2u);

  // A malformed file of any annotator keeps the article out, named.
  Write("q/text/z.txt", "Short.");
  Write("q/attributions/z_a.ann", "T1\tSource 0 5\tShort\n");
  const std::string bad = Write("q/attributions/z_b.ann", "T1\tSource 0 99\tShort.\n");
  GoldSet bad_set = Read((dir_ / "q").string(), GoldFormat::kBrat);
  EXPECT_TRUE(bad_set.documents.empty());
  EXPECT_THAT(bad_set.errors,
              ElementsAre(bad + ":1: bad offsets in \"Source 0 99\" (text has 6 characters)"));
}


// Seen reading the brat reader, confirmed by gold_fuzzer's span check (its
// first 200 s did not reach it alone): fragments listed last to first made
// a source or cue span whose begin was past its end.
TEST_F(EvalTest, BratSpanOfFragmentsOutOfOrderCoversThemAll) {
  Write("p/text/a.txt", "Ché said: \"We won.\" Others agree.");
  Write("p/attributions/a_x.ann",
        "T1\tSource 5 8;0 3\tsaid Ché\nT2\tCue 4 8\tsaid\nT3\tContent 20 26;10 19\tx\n"
        "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n");
  GoldSet set = Read((dir_ / "p").string(), GoldFormat::kBrat);
  ASSERT_TRUE(set.errors.empty()) << set.errors[0];
  ASSERT_EQ(set.documents.size(), 1u);
  const Document& d = *set.documents[0].doc;
  ASSERT_EQ(d.attributions().size(), 1u);
  ASSERT_TRUE(d.attributions()[0].source);
  // Code points [0, 8) are bytes [0, 9): "é" takes two.
  EXPECT_EQ(d.attributions()[0].source->begin, 0u);
  EXPECT_EQ(d.attributions()[0].source->end, 9u);
  EXPECT_EQ(d.Text(*d.attributions()[0].source), "Ché said");
  // Content fragments stay as listed, each one a span of its own.
  ASSERT_EQ(d.attributions()[0].content.size(), 2u);
  EXPECT_EQ(d.Text(d.attributions()[0].content[0]), "Others");
  EXPECT_EQ(d.Text(d.attributions()[0].content[1]), "\"We won.\"");
}
TEST_F(EvalTest, GoldenRulesReaderMatchesSegmentsLoosely) {
  const std::string path = Write("g.json", R"({"cases": [
    {"id": 1, "text": "A cold \nnight. Yes.", "expected": ["A cold night.", "Yes."], "in_pysbd_48": true},
    {"id": 2, "text": "Hello.", "expected": ["Goodbye."]}
  ]})");
  GoldSet set = Read(path, GoldFormat::kSentences);
  ASSERT_EQ(set.documents.size(), 2u);
  const Document& d = *set.documents[0].doc;
  ASSERT_EQ(d.sentences().size(), 2u);
  EXPECT_EQ(d.Text(d.sentences()[0].span), "A cold \nnight.");
  EXPECT_TRUE(set.documents[0].in_pysbd_48);
  EXPECT_THAT(set.errors, ElementsAre(path + ": case 2: expected sentence "
                                      "\"Goodbye.\" is not in the text"));
  const std::string broken = Write("h.json", "{\"cases\": [\n{\"text\": }\n]}");
  EXPECT_THAT(Read(broken, GoldFormat::kSentences).errors,
              ElementsAre(broken + ":2: Invalid value."));
}

TEST_F(EvalTest, LinesReader) {
  const std::string path = Write("l.txt", "One sentence.\nTwo here.\n\nNew paragraph.\n");
  GoldSet set = Read(path, GoldFormat::kLines);
  ASSERT_EQ(set.documents.size(), 1u);
  const Document& d = *set.documents[0].doc;
  EXPECT_EQ(d.text(), "One sentence. Two here.\nNew paragraph.");
  ASSERT_EQ(d.sentences().size(), 3u);
  EXPECT_EQ(d.Text(d.sentences()[2].span), "New paragraph.");
}

TEST_F(EvalTest, JsonlReaderReadsRecordsBack) {
  Document doc("r1", "Nicolás said on Sunday.", absl::CivilDay(2026, 1, 20));
  doc.sentences().push_back({{0, 24}});
  doc.timexes().push_back(
      {{17, 23}, TimexType::kDate, TimexAnchor::kDocumentDate, "2026-01-18", ""});
  doc.entities().push_back({{0, 8}, "person", "", "Nicolás"});
  std::string records;
  AppendRecord(doc, {"x", 1, "r1"}, "{}", &records);
  const std::string path = Write("r.jsonl", records + "{\"nope\":1}\n{bad\n");
  GoldSet set = Read(path, GoldFormat::kJsonl);
  ASSERT_EQ(set.documents.size(), 1u);
  EXPECT_THAT(set.errors,
              ElementsAre(path + ":2: not a newsmark record (needs \"text\" and \"layers\")",
                          path + ":3: invalid JSON at column 2: Missing a name for object member."));
  const Document& d = *set.documents[0].doc;
  EXPECT_EQ(d.id(), "r1");
  EXPECT_EQ(d.date(), absl::CivilDay(2026, 1, 20));
  ASSERT_EQ(d.timexes().size(), 1u);
  EXPECT_EQ(d.timexes()[0].span, (Span{17, 23}));  // bytes again
  EXPECT_EQ(d.timexes()[0].anchor, TimexAnchor::kDocumentDate);
  EXPECT_EQ(d.entities()[0].name, "Nicolás");
}

// Gold text is checked as annotate checks its inputs: ill-formed UTF-8 would
// send the stages reading past the end of the text.
TEST_F(EvalTest, InvalidUtf8IsAnErrorNamingFileAndLine) {
  const std::string conll = Write("c.conll",
      "-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\ncaf\xC3 NN O O\n\n"
      "-DOCSTART- -X- O O\n\nfine NN O O\n");
  GoldSet conll_set = Read(conll, GoldFormat::kConll);
  EXPECT_THAT(conll_set.errors, ElementsAre(conll + ":4: invalid UTF-8 at column 4"));
  ASSERT_EQ(conll_set.documents.size(), 1u);
  EXPECT_EQ(conll_set.documents[0].doc->text(), "fine");

  const std::string lines =
      Write("l.txt", "First sentence here with more words in it \xF0\nSecond one.\n");
  GoldSet lines_set = Read(lines, GoldFormat::kLines);
  EXPECT_THAT(lines_set.errors, ElementsAre(lines + ":1: invalid UTF-8 at column 43"));
  ASSERT_EQ(lines_set.documents.size(), 1u);
  EXPECT_EQ(lines_set.documents[0].doc->text(), "Second one.");

  const std::string text = Write("p/text/a.txt", "Good line.\nHe said \xE2\x80 so.");
  Write("p/attributions/a_x.ann", "T1\tCue 0 4\tGood\n");
  Write("p/text/b.txt", "She said so.");
  const std::string ann = Write("p/attributions/b_x.ann", "T1\tCue 4 8\tsaid\nT2\tCue 0 3\tSh\xE9\n");
  Write("p/text/c.txt", "They said so.");
  Write("p/attributions/c_x.ann", "T1\tCue 5 9\tsaid\nE1\tAttribution:T1 Cue:T1\n");
  GoldSet brat_set = Read((dir_ / "p").string(), GoldFormat::kBrat);
  EXPECT_THAT(brat_set.errors, ElementsAre(text + ":2: invalid UTF-8 at column 9",
                                           ann + ":2: invalid UTF-8 at column 14"));
  ASSERT_EQ(brat_set.documents.size(), 1u);
  EXPECT_EQ(brat_set.documents[0].doc->text(), "They said so.");

  const std::string golden = Write("g.json",
      "{\"cases\": [\n{\"text\": \"Bad \xF0\", \"expected\": [\"Bad\"]},\n"
      "{\"text\": \"Also bad \\udc00.\", \"expected\": [\"Also bad.\"]},\n"
      "{\"text\": \"Good.\", \"expected\": [\"Good.\", \"\xC3\"]},\n"
      "{\"text\": \"Fine.\", \"expected\": [\"Fine.\"]}\n]}");
  GoldSet golden_set = Read(golden, GoldFormat::kSentences);
  EXPECT_THAT(golden_set.errors,
              ElementsAre(golden + ": case 1: \"text\" is not valid UTF-8",
                          golden + ": case 2: \"text\" is not valid UTF-8",
                          golden + ": case 3: \"expected\" is not valid UTF-8"));
  ASSERT_EQ(golden_set.documents.size(), 1u);
  EXPECT_EQ(golden_set.documents[0].doc->text(), "Fine.");

  const std::string records = Write("r.jsonl",
      "{\"text\":\"Bad \xF0\",\"layers\":{}}\n"
      "{\"text\":\"Also bad \\udc00.\",\"layers\":{}}\n"
      "{\"id\":\"\\udc00\",\"text\":\"Bad id.\",\"layers\":{}}\n"
      "{\"text\":\"Fine.\",\"layers\":{}}\n");
  GoldSet records_set = Read(records, GoldFormat::kJsonl);
  EXPECT_THAT(records_set.errors,
              ElementsAre(records + ":1: invalid UTF-8 at column 14",
                          records + ":2: field 'text' is not valid UTF-8 (a lone surrogate escape?)",
                          records + ":3: field 'id' is not valid UTF-8 (a lone surrogate escape?)"));
  ASSERT_EQ(records_set.documents.size(), 1u);
  EXPECT_EQ(records_set.documents[0].doc->text(), "Fine.");
}

// Every member is looked up only on an object of the right type.
TEST_F(EvalTest, MistypedJsonIsAnErrorNotACrash) {
  const std::string golden = Write("g.json",
      "{\"cases\": [1, \"x\", [], {\"id\": \"7\", \"text\": \"A b.\", \"expected\": [\"A b.\", 3]},\n"
      "{\"text\": 5, \"expected\": {}}]}");
  GoldSet golden_set = Read(golden, GoldFormat::kSentences);
  EXPECT_THAT(golden_set.errors,
              ElementsAre(golden + ": case 1: needs \"text\" and \"expected\"",
                          golden + ": case 2: needs \"text\" and \"expected\"",
                          golden + ": case 3: needs \"text\" and \"expected\"",
                          golden + ": case 5: needs \"text\" and \"expected\""));
  ASSERT_EQ(golden_set.documents.size(), 1u);
  EXPECT_EQ(golden_set.documents[0].doc->text(), "A b.");
  const std::string not_cases = Write("h.json", "{\"cases\": {\"text\": 1}}");
  EXPECT_THAT(Read(not_cases, GoldFormat::kSentences).errors,
              ElementsAre(not_cases + ":1: no \"cases\" array"));

  const std::string records = Write("r.jsonl",
      "{\"text\":\"A.\",\"layers\":{\"blocks\":[1]}}\n"
      "{\"text\":\"A.\",\"layers\":{\"sentences\":[\"x\"]}}\n"
      "{\"text\":\"A.\",\"layers\":{\"timexes\":[[]]}}\n"
      "{\"text\":\"A.\",\"layers\":{\"entities\":[null]}}\n"
      "{\"text\":\"A.\",\"layers\":{\"attributions\":[1]}}\n"
      "{\"text\":\"A.\",\"layers\":{\"attributions\":[{\"cue\":1}]}}\n"
      "{\"text\":\"A.\",\"layers\":{\"attributions\":[{\"cue\":{\"start\":0,\"end\":1},"
      "\"content\":[2]}]}}\n"
      "[1]\n"
      "{\"text\":\"A.\",\"layers\":{\"timexes\":[{\"start\":0,\"end\":2,\"type\":4}]}}\n"
      "{\"id\":5,\"date\":7,\"text\":\"A.\",\"layers\":{\"blocks\":3,\"entities\":[{\"start\":0,\"end\":1,"
      "\"type\":[],\"id\":{},\"name\":1}],\"attributions\":[{\"cue\":{\"start\":0,"
      "\"end\":1},\"source\":\"s\"}]}}\n");
  GoldSet records_set = Read(records, GoldFormat::kJsonl);
  EXPECT_THAT(records_set.errors,
              ElementsAre(records + ":1: bad block", records + ":2: bad sentence",
                          records + ":3: bad timex", records + ":4: bad entity",
                          records + ":5: bad attribution", records + ":6: bad attribution",
                          records + ":7: bad attribution content",
                          records + ":8: not a newsmark record (needs \"text\" and \"layers\")",
                          records + ":9: bad timex"));
  ASSERT_EQ(records_set.documents.size(), 1u);
  const Document& d = *records_set.documents[0].doc;
  EXPECT_EQ(d.id(), records + ":10");
  EXPECT_EQ(d.date(), std::nullopt);
  ASSERT_EQ(d.entities().size(), 1u);
  EXPECT_EQ(d.entities()[0].type, "");
  ASSERT_EQ(d.attributions().size(), 1u);
  EXPECT_FALSE(d.attributions()[0].source);
}

// Records carry their input's other fields, nested however deep: they are
// parsed with an explicit stack, not by recursion.
TEST_F(EvalTest, DeeplyNestedFieldsAreRead) {
  const std::string deep = std::string(200'000, '[') + std::string(200'000, ']');
  const std::string records = Write("r.jsonl",
      "{\"id\":\"d\",\"text\":\"A.\",\"meta\":{\"m\":" + deep + "},\"layers\":{}}\n");
  GoldSet records_set = Read(records, GoldFormat::kJsonl);
  EXPECT_TRUE(records_set.errors.empty()) << records_set.errors[0];
  EXPECT_EQ(records_set.documents.size(), 1u);
  const std::string golden = Write("g.json",
      "{\"notes\": " + deep + ", \"cases\": [{\"text\": \"A.\", \"expected\": [\"A.\"]}]}");
  GoldSet golden_set = Read(golden, GoldFormat::kSentences);
  EXPECT_TRUE(golden_set.errors.empty()) << golden_set.errors[0];
  EXPECT_EQ(golden_set.documents.size(), 1u);
}

// --- baselines --------------------------------------------------------------

TEST(Baseline, RoundTripAndRegressions) {
  EvalResult before;
  MetricCounts& m = before.board.Prf("timexes", "relaxed");
  m.system = 100, m.gold = 100, m.system_matched = 90, m.gold_matched = 90;  // F1 90
  MetricCounts& a = before.board.Accuracy("sentences", "cases");
  a.correct = 50, a.total = 52;
  absl::StatusOr<Scoreboard> parsed = ParseScoresJson(FormatJson(before));
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_TRUE(Regressions(*parsed, before.board, 0).empty());

  Scoreboard after = *parsed;
  after.Prf("timexes", "relaxed").system_matched = 89;  // P 89, R 90: F1 89.50
  EXPECT_TRUE(Regressions(after, before.board, 0.5).empty());
  EXPECT_THAT(Regressions(after, before.board, 0.4),
              ElementsAre("timexes relaxed: F1 fell from 90.00 to 89.50 (0.50 points)"));
  Scoreboard empty;
  EXPECT_THAT(Regressions(empty, before.board, 1),
              ElementsAre("timexes relaxed: in the baseline, not scored now",
                          "sentences cases: in the baseline, not scored now"));
  EXPECT_FALSE(ParseScoresJson("{\"x\":1}").ok());
}

TEST(Baseline, DeeplyNestedBaselineIsReadWithoutRecursion) {
  // A --baseline file is not trusted input: 200,000 nested arrays overflowed
  // the stack of the recursive parser.
  const std::string deep = std::string(200'000, '[') + std::string(200'000, ']');
  absl::StatusOr<Scoreboard> parsed = ParseScoresJson(
      "{\"notes\":" + deep +
      ",\"layers\":{\"sentences\":{\"cases\":{\"accuracy\":96.15,\"correct\":50,"
      "\"total\":52,\"deep\":" + deep + "}}}}");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EvalResult expected;
  MetricCounts& a = expected.board.Accuracy("sentences", "cases");
  a.correct = 50, a.total = 52;
  EXPECT_TRUE(Regressions(*parsed, expected.board, 0).empty());
}

}  // namespace
}  // namespace newsmark
