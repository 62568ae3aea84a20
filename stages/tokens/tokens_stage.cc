#include "stages/tokens/tokens_stage.h"

#include <cstring>

namespace newsmark {

absl::Status TokensStage::Process(Document& doc) const {
  const std::string_view text = doc.text();
  TokenLayer& layer = doc.tokens();
  layer.tokens.clear();
  // About one token in six bytes of news: one allocation for most texts.
  layer.tokens.reserve(text.size() / 5 + 1);
  Tokenize(text, 0, static_cast<uint32_t>(text.size()), &layer.tokens);
  // Sized once, then lowered from the text in one pass.
  layer.lower.resize(text.size() + kTokenLayerPadding);
  char* lower = layer.lower.data();
  for (size_t k = 0; k < text.size(); ++k) lower[k] = LowerAscii(text[k]);
  std::memset(lower + text.size(), 0, kTokenLayerPadding);
  return absl::OkStatus();
}

}  // namespace newsmark
