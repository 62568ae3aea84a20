// The sentence stage's rules, loaded from plain text files in one folder
// (rules/sentences/ by default). Every file is UTF-8, one rule a line,
// fields separated by tabs; '#' starts a comment line. Loading checks every
// line and reports problems as "file:line: message".
//
//   abbreviations.tsv  ABBREV  CLASS  [EXAMPLE]
//       CLASS decides whether a period after ABBREV ends a sentence:
//         title    never ("Dr. Watson")
//         number   not before a number ("No. 5", "p. 55"); else as general
//         month    not before a number ("Oct. 19"); else as general
//         general  only before a sentence starter ("etc. The"), or at the
//                  end of a paragraph
//       An ABBREV in lower case matches any case; one with capitals, only
//       itself.
//   starters.txt       WORD: words that begin sentences ("The", "He"), used
//                      after ambiguous abbreviations and initials
//   boilerplate.tsv    PATTERN  [EXAMPLE]: RE2, matched case-insensitively
//                      against a whole trimmed line ("comments?")
//   datelines.tsv      PATTERN  [EXAMPLE]: RE2, matched at the start of
//                      the first paragraph ("SALVADOR, Feb 26 - ")
//   examples.tsv       TEXT: a text whose sentences are separated by " || "
//                      (a space between them) or "||" (none); "\n" stands
//                      for a line break
//
// EXAMPLE fields use the same " || " notation and are run by
// `newsmark rules check` and the test suite.
//
// Thread-safety: immutable once loaded.

#ifndef NEWSMARK_STAGES_SENTENCES_SENTENCE_RULES_H_
#define NEWSMARK_STAGES_SENTENCES_SENTENCE_RULES_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "re2/re2.h"

namespace newsmark {

// Abbreviations are at most this long, in bytes: Load rejects longer ones,
// and FindAbbreviation does not look longer words up.
constexpr size_t kLongestAbbreviation = 64;

enum class AbbreviationClass : uint8_t { kTitle, kNumber, kMonth, kGeneral };

// A text with its expected sentences, from an EXAMPLE field or examples.tsv.
struct SentenceExample {
  std::string where;  // "rules/sentences/abbreviations.tsv:12"
  std::string text;
  std::vector<std::string> sentences;
};

class SentenceRules {
 public:
  // Loads every file above from `dir`; all problems are reported at once,
  // one "file:line: message" a line, in an InvalidArgumentError.
  static absl::StatusOr<std::unique_ptr<SentenceRules>> Load(
      const std::string& dir);

  // The class of `word` (the letters before a period, inner periods kept:
  // "Dr", "U.S", "etc"), or nullptr when it is no known abbreviation.
  const AbbreviationClass* FindAbbreviation(std::string_view word) const;
  bool IsStarter(std::string_view word) const;
  bool IsBoilerplate(std::string_view line) const;
  // Length of the dateline at the start of `text`, 0 when there is none.
  size_t DatelineLength(std::string_view text) const;

  const std::vector<SentenceExample>& examples() const { return examples_; }
  size_t rule_count() const { return rule_count_; }

 private:
  SentenceRules() = default;

  absl::flat_hash_map<std::string, AbbreviationClass> abbreviations_;
  absl::flat_hash_set<std::string> starters_;
  std::unique_ptr<RE2> boilerplate_;  // one alternation, anchored
  std::unique_ptr<RE2> dateline_;
  std::vector<SentenceExample> examples_;
  size_t rule_count_ = 0;
};

// Parses example notation: sentences separated by " || " or "||", "\n" for
// a line break.
SentenceExample ParseSentenceExample(std::string where, std::string_view notation);

}  // namespace newsmark

#endif  // NEWSMARK_STAGES_SENTENCES_SENTENCE_RULES_H_
