// The stage contract.
//
// A stage adds layers to a Document. It declares the layers it needs
// (Requires) and the layers it adds (Provides); Pipeline::Create checks that
// every stage's requirements are provided by an earlier stage and names the
// missing layer when not.
//
// Stages are built once, through a static
//   absl::StatusOr<std::unique_ptr<XStage>> Create(const XOptions&)
// that loads and compiles their rules, and are immutable afterwards:
// Process() is const and must be safe to call from many threads at once on
// different documents. Output must not depend on which thread runs it.

#ifndef NEWSMARK_STAGES_STAGE_H_
#define NEWSMARK_STAGES_STAGE_H_

#include <string_view>

#include "absl/status/status.h"
#include "stages/document.h"

namespace newsmark {

class Stage {
 public:
  virtual ~Stage() = default;

  // Short lower-case name used in messages and `--stages`: "sentences".
  virtual std::string_view name() const = 0;
  virtual LayerSet Requires() const = 0;
  virtual LayerSet Provides() const = 0;

  // Appends this stage's layers to `doc`. A non-OK status is reported as an
  // error for this document; the batch goes on.
  virtual absl::Status Process(Document& doc) const = 0;
};

}  // namespace newsmark

#endif  // NEWSMARK_STAGES_STAGE_H_
