// GazetteerMatcher::Compile: entries -> the flat image (gazetteer_image.h).

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "stages/core/tokenizer.h"
#include "stages/gazetteer/gazetteer_image.h"
#include "stages/gazetteer/gazetteer_matcher.h"
#include "stages/gazetteer/gazetteer_matcher_internal.h"

namespace newsmark {
namespace gazetteer_internal {
namespace {

// "U.S." -> "US" and, for an exact-case run of two to four capitals,
// "US" -> "U.S."; "Coca-Cola" -> "Coca Cola". Each variant is an alias of
// its own with the original's case rule.
std::vector<std::string> AliasVariants(const Alias& alias, const std::vector<TextToken>& tokens) {
  std::vector<std::string> variants;
  const std::string_view text = alias.text;
  auto piece = [&](const TextToken& t) { return text.substr(t.begin, t.size()); };
  // Initials: single ASCII letters, each followed by a period.
  bool initials = tokens.size() >= 4 && tokens.size() % 2 == 0;
  std::string joined;
  for (size_t k = 0; initials && k < tokens.size(); k += 2) {
    initials = tokens[k].size() == 1 && IsAsciiLetter(text[tokens[k].begin]) &&
               piece(tokens[k + 1]) == "." && tokens[k + 1].begin == tokens[k].end &&
               (k + 2 == tokens.size() || tokens[k + 2].begin == tokens[k + 1].end);
    if (initials) joined += text[tokens[k].begin];
  }
  if (initials) variants.push_back(joined);
  if (alias.case_rule == CaseRule::kExact && tokens.size() == 1 && text.size() >= 2 &&
      text.size() <= 4 && std::all_of(text.begin(), text.end(), IsAsciiUpper)) {
    std::string dotted;
    for (char c : text) dotted += {c, '.'};
    variants.push_back(dotted);
  }
  // A hyphen inside a name: the name without it.
  std::string unhyphenated;
  bool hyphen = false;
  for (size_t k = 0; k < tokens.size(); ++k) {
    const bool inner = k > 0 && k + 1 < tokens.size() && MatchForm(piece(tokens[k])) == "-" &&
                       tokens[k].begin == tokens[k - 1].end && tokens[k + 1].begin == tokens[k].end;
    if (inner) {
      hyphen = true;
      unhyphenated += ' ';
      continue;
    }
    if (k > 0 && tokens[k].begin > tokens[k - 1].end) unhyphenated += ' ';
    unhyphenated += piece(tokens[k]);
  }
  if (hyphen) variants.push_back(unhyphenated);
  return variants;
}

// Builds the image's tables from the entries, then lays them out.
class ImageBuilder {
 public:
  absl::Status Add(const GazetteerEntries& entries);
  std::string Finish(uint64_t sources_hash);

 private:
  uint32_t TokenId(const std::string& form);
  uint32_t Child(uint32_t node, uint32_t token);
  void AddAlias(uint32_t entry, const Alias& alias, const std::string& text,
                const std::vector<TextToken>& tokens);
  void AddEntry(const GazetteerEntry& e);
  StringRef Intern(std::string_view s);

