#include "stages/tokens/tokens_stage.h"

namespace newsmark {

absl::Status TokensStage::Process(Document& doc) const {
  const std::string_view text = doc.text();
  TokenLayer& layer = doc.tokens();
  layer.tokens.clear();
  // About one token in six bytes of news: one allocation for most texts.
  layer.tokens.reserve(text.size() / 5 + 1);
  Tokenize(text, 0, static_cast<uint32_t>(text.size()), &layer.tokens);
  layer.lower.assign(text.data(), text.size());
  layer.lower.append(kTokenLayerPadding, '\0');
  LowerAsciiInPlace(layer.lower);
  return absl::OkStatus();
}

}  // namespace newsmark
