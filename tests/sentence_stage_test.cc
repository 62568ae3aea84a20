#include "stages/sentences/sentence_stage.h"

#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace newsmark {
namespace {

std::vector<std::string> Sentences(const SentenceStage& stage,
                                   const std::string& text) {
  Document doc("t", text);
  EXPECT_TRUE(stage.Process(doc).ok());
  std::vector<std::string> out;
  for (const Sentence& s : doc.sentences()) out.emplace_back(doc.Text(s.span));
  return out;
}

TEST(SentenceStage, SplitsAndTrims) {
  auto stage = SentenceStage::Create({});
  ASSERT_TRUE(stage.ok()) << stage.status();
  EXPECT_EQ(Sentences(**stage, "  Hello there.  How are you?\n"),
            (std::vector<std::string>{"Hello there.", "How are you?"}));
  // ICU's own English abbreviations hold ("Mr." does not end a sentence).
  EXPECT_EQ(Sentences(**stage, "Mr. Smith came. He left."),
            (std::vector<std::string>{"Mr. Smith came.", "He left."}));
}

TEST(SentenceStage, SpansAreUtf8BytesAndBlocksAreLines) {
  auto stage = SentenceStage::Create({});
  ASSERT_TRUE(stage.ok());
  Document doc("t", "Nicolás left.\n\nThen he came back.");
  ASSERT_TRUE((*stage)->Process(doc).ok());
  ASSERT_EQ(doc.sentences().size(), 2u);
  EXPECT_EQ(doc.sentences()[0].span, (Span{0, 14}));  // "á" is two bytes
  ASSERT_EQ(doc.blocks().size(), 2u);
  EXPECT_EQ(doc.Text(doc.blocks()[1].span), "Then he came back.");
  EXPECT_EQ(doc.blocks()[1].kind, BlockKind::kParagraph);
}

TEST(SentenceStage, SameResultOnManyThreads) {
  auto stage = SentenceStage::Create({});
  ASSERT_TRUE(stage.ok());
  std::string text;
  for (int i = 0; i < 50; ++i) {
    text += "Sentence number " + std::to_string(i) + " ends here. ";
  }
  const auto expected = Sentences(**stage, text);
  ASSERT_EQ(expected.size(), 50u);
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        if (Sentences(**stage, text) != expected) ++mismatches[t];
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(mismatches, std::vector<int>(4, 0));
}

}  // namespace
}  // namespace newsmark