  std::vector<std::string> forms_;  // by token id
  std::vector<uint64_t> form_hashes_;  // HashForm of each, by token id
  absl::flat_hash_map<std::string, uint32_t> token_ids_;
  std::vector<uint32_t> root_child_;                // by token id
  absl::flat_hash_map<uint64_t, uint32_t> edges_;   // node << 32 | token -> child
  uint32_t node_count_ = 1;                         // the root is node 0
  std::vector<std::pair<uint32_t, uint32_t>> accepts_;  // (node, alias)
  std::vector<AliasRecord> aliases_;
  std::string exact_pool_;
  std::vector<uint64_t> first_any_hashes_, first_lower_hashes_, later_hashes_;
  std::vector<EntryRecord> entries_;
  std::string string_pool_;
};

uint32_t ImageBuilder::TokenId(const std::string& form) {
  auto [it, added] = token_ids_.try_emplace(form, static_cast<uint32_t>(forms_.size()));
  if (added) {
    forms_.push_back(form);
    form_hashes_.push_back(HashForm(PaddedForm(form).data(), form.size()));
    root_child_.push_back(0);
  }
  return it->second;
}

uint32_t ImageBuilder::Child(uint32_t node, uint32_t token) {
  if (node == 0) {
    if (root_child_[token] == 0) root_child_[token] = node_count_++;
    return root_child_[token];
  }
  auto [it, added] = edges_.try_emplace(uint64_t{node} << 32 | token, node_count_);
  if (added) ++node_count_;
  return it->second;
}

StringRef ImageBuilder::Intern(std::string_view s) {
  StringRef ref{static_cast<uint32_t>(string_pool_.size()), static_cast<uint32_t>(s.size())};
  string_pool_.append(s);
  return ref;
}

void ImageBuilder::AddAlias(uint32_t entry, const Alias& alias, const std::string& text,
                            const std::vector<TextToken>& tokens) {
  if (tokens.empty() || tokens.size() > kMaxAliasTokens) return;
  AliasRecord a;
  a.entry = entry;
  a.token_count = static_cast<uint8_t>(tokens.size());
  a.case_rule = static_cast<uint8_t>(alias.case_rule);
  a.common_word = alias.common_word;
  a.exact.offset = static_cast<uint32_t>(exact_pool_.size());
  uint32_t node = 0;
  for (size_t k = 0; k < tokens.size(); ++k) {
    const std::string_view piece = std::string_view(text).substr(tokens[k].begin, tokens[k].size());
    if (StartsWithCapital(piece)) a.capitals |= uint16_t{1} << k;
    if (alias.case_rule == CaseRule::kExact) {
      // Marks are not cased: "-" and "–" are the same mark in any case rule.
      const bool mark = tokens[k].kind == TokenKind::kMark;
      exact_pool_ += static_cast<char>(mark ? 0 : piece.size());
      if (!mark) exact_pool_.append(piece);
    }
    const uint32_t token = TokenId(MatchForm(piece));
    node = Child(node, token);
    const uint64_t h = form_hashes_[token];
    if (k > 0) later_hashes_.push_back(h);
    if (k == 0) {
      first_any_hashes_.push_back(h);
      const bool needs_capital =
          alias.case_rule != CaseRule::kAnyCase && (a.capitals & 1) != 0;
      if (!needs_capital) first_lower_hashes_.push_back(h);
    }
  }
  a.exact.size = static_cast<uint32_t>(exact_pool_.size()) - a.exact.offset;
  // The same name of the same entry twice (an alias and its variant, two
  // aliases folding alike) is one accept when the case rules agree.
  for (auto it = accepts_.rbegin(); it != accepts_.rend() && aliases_[it->second].entry == entry;
       ++it) {
    const AliasRecord& b = aliases_[it->second];
    if (it->first == node && b.case_rule == a.case_rule && b.capitals == a.capitals &&
        exact_pool_.compare(b.exact.offset, b.exact.size, exact_pool_, a.exact.offset,
                            a.exact.size) == 0) {
      exact_pool_.resize(a.exact.offset);
      return;
    }
  }
  accepts_.emplace_back(node, static_cast<uint32_t>(aliases_.size()));
  aliases_.push_back(a);
}

void ImageBuilder::AddEntry(const GazetteerEntry& e) {
  const uint32_t index = static_cast<uint32_t>(entries_.size());
  EntryRecord r;
  r.id = Intern(e.id);
  r.canonical = Intern(e.canonical);
  r.source = Intern(e.source);
  r.prior = e.prior;
  r.type = static_cast<uint8_t>(e.type);
  entries_.push_back(r);
  for (const Alias& alias : e.aliases) {
    std::vector<TextToken> tokens;
    Tokenize(alias.text, 0, static_cast<uint32_t>(alias.text.size()), &tokens);
    AddAlias(index, alias, alias.text, tokens);
    for (const std::string& variant : AliasVariants(alias, tokens)) {
      std::vector<TextToken> variant_tokens;
      Tokenize(variant, 0, static_cast<uint32_t>(variant.size()), &variant_tokens);
      AddAlias(index, alias, variant, variant_tokens);
    }
  }
}

absl::Status ImageBuilder::Add(const GazetteerEntries& entries) {
  // A later entry with the same id replaces the earlier one.
  absl::flat_hash_map<std::string_view, size_t> last;
  for (size_t k = 0; k < entries.entries.size(); ++k) last[entries.entries[k].id] = k;
  for (size_t k = 0; k < entries.entries.size(); ++k) {
    if (last[entries.entries[k].id] != k) continue;
    AddEntry(entries.entries[k]);
    if (string_pool_.size() > UINT32_MAX / 2 || aliases_.size() > UINT32_MAX / 2) {
      return absl::ResourceExhaustedError("gazetteer: too large for a compiled image");
    }
  }
  if (accepts_.empty()) return absl::InvalidArgumentError("gazetteer: no names to match");
  return absl::OkStatus();
}


// The token dictionary: match forms in a pool, each followed by 8 NUL
// bytes for HashForm, and open addressing at most half full.
void BuildTokenTable(const std::vector<std::string>& forms, const std::vector<uint64_t>& hashes,
                     const std::vector<uint32_t>& root_child, ImageHeader* h,
                     std::vector<TokenSlot>* slots, std::vector<StringRef>* strings,
                     std::string* pool) {
  h->token_slot_bits = BitsFor(2 * forms.size());
  slots->assign(size_t{1} << h->token_slot_bits, TokenSlot{});
  const size_t mask = slots->size() - 1;
  for (size_t id = 0; id < forms.size(); ++id) {
    const std::string& form = forms[id];
    strings->push_back({static_cast<uint32_t>(pool->size()), static_cast<uint32_t>(form.size())});
    pool->append(form);
    pool->append(8, '\0');
    const uint64_t hash = hashes[id];
    size_t slot = hash >> (64 - h->token_slot_bits);
    while ((*slots)[slot].token != 0) slot = (slot + 1) & mask;
    (*slots)[slot] = {static_cast<uint32_t>(hash), static_cast<uint32_t>(id + 1), root_child[id]};
  }
}

std::vector<uint64_t> BuildFilter(const std::vector<uint64_t>& hashes, uint32_t bits) {
  std::vector<uint64_t> filter((size_t{1} << bits) / 64, 0);
  for (uint64_t h : hashes) {
    const uint64_t bit = h >> (64 - bits);
    filter[bit / 64] |= uint64_t{1} << (bit % 64);
  }
  return filter;
}

// Appends sections to the image, each 8-byte aligned.
class ImageWriter {
 public:
  ImageWriter() { image_.resize(sizeof(ImageHeader)); }

