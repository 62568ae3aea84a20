#include "pipeline/input.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/scratch_dir.h"

namespace newsmark {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

class InputTest : public ScratchDirTest {
 protected:
  // Reads every item of `paths`, with `stdin_text` as standard input.
  std::vector<InputItem> ReadAll(std::vector<std::string> paths,
                                 InputOptions options = {},
                                 std::string stdin_text = "") {
    std::FILE* in = stdin_text.empty() ? std::fopen("/dev/null", "r")
                            : fmemopen(stdin_text.data(), stdin_text.size(), "r");
    InputReader reader(std::move(paths), std::move(options), in);
    std::vector<InputItem> items;
    InputItem item;
    while (reader.Next(&item)) items.push_back(std::move(item));
    std::fclose(in);
    return items;
  }

  std::vector<InputItem> ReadJsonl(const std::string& content,
                                   InputOptions options = {}) {
    return ReadAll({Write("in.jsonl", content)}, std::move(options));
  }

};

TEST(ParseIsoDate, AcceptsDatesAndDateTimes) {
  EXPECT_EQ(ParseIsoDate("2026-01-20"), absl::CivilDay(2026, 1, 20));
  EXPECT_EQ(ParseIsoDate("1987-02-26T10:00:00Z"), absl::CivilDay(1987, 2, 26));
  EXPECT_EQ(ParseIsoDate("1987-02-26 10:00"), absl::CivilDay(1987, 2, 26));
  EXPECT_FALSE(ParseIsoDate("2026-02-30"));
  EXPECT_FALSE(ParseIsoDate("2026-13-01"));
  EXPECT_FALSE(ParseIsoDate("26-01-2026"));
  EXPECT_FALSE(ParseIsoDate("2026/01/20"));
  EXPECT_FALSE(ParseIsoDate("2026-01-2x"));
  EXPECT_FALSE(ParseIsoDate("2026-01-201"));
  EXPECT_FALSE(ParseIsoDate(""));
}

TEST_F(InputTest, ReadsJsonlWithDateAndCarriesOtherFieldsExactly) {
  auto items = ReadJsonl(
      R"({"id":"r1","date":"1987-02-26","title":"COCOA","text":"Showers.","n":1.50,"big":12345678901234567890,"tags":["a",{"b":null}]})"
      "\n");
  ASSERT_EQ(items.size(), 1u);
  const InputItem& it = items[0];
  ASSERT_TRUE(it.status.ok()) << it.status;
  EXPECT_EQ(it.place.id, "r1");
  EXPECT_EQ(it.place.line, 1);
  EXPECT_EQ(it.text, "Showers.");
  EXPECT_EQ(it.date, absl::CivilDay(1987, 2, 26));
  // Numbers keep their spelling; order is kept.
  EXPECT_EQ(it.meta_json,
            R"({"title":"COCOA","n":1.50,"big":12345678901234567890,"tags":["a",{"b":null}]})");
}

TEST_F(InputTest, DocumentDatesAreTheYears1000To2999) {
  auto items = ReadJsonl(
      "{\"id\":\"a\",\"text\":\"T.\",\"date\":\"0000-01-01\"}\n"
      "{\"id\":\"b\",\"text\":\"T.\",\"date\":\"0999-12-31\"}\n"
      "{\"id\":\"c\",\"text\":\"T.\",\"date\":\"1000-01-01\"}\n"
      "{\"id\":\"d\",\"text\":\"T.\",\"date\":\"2999-12-31T23:59\"}\n"
      "{\"id\":\"e\",\"text\":\"T.\",\"date\":\"3000-01-01\"}\n");
  ASSERT_EQ(items.size(), 5u);
  for (int i : {0, 1, 4}) {
    EXPECT_FALSE(items[i].status.ok()) << items[i].place.id;
    EXPECT_THAT(items[i].status.message(), HasSubstr("field 'date'"));
    EXPECT_THAT(items[i].status.message(), HasSubstr("1000-01-01 to 2999-12-31"));
  }
  ASSERT_TRUE(items[2].status.ok()) << items[2].status;
  EXPECT_EQ(items[2].date, absl::CivilDay(1000, 1, 1));
  ASSERT_TRUE(items[3].status.ok()) << items[3].status;
  EXPECT_EQ(items[3].date, absl::CivilDay(2999, 12, 31));
}

TEST_F(InputTest, JsonlDefaultsIdAndDate) {
  InputOptions options;
  options.default_date = absl::CivilDay(2026, 1, 20);
  auto items = ReadJsonl("{\"text\":\"One.\"}\n{\"text\":\"Two.\",\"date\":null,\"id\":7}\n",
                         options);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_THAT(items[0].place.id, HasSubstr("in.jsonl:1"));
  EXPECT_EQ(items[0].date, absl::CivilDay(2026, 1, 20));
  EXPECT_EQ(items[1].place.id, "7");
  EXPECT_EQ(items[1].date, absl::CivilDay(2026, 1, 20));
}

TEST_F(InputTest, MalformedLineIsAnErrorAndTheRestGoesOn) {
  auto items = ReadJsonl("{\"id\":\"a\",\"text\":\"Hello.\"}\n{bad\n\n"
                         "{\"id\":\"c\",\"text\":\"Again.\"}\n");
  ASSERT_EQ(items.size(), 3u);  // the blank line is no document
  EXPECT_TRUE(items[0].status.ok());
  EXPECT_FALSE(items[1].status.ok());
  EXPECT_EQ(items[1].place.line, 2);
  EXPECT_THAT(std::string(items[1].status.message()),
              HasSubstr("invalid JSON at column 2"));
  EXPECT_TRUE(items[2].status.ok());
  EXPECT_EQ(items[2].place.line, 4);
}

TEST_F(InputTest, MissingAndMistypedFields) {
  auto items = ReadJsonl(
      "{\"id\":\"a\"}\n"
      "{\"id\":\"b\",\"text\":42}\n"
      "{\"id\":{\"x\":1},\"text\":\"t\"}\n"
      "{\"id\":\"d\",\"text\":\"t\",\"date\":\"yesterday\"}\n"
      "{\"id\":\"e\",\"text\":\"t\",\"date\":20260120}\n"
      "{\"id\":\"f\",\"text\":\"t\",\"text\":\"u\"}\n"
      "[1,2]\n"
      "\"just a string\"\n"
      "{\"id\":\"\",\"text\":\"t\"}\n"
      "{\"id\":\"j\",\"text\":null}\n");
  ASSERT_EQ(items.size(), 10u);
  const std::vector<std::string> expected = {
      "missing field 'text'",
      "field 'text' must be a string, not a number",
      "field 'id' must be a string or an integer, not an object",
      "field 'date' is not an ISO 8601 date (YYYY-MM-DD): \"yesterday\"",
      "field 'date' must be a string, not a number",
      "field 'text' appears twice",
      "the line is a JSON array, not an object",
      "the line is not a JSON object",
      "field 'id' is empty",
      "field 'text' must be a string, not null",
  };
  for (size_t i = 0; i < items.size(); ++i) {
    EXPECT_EQ(items[i].status.code(), absl::StatusCode::kInvalidArgument) << i;
    EXPECT_EQ(items[i].status.message(), expected[i]) << "line " << i + 1;
    EXPECT_EQ(items[i].place.line, static_cast<int64_t>(i + 1));
  }
  EXPECT_EQ(items[0].place.id, "a");  // the error names the document
  EXPECT_EQ(items[3].place.id, "d");
}

TEST_F(InputTest, InvalidUtf8AndNulBytes) {
  const std::string txt = Write("bad.txt", "caf\xC3 ok");
  const std::string nul = Write("nul.txt", std::string("a\0b", 3));
  auto items = ReadAll({txt, nul});
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].status.message(), "invalid UTF-8 at byte 3");
  EXPECT_EQ(items[0].place.source, txt);
  EXPECT_EQ(items[1].status.message(), "NUL byte at byte 1");

  auto lines = ReadJsonl("{\"text\":\"caf\xC3 ok\"}\n"
                         "{\"text\":\"a\\u0000b\"}\n" +
                         std::string("{\"text\":\"a\0b\"}\n", 15));
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_THAT(std::string(lines[0].status.message()),
              HasSubstr("Invalid encoding in string"));
  EXPECT_EQ(lines[1].status.message(), "NUL byte at byte 1");
  EXPECT_EQ(lines[2].status.message(), "NUL byte in the line at column 11");
}

