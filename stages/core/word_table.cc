#include "stages/core/word_table.h"

#include <algorithm>
#include <cassert>
#include <cstring>

namespace newsmark {

WordTable::WordTable(const std::vector<std::string_view>& words) {
  assert(words.size() <= kMaxWords);
  // At most a sixteenth full: nearly every lookup ends at its first slot.
  size_t slots = 1024;
  while (slots < 16 * words.size()) slots *= 2;
  slots_.assign(slots, -1);
  slot_mask_ = slots - 1;
  slot_shift_ = 64 - __builtin_ctzll(slots);
  names_.reserve(words.size());
  keys_.reserve(words.size() + 1);
  for (std::string_view w : words) {
    names_.emplace_back(w);
    std::string padded(w);
    padded.resize(w.size() + kPadding, '\0');
    keys_.push_back(KeyOf(std::string_view(padded).substr(0, w.size())));
    longest_ = std::max(longest_, w.size());
  }
  keys_.push_back(Key{});  // what an empty slot compares with
  for (size_t id = 0; id < names_.size(); ++id) {
    if (names_[id].empty()) continue;
    size_t slot = Slot(keys_[id]);
    while (slots_[slot] >= 0 && names_[slots_[slot]] != names_[id]) slot = (slot + 1) & slot_mask_;
    if (slots_[slot] < 0) slots_[slot] = static_cast<int16_t>(id);  // a word given twice keeps its first id
  }
}

int WordTable::FindLong(std::string_view w) const {
  const Key key = KeyOf(w);
  for (size_t slot = Slot(key);; slot = (slot + 1) & slot_mask_) {
    const int id = slots_[slot];
    if (id < 0) return -1;
    const Key& k = keys_[id];
    if (k.head == key.head && k.tail == key.tail && k.size == key.size && names_[id] == w) return id;
  }
}

}  // namespace newsmark
