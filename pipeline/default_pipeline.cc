#include "pipeline/default_pipeline.h"

#include <utility>
#include <vector>

#include "stages/dates/date_stage.h"
#include "stages/placeholder_stage.h"
#include "stages/tokens/tokens_stage.h"

namespace newsmark {

absl::StatusOr<std::unique_ptr<Pipeline>> CreateDefaultPipeline(
    const PipelineOptions& options) {
  if (options.rules_dir.empty()) {
    return absl::InvalidArgumentError("default pipeline: no rules folder given (PipelineOptions.rules_dir)");
  }
  std::vector<std::unique_ptr<Stage>> stages;
  // Sentences first: they read no tokens, and their scratch (a line, a
  // block and a few ends for every line of a text of short lines) is given
  // back before the token layer is cut, so a document's peak memory is the
  // larger of the two, not their sum.
  SentenceOptions sentence_options;
  sentence_options.rules_dir = options.rules_dir + "/sentences";
  absl::StatusOr<std::unique_ptr<SentenceStage>> sentences =
      SentenceStage::Create(sentence_options);
  if (!sentences.ok()) return sentences.status();
  stages.push_back(*std::move(sentences));
  stages.push_back(TokensStage::Create());
  DateOptions date_options;
  date_options.rules_dir = options.rules_dir + "/dates";
  absl::StatusOr<std::unique_ptr<DateStage>> dates = DateStage::Create(date_options);
  if (!dates.ok()) return dates.status();
  stages.push_back(*std::move(dates));
  // Slots for the stages still to come.
  stages.push_back(std::make_unique<PlaceholderStage>(
      "entities", Layers({Layer::kSentences}), Layers({Layer::kEntities})));
  stages.push_back(std::make_unique<PlaceholderStage>(
      "attributions", Layers({Layer::kSentences, Layer::kEntities}),
      Layers({Layer::kAttributions})));
  return Pipeline::Create(std::move(stages));
}

}  // namespace newsmark