// RapidJSON's UTF-8 check takes all the continuation bytes a lead byte
// announces before it looks at them: a line that ends in a three- or
// four-byte lead must not be read past its end (the sanitizer build tells).
TEST_F(InputTest, LeadByteAtTheEndOfALineIsReadNoFurther) {
  for (const std::string lead : {"\xE2", "\xF0", "\xF0\x9F"}) {
    for (int n = 0; n < 40; ++n) {
      const std::string line = "{\"id\":\"a\",\"text\":\"" + std::string(n, '0') + lead;
      for (const std::string& content : {line, line + "\n"}) {
        auto items = ReadJsonl(content);
        ASSERT_EQ(items.size(), 1u);
        EXPECT_THAT(std::string(items[0].status.message()),
                    HasSubstr("Invalid encoding in string"));
      }
    }
  }
}

TEST_F(InputTest, ByteOrderMarkIsDroppedAndCrlfKept) {
  const std::string txt = Write("bom.txt", "\xEF\xBB\xBFLine one.\r\nLine two.\r\n");
  auto items = ReadAll({txt});
  ASSERT_EQ(items.size(), 1u);
  ASSERT_TRUE(items[0].status.ok());
  EXPECT_EQ(items[0].text, "Line one.\r\nLine two.\r\n");

  auto lines = ReadJsonl("\xEF\xBB\xBF{\"text\":\"A.\"}\r\n{\"text\":\"B.\\r\\nC.\"}\r\n");
  ASSERT_EQ(lines.size(), 2u);
  ASSERT_TRUE(lines[0].status.ok()) << lines[0].status;
  EXPECT_EQ(lines[0].text, "A.");
  EXPECT_EQ(lines[1].text, "B.\r\nC.");
}

