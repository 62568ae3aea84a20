#include "stages/gazetteer/gazetteer_loader.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "absl/strings/str_split.h"
#include "stages/core/utf8.h"
#include "tests/scratch_dir.h"

namespace newsmark {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// What the tests compare: an alias as a file would write it.
std::string Written(const Alias& a) {
  const char* marker = a.case_rule == CaseRule::kExact     ? "="
                       : a.case_rule == CaseRule::kAnyCase ? "~"
                                                           : "";
  return std::string(marker) + a.text + (a.common_word ? "!" : "");
}

std::vector<std::string> AliasesOf(const GazetteerEntry& e) {
  std::vector<std::string> out;
  for (const Alias& a : e.aliases) out.push_back(Written(a));
  return out;
}

std::vector<std::string> Ids(const GazetteerEntries& entries) {
  std::vector<std::string> out;
  for (const GazetteerEntry& e : entries.entries) out.push_back(e.id);
  return out;
}

TEST(EntityTypeTest, NamesRoundTrip) {
  for (int t = 0; t < kEntityTypeCount; ++t) {
    const EntityType type = static_cast<EntityType>(t);
    EXPECT_EQ(ParseEntityType(EntityTypeName(type)), type) << EntityTypeName(type);
  }
  EXPECT_EQ(EntityTypeName(EntityType::kWork), "WORK");
  EXPECT_EQ(ParseEntityType("person"), std::nullopt);
  EXPECT_EQ(ParseEntityType("WORK_OF_ART"), std::nullopt);
}

class GazetteerLoaderTest : public ScratchDirTest {
 protected:
  // The errors of loading one file.
  std::vector<std::string> Errors(const std::string& name, const std::string& content) {
    const std::string path = Write(name, content);
    GazetteerEntries entries;
    std::vector<std::string> errors;
    LoadGazetteerFile(path, &entries, &errors);
    return errors;
  }
  std::string At(const std::string& name, int line) {
    return (dir_ / name).string() + ":" + std::to_string(line) + ": ";
  }
};

TEST_F(GazetteerLoaderTest, ReadsTsvEntries) {
  const std::string path = Write(
      "a.tsv",
      "# comment\n"
      "\n"
      "nm:cia\tORG\tCentral Intelligence Agency\t3000000\tcurated:2026-12\t"
      "Central Intelligence Agency|=CIA\n"
      "geonames:4076598\tGPE\tMobile\t194288\tgeonames\tMobile!|~mobil|=MOB!\n");
  GazetteerEntries entries;
  std::vector<std::string> errors;
  LoadGazetteerFile(path, &entries, &errors);
  ASSERT_THAT(errors, IsEmpty());
  ASSERT_EQ(entries.entries.size(), 2u);
  const GazetteerEntry& cia = entries.entries[0];
  EXPECT_EQ(cia.id, "nm:cia");
  EXPECT_EQ(cia.type, EntityType::kOrg);
  EXPECT_EQ(cia.canonical, "Central Intelligence Agency");
  EXPECT_EQ(cia.prior, 3000000u);
  EXPECT_EQ(cia.source, "curated:2026-12");
  EXPECT_EQ(cia.where, path + ":3");
  EXPECT_THAT(AliasesOf(cia), ElementsAre("Central Intelligence Agency", "=CIA"));
  const GazetteerEntry& mobile = entries.entries[1];
  EXPECT_EQ(mobile.type, EntityType::kGpe);
  ASSERT_EQ(mobile.aliases.size(), 3u);
  EXPECT_EQ(mobile.aliases[0].text, "Mobile");
  EXPECT_EQ(mobile.aliases[0].case_rule, CaseRule::kInitialCapital);
  EXPECT_TRUE(mobile.aliases[0].common_word);
  EXPECT_EQ(mobile.aliases[1].text, "mobil");
  EXPECT_EQ(mobile.aliases[1].case_rule, CaseRule::kAnyCase);
  EXPECT_FALSE(mobile.aliases[1].common_word);
  EXPECT_EQ(mobile.aliases[2].text, "MOB");
  EXPECT_EQ(mobile.aliases[2].case_rule, CaseRule::kExact);
  EXPECT_TRUE(mobile.aliases[2].common_word);
}

TEST_F(GazetteerLoaderTest, CanonicalNameNotListedBecomesTheFirstAlias) {
  const std::string path = Write("a.tsv", "nm:who\tORG\tWorld Health Organization\t0\tx\t=WHO\n"
                                          "nm:un\tORG\tUnited Nations\t0\tx\t=UN|United Nations\n");
  GazetteerEntries entries;
  std::vector<std::string> errors;
  LoadGazetteerFile(path, &entries, &errors);
  ASSERT_THAT(errors, IsEmpty());
  ASSERT_EQ(entries.entries.size(), 2u);
  EXPECT_THAT(AliasesOf(entries.entries[0]), ElementsAre("World Health Organization", "=WHO"));
  EXPECT_THAT(AliasesOf(entries.entries[1]), ElementsAre("=UN", "United Nations"));
}

TEST_F(GazetteerLoaderTest, EveryBadTsvLineIsReportedWithFileAndLine) {
  const std::string good = "nm:ok\tORG\tOk\t1\tx\tOk\n";
  const std::vector<std::string> errors = Errors(
      "bad.tsv", good +                                   // 1
                     "nm:a\tORG\tA\t1\tx\n" +             // 2
                     "nm:b\tCOMPANY\tB\t1\tx\tB\n" +      // 3
                     "nm:c\tORG\tC\t-1\tx\tC\n" +         // 4
                     "nm:d\tORG\tD\t1e3\tx\tD\n" +        // 5
                     "\tORG\tE\t1\tx\tE\n" +              // 6
                     "nm:f\tORG\t\t1\tx\tF\n" +           // 7
                     "nm:g\tORG\tG\t1\tx\tG||H\n" +       // 8
                     "nm:h\tORG\tH\t1\tx\tH|=\n" +        // 9
                     "nm:i\tORG\tI\t1\tx\t~!\n" +         // 10
                     "nm:j\tORG\tJ\t1\tx\t=~J\n" +        // 11
                     "nm:ok\tGPE\tOk\t2\tx\tOk\n" +       // 12
                     "nm:k\tORG\tK\t1\tx\t\n");           // 13
  const std::string types = "PERSON ORG GPE LOC NORP FAC EVENT PRODUCT WORK LAW LANGUAGE";
  EXPECT_THAT(
      errors,
      ElementsAre(
          At("bad.tsv", 2) + "expected 6 tab-separated fields (id, type, canonical, prior, "
                             "source, aliases), got 5",
          At("bad.tsv", 3) + "unknown type \"COMPANY\" (" + types + ")",
          At("bad.tsv", 4) + "prior \"-1\" is not a non-negative integer",
          At("bad.tsv", 5) + "prior \"1e3\" is not a non-negative integer",
          At("bad.tsv", 6) + "empty id", At("bad.tsv", 7) + "empty canonical name",
          At("bad.tsv", 8) + "alias 2 is empty", At("bad.tsv", 9) + "alias 2 \"=\" is only a marker",
          At("bad.tsv", 10) + "alias 1 \"~!\" is only a marker",
          At("bad.tsv", 11) + "alias 1 \"=~J\" has two case markers (one of = or ~)",
          At("bad.tsv", 12) + "duplicate id \"nm:ok\", first at " + (dir_ / "bad.tsv").string() +
              ":1",
          At("bad.tsv", 13) + "alias 1 is empty"));
}

TEST_F(GazetteerLoaderTest, AliasesOverTheMatcherLimitsAreRejected) {
  std::string seventeen_tokens = "A";
  for (int i = 0; i < 16; ++i) seventeen_tokens += " b";
  std::string sixteen_tokens = "U.S.";  // four tokens
  for (int i = 0; i < 12; ++i) sixteen_tokens += " b";
  const std::string long_alias(kMaxAliasBytes + 1, 'x');
  const std::string longest_alias(kMaxAliasBytes, 'x');
  EXPECT_THAT(Errors("long.tsv", "nm:a\tORG\tA\t1\tx\tA|" + seventeen_tokens + "\n" +
                                     "nm:b\tORG\tB\t1\tx\t" + long_alias + "\n" +
                                     "nm:c\tORG\t" + long_alias + "\t1\tx\tC\n" +
                                     "nm:d\tORG\tD\t1\tx\tD|" + sixteen_tokens + "|" +
                                     longest_alias + "\n"),
              ElementsAre(At("long.tsv", 1) + "alias 2 has 17 tokens; the matcher takes at most 16",
                          At("long.tsv", 2) + "alias 1 has 257 bytes; the matcher takes at most 256",
                          At("long.tsv", 3) +
                              "the canonical name has 257 bytes; the matcher takes at most 256"));
}

TEST_F(GazetteerLoaderTest, NotValidUtf8AndMissingFilesAreNamed) {
  EXPECT_THAT(Errors("bin.tsv", "nm:a\tORG\tA\t1\tx\tA\xff\n"),
              ElementsAre(At("bin.tsv", 1) + "not valid UTF-8"));
  GazetteerEntries entries;
  std::vector<std::string> errors;
  LoadGazetteerFile((dir_ / "missing.tsv").string(), &entries, &errors);
  EXPECT_THAT(errors, ElementsAre(At("missing.tsv", 1) + "cannot read the file"));
  EXPECT_THAT(Errors("names.csv", "a,b\n"),
              ElementsAre(At("names.csv", 1) +
                          "not a gazetteer file: want .tsv (newsmark entries) or .jsonl (spaCy "
                          "EntityRuler patterns)"));
}

TEST_F(GazetteerLoaderTest, ReadsSpacyPhraseAndTokenPatterns) {
  const std::string path = Write(
      "patterns.jsonl",
      "{\"label\": \"ORG\", \"pattern\": \"Apple\", \"id\": \"apple\"}\n"
      "{\"label\": \"GPE\", \"pattern\": [{\"LOWER\": \"san\"}, {\"LOWER\": \"francisco\"}]}\n"
      "{\"label\": \"WORK_OF_ART\", \"pattern\": [{\"ORTH\": \"Hamlet\"}]}\n"
      "{\"label\": \"PER\", \"pattern\": [{\"TEXT\": \"Ada\"}, {\"TEXT\": \"Lovelace\"}]}\n");
  GazetteerEntries entries;
  std::vector<std::string> errors;
  LoadGazetteerFile(path, &entries, &errors);
  ASSERT_THAT(errors, IsEmpty());
  EXPECT_THAT(Ids(entries), ElementsAre("apple", "spacy:GPE:san francisco",
                                        "spacy:WORK_OF_ART:Hamlet", "spacy:PER:Ada Lovelace"));
  const GazetteerEntry& apple = entries.entries[0];
  EXPECT_EQ(apple.type, EntityType::kOrg);
  EXPECT_EQ(apple.canonical, "Apple");
  EXPECT_EQ(apple.source, "spacy:patterns.jsonl");
  EXPECT_EQ(apple.prior, 0u);
  EXPECT_EQ(apple.where, path + ":1");
  EXPECT_THAT(AliasesOf(apple), ElementsAre("=Apple"));
  EXPECT_EQ(entries.entries[1].type, EntityType::kGpe);
  EXPECT_THAT(AliasesOf(entries.entries[1]), ElementsAre("~san francisco"));
  EXPECT_EQ(entries.entries[2].type, EntityType::kWork);
  EXPECT_THAT(AliasesOf(entries.entries[2]), ElementsAre("=Hamlet"));
  EXPECT_EQ(entries.entries[3].type, EntityType::kPerson);
  EXPECT_THAT(AliasesOf(entries.entries[3]), ElementsAre("=Ada Lovelace"));
}

TEST_F(GazetteerLoaderTest, SpacyPatternsWithOneIdAreOneEntry) {
  const std::string path = Write(
      "patterns.jsonl",
      "{\"label\": \"ORG\", \"pattern\": \"Apple\", \"id\": \"apple\"}\n"
      "{\"label\": \"GPE\", \"pattern\": \"Paris\"}\n"
      "{\"label\": \"ORG\", \"pattern\": \"Apple Inc.\", \"id\": \"apple\"}\n"
      "{\"label\": \"ORG\", \"pattern\": [{\"LOWER\": \"apple\"}], \"id\": \"apple\"}\n"
      "{\"label\": \"ORG\", \"pattern\": \"Apple\", \"id\": \"apple\"}\n"
      "{\"label\": \"GPE\", \"pattern\": [{\"LOWER\": \"paris\"}]}\n");
  GazetteerEntries entries;
  std::vector<std::string> errors;
  LoadGazetteerFile(path, &entries, &errors);
  ASSERT_THAT(errors, IsEmpty());
  EXPECT_THAT(Ids(entries), ElementsAre("apple", "spacy:GPE:Paris", "spacy:GPE:paris"));
  EXPECT_THAT(AliasesOf(entries.entries[0]), ElementsAre("=Apple", "=Apple Inc.", "~apple"));
  EXPECT_EQ(entries.entries[0].canonical, "Apple");
  EXPECT_EQ(entries.entries[0].where, path + ":1");
}

TEST_F(GazetteerLoaderTest, EveryUnsupportedSpacyPatternIsReportedWithFileAndLine) {
  const std::vector<std::string> errors = Errors(
      "p.jsonl",
      "{\"label\": \"ORG\", \"pattern\": \"Apple\"\n"                                     // 1
      "[\"ORG\", \"Apple\"]\n"                                                            // 2
      "{\"label\": \"DATE\", \"pattern\": \"Monday\"}\n"                                  // 3
      "{\"label\": \"MISC\", \"pattern\": \"Olympics\"}\n"                                // 4
      "{\"label\": \"ORG\", \"pattern\": [{\"TEXT\": {\"REGEX\": \"^A\"}}]}\n"            // 5
      "{\"label\": \"ORG\", \"pattern\": [{\"LOWER\": \"a\", \"OP\": \"?\"}]}\n"          // 6
      "{\"label\": \"ORG\", \"pattern\": [{\"IS_DIGIT\": true}]}\n"                       // 7
      "{\"label\": \"ORG\", \"pattern\": [{\"LOWER\": {\"IN\": [\"a\", \"b\"]}}]}\n"      // 8
      "{\"label\": \"ORG\", \"pattern\": [{\"LOWER\": \"a\"}, {\"ORTH\": \"B\"}]}\n"      // 9
      "{\"label\": \"ORG\", \"pattern\": [{\"LOWER\": \"a\", \"ORTH\": \"A\"}]}\n"        // 10
      "{\"label\": \"ORG\", \"pattern\": []}\n"                                           // 11
      "{\"label\": \"ORG\", \"pattern\": \"\"}\n"                                         // 12
      "{\"label\": \"ORG\"}\n"                                                            // 13
      "{\"pattern\": \"Apple\"}\n"                                                        // 14
      "{\"label\": \"ORG\", \"pattern\": \"Apple\", \"id\": 7}\n"                         // 15
      "{\"label\": \"ORG\", \"pattern\": \"Apple\", \"kb_id\": \"Q312\"}\n"               // 16
      "{\"label\": \"ORG\", \"pattern\": \"Apple\", \"id\": \"apple\"}\n"                 // 17
      "{\"label\": \"GPE\", \"pattern\": \"Apple\", \"id\": \"apple\"}\n"                 // 18
      "{\"label\": \"ORG\", \"pattern\": [\"Apple\"]}\n");                                // 19
  const std::string supported = " (a token is one LOWER, ORTH or TEXT string)";
  EXPECT_THAT(
      errors,
      ElementsAre(
          At("p.jsonl", 1) + "not JSON: Missing a comma or '}' after an object member. (byte 36)",
          At("p.jsonl", 2) + "not a JSON object",
          At("p.jsonl", 3) +
              "unknown label \"DATE\" (PERSON (or PER), ORG, GPE, LOC, NORP, FAC, EVENT, "
              "PRODUCT, WORK_OF_ART (or WORK), LAW, LANGUAGE)",
          At("p.jsonl", 4) + "label MISC has no newsmark type: give the pattern one of NORP, "
                             "EVENT, PRODUCT, WORK_OF_ART, LAW or LANGUAGE",
          At("p.jsonl", 5) + "token 1: unsupported key \"REGEX\" in TEXT (only string equality)",
          At("p.jsonl", 6) + "token 1: unsupported key \"OP\"" + supported,
          At("p.jsonl", 7) + "token 1: unsupported key \"IS_DIGIT\"" + supported,
          At("p.jsonl", 8) + "token 1: unsupported key \"IN\" in LOWER (only string equality)",
          At("p.jsonl", 9) + "the pattern mixes LOWER with ORTH or TEXT: an alias has one case rule",
          At("p.jsonl", 10) + "token 1 has 2 keys" + supported,
          At("p.jsonl", 11) + "empty pattern", At("p.jsonl", 12) + "empty pattern",
          At("p.jsonl", 13) + "no \"pattern\"", At("p.jsonl", 14) + "\"label\" wants a string",
          At("p.jsonl", 15) + "\"id\" wants a non-empty string",
          At("p.jsonl", 16) + "unknown key \"kb_id\" (label, pattern, id)",
          At("p.jsonl", 18) + "id \"apple\" is ORG at " + (dir_ / "p.jsonl").string() +
              ":17, here GPE: an entry has one type",
          At("p.jsonl", 19) + "token 1 is not an object"));
}

// What a bad pattern echoes stays on its one line, valid UTF-8: a JSON
// "\n" or a control character in a label, key or id is written escaped, a
// lone surrogate escape byte by byte, and a long value cut (found by
// gazetteer_fuzzer: a label holding "\n" split its error in two lines).
TEST_F(GazetteerLoaderTest, EchoedValuesStayOnTheErrorLine) {
  const std::vector<std::string> errors = Errors(
      "p.jsonl",
      "{\"label\": \"OR\\nG\\t\\u0001\", \"pattern\": \"Apple\"}\n"        // 1
      "{\"label\": \"ORG\", \"pattern\": \"Apple\", \"i\\nd\": \"x\"}\n"     // 2
      "{\"label\": \"\\udc00\", \"pattern\": \"Apple\"}\n"                      // 3
      "{\"label\": \"" + std::string(100, 'x') + "\u00e9\", \"pattern\": \"A\"}\n");  // 4
  const std::string labels =
      " (PERSON (or PER), ORG, GPE, LOC, NORP, FAC, EVENT, PRODUCT, WORK_OF_ART (or WORK), "
      "LAW, LANGUAGE)";
  EXPECT_THAT(errors,
              ElementsAre(At("p.jsonl", 1) + "unknown label \"OR\\nG\\t\\x01\"" + labels,
                          At("p.jsonl", 2) + "unknown key \"i\\nd\" (label, pattern, id)",
                          At("p.jsonl", 3) + "unknown label \"\\xed\\xb0\\x80\"" + labels,
                          At("p.jsonl", 4) + "unknown label \"" + std::string(80, 'x') +
                              "...\"" + labels));
  for (const std::string& e : errors) {
    EXPECT_EQ(e.find('\n'), std::string::npos) << e;
    EXPECT_EQ(FindInvalidUtf8(e), e.size()) << e;
  }
}

TEST_F(GazetteerLoaderTest, SpacyPatternsOverTheMatcherLimitsAreRejected) {
  std::string tokens;
  for (int i = 0; i < 17; ++i) tokens += std::string(i ? ", " : "") + "{\"LOWER\": \"a\"}";
  EXPECT_THAT(Errors("p.jsonl", "{\"label\": \"ORG\", \"pattern\": [" + tokens + "]}\n"
                                "{\"label\": \"ORG\", \"pattern\": \"" +
                                    std::string(kMaxAliasBytes + 1, 'x') + "\"}\n"),
              ElementsAre(At("p.jsonl", 1) + "the pattern has 17 tokens; the matcher takes at most 16",
                          At("p.jsonl", 2) +
                              "the pattern has 257 bytes; the matcher takes at most 256"));
}

TEST_F(GazetteerLoaderTest, FolderLoadsGeneratedThenOwnFilesThenExtrasWhichOverrideById) {
  Write("gaz/generated/cities.tsv", "geonames:1\tGPE\tMobile\t194288\tgeonames\tMobile!\n"
                                    "geonames:2\tGPE\tParis\t2100000\tgeonames\tParis\n");
  Write("gaz/generated/name-parts.tsv", "Ada\tfirst\n");  // not entries
  Write("gaz/generated/manifest.txt", "not read\n");
  Write("gaz/build/tool.tsv", "not read\n");
  Write("gaz/core.tsv", "nm:cia\tORG\tCIA\t3000000\tcurated\t=CIA\n"
                        "geonames:2\tGPE\tParis\t2200000\tcurated\tParis|City of Light\n");
  Write("gaz/b.jsonl", "{\"label\": \"ORG\", \"pattern\": \"Apple\", \"id\": \"apple\"}\n");
  const std::string mine = Write("mine.tsv", "nm:cia\tORG\tCIA\t1\tme\t=CIA|The Agency\n"
                                             "me:x\tPRODUCT\tWidget\t5\tme\tWidget\n");
  absl::StatusOr<GazetteerEntries> entries = LoadGazetteerFolder((dir_ / "gaz").string(), {mine});
  ASSERT_TRUE(entries.ok()) << entries.status();
  EXPECT_THAT(Ids(*entries), ElementsAre("geonames:1", "geonames:2", "apple", "nm:cia", "me:x"));
  EXPECT_EQ(entries->entries[1].source, "curated");  // core.tsv over generated/
  EXPECT_EQ(entries->entries[1].prior, 2200000u);
  EXPECT_THAT(AliasesOf(entries->entries[1]), ElementsAre("Paris", "City of Light"));
  EXPECT_EQ(entries->entries[3].source, "me");  // the user's file over core.tsv
  EXPECT_EQ(entries->entries[3].where, mine + ":1");
  EXPECT_THAT(AliasesOf(entries->entries[3]), ElementsAre("=CIA", "The Agency"));

  absl::StatusOr<std::vector<GazetteerSource>> sources =
      ListGazetteerSources((dir_ / "gaz").string(), {mine});
  ASSERT_TRUE(sources.ok()) << sources.status();
  std::vector<std::string> names;
  for (const GazetteerSource& s : *sources) names.push_back(s.name);
  EXPECT_THAT(names, ElementsAre("generated/cities.tsv", "b.jsonl", "core.tsv", "extra/mine.tsv"));
}

TEST_F(GazetteerLoaderTest, FolderWithAnyBadLineLoadsNothingAndNamesEveryProblem) {
  Write("gaz/a.tsv", "nm:a\tORG\tA\t1\tx\tA\nnm:b\tORG\tB\tmany\tx\tB\n");
  Write("gaz/b.jsonl", "{\"label\": \"MISC\", \"pattern\": \"Olympics\"}\n");
  const std::string mine = Write("mine.tsv", "nm:c\tCOMPANY\tC\t1\tme\tC\n");
  absl::StatusOr<GazetteerEntries> entries = LoadGazetteerFolder((dir_ / "gaz").string(), {mine});
  ASSERT_FALSE(entries.ok());
  EXPECT_EQ(entries.status().code(), absl::StatusCode::kInvalidArgument);
  const std::vector<std::string> lines = absl::StrSplit(entries.status().message(), '\n');
  ASSERT_EQ(lines.size(), 3u) << entries.status();
  EXPECT_EQ(lines[0], At("gaz/a.tsv", 2) + "prior \"many\" is not a non-negative integer");
  EXPECT_EQ(lines[1].substr(0, At("gaz/b.jsonl", 1).size()), At("gaz/b.jsonl", 1));
  EXPECT_EQ(lines[2].substr(0, At("mine.tsv", 1).size()), At("mine.tsv", 1));
}

TEST_F(GazetteerLoaderTest, MissingFolderIsNotFound) {
  EXPECT_EQ(LoadGazetteerFolder((dir_ / "nowhere").string()).status().code(),
            absl::StatusCode::kNotFound);
}

TEST_F(GazetteerLoaderTest, SourceHashChangesWithOneByteAndOnlyThen) {
  auto hash = [&](const std::string& folder) {
    absl::StatusOr<std::vector<GazetteerSource>> sources =
        ListGazetteerSources((dir_ / folder).string(), {});
    EXPECT_TRUE(sources.ok()) << sources.status();
    absl::StatusOr<uint64_t> h = HashGazetteerSources(*sources);
    EXPECT_TRUE(h.ok()) << h.status();
    return h.value_or(0);
  };
  const std::string core = "nm:a\tORG\tAcme\t1\tx\tAcme\n";
  const std::string cities = "geonames:1\tGPE\tParis\t2\tx\tParis\n";
  Write("one/core.tsv", core);
  Write("one/generated/cities.tsv", cities);
  const uint64_t first = hash("one");
  EXPECT_EQ(hash("one"), first);  // read again
  Write("two/core.tsv", core);    // the same files elsewhere
  Write("two/generated/cities.tsv", cities);
  EXPECT_EQ(hash("two"), first);

  Write("two/core.tsv", "nm:a\tORG\tAcme\t2\tx\tAcme\n");  // one byte
  EXPECT_NE(hash("two"), first);
  Write("two/core.tsv", core);
  EXPECT_EQ(hash("two"), first);
  Write("two/core.tsv", core + "\n");  // one byte more
  EXPECT_NE(hash("two"), first);
  Write("two/core.tsv", core);
  std::filesystem::rename(dir_ / "two/core.tsv", dir_ / "two/main.tsv");  // renamed
  EXPECT_NE(hash("two"), first);

  // The documented function: FNV-1a 64 over name, NUL, size as 8 bytes
  // little-endian, content (worked out apart, in Python).
  EXPECT_EQ(HashGazetteerSources({}).value(), 0xcbf29ce484222325ULL);
  const std::string ab = Write("three/core.tsv", "ab");
  EXPECT_EQ(HashGazetteerSources({{ab, "core.tsv"}}).value(), 0x8b45f7dd7ca21796ULL);
}

}  // namespace
}  // namespace newsmark
