// Gazetteer entries as the files give them: what the gazetteer loader reads
// from rules/gazetteer/ (and from a user's --gazetteer files) and what the
// matcher compiles. docs/gazetteer-format.md has the file formats; the
// loader is gazetteer_loader.h.
//
//   std::vector<std::string> errors;
//   GazetteerEntries entries;
//   LoadGazetteerFile("rules/gazetteer/core.tsv", &entries, &errors);
//   LoadGazetteerFile("my-patterns.jsonl", &entries, &errors);  // spaCy EntityRuler
//   if (!errors.empty()) ... each is "file:line: message" ...
//
// Thread-safety: plain values.

#ifndef NEWSMARK_STAGES_GAZETTEER_GAZETTEER_ENTRIES_H_
#define NEWSMARK_STAGES_GAZETTEER_GAZETTEER_ENTRIES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsmark {

// The entity types of newsmark (docs/entities.md maps them to CoNLL's).
enum class EntityType : uint8_t {
  kPerson,
  kOrg,
  kGpe,
  kLoc,
  kNorp,
  kFac,
  kEvent,
  kProduct,
  kWork,
  kLaw,
  kLanguage,
};
inline constexpr int kEntityTypeCount = 11;

// "PERSON", "ORG", ...; ParseEntityType is its inverse.
std::string_view EntityTypeName(EntityType type);
std::optional<EntityType> ParseEntityType(std::string_view name);

// How an alias's case must be in the text, checked token by token on the
// original text (matching itself is over folded forms).
enum class CaseRule : uint8_t {
  kInitialCapital,  // tokens capitalized in the alias are capitalized in the text (the default)
  kExact,           // every token exactly as written ("=US", "=WHO")
  kAnyCase,         // any case ("~")
};

// The matcher's limits on one alias, which the loader enforces: at most
// kMaxAliasBytes bytes of text (without markers) and kMaxAliasTokens tokens
// as stages/core/tokenizer.h cuts them (marks count: "U.S." is 4 tokens).
inline constexpr int kMaxAliasBytes = 256;
inline constexpr int kMaxAliasTokens = 16;

struct Alias {
  std::string text;  // as written, without its case marker
  CaseRule case_rule = CaseRule::kInitialCapital;
  bool common_word = false;  // a common word ("Mobile!"): needs context to be a name
};

struct GazetteerEntry {
  std::string id;         // "iso3166:VE", "geonames:3646738", "nm:cia"
  EntityType type = EntityType::kOrg;
  std::string canonical;  // the name to show
  uint64_t prior = 0;     // population or prominence: ranks ambiguous names
  std::string source;     // "iso-codes", "curated:2026-12", "spacy:FILE"
  std::vector<Alias> aliases;  // the canonical name among them
  std::string where;      // "file:line" the entry came from
};

struct GazetteerEntries {
  std::vector<GazetteerEntry> entries;  // in file order; a later entry with the same id replaces
};

}  // namespace newsmark

#endif  // NEWSMARK_STAGES_GAZETTEER_GAZETTEER_ENTRIES_H_
