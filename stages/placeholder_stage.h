// A stage slot whose issue has not landed yet: it declares the contract of
// the real stage (what it requires, what it provides) and adds nothing, so
// records already carry the layer, empty, and pipelines are checked against
// the final order. Each stage's issue replaces its placeholder.

#ifndef NEWSMARK_STAGES_PLACEHOLDER_STAGE_H_
#define NEWSMARK_STAGES_PLACEHOLDER_STAGE_H_

#include <string>

#include "stages/stage.h"

namespace newsmark {

class PlaceholderStage : public Stage {
 public:
  PlaceholderStage(std::string name, LayerSet required, LayerSet provided)
      : name_(std::move(name)), requires_(required), provides_(provided) {}

  std::string_view name() const override { return name_; }
  LayerSet Requires() const override { return requires_; }
  LayerSet Provides() const override { return provides_; }
  absl::Status Process(Document&) const override { return absl::OkStatus(); }

 private:
  const std::string name_;
  const LayerSet requires_;
  const LayerSet provides_;
};

}  // namespace newsmark

#endif  // NEWSMARK_STAGES_PLACEHOLDER_STAGE_H_
