#include "stages/core/word_table.h"

#include <algorithm>
#include <cstring>

namespace newsmark {

WordTable::WordTable(const std::vector<std::string_view>& words) {
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
    std::string padded(names_[id]);
    padded.resize(padded.size() + kPadding, '\0');
    const std::string_view w = std::string_view(padded).substr(0, names_[id].size());
    if (w.empty() || Find(w) >= 0) continue;  // a word given twice keeps its first id
    size_t slot = Slot(keys_[id]);
    while (slots_[slot] >= 0) slot = (slot + 1) & slot_mask_;
    slots_[slot] = static_cast<int>(id);
  }
}

}  // namespace newsmark
