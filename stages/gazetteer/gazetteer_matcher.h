// GazetteerMatcher: finds the names of a gazetteer in a text, token by
// token, as fast as the text can be read.
//
// WHAT IT MATCHES
//
// A name (an alias of an entry) matches a run of text tokens when
//   - the runs have the same tokens, both cut by the one tokenizer
//     (stages/core/tokenizer.h): "Nicolás Maduro" is two tokens, "U.S." four;
//   - each pair of tokens has the same match form (MatchForm below): Unicode
//     case folding with diacritics dropped, curly apostrophes read as "'"
//     and dashes as "-", so "nicolas maduro", "NICOLÁS MADURO", "O’Brien"
//     and "O'Brien", "Coca–Cola" and "Coca-Cola" are each one form;
//   - and the text's case passes the alias's case rule, checked on the
//     original tokens: kExact ("=US": not "us", not "Us"), kInitialCapital
//     (the default: every token the alias capitalizes is capitalized in the
//     text, so "Mobile" the city is not "mobile", while "MOBILE" in a
//     headline is), kAnyCase ("~").
// Compiling adds variants of some aliases: initials with and without
// periods ("U.S." also matches "US" and the other way round, for aliases of
// two to four capitals with an exact case rule), and a hyphenated name
// without its hyphen ("Coca-Cola" also matches "Coca Cola").
//
// Matches are leftmost-longest and never overlap: from the first token on,
// the longest name that starts at a token and passes its case rule wins, and
// matching goes on after it. A match lists every entry that has that name
// with a case rule the text passes ("Georgia": the country and the U.S.
// state), each entry once, for the entity stage to choose from.
//
//   absl::StatusOr<std::unique_ptr<const GazetteerMatcher>> m =
//       GazetteerMatcher::Compile(entries, sources_hash);
//   std::vector<GazetteerMatch> matches;
//   std::vector<GazetteerCandidate> candidates;
//   (*m)->Match(doc.text(), doc.tokens(), 0, doc.tokens().tokens.size(),
//               &matches, &candidates);
//   for (const GazetteerMatch& hit : matches)
//     for (uint32_t k = hit.first_candidate; k < hit.first_candidate + hit.candidate_count; ++k)
//       ... (*m)->entry(candidates[k].entry).canonical ...
//
// GUARANTEES AND COST
//
// Time is linear in the tokens matched: each token starts at most one walk
// down the trie of names, and a walk is at most kMaxAliasTokens tokens
// long. A token costs a hash of its lower-cased bytes and a look at a
// small bit filter of the names' first tokens (cache-resident, kept apart
// for names that may start in lower case): most tokens stop there. The
// ones that pass cost a probe of the token dictionary and of the trie's
// edges. Only tokens with non-ASCII bytes are folded with ICU.
//
// The compiled gazetteer is one flat image of arrays (no pointers), the
// same in memory and on disk: Save writes it, Open maps it back with mmap
// and checks its header (format version, the hash of the sources it was
// built from, its size) and a checksum of its contents, refusing a file
// that fails any of them with a message that says which. Pages are read
// from the file as matching touches them.
//
// Thread-safety: immutable once built; Match may be called from any thread.

#ifndef NEWSMARK_STAGES_GAZETTEER_GAZETTEER_MATCHER_H_
#define NEWSMARK_STAGES_GAZETTEER_GAZETTEER_MATCHER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "stages/document.h"
#include "stages/gazetteer/gazetteer_entries.h"

namespace newsmark {

// kMaxAliasTokens and kMaxAliasBytes (gazetteer_entries.h): the longest
// alias; the loader refuses longer ones.

// The form a token is matched by: FoldToken (case folding, diacritics
// dropped), with U+2018/U+2019 read as "'" and U+2010-U+2015 as "-".
std::string MatchForm(std::string_view token);

// A run of tokens [first_token, end_token) that is a name; its candidates
// are candidates[first_candidate, first_candidate + candidate_count).
struct GazetteerMatch {
  uint32_t first_token = 0, end_token = 0;
  Span span;  // bytes of the text
  uint32_t first_candidate = 0, candidate_count = 0;
};

struct GazetteerCandidate {
  uint32_t entry = 0;     // GazetteerMatcher::entry(entry)
  bool common_word = false;  // the alias that matched is a common word
};

// An entry as the compiled gazetteer keeps it; views into the image.
struct GazetteerEntryView {
  std::string_view id, canonical, source;
  EntityType type = EntityType::kOrg;
  uint64_t prior = 0;
};

class GazetteerMatcher {
 public:
  // Compiles `entries`; `sources_hash` identifies the files they came
  // from and is kept in the image for Open to check. Fails when there is
  // nothing to match or the gazetteer outgrows the image's 32-bit indexes.
  static absl::StatusOr<std::unique_ptr<const GazetteerMatcher>> Compile(
      const GazetteerEntries& entries, uint64_t sources_hash);

  // Maps a saved image. Fails, saying why, when the file cannot be read,
  // is not a compiled gazetteer, is from another format version, was
  // built from other sources than `sources_hash`, or is corrupt.
  static absl::StatusOr<std::unique_ptr<const GazetteerMatcher>> Open(
      const std::string& path, uint64_t sources_hash);

  // Writes the image to `path` (through a temporary file and a rename, so
  // a reader never sees half a file).
  absl::Status Save(const std::string& path) const;

  ~GazetteerMatcher();
  GazetteerMatcher(const GazetteerMatcher&) = delete;
  GazetteerMatcher& operator=(const GazetteerMatcher&) = delete;

  // Appends the matches among tokens [first_token, end_token) of `layer`
  // (the token layer of `text`) to *matches, and their candidates to
  // *candidates.
  void Match(std::string_view text, const TokenLayer& layer, size_t first_token,
             size_t end_token, std::vector<GazetteerMatch>* matches,
             std::vector<GazetteerCandidate>* candidates) const;

  size_t entry_count() const;
  GazetteerEntryView entry(uint32_t index) const;
  size_t alias_count() const;  // variants included
  size_t image_bytes() const;
  uint64_t sources_hash() const;

  struct Image;  // the layout, in gazetteer_matcher.cc

 private:
  GazetteerMatcher();
  std::unique_ptr<Image> image_;
};

}  // namespace newsmark

#endif  // NEWSMARK_STAGES_GAZETTEER_GAZETTEER_MATCHER_H_
