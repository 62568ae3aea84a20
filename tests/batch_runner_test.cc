#include "pipeline/batch_runner.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "gtest/gtest.h"
#include "pipeline/default_pipeline.h"
#include "pipeline/record_writer.h"

namespace newsmark {
namespace {

namespace fs = std::filesystem;

constexpr size_t kSpoolAboveForTest = size_t{256} << 10;  // batch_runner.cc's kSpoolAbove

std::string ReadBack(std::FILE* f) {
  std::fflush(f);
  std::rewind(f);
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  return out;
}

size_t Lines(const std::string& s) {
  return std::count(s.begin(), s.end(), '\n');
}

class BatchRunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (fs::path(::testing::TempDir()) /
             ("newsmark_batch_" + std::to_string(getpid()) + ".jsonl"))
                .string();
    std::ofstream out(path_);
    // 600 documents; every 7th line is broken in one of three ways.
    for (int i = 0; i < 600; ++i) {
      if (i % 7 == 3) {
        out << (i % 3 == 0 ? "{broken\n"
                : i % 3 == 1 ? "{\"id\":\"x\"}\n"
                             : "{\"text\":\"\"}\n");
        continue;
      }
      out << "{\"id\":\"d" << i << "\",\"text\":\"Article " << i
          << ". It has " << (i % 5) << " more sentences.";
      for (int k = 0; k < i % 5; ++k) out << " Here is one, Mr. Smith.";
      out << "\",\"extra\":" << i << "}\n";
    }
    auto pipeline = CreateDefaultPipeline({NEWSMARK_SOURCE_DIR "/rules"});
    ASSERT_TRUE(pipeline.ok()) << pipeline.status();
    pipeline_ = *std::move(pipeline);
  }
  void TearDown() override { fs::remove(path_); }

  // Runs the batch; returns records and errors as text.
  std::pair<std::string, std::string> Run(RunOptions options, RunStats* stats) {
    InputReader reader({path_}, {});
    std::FILE* records = std::tmpfile();
    std::FILE* errors = std::tmpfile();
    auto result = RunBatch(*pipeline_, reader, records, errors, options);
    EXPECT_TRUE(result.ok()) << result.status();
    if (result.ok()) *stats = *result;
    auto out = std::make_pair(ReadBack(records), ReadBack(errors));
    std::fclose(records);
    std::fclose(errors);
    return out;
  }

  std::string path_;
  std::unique_ptr<Pipeline> pipeline_;
};

TEST_F(BatchRunnerTest, RecordsPlusErrorsEqualDocumentsRead) {
  RunStats stats;
  auto [records, errors] = Run({}, &stats);
  EXPECT_EQ(stats.documents, 600);
  EXPECT_EQ(stats.errors, 86);  // i % 7 == 3 for i < 600
  EXPECT_EQ(stats.records, 600 - 86);
  EXPECT_EQ(Lines(records), 514u);
  EXPECT_EQ(Lines(errors), 86u);
}

TEST_F(BatchRunnerTest, OutputIsIdenticalWhateverTheThreads) {
  RunStats serial_stats;
  const auto serial = Run({}, &serial_stats);
  for (int jobs : {2, 3, 8}) {
    for (size_t window : {size_t{1}, size_t{4}, size_t{0}}) {
      RunOptions options;
      options.jobs = jobs;
      options.window = window;
      RunStats stats;
      const auto parallel = Run(options, &stats);
      EXPECT_EQ(parallel.first, serial.first) << jobs << " jobs, window " << window;
      EXPECT_EQ(parallel.second, serial.second);
      EXPECT_EQ(stats.records, serial_stats.records);
    }
  }
}

TEST_F(BatchRunnerTest, MemoryBudgetStillLetsLargeItemsThrough) {
  RunOptions options;
  options.jobs = 2;
  options.memory_bytes = 1;  // less than any document
  RunStats stats;
  Run(options, &stats);
  EXPECT_EQ(stats.documents, 600);
}

// Documents whose records pass the 256 KiB above which they wait in a
// temporary file: a block and a sentence every three bytes of text.
class LargeRecordsTest : public BatchRunnerTest {
 protected:
  void SetUp() override {
    BatchRunnerTest::SetUp();
    std::ofstream out(path_);
    for (int i = 0; i < 8; ++i) {
      std::string text;
      const int units = i % 2 == 0 ? 40'000 : 3;  // 120 KB, or a few bytes
      for (int k = 0; k < units; ++k) text += i % 4 == 0 ? "a\\n\\n" : "b\\n\\n";
      out << "{\"id\":\"big" << i << "\",\"text\":\"" << text << "\"}\n";
    }
  }
};

TEST_F(LargeRecordsTest, SpooledRecordsAreWrittenWholeAndInOrder) {
  // What AppendRecord gives for each, in memory.
  std::string expected;
  InputReader reader({path_}, {});
  InputItem item;
  while (reader.Next(&item)) {
    ASSERT_TRUE(item.status.ok()) << item.status;
    Document doc(item.place.id, std::move(item.text), item.date);
    ASSERT_TRUE(pipeline_->Process(doc).ok());
    AppendRecord(doc, item.place, item.meta_json, &expected);
  }
  ASSERT_GT(expected.size(), 4u * kSpoolAboveForTest);
  for (int jobs : {1, 2, 4}) {
    RunOptions options;
    options.jobs = jobs;
    RunStats stats;
    const auto [records, errors] = Run(options, &stats);
    EXPECT_EQ(stats.records, 8) << errors;
    EXPECT_TRUE(records == expected) << jobs << " jobs: " << records.size() << " bytes, not "
                                     << expected.size();
  }
}

TEST_F(LargeRecordsTest, WorkingMemoryInFlightStaysWithinTheBudget) {
  const size_t big = kWorkPerTextByte * 120'000 + kRecordPiece;  // one large document
  for (const size_t budget : {size_t{1}, 2 * big, 3 * big}) {
    RunOptions options;
    options.jobs = 4;
    options.memory_bytes = budget;
    RunStats stats;
    Run(options, &stats);
    EXPECT_EQ(stats.records, 8);
    // One item is always let through; past that the budget holds. A
    // waiting record counts for its bytes in memory, which spooling keeps
    // under 256 KiB and so under a large document's count.
    EXPECT_LE(stats.most_memory_counted, std::max(budget, big)) << budget;
    EXPECT_GE(stats.most_memory_counted, big);
  }
  RunOptions unbounded;
  unbounded.jobs = 4;
  RunStats stats;
  Run(unbounded, &stats);
  EXPECT_GT(stats.most_memory_counted, 2 * big);  // the budget above did the limiting
}

TEST_F(BatchRunnerTest, ProgressIsReported) {
  RunOptions options;
  int calls = 0;
  int64_t last = -1;
  options.progress = [&](const RunStats& s) {
    ++calls;
    last = s.documents;
  };
  RunStats stats;
  Run(options, &stats);
  EXPECT_GE(calls, 1);
  EXPECT_EQ(last, 600);
}

}  // namespace
}  // namespace newsmark
