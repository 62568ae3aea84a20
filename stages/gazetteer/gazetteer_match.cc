// GazetteerMatcher::Match: the hot loop (gazetteer_matcher.h says what it
// matches and what it costs).

#include <cstring>
#include <string>

#include "stages/core/tokenizer.h"
#include "stages/gazetteer/gazetteer_matcher.h"
#include "stages/gazetteer/gazetteer_matcher_internal.h"

namespace newsmark {
namespace {

using gazetteer_internal::AliasRecord;
using gazetteer_internal::HashForm;

// A text token's match form: its bytes and their hash.
struct FormKey {
  const char* data = nullptr;
  uint32_t size = 0;
  uint64_t hash = 0;
  bool non_ascii = false;
};

// Whether the `size` bytes at `a` and `b` are the same, 8 at a time: both
// are followed by at least 8 readable bytes (the token layer's padding, the
// scratch form's, the token pool's NULs), so the last word is read whole
// and masked. Most forms are one word, and a call to memcmp cost more than
// the compare.
inline bool SameForm(const char* a, const char* b, size_t size) {
  static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "the mask keeps the low bytes");
  size_t k = 0;
  uint64_t wa, wb;
  for (; k + 8 <= size; k += 8) {
    std::memcpy(&wa, a + k, 8);
    std::memcpy(&wb, b + k, 8);
    if (wa != wb) return false;
  }
  if (k == size) return true;
  std::memcpy(&wa, a + k, 8);
  std::memcpy(&wb, b + k, 8);
  return ((wa ^ wb) & ((uint64_t{1} << (8 * (size - k))) - 1)) == 0;
}

// Looks tokens of one text up in one image.
class Walker {
 public:
  Walker(const GazetteerMatcher::Image& image, std::string_view text, const TokenLayer& layer)
      : im_(image), text_(text), layer_(layer) {}

  // ASCII tokens are matched by their lower-cased bytes, which the token
  // layer has; others are folded (MatchForm) into scratch_.
  FormKey KeyOf(const TextToken& t) {
    FormKey k;
    k.data = layer_.lower.data() + t.begin;
    k.size = t.size();
    uint64_t high = 0;
    k.hash = HashForm(k.data, k.size, &high);
    if ((high & 0x8080808080808080ULL) == 0) return k;
    k.non_ascii = true;
    scratch_ = MatchForm(text_.substr(t.begin, t.size()));
    k.size = static_cast<uint32_t>(scratch_.size());
    scratch_.append(8, '\0');
    k.data = scratch_.data();
    k.hash = HashForm(k.data, k.size);
    return k;
  }

  bool MayStart(const TextToken& t, const FormKey& k) const {
    return InFilter(t.capitalized || k.non_ascii ? im_.first_any : im_.first_lower, k);
  }
  bool MayGoOn(const FormKey& k) const { return InFilter(im_.later, k); }

  bool InFilter(const uint64_t* filter, const FormKey& k) const {
    const uint64_t bit = k.hash >> (64 - im_.header.filter_bits);
    return (filter[bit >> 6] >> (bit & 63) & 1) != 0;
  }

  // The token's slot, or nullptr when no name has it.
  const gazetteer_internal::TokenSlot* FindToken(const FormKey& k) const {
    const uint32_t bits = im_.header.token_slot_bits;
    const size_t mask = (size_t{1} << bits) - 1;
    for (size_t slot = k.hash >> (64 - bits);; slot = (slot + 1) & mask) {
      const gazetteer_internal::TokenSlot& s = im_.token_slots[slot];
      if (s.token == 0) return nullptr;
      if (s.tag != static_cast<uint32_t>(k.hash)) continue;
      const gazetteer_internal::StringRef& form = im_.token_strings[s.token - 1];
      if (form.size == k.size && SameForm(im_.token_pool + form.offset, k.data, k.size)) {
        return &s;
      }
    }
  }

  uint32_t Child(uint32_t node, uint32_t token) const {
    const uint32_t bits = im_.header.edge_slot_bits;
    const size_t mask = (size_t{1} << bits) - 1;
    for (size_t slot = gazetteer_internal::EdgeHash(node, token) >> (64 - bits);;
         slot = (slot + 1) & mask) {
      const gazetteer_internal::EdgeSlot& e = im_.edge_slots[slot];
      if (e.child == 0) return 0;
      if (e.node == node && e.token == token) return e.child;
    }
  }

