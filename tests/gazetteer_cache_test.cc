// OpenGazetteer: compiled once, mapped from the cache after, compiled again
// when a source changes or the image is bad, and working without a cache.

#include "stages/gazetteer/gazetteer_cache.h"

#include <filesystem>
#include <fstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/scratch_dir.h"

namespace newsmark {
namespace {

using ::testing::HasSubstr;

class GazetteerCacheTest : public ScratchDirTest {
 protected:
  void SetUp() override {
    ScratchDirTest::SetUp();
    Write("gaz/core.tsv",
          "nm:cia\tORG\tCentral Intelligence Agency\t3\tx\tCentral Intelligence Agency|=CIA\n");
    gaz_ = (dir_ / "gaz").string();
    cache_ = (dir_ / "cache").string();
  }
  std::string gaz_, cache_;
};

TEST_F(GazetteerCacheTest, CompiledOnceThenMapped) {
  absl::StatusOr<CompiledGazetteer> first = OpenGazetteer(gaz_, {}, cache_);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_FALSE(first->from_cache);
  EXPECT_EQ(first->note, "");
  EXPECT_TRUE(std::filesystem::exists(first->image_path));
  EXPECT_EQ(first->matcher->entry_count(), 1u);
  absl::StatusOr<CompiledGazetteer> second = OpenGazetteer(gaz_, {}, cache_);
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_TRUE(second->from_cache);
  EXPECT_EQ(second->image_path, first->image_path);
  EXPECT_EQ(second->matcher->entry_count(), 1u);
  EXPECT_EQ(second->matcher->alias_count(), first->matcher->alias_count());
}

TEST_F(GazetteerCacheTest, AChangedSourceOrAUserFileIsCompiledAgain) {
  const std::string before = OpenGazetteer(gaz_, {}, cache_)->image_path;
  Write("gaz/core.tsv", "nm:cia\tORG\tCentral Intelligence Agency\t3\tx\tCIA\n"
                        "nm:mi6\tORG\tMI6\t2\tx\t=MI6\n");
  absl::StatusOr<CompiledGazetteer> changed = OpenGazetteer(gaz_, {}, cache_);
  ASSERT_TRUE(changed.ok()) << changed.status();
  EXPECT_FALSE(changed->from_cache);
  EXPECT_NE(changed->image_path, before);
  EXPECT_EQ(changed->matcher->entry_count(), 2u);
  const std::string mine = Write("mine.tsv", "nm:fbi\tORG\tFBI\t2\tmine\t=FBI\n");
  absl::StatusOr<CompiledGazetteer> with_mine = OpenGazetteer(gaz_, {mine}, cache_);
  ASSERT_TRUE(with_mine.ok()) << with_mine.status();
  EXPECT_FALSE(with_mine->from_cache);
  EXPECT_EQ(with_mine->matcher->entry_count(), 3u);
  EXPECT_TRUE(OpenGazetteer(gaz_, {mine}, cache_)->from_cache);
  EXPECT_TRUE(OpenGazetteer(gaz_, {}, cache_)->from_cache);  // the other image stays
}

TEST_F(GazetteerCacheTest, ABadImageIsCompiledAgainAndReplaced) {
  const std::string path = OpenGazetteer(gaz_, {}, cache_)->image_path;
  std::string bytes;
  {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  bytes[bytes.size() - 1] ^= 0x5A;
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
  absl::StatusOr<CompiledGazetteer> again = OpenGazetteer(gaz_, {}, cache_);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_FALSE(again->from_cache);
  EXPECT_THAT(again->note, HasSubstr("corrupt"));
  EXPECT_THAT(again->note, HasSubstr("compiled again"));
  EXPECT_TRUE(OpenGazetteer(gaz_, {}, cache_)->from_cache);
  std::ofstream(path, std::ios::binary | std::ios::trunc) << "not an image";
  again = OpenGazetteer(gaz_, {}, cache_);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_FALSE(again->from_cache);
  EXPECT_THAT(again->note, HasSubstr("compiled again"));
}

TEST_F(GazetteerCacheTest, WithoutACacheOrAWritableOneItStillWorks) {
  absl::StatusOr<CompiledGazetteer> none = OpenGazetteer(gaz_, {}, "");
  ASSERT_TRUE(none.ok()) << none.status();
  EXPECT_FALSE(none->from_cache);
  EXPECT_EQ(none->image_path, "");
  EXPECT_EQ(none->note, "");
  const std::string file = Write("a-file", "x");  // a cache "folder" that is a file
  absl::StatusOr<CompiledGazetteer> unwritable = OpenGazetteer(gaz_, {}, file);
  ASSERT_TRUE(unwritable.ok()) << unwritable.status();
  EXPECT_FALSE(unwritable->from_cache);
  EXPECT_EQ(unwritable->image_path, "");
  EXPECT_THAT(unwritable->note, HasSubstr("not cached"));
  EXPECT_EQ(unwritable->matcher->entry_count(), 1u);
}

TEST_F(GazetteerCacheTest, ABadSourceFailsWithItsLine) {
  Write("gaz/core.tsv", "nm:x\tCOMPANY\tX\t1\tx\tX\n");
  absl::StatusOr<CompiledGazetteer> bad = OpenGazetteer(gaz_, {}, cache_);
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(std::string(bad.status().message()), HasSubstr("core.tsv:1: unknown type"));
  EXPECT_FALSE(std::filesystem::exists(cache_) && !std::filesystem::is_empty(cache_));
}

}  // namespace
}  // namespace newsmark
