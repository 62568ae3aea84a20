// newsmark diff on small hand-made record files.

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "pipeline/cli/commands.h"
#include "tests/scratch_dir.h"

namespace newsmark {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class DiffTest : public ScratchDirTest {
 protected:
  // Runs `newsmark diff OLD NEW`; its report goes to `report`.
  int Diff(const std::string& old_path, const std::string& new_path, std::string* report) {
    ::testing::internal::CaptureStdout();
    const int exit_code = RunDiffCommand({old_path, new_path});
    *report = ::testing::internal::GetCapturedStdout();
    return exit_code;
  }
};

constexpr char kRecordsWithoutIds[] =
    "{\"text\":\"On Monday.\",\"layers\":{\"timexes\":[{\"start\":3,\"end\":9,"
    "\"type\":\"DATE\",\"value\":\"2026-01-19\"}]}}\n"
    "{\"text\":\"Nothing.\",\"layers\":{}}\n";

// Found by tests/fuzz/records_fuzzer: records without an id were named by
// file and line, so no record of OLD matched one of NEW, and a file diffed
// with its copy was "different".
TEST_F(DiffTest, RecordsWithoutIdsMatchByPositionAndText) {
  const std::string old_path = Write("old.jsonl", kRecordsWithoutIds);
  const std::string copy = Write("copy.jsonl", kRecordsWithoutIds);
  std::string report;
  EXPECT_EQ(Diff(old_path, copy, &report), kExitOk) << report;
  EXPECT_THAT(report, HasSubstr("0 of 2 documents changed"));
  EXPECT_THAT(report, Not(HasSubstr("only in")));

  std::string changed = kRecordsWithoutIds;
  changed.replace(changed.find("2026-01-19"), 10, "2026-01-12");
  const std::string new_path = Write("new.jsonl", changed);
  EXPECT_EQ(Diff(old_path, new_path, &report), kExitInputErrors);
  EXPECT_THAT(report, HasSubstr("timexes ~ [3,9) \"Monday\" DATE 2026-01-19"));
  EXPECT_THAT(report, HasSubstr("1 of 2 documents changed"));
  EXPECT_THAT(report, Not(HasSubstr("only in")));
}

TEST_F(DiffTest, RecordsWithoutIdsAndOtherTextsAreOnlyOnOneSide) {
  const std::string old_path = Write("old.jsonl", "{\"text\":\"One.\",\"layers\":{}}\n");
  const std::string new_path = Write("new.jsonl", "{\"text\":\"Two.\",\"layers\":{}}\n");
  std::string report;
  EXPECT_EQ(Diff(old_path, new_path, &report), kExitInputErrors);
  EXPECT_THAT(report, HasSubstr("== " + old_path + ":1: only in " + old_path));
  EXPECT_THAT(report, HasSubstr("== " + new_path + ":1: only in " + new_path));
}

}  // namespace
}  // namespace newsmark
