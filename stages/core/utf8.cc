#include "stages/core/utf8.h"

#include <algorithm>
#include <cstring>

namespace newsmark {

size_t FindInvalidUtf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    // Skip ASCII eight bytes at a time.
    if (i + 8 <= n) {
      uint64_t word;
      std::memcpy(&word, s + i, 8);
      if ((word & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    const unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    unsigned char lo = 0x80, hi = 0xBF;  // bounds for the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;         // no overlongs
      if (c == 0xED) hi = 0x9F;         // no surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;         // no overlongs
      if (c == 0xF4) hi = 0x8F;         // nothing above U+10FFFF
    } else {
      return i;
    }
    if (i + len > n) return i;
    if (s[i + 1] < lo || s[i + 1] > hi) return i;
    for (size_t k = 2; k < len; ++k) {
      if (!IsUtf8Continuation(s[i + k])) return i;
    }
    i += len;
  }
  return n;
}

std::string ToValidUtf8(std::string_view text) {
  std::string out;
  for (;;) {
    const size_t bad = FindInvalidUtf8(text);
    out.append(text.substr(0, bad));
    if (bad == text.size()) return out;
    out.append("\xEF\xBF\xBD");  // U+FFFD
    text.remove_prefix(bad + 1);
  }
}

size_t CountCodePoints(std::string_view text) {
  size_t count = 0;
  for (unsigned char c : text) count += !IsUtf8Continuation(c);
  return count;
}

std::vector<uint32_t> CodePointByteOffsets(std::string_view text) {
  std::vector<uint32_t> offsets;
  offsets.reserve(text.size() + 1);
  for (size_t i = 0; i < text.size(); ++i) {
    if (!IsUtf8Continuation(static_cast<unsigned char>(text[i]))) {
      offsets.push_back(static_cast<uint32_t>(i));
    }
  }
  offsets.push_back(static_cast<uint32_t>(text.size()));
  return offsets;
}

Utf8OffsetMap::Utf8OffsetMap(std::string_view text) : text_(text) {
  for (unsigned char c : text) {
    if (c >= 0x80) {
      ascii_ = false;
      break;
    }
  }
  if (ascii_) return;
  block_start_.reserve(text.size() / kBlock + 1);
  uint32_t count = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (i % kBlock == 0) block_start_.push_back(count);
    count += !IsUtf8Continuation(static_cast<unsigned char>(text[i]));
  }
}

size_t Utf8OffsetMap::ToCodePoint(size_t byte_offset) const {
  if (ascii_) return byte_offset;
  // byte_offset == text.size() on a block boundary has no block of its own:
  // count on from the last block.
  const size_t block = std::min(byte_offset / kBlock, block_start_.size() - 1);
  size_t count = block_start_[block];
  for (size_t i = block * kBlock; i < byte_offset; ++i) {
    count += !IsUtf8Continuation(static_cast<unsigned char>(text_[i]));
  }
  return count;
}

}  // namespace newsmark
