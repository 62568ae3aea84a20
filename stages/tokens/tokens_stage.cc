#include "stages/tokens/tokens_stage.h"

#include <algorithm>
#include <cstring>
#include <vector>

namespace newsmark {

absl::Status TokensStage::Process(Document& doc) const {
  const std::string_view text = doc.text();
  TokenLayer& layer = doc.tokens();
  std::vector<TextToken>& tokens = layer.tokens;
  tokens.clear();
  // A long text is reserved for by what its first 64 KiB hold, so that a
  // flood of one-byte tokens takes one allocation of its size, not a
  // doubling (with a copy) past it. The first part's last two tokens may
  // be cut short by its end: they are dropped and cut again with the rest,
  // which starts where the last token kept ends (the tokenizer keeps no
  // state from token to token).
  constexpr size_t kProbe = size_t{64} << 10;
  const bool probe = text.size() > 4 * kProbe;
  // About one token in six bytes of news: one allocation for most texts.
  tokens.reserve(probe ? kProbe + 1 : text.size() / 5 + 1);
  uint32_t from = 0;
  if (probe) {
    Tokenize(text, 0, kProbe, &tokens);
    if (tokens.size() > 2) {
      tokens.resize(tokens.size() - 2);
      from = tokens.back().end;
      const size_t rest = text.size() - from;
      // A token is a byte or more; a thirty-second more than the first
      // part's density, for what varies (past that, the vector doubles);
      // and the slot Tokenize takes past its last token.
      const size_t guess = tokens.size() * rest / from * 33 / 32 + 64;
      tokens.reserve(tokens.size() + std::min(rest, guess) + 1);
    } else {
      tokens.clear();
    }
  }
  Tokenize(text, from, static_cast<uint32_t>(text.size()), &tokens);
  // Sized once, then lowered from the text in one pass.
  layer.lower.resize(text.size() + kTokenLayerPadding);
  char* lower = layer.lower.data();
  for (size_t k = 0; k < text.size(); ++k) lower[k] = LowerAscii(text[k]);
  std::memset(lower + text.size(), 0, kTokenLayerPadding);
  return absl::OkStatus();
}

}  // namespace newsmark
