// The standard newsmark pipeline: sentences -> dates -> entities ->
// attributions, built from the rules in one folder.

#ifndef NEWSMARK_STAGES_DEFAULT_PIPELINE_H_
#define NEWSMARK_STAGES_DEFAULT_PIPELINE_H_

#include <memory>

#include "absl/status/statusor.h"
#include "pipeline/pipeline.h"
#include "stages/sentences/sentence_stage.h"

namespace newsmark {

struct PipelineOptions {
  SentenceOptions sentences;
};

absl::StatusOr<std::unique_ptr<Pipeline>> CreateDefaultPipeline(
    const PipelineOptions& options);

}  // namespace newsmark

#endif  // NEWSMARK_STAGES_DEFAULT_PIPELINE_H_
