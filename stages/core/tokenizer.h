// The tokenizer: one definition of a word for every stage.
//
//   std::vector<TextToken> tokens;
//   Tokenize(text, 0, uint32_t(text.size()), &tokens);
//   for (const TextToken& t : tokens) ... text.substr(t.begin, t.size()) ...
//
// or token by token, as the date stage's hot loop does:
//
//   uint32_t i = begin;
//   TextToken t;
//   while (NextToken(text, &i, end, &t)) { ... }
//
// The rules (docs/tokens.md has them with examples, tokenizer_test.cc tests
// each):
// - White space separates tokens and is no token: ASCII white space and the
//   Unicode spaces of UnicodeSpaceAt (no-break, thin, ideographic ...).
// - A number starts with an ASCII digit: digits, then groups of a ',' or '.'
//   and digits ("1,250", "13.9", "1.000.000"), then ASCII letters ("3rd",
//   "1990s", "15nd"). "1,000.That" is "1,000" "." "That".
// - A word starts with an ASCII letter or a non-ASCII byte and runs on over
//   ASCII letters and non-ASCII bytes ("Nicolás", "北京市", "naïve"), up to
//   a digit, an ASCII mark, a Unicode space, or a character of the General
//   Punctuation block U+2000-U+203F (curly quotes and apostrophes, dashes,
//   the ellipsis): "Obama’s" is "Obama" "’" "s", "well—known" is "well" "—"
//   "known".
// - Everything else is a one-character mark: each ASCII punctuation byte
//   ("U.S." is "U" "." "S" "."; "don't" is "don" "'" "t"), and a General
//   Punctuation character on its own ("’", "—", "…").
// So the words of a gazetteer name are cut exactly as the words of a text.
//
// Offsets are UTF-8 bytes into `text`, half-open. Each token is found in
// time proportional to its length: ASCII letters eight at a time, the rest
// byte by byte; Tokenize is linear in the text.
//
// Thread-safety: pure functions.

#ifndef NEWSMARK_STAGES_CORE_TOKENIZER_H_
#define NEWSMARK_STAGES_CORE_TOKENIZER_H_

#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "absl/base/attributes.h"
#include "stages/core/strings.h"
#include "stages/core/utf8.h"

namespace newsmark {

enum class TokenKind : uint8_t {
  kWord,    // letters or other scripts
  kNumber,  // starts with a digit
  kMark,    // one punctuation character
};

struct TextToken {
  uint32_t begin = 0, end = 0;
  TokenKind kind = TokenKind::kMark;
  bool capitalized = false;  // starts with an ASCII capital letter

