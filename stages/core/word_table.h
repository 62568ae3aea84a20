// WordTable: a fixed set of words with dense ids, for looking up every word
// of a text when most words are not in the set.
//
//   WordTable table({"january", "monday", "the"});   // ids 0, 1, 2
//   table.Find(word);                                 // its id, or -1
//
// A lookup hashes the word's first and last eight bytes and probes an
// open-addressing table kept at most 1/16 full, so that nearly every word,
// in the table or not, is settled at its first slot: the key there is
// compared as two 8-byte words and the length, with no branch on whether
// the word is in the table (in news that is a coin toss, and a lookup that
// branched on it would mispredict every other word). Only words longer
// than 16 bytes are compared byte by byte.
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
  static constexpr size_t kMaxWords = 32767;

  // An empty table: Find returns -1.
  WordTable() = default;
  // Word i gets id i. A word given twice keeps its first id. At most
  // kMaxWords words.
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
  size_t Slot(const Key& key) const;
  // Find for words over 16 bytes, which their key does not tell apart:
  // compared in full, probing on past others with the same key.
  int FindLong(std::string_view word) const;

  // Word id, or -1; a power of two in size. Two bytes a slot keep the
  // sparse table small enough to stay in the cache.
  std::vector<int16_t> slots_;
  size_t slot_mask_ = 0;
  int slot_shift_ = 64;  // 64 - log2(number of slots)
  std::vector<Key> keys_;          // by id, and an empty key after the last
  std::vector<std::string> names_;  // by id
  size_t longest_ = 0;
};

// Inline: Find runs once per word of a text.

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
              "KeyOf keeps a short word's bytes as the low ones of its head");

// Without branches on the word's length, which are as unpredictable as
// the words. The tail load stays inside the padded word.
inline WordTable::Key WordTable::KeyOf(std::string_view w) {
  const size_t n = w.size();
  Key k;
  k.size = static_cast<uint32_t>(n);
  std::memcpy(&k.head, w.data(), 8);
  k.head &= n >= 8 ? ~uint64_t{0} : (uint64_t{1} << (8 * (n & 7))) - 1;
  uint64_t tail;
  std::memcpy(&tail, w.data() + (n > 8 ? n - 8 : 0), 8);
  k.tail = n > 8 ? tail : 0;
  return k;
}

// Two multiplications side by side, where a byte-by-byte hash would chain
// one per byte; the top bits of a product depend on every bit of its
// factors, so the slot is taken from them.
inline size_t WordTable::Slot(const Key& k) const {
  const uint64_t h = (k.head ^ k.size) * 0x9E3779B97F4A7C15ULL + k.tail * 0xC2B2AE3D27D4EB4FULL;
  return static_cast<size_t>(h >> slot_shift_);
}

inline int WordTable::Find(std::string_view w) const {
  if (w.empty() || w.size() > longest_) return -1;
  if (w.size() > 16) return FindLong(w);
  const Key key = KeyOf(w);
  for (size_t slot = Slot(key);; slot = (slot + 1) & slot_mask_) {
    const int id = slots_[slot];
    // An empty slot compares with the empty key after the last, which no
    // word matches (its size is 0).
    const Key& k = keys_[id < 0 ? names_.size() : static_cast<size_t>(id)];
    const bool same = ((k.head ^ key.head) | (k.tail ^ key.tail) | (k.size ^ key.size)) == 0;
    // Settled, found or not, unless another word holds the slot: one
    // branch that is nearly always taken, and the answer without one
    // (id when the keys are the same, -1 otherwise).
    if (same | (id < 0)) return id | -static_cast<int>(!same);
  }
}

}  // namespace newsmark

#endif  // NEWSMARK_STAGES_CORE_WORD_TABLE_H_
