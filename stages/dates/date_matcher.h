// The date rules compiled for matching, and the scan that finds the
// patterns' matches in a document. Internal to stages/dates/.
//
//   absl::StatusOr<std::unique_ptr<const DateMatcher>> matcher = DateMatcher::Compile(rules);
//   matcher->ForEachMatch(doc, [&](const std::vector<Token>& tokens, const Match& m) {
//     ...  // return whether the match stands
//   });
//
// Compiling gives every word the rules know an id in a WordTable, with its
// lexicon categories in lower case and capitalized, and the patterns that
// can start at it (a CandidateList), filtered by what may come next, so that
// most tokens are rejected by one table lookup and one bit test.
//
// Thread-safety: immutable once compiled; ForEachMatch may run on many
// threads at once (its buffers are per thread).

#ifndef NEWSMARK_STAGES_DATES_DATE_MATCHER_H_
#define NEWSMARK_STAGES_DATES_DATE_MATCHER_H_

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "stages/document.h"
#include "stages/core/word_table.h"
#include "stages/dates/date_rules.h"
#include "stages/dates/date_token.h"

namespace newsmark {
struct DateWork;  // date_stage.h

namespace date_internal {

// Patterns that may start at a token, and what all of them together allow
// as the next token: when the next token fits none, none is tried.
struct CandidateList {
  // The patterns, split for the token after the first: those whose next
  // element is one of a few required words, by that word (sorted by
  // word, then pattern), and the rest, which the next token filters
  // (one by one, or by the `fit` sets below). "the" starts dozens of
  // patterns; the word after it picks the few that can go on.
  std::vector<std::pair<int, int>> by_next_word;  // (word id, pattern)
  std::vector<int> general;
  bool empty() const { return by_next_word.empty() && general.empty(); }
  bool any_next = false;          // some pattern accepts any next token
  uint64_t next_categories = 0;   // a bit per DateCategory
  uint64_t next_word_bits = 0;    // bit (word id % 64) per literal word
  bool reaches_back = false;  // some pattern has optional words before its first required one
  // For a long `general` list, which of its patterns each kind of next
  // token fits, as sets of bits over `general` (fit_words 64-bit words
  // each): first those that may end after the first element, then one
  // set per DateCategory, then one per word bit (word id % 64).
  size_t fit_words = 0;
  std::vector<uint64_t> fit;
  // The same for the patterns that need a word right before them ("+and
  // DAY"): they count only after such a word.
  struct Gated {
    bool any = false;  // some such pattern
    bool any_next = false;
    uint64_t next_categories = 0, next_word_bits = 0;
    uint64_t previous_categories = 0, previous_word_bits = 0;
  } gated;
};

// A word the rules know: its lexicon entries and the patterns whose first
// required element it can be. One hash lookup per token finds all of it.
struct WordInfo {
  int id = 0;
  const std::vector<LexiconEntry>* entries = nullptr;
  std::vector<int> first_patterns;
  // Every pattern that can start at this word, sorted: as written in
  // lower case, and capitalized (cap-only entries then count too).
  CandidateList candidates, capitalized_candidates;
};

// A pattern element with its literal word replaced by a word id.
struct Element {
  bool is_category = false;
  DateCategory category = DateCategory::kNumber;
  int word = -1;
  bool optional = false;
};

struct CompiledPattern {
  std::vector<Element> elements, not_before, not_after, must_follow, must_precede;
  // The first element that is not optional: matching starts there, and
  // the optional elements before it ("the?", "MOD?") are matched
  // backwards, so that frequent words like "the" start no search.
  size_t first_required = 0;
};

// What the token after a pattern's first required element may be, kept
// apart from the patterns in one compact array: it is read for every
// candidate at every token.
struct NextFilter {
  uint64_t categories = 0;  // a bit per DateCategory
  int words[3] = {-1, -1, -1};
  uint64_t word_bits = 0;  // bit (word id % 64) of every literal word, `words` or not
  bool may_end = false;   // the pattern may end after its first element
  bool any_word = false;  // more literal words than fit in `words`
};

// A word's categories, ready for its tokens to point to: in lower case,
// and capitalized (with the "cap" entries).
struct WordCategories {
  std::vector<std::pair<DateCategory, std::string_view>> values;
  uint64_t mask = 0;
};

// What tokenizing needs of a word, by id, as the word is written in lower
// case ([0]) or capitalized ([1]): the categories copied out of
// WordCategories, so that a token's are one load from its id.
struct WordFace {
  const std::pair<DateCategory, std::string_view>* values = nullptr;
  uint64_t mask = 0;
  uint16_t count = 0;
  bool starts = false;  // some pattern may start here
};
struct WordBrief {
  WordFace face[2];
};

inline constexpr int kCategoryCount = static_cast<int>(DateCategory::kCount);

// The categories a number token can have, as bits for by_number_mask.
inline constexpr DateCategory kNumberCategories[] = {
    DateCategory::kNumber, DateCategory::kYear,   DateCategory::kDay,
    DateCategory::kDayOrd, DateCategory::kDecade, DateCategory::kHour,
    DateCategory::kMinute, DateCategory::kOrdinal};
inline constexpr int kNumberMasks = 1 << std::size(kNumberCategories);

// Which of kNumberCategories token t has, as bits.
inline int NumberMask(const Token& t) {
  int mask = 0;
  for (size_t b = 0; b < std::size(kNumberCategories); ++b) {
    if (t.Has(kNumberCategories[b])) mask |= 1 << b;
  }
  return mask;
}

class DateMatcher {
 public:
  // `rules` must outlive the matcher: tokens point to its lexicon values.
  // Fails only when the rules name more words than a WordTable holds.
  static absl::StatusOr<std::unique_ptr<const DateMatcher>> Compile(const DateRules& rules);

