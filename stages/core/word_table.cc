#include "stages/core/word_table.h"

#include <algorithm>
#include <cstring>

namespace newsmark {

WordTable::WordTable(const std::vector<std::string_view>& words)
    : shapes_(kShapeBits / 64, 0) {
  // At most a quarter full: probes stay short.
  size_t slots = 1024;
  while (slots < 4 * words.size()) slots *= 2;
  slots_.assign(slots, -1);
  slot_mask_ = slots - 1;
  names_.reserve(words.size());
  keys_.reserve(words.size());
  for (std::string_view w : words) {
    const int id = static_cast<int>(names_.size());
    names_.emplace_back(w);
    std::string padded(w);
    padded.resize(w.size() + kPadding, '\0');
    keys_.push_back(KeyOf(std::string_view(padded).substr(0, w.size())));
    if (w.empty() || Find(std::string_view(padded).substr(0, w.size())) >= 0) continue;
    size_t slot = Slot(keys_.back());
    while (slots_[slot] >= 0) slot = (slot + 1) & slot_mask_;
    slots_[slot] = id;
    const size_t shape = Shape(w);
    shapes_[shape >> 6] |= uint64_t{1} << (shape & 63);
    longest_ = std::max(longest_, w.size());
  }
}

}  // namespace newsmark