  uint32_t size() const { return end - begin; }
};

namespace token_internal {

// What a byte is to the word scanner: 0 not a word byte, 1 a letter or a
// byte of a multi-byte character, 2 the lead byte 0xE2 (curly quotes,
// dashes and spaces, E2 80 xx, and U+205F end a word), 3 the lead bytes
// 0xC2 and 0xE3 (a no-break space, C2 A0, and U+3000 end a word).
inline constexpr std::array<uint8_t, 256> kWordBytes = [] {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    t[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
  }
  t[0xE2] = 2;
  t[0xC2] = 3;
  t[0xE3] = 3;
  return t;
}();

inline bool IsWordByte(char c) { return kWordBytes[static_cast<unsigned char>(c)] != 0; }

// How many of the 8 bytes at s, from the first, are ASCII letters: 8 at
// once where kWordBytes would go byte by byte. Stops at the first byte
// that is not one (0 when s[0] is not), non-ASCII bytes included.
inline int AsciiLettersAhead(const char* s) {
  uint64_t w;
  std::memcpy(&w, s, 8);
  constexpr uint64_t kHigh = 0x8080808080808080ULL;
  // Folded to lower case, an ASCII letter is 0x61-0x7A: adding 0x1F sets
  // bit 7 from 0x61 up, adding 0x05 from 0x7B up. No byte carries into
  // the next: all are below 0x80 after the mask.
  const uint64_t x = (w | 0x2020202020202020ULL) & ~kHigh;
  const uint64_t letters = (x + 0x1F1F1F1F1F1F1F1FULL) & ~(x + 0x0505050505050505ULL) & ~w & kHigh;
  const uint64_t other = ~letters & kHigh;
  return other == 0 ? 8 : __builtin_ctzll(other) / 8;
}

// The end of the number token that starts at text[begin].
ABSL_ATTRIBUTE_NOINLINE uint32_t NumberEnd(std::string_view text, uint32_t begin,
                                           uint32_t end);

// The end of the word token from `begin` whose scan has come to byte i,
// going on byte by byte to `end` or a byte that ends a word; a lone General
// Punctuation character is a token of its own.
ABSL_ATTRIBUTE_NOINLINE uint32_t WordEnd(std::string_view text, uint32_t begin, uint32_t i,
                                         uint32_t end);

}  // namespace token_internal

// Cuts the token at or after *i in text[*i, end) into *t and moves *i past
// it; false when only white space is left. text[end] and beyond may be
// read (not changed) up to text.size(): tokens never pass `end`.
inline bool NextToken(std::string_view text, uint32_t* i, uint32_t end, TextToken* t) {
  using token_internal::IsWordByte;
  uint32_t k = *i;
  for (;;) {
    if (k >= end) {
      *i = k;
      return false;
    }
    const char c = text[k];
    if (IsAsciiSpace(c)) {
      ++k;
      continue;
    }
    if (static_cast<unsigned char>(c) >= 0xC2) {  // a lead byte: maybe a Unicode space
      if (const size_t n = UnicodeSpaceAt(text.substr(0, end), k); n > 0) {
        k += n;
        continue;
      }
    }
    break;
  }
  const char c = text[k];
  t->begin = k;
  if (IsAsciiDigit(c)) {
    t->capitalized = false;
    t->kind = TokenKind::kNumber;
    k = token_internal::NumberEnd(text, k, end);
  } else if (IsWordByte(c)) {
    // Runs of ASCII letters eight bytes at a time; what follows is most
    // often a space or a mark. The rest (letters near the end of the text,
    // bytes of other scripts) goes on byte by byte.
    while (k + 8 <= text.size()) {
      const int n = token_internal::AsciiLettersAhead(text.data() + k);
      k += n;
      if (n < 8) break;
    }
    if (k > end) k = end;
    t->kind = TokenKind::kWord;
    if (k < end && IsWordByte(text[k])) {
      k = token_internal::WordEnd(text, t->begin, k, end);
      // A General Punctuation character alone ("’", "—") is a mark.
      if (c == '\xE2' && text[t->begin + 1] == '\x80') t->kind = TokenKind::kMark;
    }
    t->capitalized = c >= 'A' && c <= 'Z';
  } else {
    t->kind = TokenKind::kMark;
    t->capitalized = false;
    ++k;
  }
  t->end = k;
  *i = k;
  return true;
}

// Whether the character that ends just before text[b] is one a word token
// holds, as Tokenize cuts words: an ASCII letter, or a non-ASCII character
// that is neither a Unicode space nor General Punctuation (U+2000-U+203F:
// curly quotes, dashes, the ellipsis). For stages that read the word before
// a place backwards. `b` is on a code point boundary, 0 < b <= size.
bool WordCharacterBefore(std::string_view text, size_t b);

// Every token of text[begin, end), appended to *out.
void Tokenize(std::string_view text, uint32_t begin, uint32_t end,
              std::vector<TextToken>* out);

// A token's folded form, for matching names whatever their case and
// accents: Unicode case folding, then canonical decomposition with the
// combining marks dropped ("Nicolás" -> "nicolas", "ÆRØ" -> "ærø",
// "İstanbul" -> "istanbul"). ASCII tokens are lower-cased without ICU.
std::string FoldToken(std::string_view token);

}  // namespace newsmark

#endif  // NEWSMARK_STAGES_CORE_TOKENIZER_H_
