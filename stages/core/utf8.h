// UTF-8 helpers shared by every stage and by the record writer.
//
// newsmark keeps the original text as UTF-8 and, inside the process, every
// span is a half-open range of UTF-8 byte offsets [begin, end). Records
// report Unicode code point offsets instead; Utf8OffsetMap converts.
//
// Thread-safety: all functions are pure; a built Utf8OffsetMap is immutable.

#ifndef NEWSMARK_STAGES_CORE_UTF8_H_
#define NEWSMARK_STAGES_CORE_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "stages/core/strings.h"

namespace newsmark {

// Returns the byte offset of the first byte that does not start or continue a
// well-formed UTF-8 sequence (overlongs, surrogates and values above
// U+10FFFF are ill-formed), or text.size() when all of `text` is valid.
size_t FindInvalidUtf8(std::string_view text);

// `text` with every ill-formed byte replaced by U+FFFD, for strings from
// outside that must not make a record invalid (file names).
std::string ToValidUtf8(std::string_view text);

// Number of code points in valid UTF-8 `text`.
size_t CountCodePoints(std::string_view text);

// True for a byte that continues a multi-byte sequence (10xxxxxx).
inline bool IsUtf8Continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// The length in bytes of a Unicode space character starting at text[i], or
// 0: no-break space U+00A0, U+2000 to U+200A, narrow no-break space U+202F,
// U+205F and ideographic space U+3000. Text from the web separates words
// with them ("Jan.&nbsp;3"). ASCII white space is not counted here.
inline size_t UnicodeSpaceAt(std::string_view text, size_t i) {
  const auto at = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  if (i + 1 < text.size() && at(i) == 0xC2 && at(i + 1) == 0xA0) return 2;
  if (i + 2 >= text.size()) return 0;
  if (at(i) == 0xE2 && at(i + 1) == 0x80 && ((at(i + 2) >= 0x80 && at(i + 2) <= 0x8A) ||
                                             at(i + 2) == 0xAF)) {
    return 3;
  }
  if (at(i) == 0xE2 && at(i + 1) == 0x81 && at(i + 2) == 0x9F) return 3;
  if (at(i) == 0xE3 && at(i + 1) == 0x80 && at(i + 2) == 0x80) return 3;
  return 0;
}

// The same for a space character ending just before text[end], or 0.
inline size_t UnicodeSpaceBefore(std::string_view text, size_t end) {
  if (end >= 2 && UnicodeSpaceAt(text.substr(0, end), end - 2) == 2) return 2;
  if (end >= 3 && UnicodeSpaceAt(text.substr(0, end), end - 3) == 3) return 3;
  return 0;
}

// The offset past the white space (ASCII or Unicode spaces) that starts at
// text[i]; i itself when there is none.
inline size_t SkipWhiteSpace(std::string_view text, size_t i) {
  while (i < text.size()) {
    if (IsAsciiSpace(text[i])) {
      ++i;
    } else if (const size_t n = UnicodeSpaceAt(text, i); n > 0) {
      i += n;
    } else {
      break;
    }
  }
  return i;
}

// The offset where the white space ending at text[end] begins, not below
// `floor`; end itself when there is none.
inline size_t SkipWhiteSpaceBack(std::string_view text, size_t floor, size_t end) {
  while (end > floor) {
    if (IsAsciiSpace(text[end - 1])) {
      --end;
    } else if (const size_t n = UnicodeSpaceBefore(text.substr(floor), end - floor); n > 0) {
      end -= n;
    } else {
      break;
    }
  }
  return end;
}

// The byte offset of every code point of valid UTF-8 `text`, and of its end:
// result[i] is where code point i starts; result.back() == text.size().
// For turning code point offsets from gold files into byte spans.
std::vector<uint32_t> CodePointByteOffsets(std::string_view text);

// Converts byte offsets of one text into code point offsets in O(1) amortized
// time. Pure-ASCII texts (most news) cost nothing: offsets are the identity.
// The map stores one counter per 64 bytes, so it needs no more than 1/16 of the
// text's size.
class Utf8OffsetMap {
 public:
  explicit Utf8OffsetMap(std::string_view text);

  // `byte_offset` must be at most text.size() and on a code point boundary.
  size_t ToCodePoint(size_t byte_offset) const;

  // Total number of code points in the text.
  size_t code_points() const { return ToCodePoint(text_.size()); }

 private:
  static constexpr size_t kBlock = 64;
  std::string_view text_;
  bool ascii_ = true;
  std::vector<uint32_t> block_start_;  // code points before each block
};

}  // namespace newsmark

#endif  // NEWSMARK_STAGES_CORE_UTF8_H_
