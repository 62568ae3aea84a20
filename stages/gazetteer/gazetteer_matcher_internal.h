// What the gazetteer's compiler and matcher share. Internal to
// stages/gazetteer/.

#ifndef NEWSMARK_STAGES_GAZETTEER_GAZETTEER_MATCHER_INTERNAL_H_
#define NEWSMARK_STAGES_GAZETTEER_GAZETTEER_MATCHER_INTERNAL_H_

#include <cstdint>
#include <string>
#include <string_view>

#include <sys/mman.h>

#include "absl/status/statusor.h"
#include "stages/gazetteer/gazetteer_entries.h"
#include "stages/gazetteer/gazetteer_image.h"
#include "stages/gazetteer/gazetteer_matcher.h"

namespace newsmark {
namespace gazetteer_internal {

// The image of `entries` (gazetteer_image.h).
absl::StatusOr<std::string> CompileImage(const GazetteerEntries& entries, uint64_t sources_hash);

// Whether a token starts with an upper-case or title-case letter, ASCII or
// not.
bool StartsWithCapital(std::string_view token);

// `form` followed by 8 NUL bytes, for HashForm.
inline std::string PaddedForm(std::string_view form) {
  std::string padded(form);
  padded.append(8, '\0');
  return padded;
}

// The log2 of the smallest power of two >= max(n, 2).
inline uint32_t BitsFor(size_t n) {
  uint32_t bits = 1;
  while ((size_t{1} << bits) < n) ++bits;
  return bits;
}

// Where the edge from `node` by `token` is looked for first: the top bits.
inline uint64_t EdgeHash(uint32_t node, uint32_t token) {
  uint64_t h = (uint64_t{node} << 32 | token) * 0x9E3779B97F4A7C15ULL;
  h ^= h >> 29;
  return h * 0xC2B2AE3D27D4EB4FULL;
}

}  // namespace gazetteer_internal

// The image's bytes (owned, or mapped from a file) and typed views of its
// sections.
struct GazetteerMatcher::Image {
  using AliasRecord = gazetteer_internal::AliasRecord;
  using EdgeSlot = gazetteer_internal::EdgeSlot;
  using EntryRecord = gazetteer_internal::EntryRecord;
  using ImageHeader = gazetteer_internal::ImageHeader;
  using NodeRecord = gazetteer_internal::NodeRecord;
  using Section = gazetteer_internal::Section;
  using StringRef = gazetteer_internal::StringRef;
  using TokenSlot = gazetteer_internal::TokenSlot;

  std::string owned;
  void* mapped = nullptr;
  size_t mapped_bytes = 0;
  const char* base = nullptr;
  ImageHeader header{};

  const TokenSlot* token_slots = nullptr;
  const StringRef* token_strings = nullptr;
  const char* token_pool = nullptr;
  const uint64_t* first_any = nullptr;
  const uint64_t* first_lower = nullptr;
  const uint64_t* later = nullptr;
  const EdgeSlot* edge_slots = nullptr;
  const NodeRecord* nodes = nullptr;
  const uint32_t* accepts = nullptr;
  const AliasRecord* aliases = nullptr;
  const char* exact_pool = nullptr;
  const EntryRecord* entries = nullptr;
  const char* string_pool = nullptr;
  size_t token_count = 0, node_count = 0, alias_count = 0, entry_count = 0;

  Image() = default;
  Image(const Image&) = delete;
  Image& operator=(const Image&) = delete;
  ~Image() {
    if (mapped != nullptr) munmap(mapped, mapped_bytes);
  }

  template <typename T>
  const T* At(Section s) const {
    return reinterpret_cast<const T*>(base + header.sections[s].offset);
  }
  size_t Count(Section s, size_t size) const { return header.sections[s].size / size; }
  std::string_view String(const char* pool, StringRef r) const { return {pool + r.offset, r.size}; }

  // Points the views at the sections of `base`, whose header is read.
  void Bind() {
    using namespace gazetteer_internal;  // NOLINT: the section names
    token_slots = At<TokenSlot>(kTokenSlots);
    token_strings = At<StringRef>(kTokenStrings);
    token_pool = At<char>(kTokenPool);
    first_any = At<uint64_t>(kFirstAny);
    first_lower = At<uint64_t>(kFirstLower);
    later = At<uint64_t>(kLater);
    edge_slots = At<EdgeSlot>(kEdgeSlots);
    nodes = At<NodeRecord>(kNodes);
    accepts = At<uint32_t>(kAccepts);
    aliases = At<AliasRecord>(kAliases);
    exact_pool = At<char>(kExactPool);
    entries = At<EntryRecord>(kEntries);
    string_pool = At<char>(kStringPool);
    token_count = Count(kTokenStrings, sizeof(StringRef));
    node_count = Count(kNodes, sizeof(NodeRecord));
    alias_count = Count(kAliases, sizeof(AliasRecord));
    entry_count = Count(kEntries, sizeof(EntryRecord));
  }
};

}  // namespace newsmark

#endif  // NEWSMARK_STAGES_GAZETTEER_GAZETTEER_MATCHER_INTERNAL_H_
