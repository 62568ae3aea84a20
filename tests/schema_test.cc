// Every golden seed record, and records with every layer filled, validate
// against docs/newsmark-1.schema.json; records that break it do not.

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "gtest/gtest.h"
#include "pipeline/record_writer.h"
#include "rapidjson/document.h"
#include "rapidjson/schema.h"
#include "rapidjson/stringbuffer.h"

namespace newsmark {
namespace {

namespace fs = std::filesystem;

std::string Slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class SchemaTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    rapidjson::Document d;
    d.Parse(Slurp(fs::path(NEWSMARK_SOURCE_DIR) / "docs/newsmark-1.schema.json")
                .c_str());
    ASSERT_FALSE(d.HasParseError());
    schema_ = new rapidjson::SchemaDocument(d);
  }
  static void TearDownTestSuite() { delete schema_; }

  // Empty when `line` is valid, else what broke.
  static std::string Violation(const std::string& line) {
    rapidjson::Document d;
    d.Parse(line.c_str());
    if (d.HasParseError()) return "not JSON";
    rapidjson::SchemaValidator validator(*schema_);
    if (d.Accept(validator)) return "";
    rapidjson::StringBuffer where;
    validator.GetInvalidDocumentPointer().StringifyUriFragment(where);
    return std::string(validator.GetInvalidSchemaKeyword()) + " at " +
           where.GetString();
  }

  static rapidjson::SchemaDocument* schema_;
};

rapidjson::SchemaDocument* SchemaTest::schema_ = nullptr;

TEST_F(SchemaTest, GoldenSeedRecordsValidate) {
  int records = 0;
  for (const auto& entry :
       fs::directory_iterator(fs::path(NEWSMARK_SOURCE_DIR) / "seeds")) {
    if (entry.path().extension() != ".jsonl") continue;
    std::ifstream in(entry.path());
    std::string line;
    while (std::getline(in, line)) {
      EXPECT_EQ(Violation(line), "") << entry.path();
      ++records;
    }
  }
  EXPECT_GE(records, 1);
}

TEST_F(SchemaTest, EveryLayerFilledValidates) {
  Document doc("d", "Maduro said on Sunday: \"no\".", absl::CivilDay(2026, 1, 20));
  doc.blocks().push_back({{0, 28}, BlockKind::kParagraph});
  doc.sentences().push_back({{0, 28}});
  doc.timexes().push_back(
      {{15, 21}, TimexType::kDate, TimexAnchor::kDocumentDate, "2026-01-18", ""});
  doc.entities().push_back({{0, 6}, "person", "", "Nicolás Maduro"});
  doc.attributions().push_back({Span{0, 6}, {7, 11}, {{23, 28}}});
  std::string line;
  AppendRecord(doc, {"x.txt", 0, "d"}, "{}", &line);
  EXPECT_EQ(Violation(line), "");
  doc.tokens().tokens = {{0, 6, TokenKind::kWord, true}, {21, 22, TokenKind::kMark, false}};
  line.clear();
  AppendRecord(doc, {"x.txt", 0, "d"}, "{}", &line, RecordOptions{.tokens = true});
  EXPECT_EQ(Violation(line), "");
}

TEST_F(SchemaTest, BrokenRecordsDoNotValidate) {
  Document doc("d", "Text.");
  std::string line;
  AppendRecord(doc, {"x.txt", 0, "d"}, "{}", &line);
  ASSERT_EQ(Violation(line), "");
  auto broken = [&](const std::string& from, const std::string& to) {
    std::string copy = line;
    const size_t at = copy.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return copy.replace(at, from.size(), to);
  };
  EXPECT_NE(Violation(broken("\"newsmark/1\"", "\"newsmark/0\"")), "");
  EXPECT_NE(Violation(broken(",\"attributions\":[]", "")), "");
  EXPECT_NE(Violation(broken("\"sentences\":[]",
                             "\"sentences\":[{\"start\":-1,\"end\":2,\"text\":\"\"}]")),
            "");
  EXPECT_NE(Violation(broken("\"date\":null", "\"date\":\"20 Jan\"")), "");
}

}  // namespace
}  // namespace newsmark