TEST_F(InputTest, EmptyAndBlankText) {
  auto items = ReadAll({Write("empty.txt", ""), Write("blank.txt", " \n\t\n"),
                        Write("nbsp.txt", "\u00a0 \u3000\n")});
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].status.message(), "empty text");
  EXPECT_EQ(items[1].status.message(), "text is all blank");
  EXPECT_EQ(items[2].status.message(), "text is all blank");
  auto lines = ReadJsonl("{\"id\":\"e\",\"text\":\"\"}\n");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].status.message(), "empty text");
  EXPECT_EQ(lines[0].place.id, "e");
}

TEST_F(InputTest, OversizedArticlesAreErrorsAndTheNextIsRead) {
  InputOptions options;
  options.max_document_bytes = 100;
  const std::string big(250, 'x');
  auto items = ReadAll({Write("big.txt", big), Write("ok.txt", "Fine.")}, options);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].status.message(),
            "file is 250 bytes, over the limit of 100 (--max-doc-bytes)");
  EXPECT_TRUE(items[1].status.ok());

  auto lines = ReadJsonl("{\"text\":\"" + big + "\"}\n{\"text\":\"" +
                             std::string(150, 'y') + "\"}\n{\"text\":\"ok\"}\n",
                         options);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].status.message(),
            "line is longer than 200 bytes (twice --max-doc-bytes)");
  EXPECT_EQ(lines[0].place.line, 1);
  EXPECT_EQ(lines[1].status.message(),
            "text is 150 bytes, over the limit of 100 (--max-doc-bytes)");
  EXPECT_TRUE(lines[2].status.ok());
  EXPECT_EQ(lines[2].place.line, 3);
}

