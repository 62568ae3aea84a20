// A Pipeline runs stages in order over documents.
//
//   std::vector<std::unique_ptr<Stage>> stages = ...;
//   absl::StatusOr<std::unique_ptr<Pipeline>> p =
//       Pipeline::Create(std::move(stages));
//   if (!p.ok()) return p.status();   // e.g. a missing layer, named
//   absl::Status s = (*p)->Process(doc);
//
// Thread-safety: a built Pipeline is immutable; Process may run on many
// threads at once, each with its own Document.

#ifndef NEWSMARK_PIPELINE_PIPELINE_H_
#define NEWSMARK_PIPELINE_PIPELINE_H_

#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "stages/document.h"
#include "stages/stage.h"

namespace newsmark {

class Pipeline {
 public:
  // Fails with FailedPreconditionError when a stage requires a layer that no
  // earlier stage provides, or when two stages provide the same layer.
  static absl::StatusOr<std::unique_ptr<Pipeline>> Create(
      std::vector<std::unique_ptr<Stage>> stages);

  absl::Status Process(Document& doc) const;

  // The layers the stages add, in the order records list them.
  LayerSet provided() const { return provided_; }
  const std::vector<std::unique_ptr<Stage>>& stages() const { return stages_; }

 private:
  Pipeline(std::vector<std::unique_ptr<Stage>> stages, LayerSet provided)
      : stages_(std::move(stages)), provided_(provided) {}

  std::vector<std::unique_ptr<Stage>> stages_;
  LayerSet provided_;
};

}  // namespace newsmark

#endif  // NEWSMARK_PIPELINE_PIPELINE_H_