  template <typename T>
  void Put(Section s, const std::vector<T>& v) {
    Put(s, reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
  }
  void Put(Section s, const std::string& bytes) { Put(s, bytes.data(), bytes.size()); }

  std::string Finish(ImageHeader header) {
    std::memcpy(header.magic, kImageMagic, sizeof(kImageMagic));
    header.version = kImageVersion;
    header.header_bytes = sizeof(ImageHeader);
    header.image_bytes = image_.size();
    for (int s = 0; s < kSectionCount; ++s) header.sections[s] = sections_[s];
    header.content_hash = HashBytes(image_.data() + sizeof(ImageHeader),
                                    image_.size() - sizeof(ImageHeader));
    std::memcpy(image_.data(), &header, sizeof(header));
    return std::move(image_);
  }

 private:
  void Put(Section s, const char* data, size_t size) {
    image_.resize((image_.size() + 7) / 8 * 8, '\0');
    sections_[s] = {image_.size(), size};
    image_.append(data, size);
  }

  std::string image_;
  SectionRef sections_[kSectionCount];
};

std::string ImageBuilder::Finish(uint64_t sources_hash) {
  ImageHeader header{};
  header.sources_hash = sources_hash;
  std::vector<TokenSlot> token_slots;
  std::vector<StringRef> token_strings;
  std::string token_pool;
  BuildTokenTable(forms_, form_hashes_, root_child_, &header, &token_slots, &token_strings, &token_pool);

  // 64 KiB a filter: small enough to stay in the cache next to the text,
  // at the price of more false passes in a large gazetteer (each costs one
  // probe of the token table).
  header.filter_bits = 19;

  header.edge_slot_bits = BitsFor(2 * edges_.size() + 2);
  std::vector<EdgeSlot> edge_slots(size_t{1} << header.edge_slot_bits);
  // Placed in key order, not the hash map's: the same entries give the
  // same image on every run.
  std::vector<std::pair<uint64_t, uint32_t>> edges(edges_.begin(), edges_.end());
  std::sort(edges.begin(), edges.end());
  for (const auto& [key, child] : edges) {
    const uint32_t node = static_cast<uint32_t>(key >> 32), token = static_cast<uint32_t>(key);
    size_t slot = EdgeHash(node, token) >> (64 - header.edge_slot_bits);
    while (edge_slots[slot].child != 0) slot = (slot + 1) & (edge_slots.size() - 1);
    edge_slots[slot] = {node, token, child};
  }

  std::sort(accepts_.begin(), accepts_.end());  // by node, then alias (entry order)
  std::vector<NodeRecord> nodes(node_count_);
  for (const auto& [key, child] : edges_) {
    const uint32_t token = static_cast<uint32_t>(key);
    nodes[key >> 32].children |= uint64_t{1} << (form_hashes_[token] & 63);
  }
  std::vector<uint32_t> accepts;
  for (const auto& [node, alias] : accepts_) {
    if (nodes[node].accept_count == 0) nodes[node].first_accept = static_cast<uint32_t>(accepts.size());
    ++nodes[node].accept_count;
    accepts.push_back(alias);
  }
  for (TokenSlot& slot : token_slots) {
    if (slot.root_child == 0) continue;
    slot.root_has_names = nodes[slot.root_child].accept_count > 0;
    slot.root_children = nodes[slot.root_child].children;
  }

  ImageWriter w;
  w.Put(kTokenSlots, token_slots);
  w.Put(kTokenStrings, token_strings);
  w.Put(kTokenPool, token_pool);
  w.Put(kFirstAny, BuildFilter(first_any_hashes_, header.filter_bits));
  w.Put(kFirstLower, BuildFilter(first_lower_hashes_, header.filter_bits));
  w.Put(kLater, BuildFilter(later_hashes_, header.filter_bits));
  w.Put(kEdgeSlots, edge_slots);
  w.Put(kNodes, nodes);
  w.Put(kAccepts, accepts);
  w.Put(kAliases, aliases_);
  w.Put(kExactPool, exact_pool_);
  w.Put(kEntries, entries_);
  w.Put(kStringPool, string_pool_);
  return w.Finish(header);
}

}  // namespace

absl::StatusOr<std::string> CompileImage(const GazetteerEntries& entries, uint64_t sources_hash) {
  ImageBuilder builder;
  if (absl::Status s = builder.Add(entries); !s.ok()) return s;
  return builder.Finish(sources_hash);
}

}  // namespace gazetteer_internal
}  // namespace newsmark
