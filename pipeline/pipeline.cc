#include "pipeline/pipeline.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"

namespace newsmark {
namespace {

std::string Quoted(std::string_view s) { return absl::StrCat("'", std::string(s), "'"); }

}  // namespace

absl::StatusOr<std::unique_ptr<Pipeline>> Pipeline::Create(
    std::vector<std::unique_ptr<Stage>> stages) {
  LayerSet provided;
  std::vector<std::string_view> provider(kLayerCount);
  for (const auto& stage : stages) {
    if (stage == nullptr) {
      return absl::InvalidArgumentError("pipeline: null stage");
    }
    for (int i = 0; i < kLayerCount; ++i) {
      const Layer layer = static_cast<Layer>(i);
      if (stage->Requires().test(i) && !provided.test(i)) {
        return absl::FailedPreconditionError(absl::StrCat(
            "pipeline: stage ", Quoted(stage->name()), " requires layer ",
            Quoted(LayerName(layer)), ", which no earlier stage provides"));
      }
    }
    for (int i = 0; i < kLayerCount; ++i) {
      if (!stage->Provides().test(i)) continue;
      if (provided.test(i)) {
        return absl::FailedPreconditionError(absl::StrCat(
            "pipeline: layer ", Quoted(LayerName(static_cast<Layer>(i))),
            " is provided by both ", Quoted(provider[i]), " and ",
            Quoted(stage->name())));
      }
      provided.set(i);
      provider[i] = stage->name();
    }
  }
  return std::unique_ptr<Pipeline>(new Pipeline(std::move(stages), provided));
}

absl::Status Pipeline::Process(Document& doc) const {
  for (const auto& stage : stages_) {
    absl::Status status = stage->Process(doc);
    if (!status.ok()) {
      return absl::Status(status.code(),
                          absl::StrCat("stage ", Quoted(stage->name()), ": ",
                                       status.message()));
    }
  }
  return absl::OkStatus();
}

}  // namespace newsmark
