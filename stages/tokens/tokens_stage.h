// The tokens stage: cuts each document once into the token layer that every
// later stage reads (Document::tokens(), stages/core/tokenizer.h), with the
// text lower-cased in ASCII beside it. It runs first and needs no rules.
//
// Thread-safety: stateless; Process is safe to call concurrently.

#ifndef NEWSMARK_STAGES_TOKENS_TOKENS_STAGE_H_
#define NEWSMARK_STAGES_TOKENS_TOKENS_STAGE_H_

#include <memory>
#include <string_view>

#include "stages/stage.h"

namespace newsmark {

class TokensStage : public Stage {
 public:
  static std::unique_ptr<TokensStage> Create() { return std::make_unique<TokensStage>(); }

  std::string_view name() const override { return "tokens"; }
  LayerSet Requires() const override { return LayerSet(); }
  LayerSet Provides() const override { return Layers({Layer::kTokens}); }
  absl::Status Process(Document& doc) const override;
};

}  // namespace newsmark

#endif  // NEWSMARK_STAGES_TOKENS_TOKENS_STAGE_H_
