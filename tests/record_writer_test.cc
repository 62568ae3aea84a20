#include "pipeline/record_writer.h"

#include <string>

#include "gtest/gtest.h"
#include "rapidjson/document.h"
#include "stages/core/utf8.h"

namespace newsmark {
namespace {

rapidjson::Document Parse(const std::string& line) {
  EXPECT_FALSE(line.empty());
  EXPECT_EQ(line.back(), '\n');
  EXPECT_EQ(line.find('\n'), line.size() - 1) << "one line per record";
  rapidjson::Document d;
  d.Parse(line.c_str());
  EXPECT_FALSE(d.HasParseError()) << line;
  return d;
}

TEST(AppendRecord, OffsetsAreCodePointsAndSpansCarryText) {
  // "Nicolás" has a two-byte "á": byte offsets and code points part there.
  Document doc("d1", "Nicolás Maduro said \"no\".\nComments",
               absl::CivilDay(2026, 1, 20));
  doc.sentences().push_back({{0, 26}});
  doc.entities().push_back({{9, 15}, "person", "", "Nicolás Maduro"});
  doc.timexes().push_back(
      {{0, 8}, TimexType::kDate, TimexAnchor::kDocumentDate, "2026-01", "START"});
  doc.attributions().push_back({std::nullopt, {16, 20}, {{21, 26}}});
  std::string line;
  AppendRecord(doc, {"in.jsonl", 3, "d1"}, R"({"title":"T","n":1.50})", &line);
  rapidjson::Document r = Parse(line);

  EXPECT_STREQ(r["schema"].GetString(), "newsmark/1");
  EXPECT_STREQ(r["id"].GetString(), "d1");
  EXPECT_STREQ(r["source"].GetString(), "in.jsonl");
  EXPECT_EQ(r["line"].GetInt(), 3);
  EXPECT_STREQ(r["date"].GetString(), "2026-01-20");
  EXPECT_STREQ(r["meta"]["title"].GetString(), "T");
  EXPECT_NE(line.find(R"("n":1.50)"), std::string::npos) << "meta kept as is";
  EXPECT_EQ(r["length"].GetInt(), 34);  // 35 bytes, 34 code points

  const auto& layers = r["layers"];
  const auto& entity = layers["entities"][0];
  EXPECT_EQ(entity["start"].GetInt(), 8);
  EXPECT_EQ(entity["end"].GetInt(), 14);
  EXPECT_STREQ(entity["text"].GetString(), "Maduro");
  EXPECT_TRUE(entity["id"].IsNull());
  EXPECT_EQ(layers["sentences"][0]["end"].GetInt(), 25);
  EXPECT_STREQ(layers["timexes"][0]["mod"].GetString(), "START");
  EXPECT_STREQ(layers["timexes"][0]["anchor"].GetString(), "document_date");
  EXPECT_STREQ(layers["timexes"][0]["text"].GetString(), "Nicolás");
  const auto& attribution = layers["attributions"][0];
  EXPECT_TRUE(attribution["source"].IsNull());
  EXPECT_STREQ(attribution["cue"]["text"].GetString(), "said");
  EXPECT_STREQ(attribution["content"][0]["text"].GetString(), "\"no\".");
  EXPECT_EQ(layers["blocks"].Size(), 0u);  // present though empty
}

// The token layer is internal: out of records unless asked, and then in
// code points like every other layer.
TEST(AppendRecord, TokensOnlyWhenAsked) {
  Document doc("d", "Nicol\u00e1s said.", std::nullopt);
  doc.tokens().tokens = {{0, 8, TokenKind::kWord, true},
                         {9, 13, TokenKind::kWord, false},
                         {13, 14, TokenKind::kMark, false}};
  std::string plain;
  AppendRecord(doc, {"a.txt", 0, "d"}, "{}", &plain);
  EXPECT_FALSE(Parse(plain)["layers"].HasMember("tokens"));

  std::string line;
  AppendRecord(doc, {"a.txt", 0, "d"}, "{}", &line, RecordOptions{.tokens = true});
  rapidjson::Document r = Parse(line);
  const auto& tokens = r["layers"]["tokens"];
  ASSERT_EQ(tokens.Size(), 3u);
  EXPECT_STREQ(tokens[0]["text"].GetString(), "Nicol\u00e1s");
  EXPECT_STREQ(tokens[0]["kind"].GetString(), "word");
  EXPECT_EQ(tokens[1]["start"].GetInt(), 8);  // after 7 code points and a space
  EXPECT_EQ(tokens[1]["end"].GetInt(), 12);
  EXPECT_STREQ(tokens[2]["kind"].GetString(), "mark");
  EXPECT_EQ(tokens[2]["start"].GetInt(), 12);
}

TEST(AppendRecord, WithoutDateOrLine) {
  Document doc("a.txt", "Text.");
  std::string line;
  AppendRecord(doc, {"a.txt", 0, "a.txt"}, "{}", &line);
  rapidjson::Document r = Parse(line);
  EXPECT_TRUE(r["date"].IsNull());
  EXPECT_TRUE(r["line"].IsNull());
  EXPECT_TRUE(r["meta"].IsObject());
}

TEST(AppendError, NamesThePlace) {
  std::string line;
  AppendError({"in.jsonl", 2, ""},
              absl::InvalidArgumentError("invalid JSON at column 2: x"), &line);
  EXPECT_EQ(line,
            "{\"error\":\"invalid JSON at column 2: x\",\"code\":"
            "\"INVALID_ARGUMENT\",\"source\":\"in.jsonl\",\"line\":2,"
            "\"id\":null}\n");
}

TEST(AppendError, MessagesThatEchoIllFormedBytesAreMadeValid) {
  // A lone surrogate escape in a JSONL field ("\udc00") unescapes to ED B0 80;
  // the message that echoes the field must not make the line invalid.
  std::string line;
  AppendError({"in.jsonl", 1, "a"},
              absl::InvalidArgumentError("field 'date': \"\xED\xB0\x80\xFF\""),
              &line);
  EXPECT_EQ(FindInvalidUtf8(line), line.size()) << line;
  rapidjson::Document r = Parse(line);
  EXPECT_STREQ(r["error"].GetString(),
               "field 'date': \"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");
}

TEST(AppendRecord, FileNamesThatAreNotUtf8AreMadeValid) {
  Document doc("b\xFF.txt", "Text.", absl::CivilDay(99, 5, 1));
  std::string line;
  AppendRecord(doc, {"dir/b\xFF.txt", 0, "b\xFF.txt"}, "{}", &line);
  rapidjson::Document r = Parse(line);
  EXPECT_STREQ(r["source"].GetString(), "dir/b\xEF\xBF\xBD.txt");
  EXPECT_STREQ(r["id"].GetString(), "b\xEF\xBF\xBD.txt");
  EXPECT_STREQ(r["date"].GetString(), "0099-05-01");
}

}  // namespace
}  // namespace newsmark