  // Whether tokens from `first` pass alias `a`'s case rule.
  bool PassesCase(const AliasRecord& a, const std::vector<TextToken>& tokens, size_t first) const {
    switch (static_cast<CaseRule>(a.case_rule)) {
      case CaseRule::kAnyCase:
        return true;
      case CaseRule::kInitialCapital:
        for (uint32_t caps = a.capitals; caps != 0; caps &= caps - 1) {
          const TextToken& t = tokens[first + __builtin_ctz(caps)];
          if (!t.capitalized &&
              !gazetteer_internal::StartsWithCapital(text_.substr(t.begin, t.size()))) {
            return false;
          }
        }
        return true;
      case CaseRule::kExact: {
        const char* p = im_.exact_pool + a.exact.offset;
        for (size_t k = 0; k < a.token_count; ++k) {
          const size_t size = static_cast<unsigned char>(*p++);
          if (size == 0) continue;  // a mark
          const TextToken& t = tokens[first + k];
          if (t.size() != size || std::memcmp(text_.data() + t.begin, p, size) != 0) return false;
          p += size;
        }
        return true;
      }
    }
    return false;
  }

  // Whether any name ending at `node` passes its case rule from `first`;
  // with `out`, appends each such entry once.
  bool Accepts(uint32_t node, const std::vector<TextToken>& tokens, size_t first,
               std::vector<GazetteerCandidate>* out) const {
    const gazetteer_internal::NodeRecord& n = im_.nodes[node];
    bool any = false;
    uint32_t last_entry = UINT32_MAX;
    for (uint32_t k = n.first_accept; k < n.first_accept + n.accept_count; ++k) {
      const AliasRecord& a = im_.aliases[im_.accepts[k]];
      if (!PassesCase(a, tokens, first)) continue;
      any = true;
      if (out == nullptr) return true;
      if (a.entry == last_entry) {
        out->back().common_word &= a.common_word != 0;  // common only if every alias is
        continue;
      }
      out->push_back({a.entry, a.common_word != 0});
      last_entry = a.entry;
    }
    return any;
  }

 private:
  const GazetteerMatcher::Image& im_;
  std::string_view text_;
  const TokenLayer& layer_;
  std::string scratch_;
};

}  // namespace

void GazetteerMatcher::Match(std::string_view text, const TokenLayer& layer, size_t first_token,
                             size_t end_token, std::vector<GazetteerMatch>* matches,
                             std::vector<GazetteerCandidate>* candidates) const {
  const Image& im = *image_;
  const std::vector<TextToken>& tokens = layer.tokens;
  Walker w(im, text, layer);
  for (size_t i = first_token; i < end_token; ++i) {
    const FormKey key = w.KeyOf(tokens[i]);
    if (!w.MayStart(tokens[i], key)) continue;
    const gazetteer_internal::TokenSlot* slot = w.FindToken(key);
    if (slot == nullptr) continue;
    // Down the trie as far as the text goes, noting the nodes where names
    // end; then the longest whose case rule the text passes.
    // The first node's summary is in the slot: a token that starts no
    // name here costs no more than its slot.
    uint32_t node = slot->root_child;
    bool has_names = slot->root_has_names != 0;
    uint64_t children = slot->root_children;
    uint32_t ends[kMaxAliasTokens];      // nodes with names, along the walk
    uint32_t end_tokens[kMaxAliasTokens];
    int end_count = 0;
    for (size_t j = i; node != 0;) {
      if (has_names) {
        ends[end_count] = node;
        end_tokens[end_count++] = static_cast<uint32_t>(j + 1);
      }
      if (++j >= end_token || j - i >= static_cast<size_t>(kMaxAliasTokens)) break;
      const FormKey next = w.KeyOf(tokens[j]);
      if ((children >> (next.hash & 63) & 1) == 0 || !w.MayGoOn(next) ||
          (slot = w.FindToken(next)) == nullptr) {
        break;
      }
      node = w.Child(node, slot->token - 1);
      has_names = im.nodes[node].accept_count > 0;
      children = im.nodes[node].children;
    }
    size_t best_end = 0;
    uint32_t best_node = 0;
    for (int k = end_count - 1; k >= 0 && best_end == 0; --k) {
      if (w.Accepts(ends[k], tokens, i, nullptr)) {
        best_end = end_tokens[k];
        best_node = ends[k];
      }
    }
    if (best_end == 0) continue;
    GazetteerMatch m;
    m.first_token = static_cast<uint32_t>(i);
    m.end_token = static_cast<uint32_t>(best_end);
    m.span = {tokens[i].begin, tokens[best_end - 1].end};
    m.first_candidate = static_cast<uint32_t>(candidates->size());
    w.Accepts(best_node, tokens, i, candidates);
    m.candidate_count = static_cast<uint32_t>(candidates->size()) - m.first_candidate;
    matches->push_back(m);
    i = best_end - 1;
  }
}

}  // namespace newsmark
