#include "stages/core/tokenizer.h"

#include <algorithm>

#include "unicode/normalizer2.h"
#include "unicode/uchar.h"
#include "unicode/unistr.h"

namespace newsmark {
namespace token_internal {

uint32_t NumberEnd(std::string_view text, uint32_t begin, uint32_t end) {
  uint32_t i = begin;
  while (i < end && IsAsciiDigit(text[i])) ++i;
  // "1,000" and "3.5" are one token.
  while (i + 1 < end && (text[i] == ',' || text[i] == '.') && IsAsciiDigit(text[i + 1])) {
    ++i;
    while (i < end && IsAsciiDigit(text[i])) ++i;
  }
  while (i < end && IsAsciiLetter(text[i])) ++i;  // "3rd", "1990s"
  return i;
}

uint32_t WordEnd(std::string_view text, uint32_t begin, uint32_t i, uint32_t end) {
  while (i < end) {
    const uint8_t kind = kWordBytes[static_cast<unsigned char>(text[i])];
    if (kind != 1) {
      if (kind == 0) break;
      // Stop at curly quotes, dashes and spaces (E2 80 xx), and at a
      // no-break space (C2 A0).
      if ((kind == 2 || kind == 3) && UnicodeSpaceAt(text.substr(0, end), i) > 0) break;
      if (kind == 2 && i + 2 < end && text[i + 1] == '\x80') break;
    }
    ++i;
  }
  if (i == begin) i = std::min(end, i + 3);  // a lone General Punctuation mark
  return i;
}

}  // namespace token_internal

void Tokenize(std::string_view text, uint32_t begin, uint32_t end,
              std::vector<TextToken>* out) {
  uint32_t i = begin;
  TextToken t;
  while (NextToken(text, &i, end, &t)) out->push_back(t);
}

std::string FoldToken(std::string_view token) {
  if (std::all_of(token.begin(), token.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    std::string out(token);
    LowerAsciiInPlace(out);
    return out;
  }
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  icu::UnicodeString folded =
      icu::UnicodeString::fromUTF8(icu::StringPiece(token.data(), token.size()));
  folded.foldCase();
  icu::UnicodeString decomposed;
  if (U_SUCCESS(status)) nfd->normalize(folded, decomposed, status);
  if (U_FAILURE(status)) decomposed = folded;
  icu::UnicodeString bare;
  for (int32_t k = 0; k < decomposed.length();) {
    const UChar32 c = decomposed.char32At(k);
    if (u_charType(c) != U_NON_SPACING_MARK) bare.append(c);
    k += U16_LENGTH(c);
  }
  std::string out;
  bare.toUTF8String(out);
  return out;
}

}  // namespace newsmark