  // Returns whether the match stands: when it does not, the next best match
  // at the same token is tried, then matching goes on from the next token.
  using OnMatch = absl::FunctionRef<bool(const std::vector<Token>& tokens, const Match& m)>;

  // Finds the matches in `doc`, sentence by sentence outside boilerplate
  // blocks, and calls on_match for each, in text order. A sentence longer
  // than kWindowTokens date tokens is read in windows of that many that
  // overlap by kWindowBehind + kWindowAhead tokens, each match taken from
  // the window where it has all its context (date_scanner.cc): the
  // matches are those of the whole sentence, and memory stays bounded.
  // Counts what it did in `work` when given.
  void ForEachMatch(const Document& doc, OnMatch on_match, DateWork* work = nullptr) const;

  static constexpr size_t kWindowTokens = 4096;
  // Context a match may read before its first token and after its start:
  // the tense cues (six tokens, sixteen after a fronted adverbial, three
  // more for a verb's auxiliary), a clock time before a day, and a
  // pattern's sixteen elements, with room to spare.
  static constexpr int kWindowBehind = 64, kWindowAhead = 64;

  DateMatcher(const DateMatcher&) = delete;
  DateMatcher& operator=(const DateMatcher&) = delete;

 private:
  friend class DateScanner;
  DateMatcher() = default;

  void CompilePatterns(const DateRules& rules);
  CandidateList MergeCandidates(std::vector<int> patterns,
                                const std::vector<DateCategory>& categories) const;
  void AddFitSets(CandidateList* list) const;
  void BuildCandidates();
  void BuildWordTables();
  WordInfo& Word(const std::string& w);
  Element CompileElement(const PatternElement& e);

  absl::flat_hash_map<std::string, WordInfo> words_;
  std::vector<const WordInfo*> word_by_id_;
  // The words again, by id, for the lookup of every token.
  WordTable word_table_;
  int apostrophe_ = -1;  // the id of "'", which a curly one (U+2019) stands for
  std::array<int, 128> ascii_marks_;  // the id of each one-byte ASCII word, or -1
  std::vector<WordCategories> word_categories_;  // two per word id
  std::vector<WordBrief> word_briefs_;  // by id + 1; [0] for unknown words
  std::vector<NextFilter> next_filters_;
  std::vector<CompiledPattern> compiled_;
  // Patterns by the categories their first required element can be.
  std::vector<std::vector<int>> by_category_;
  // For number tokens: the patterns that can start at a token with a given
  // set of the number categories (NUMBER ... MINUTE, ORDINAL), by bit mask.
  std::vector<CandidateList> by_number_mask_;
};

}  // namespace date_internal
}  // namespace newsmark

#endif  // NEWSMARK_STAGES_DATES_DATE_MATCHER_H_
