// The standard newsmark pipeline: sentences -> dates -> entities ->
// attributions, built from the rules in one folder.

#ifndef NEWSMARK_PIPELINE_DEFAULT_PIPELINE_H_
#define NEWSMARK_PIPELINE_DEFAULT_PIPELINE_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "pipeline/pipeline.h"
#include "stages/sentences/sentence_stage.h"

namespace newsmark {

struct PipelineOptions {
  // Folder holding one rule folder per stage (sentences/, dates/);
  // required (pipeline/cli/rules_location.h finds it for the binary).
  std::string rules_dir;
};

absl::StatusOr<std::unique_ptr<Pipeline>> CreateDefaultPipeline(
    const PipelineOptions& options);

}  // namespace newsmark

#endif  // NEWSMARK_PIPELINE_DEFAULT_PIPELINE_H_
