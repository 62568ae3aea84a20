#include "pipeline/pipeline.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace newsmark {
namespace {

// Records its name in the document's first sentence list, to show order.
class FakeStage : public Stage {
 public:
  FakeStage(std::string name, LayerSet required, LayerSet provided,
            absl::Status result = absl::OkStatus())
      : name_(std::move(name)), required_(required), provided_(provided),
        result_(std::move(result)) {}
  std::string_view name() const override { return name_; }
  LayerSet Requires() const override { return required_; }
  LayerSet Provides() const override { return provided_; }
  absl::Status Process(Document& doc) const override {
    doc.entities().push_back({{0, 1}, name_, "", ""});
    return result_;
  }

 private:
  std::string name_;
  LayerSet required_, provided_;
  absl::Status result_;
};

std::vector<std::unique_ptr<Stage>> Stages(std::vector<FakeStage*> raw) {
  std::vector<std::unique_ptr<Stage>> stages;
  for (FakeStage* s : raw) stages.emplace_back(s);
  return stages;
}

TEST(Pipeline, NamesTheMissingLayer) {
  auto p = Pipeline::Create(Stages(
      {new FakeStage("dates", Layers({Layer::kSentences}),
                     Layers({Layer::kTimexes})),
       new FakeStage("sentences", {}, Layers({Layer::kSentences}))}));
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(p.status().message(),
            "pipeline: stage 'dates' requires layer 'sentences', which no "
            "earlier stage provides");
}

TEST(Pipeline, RejectsTwoProvidersOfOneLayer) {
  auto p = Pipeline::Create(
      Stages({new FakeStage("a", {}, Layers({Layer::kSentences})),
              new FakeStage("b", {}, Layers({Layer::kSentences}))}));
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().message(),
            "pipeline: layer 'sentences' is provided by both 'a' and 'b'");
}

TEST(Pipeline, RunsStagesInOrder) {
  auto p = Pipeline::Create(Stages(
      {new FakeStage("first", {}, Layers({Layer::kSentences})),
       new FakeStage("second", Layers({Layer::kSentences}),
                     Layers({Layer::kEntities}))}));
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ((*p)->provided(), Layers({Layer::kSentences, Layer::kEntities}));
  Document doc("d", "text");
  ASSERT_TRUE((*p)->Process(doc).ok());
  ASSERT_EQ(doc.entities().size(), 2u);
  EXPECT_EQ(doc.entities()[0].type, "first");
  EXPECT_EQ(doc.entities()[1].type, "second");
}

TEST(Pipeline, StageFailureNamesTheStageAndStops) {
  auto p = Pipeline::Create(Stages(
      {new FakeStage("bad", {}, {}, absl::InternalError("boom")),
       new FakeStage("never", {}, {})}));
  ASSERT_TRUE(p.ok());
  Document doc("d", "text");
  absl::Status s = (*p)->Process(doc);
  EXPECT_EQ(s.code(), absl::StatusCode::kInternal);
  EXPECT_EQ(s.message(), "stage 'bad': boom");
  EXPECT_EQ(doc.entities().size(), 1u);
}

TEST(Document, TextIsKeptAndSpansSliceIt) {
  Document doc("id", "Hello, world.", absl::CivilDay(2026, 1, 20));
  EXPECT_EQ(doc.Text({7, 12}), "world");
  EXPECT_EQ(*doc.date(), absl::CivilDay(2026, 1, 20));
}

}  // namespace
}  // namespace newsmark