TEST_F(InputTest, FoldersAreWalkedInOrderAndUnreadableEntriesReported) {
  Write("corpus/b.txt", "Bee.");
  Write("corpus/a.txt", "Ay.");
  Write("corpus/sub/c.jsonl", "{\"id\":\"c1\",\"text\":\"See.\"}\n");
  Write("corpus/notes.md", "ignored");
  Write("corpus/.hidden.txt", "ignored");
  fs::create_symlink(dir_ / "nowhere.txt", dir_ / "corpus" / "dangling.txt");
  auto items = ReadAll({(dir_ / "corpus").string(),
                        (dir_ / "missing").string(),
                        (dir_ / "corpus" / "a.txt").string() + "/"});
  ASSERT_EQ(items.size(), 6u);
  EXPECT_EQ(fs::path(items[0].place.source).filename(), "a.txt");
  EXPECT_EQ(items[0].text, "Ay.");
  EXPECT_EQ(fs::path(items[1].place.source).filename(), "b.txt");
  EXPECT_EQ(fs::path(items[2].place.source).filename(), "dangling.txt");
  EXPECT_THAT(std::string(items[2].status.message()),
              HasSubstr("No such file or directory"));
  EXPECT_EQ(items[3].place.id, "c1");
  EXPECT_EQ(items[4].place.source, (dir_ / "missing").string());
  EXPECT_EQ(items[4].status.code(), absl::StatusCode::kNotFound);
  EXPECT_FALSE(items[5].status.ok());  // a file named as a folder
}

TEST_F(InputTest, StandardInputIsSniffed) {
  auto jsonl = ReadAll({"-"}, {}, "\n  {\"id\":\"s\",\"text\":\"From stdin.\"}\n");
  ASSERT_EQ(jsonl.size(), 1u);
  EXPECT_EQ(jsonl[0].place.id, "s");
  EXPECT_EQ(jsonl[0].place.source, "-");
  auto text = ReadAll({"-"}, {}, "Plain article.\n");
  ASSERT_EQ(text.size(), 1u);
  EXPECT_EQ(text[0].text, "Plain article.\n");
  EXPECT_EQ(text[0].place.id, "-");
}

// Sniffing standard input must not eat what it looks at.
TEST_F(InputTest, StandardInputKeepsLeadingBlanksAndLineNumbers) {
  auto jsonl = ReadAll({"-"}, {}, "\n\n{bad}\n{\"text\":\"Hi.\"}\n");
  ASSERT_EQ(jsonl.size(), 2u);
  EXPECT_EQ(jsonl[0].place.line, 3);
  EXPECT_EQ(jsonl[1].place.line, 4);
  EXPECT_EQ(jsonl[1].place.id, "-:4");
  auto text = ReadAll({"-"}, {}, "  \n Hi there.");
  ASSERT_EQ(text.size(), 1u);
  EXPECT_EQ(text[0].text, "  \n Hi there.");
  auto bom = ReadAll({"-"}, {}, "\xEF\xBB\xBF{\"text\":\"Hi.\"}\n{\"text\":\"Yo.\"}\n");
  ASSERT_EQ(bom.size(), 2u);
  EXPECT_EQ(bom[0].text, "Hi.");
}

TEST_F(InputTest, DeepNestingInACarriedFieldIsNoCrash) {
  const std::string deep(100000, '[');
  auto items = ReadJsonl("{\"text\":\"Hi.\",\"m\":" + deep +
                         std::string(100000, ']') + "}\n");
  ASSERT_EQ(items.size(), 1u);
  EXPECT_TRUE(items[0].status.ok()) << items[0].status;
}

TEST_F(InputTest, LinkedFoldersAreNotWalked) {
  Write("s/a.txt", "A.");
  fs::create_directory_symlink(".", dir_ / "s" / "loop.txt");
  fs::create_directory_symlink(".", dir_ / "s" / "loop");
  auto items = ReadAll({(dir_ / "s").string()});
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].text, "A.");
}

TEST_F(InputTest, IllFormedIdsAndFieldsAreErrors) {
  auto items = ReadJsonl(
      "{\"id\":\"x\\udc00\",\"text\":\"Hi.\"}\n"
      "{\"id\":\"y\",\"text\":\"Hi.\",\"m\":\"\\udc00\"}\n"
      "{\"id\":1.5,\"text\":\"Hi.\"}\n");
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].status.message(),
            "field 'id' is not valid UTF-8 (a lone surrogate escape?)");
  EXPECT_EQ(items[1].status.message(),
            "a carried field is not valid UTF-8 (a lone surrogate escape?)");
  EXPECT_EQ(items[2].status.message(),
            "field 'id' must be a string or an integer, not a non-integer number");
}

}  // namespace
}  // namespace newsmark
