#include "stages/core/tokenizer.h"

#include <algorithm>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

bool WordCharacterBefore(std::string_view text, size_t b) {
  const unsigned char c = static_cast<unsigned char>(text[b - 1]);
  if (c < 0x80) return IsAsciiLetter(static_cast<char>(c));
  size_t start = b - 1;  // back over continuation bytes to the lead byte
  while (start > 0 && b - start < 4 && IsUtf8Continuation(static_cast<unsigned char>(text[start]))) {
    --start;
  }
  if (UnicodeSpaceAt(text.substr(0, b), start) > 0) return false;  // the character, no further
  return !(static_cast<unsigned char>(text[start]) == 0xE2 && start + 2 < b &&
           text[start + 1] == '\x80');
}

namespace {

#if defined(__SSE2__)

// What 64 bytes of text are, one bit a byte (bit k for text[k]).
struct ByteClasses {
  uint64_t letters = 0;   // ASCII letters
  uint64_t capitals = 0;  // 'A'-'Z'
  uint64_t marks = 0;     // one-byte marks: all but letters, digits, spaces, bytes >= 0x80
  uint64_t high = 0;      // bytes >= 0x80
  uint64_t special = 0;   // digits and bytes >= 0x80: left to NextToken
};

// The bytes of v in [lo, lo + n), as a 16-bit mask.
inline uint32_t InRange(__m128i v, char lo, int n) {
  const __m128i shifted = _mm_xor_si128(_mm_sub_epi8(v, _mm_set1_epi8(lo)), _mm_set1_epi8(-128));
  return static_cast<uint32_t>(
      _mm_movemask_epi8(_mm_cmplt_epi8(shifted, _mm_set1_epi8(static_cast<char>(n - 128)))));
}

inline ByteClasses ClassesOf(const char* p) {
  ByteClasses c;
  for (int part = 0; part < 4; ++part) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * part));
    const uint32_t high = static_cast<uint32_t>(_mm_movemask_epi8(v));
    const uint32_t digits = InRange(v, '0', 10);
    const uint32_t letters = InRange(_mm_or_si128(v, _mm_set1_epi8(0x20)), 'a', 26);
    const uint32_t spaces = InRange(v, '\t', 5) |  // \t \n \v \f \r
                            static_cast<uint32_t>(_mm_movemask_epi8(
                                _mm_cmpeq_epi8(v, _mm_set1_epi8(' '))));
    const int shift = 16 * part;
    c.letters |= uint64_t{letters} << shift;
    c.capitals |= uint64_t{InRange(v, 'A', 26)} << shift;
    c.high |= uint64_t{high} << shift;
    c.special |= uint64_t{digits | high} << shift;
    c.marks |= uint64_t{~(letters | digits | spaces | high) & 0xFFFF} << shift;
  }
  return c;
}

// Cuts the tokens of the 64 bytes at text[*i] from bit masks, up to the
// first special byte (a digit or a byte >= 0x80): a run of ASCII letters
// is a word, any other byte but a space a one-byte mark. Moves *i past
// what it cut and returns true, or returns false with *i where NextToken
// must take over: at the special byte, or at the start of a word that may
// run on (to the end of the block, or into a byte >= 0x80). *i is never
// inside a token.
inline bool CutBlock(std::string_view text, uint32_t* i, std::vector<TextToken>* out) {
  const ByteClasses c = ClassesOf(text.data() + *i);
  const uint64_t before_special = c.special == 0 ? ~uint64_t{0} : (c.special & -c.special) - 1;
  const uint64_t word_lasts = c.letters & ~(c.letters >> 1);  // the last letter of each run
  uint64_t starts = (c.marks | (c.letters & ~(c.letters << 1))) & before_special;
  const uint32_t base = *i;
  while (starts != 0) {
    const int s = __builtin_ctzll(starts);
    starts &= starts - 1;
    const uint64_t bit = uint64_t{1} << s;
    const bool mark = (c.marks & bit) != 0;
    // A word's last letter is the first run end at or after its start (no
    // mark lies between); a mark is its own last byte. Never ctz of zero.
    const int last = __builtin_ctzll((word_lasts | c.marks) & ~(bit - 1));
    // Words and marks alternate as unpredictably as the text: one branch,
    // nearly never taken, for a word that may run on, and none on what
    // the token is.
    const bool runs_on = (!mark) & ((last == 63) | ((c.high >> last >> 1 & 1) != 0));
    if (runs_on) {
      *i = base + static_cast<uint32_t>(s);
      return false;
    }
    TextToken& t = out->emplace_back();
    t.begin = base + static_cast<uint32_t>(s);
    t.end = base + static_cast<uint32_t>(last + 1);
    t.kind = mark ? TokenKind::kMark : TokenKind::kWord;
    t.capitalized = (c.capitals & bit) != 0;
  }
  if (c.special == 0) {
    *i = base + 64;
    return true;
  }
  *i = base + static_cast<uint32_t>(__builtin_ctzll(c.special));
  return false;
}

#endif  // __SSE2__

}  // namespace

void Tokenize(std::string_view text, uint32_t begin, uint32_t end,
              std::vector<TextToken>* out) {
  // Each token is cut straight into its place: a token cut on the stack
  // and copied in would be stored field by field and loaded back whole,
  // which stalls the store forwarding on every token.
  uint32_t i = begin;
#if defined(__SSE2__)
  // Blocks of 64 bytes of ASCII letters, marks and spaces are cut from bit
  // masks; NextToken takes each token the masks leave (numbers, other
  // scripts, words that run past a block), and the rest of the text. Both
  // cut the same tokens: tokenizer_test compares them.
  while (i + 64 <= end) {
    if (CutBlock(text, &i, out)) continue;
    // The token the masks left, cut as NextToken cuts every token.
    if (!NextToken(text, &i, end, &out->emplace_back())) out->pop_back();
  }
#endif
  while (NextToken(text, &i, end, &out->emplace_back())) {
  }
  out->pop_back();  // the slot NextToken found no token for
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
