// The compiled gazetteer's image: flat arrays in one buffer, the same in
// memory and on disk (gazetteer_matcher.h). Internal to stages/gazetteer/.
//
// Layout: an ImageHeader, then the sections it lists, each 8-byte aligned.
// Every index is 32 bits; strings are (offset, length) into a pool.
//
//   token_slots    TokenSlot[]   open addressing over match forms -> token id
//                                and the trie node the token leads to from the root
//   token_strings  StringRef[]   by token id: its match form in token_pool
//   token_pool     char[]        the forms, each followed by 8 NUL bytes
//   first_any      uint64_t[]    bit filter: first tokens of all names
//   first_lower    uint64_t[]    bit filter: first tokens of names that may
//                                start in lower case
//   later          uint64_t[]    bit filter: the other tokens of names
//   edge_slots     EdgeSlot[]    open addressing over (node, token) -> node
//   nodes          NodeRecord[]  by node: its names, in `accepts`
//   accepts        uint32_t[]    alias ids, by node, entry order within
//   aliases        AliasRecord[] by alias id (variants are aliases too)
//   exact_pool     char[]        tokens of exact-case aliases, as written
//   entries        EntryRecord[] by entry index
//   string_pool    char[]        entry ids, names, sources

#ifndef NEWSMARK_STAGES_GAZETTEER_GAZETTEER_IMAGE_H_
#define NEWSMARK_STAGES_GAZETTEER_GAZETTEER_IMAGE_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace newsmark {
namespace gazetteer_internal {

inline constexpr char kImageMagic[8] = {'N', 'M', 'G', 'A', 'Z', 'E', 'T', '\n'};
// Raised whenever the layout or the meaning of a field changes.
inline constexpr uint32_t kImageVersion = 1;

enum Section : int {
  kTokenSlots,
  kTokenStrings,
  kTokenPool,
  kFirstAny,
  kFirstLower,
  kLater,
  kEdgeSlots,
  kNodes,
  kAccepts,
  kAliases,
  kExactPool,
  kEntries,
  kStringPool,
  kSectionCount,
};

struct SectionRef {
  uint64_t offset = 0, size = 0;  // bytes from the image's start
};

struct ImageHeader {
  char magic[8];
  uint32_t version = 0;
  uint32_t header_bytes = 0;
  uint64_t image_bytes = 0;
  uint64_t sources_hash = 0;   // of the gazetteer files compiled
  uint64_t content_hash = 0;   // of every byte after the header
  uint32_t token_slot_bits = 0;  // log2 of the token slots
  uint32_t edge_slot_bits = 0;
  uint32_t filter_bits = 0;      // log2 of the bits of each first-token filter
  uint32_t reserved = 0;
  SectionRef sections[kSectionCount];
};

struct StringRef {
  uint32_t offset = 0, size = 0;
};

struct TokenSlot {
  uint32_t tag = 0;         // the hash's low 32 bits
  uint32_t token = 0;       // token id + 1; 0 empty
  uint32_t root_child = 0;  // the node after the token from the root; 0 none
  uint32_t root_has_names = 0;  // whether names end at root_child
  uint64_t root_children = 0;   // root_child's NodeRecord::children
};

struct EdgeSlot {
  uint32_t node = 0;   // from; 0 with child 0 empty (the root's edges are in TokenSlot)
  uint32_t token = 0;
  uint32_t child = 0;  // 0 empty
};

struct NodeRecord {
  uint32_t first_accept = 0, accept_count = 0;
  // Bit (hash & 63) set for the match form of each token a child is
  // reached by: most walks end here, without a probe of the edge table.
  uint64_t children = 0;
};

struct AliasRecord {
  uint32_t entry = 0;
  uint16_t capitals = 0;    // bit k: token k starts with a capital (kInitialCapital)
  uint8_t token_count = 0;
  uint8_t case_rule = 0;    // CaseRule
  uint8_t common_word = 0;
  uint8_t reserved[3] = {};
  StringRef exact;          // kExact: the tokens as written, each "len byte + bytes"
};

struct EntryRecord {
  StringRef id, canonical, source;
  uint64_t prior = 0;
  uint8_t type = 0;  // EntityType
  uint8_t reserved[7] = {};
};

// The hash of a match form, read from `p` 8 bytes at a time (bytes past
// `size` may be read and are masked off: the caller keeps 8 readable bytes
// after the form). Stable across runs and machines: the image stores
// tables built with it. With `high`, ORs into it every byte hashed, so the
// caller learns whether any is >= 0x80 without another pass.
inline uint64_t HashForm(const char* p, size_t size, uint64_t* high = nullptr) {
  constexpr uint64_t kMul = 0x9E3779B97F4A7C15ULL;
  uint64_t h = size * 0xC2B2AE3D27D4EB4FULL;
  auto mix = [&](uint64_t w) {
    if (high != nullptr) *high |= w;
    h = (h ^ w) * kMul;
    h ^= h >> 29;
  };
  size_t k = 0;
  for (; k + 8 <= size; k += 8) {
    uint64_t w;
    std::memcpy(&w, p + k, 8);
    mix(w);
  }
  if (k < size) {
    uint64_t w;
    std::memcpy(&w, p + k, 8);
    mix(w & ((uint64_t{1} << (8 * (size - k))) - 1));
  }
  h *= kMul;
  return h ^ (h >> 32);
}

// A checksum of the image's contents, 8 bytes at a time.
uint64_t HashBytes(const char* p, size_t size);

}  // namespace gazetteer_internal
}  // namespace newsmark

#endif  // NEWSMARK_STAGES_GAZETTEER_GAZETTEER_IMAGE_H_
