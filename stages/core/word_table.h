// WordTable: a fixed set of words with dense ids, for looking up every word
// of a text when most words are not in the set.
//
//   WordTable table({"january", "monday", "the"});   // ids 0, 1, 2
//   table.Find(word);                                 // its id, or -1
//
// A lookup tests a bit for the word's shape (first byte, last byte,
// length) first: about half the words of English news end there. The rest
// probe an open-addressing table with a hash of the word's first and last
// eight bytes, compared as two 8-byte keys; only words longer than 16
// bytes are compared byte by byte.
//
// Find reads eight bytes from the word's start whatever its length: the
// caller keeps kPadding readable bytes after the end of its text buffer.
//
// Thread-safety: immutable once built; Find may be called from any thread.

#ifndef NEWSMARK_STAGES_CORE_WORD_TABLE_H_
#define NEWSMARK_STAGES_CORE_WORD_TABLE_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace newsmark {

class WordTable {
 public:
  static constexpr size_t kPadding = 8;

  // An empty table: Find returns -1.
  WordTable() = default;
  // Word i gets id i. A word given twice keeps its first id.
  explicit WordTable(const std::vector<std::string_view>& words);

  // The id of `word`, or -1. kPadding bytes from word.data() must be
  // readable (see above).
  int Find(std::string_view word) const;

  size_t size() const { return names_.size(); }

 private:
  struct Key {
    uint64_t head = 0, tail = 0;  // the first and the last eight bytes
    uint32_t size = 0;
  };
  static Key KeyOf(std::string_view padded_word);
  static size_t Shape(std::string_view word);
  size_t Slot(const Key& key) const;

  static constexpr size_t kShapeBits = 1 << 14;
  std::vector<uint64_t> shapes_;  // a bit per shape of a word in the table
  std::vector<int> slots_;        // word id, or -1; a power of two in size
  size_t slot_mask_ = 0;
  std::vector<Key> keys_;          // by id
  std::vector<std::string> names_;  // by id
  size_t longest_ = 0;
};

// Inline: Find runs once per word of a text.

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
              "KeyOf keeps a short word's bytes as the low ones of its head");

inline WordTable::Key WordTable::KeyOf(std::string_view w) {
  const size_t n = w.size();
  Key k;
  k.size = static_cast<uint32_t>(n);
  std::memcpy(&k.head, w.data(), 8);
  if (n < 8) k.head &= (uint64_t{1} << (8 * n)) - 1;
  if (n > 8) std::memcpy(&k.tail, w.data() + n - 8, 8);
  return k;
}

inline size_t WordTable::Shape(std::string_view w) {
  const size_t first = static_cast<unsigned char>(w[0]) & 0x3F;
  const size_t last = static_cast<unsigned char>(w.back()) & 0x3F;
  return ((first << 8 | last << 2 | (w.size() & 3)) ^ (w.size() >> 2 << 6)) & (kShapeBits - 1);
}

// A few multiplications, where a byte-by-byte hash would chain one per
// byte.
inline size_t WordTable::Slot(const Key& k) const {
  uint64_t h = k.head * 0x9E3779B97F4A7C15ULL ^ k.tail * 0xC2B2AE3D27D4EB4FULL ^ k.size;
  h ^= h >> 29;
  h *= 0xBF58476D1CE4E5B9ULL;
  return static_cast<size_t>(h >> 32) & slot_mask_;
}

inline int WordTable::Find(std::string_view w) const {
  if (w.empty() || w.size() > longest_) return -1;
  const size_t shape = Shape(w);
  if (!(shapes_[shape >> 6] >> (shape & 63) & 1)) return -1;
  const Key key = KeyOf(w);
  for (size_t slot = Slot(key);; slot = (slot + 1) & slot_mask_) {
    const int id = slots_[slot];
    if (id < 0) return -1;
    const Key& k = keys_[id];
    // Up to 16 bytes the key is the word; longer words compare in full.
    if (k.head == key.head && k.tail == key.tail && k.size == key.size &&
        (key.size <= 16 || names_[id] == w)) {
      return id;
    }
  }
}

}  // namespace newsmark

#endif  // NEWSMARK_STAGES_CORE_WORD_TABLE_H_
