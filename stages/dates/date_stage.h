// The date stage: finds date and time expressions and normalizes them to
// TIMEX3 values (DATE, TIME, DURATION, SET), with mods.
//
// Each sentence (outside boilerplate blocks) is cut into tokens; the
// lexicon (rules/dates/lexicon.tsv) gives tokens categories (MONTH "1",
// UNIT "W", REL "-1", ...); patterns (rules/dates/patterns.tsv) are
// sequences of categories and words, tried at every token, longest match
// first; each names a value function (docs/dates.md) that computes the
// TIMEX3 value.
//
// Anchoring. Relative expressions are resolved against the document date;
// without one, against the latest explicit full date in the text
// ("inferred_date"); without that, left with X placeholders
// ("unresolved"). A bare month or weekday is the nearest one in the
// direction the sentence's tense points (news: the past, unless "will" and
// its kind say otherwise). Anaphoric expressions ("the same day", "two days
// later") count from the previous full date mentioned.
//
// Thread-safety: immutable once built; Process is safe to call concurrently.

#ifndef NEWSMARK_STAGES_DATES_DATE_STAGE_H_
#define NEWSMARK_STAGES_DATES_DATE_STAGE_H_

#include <array>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "pipeline/stage.h"
#include "stages/core/word_table.h"
#include "stages/dates/date_rules.h"

namespace newsmark {

struct DateOptions {
  // Folder of the rule files. Default: the source tree's rules/dates.
  std::string rules_dir = NEWSMARK_DEFAULT_RULES_DIR "/dates";
};

class DateStage : public Stage {
 public:
  static absl::StatusOr<std::unique_ptr<DateStage>> Create(const DateOptions& options);

  std::string_view name() const override { return "dates"; }
  LayerSet Requires() const override { return Layers({Layer::kBlocks, Layer::kSentences}); }
  LayerSet Provides() const override { return Layers({Layer::kTimexes}); }
  absl::Status Process(Document& doc) const override;

  const DateRules& rules() const { return *rules_; }

 private:
  explicit DateStage(std::unique_ptr<DateRules> rules);

  const std::unique_ptr<DateRules> rules_;
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
  // Patterns with literal words replaced by word ids.
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
  std::vector<NextFilter> next_filters_;
  class Matcher;

  absl::flat_hash_map<std::string, WordInfo> words_;
  std::vector<const WordInfo*> word_by_id_;
  // The words again, by id, for the lookup of every token.
  WordTable word_table_;
  int apostrophe_ = -1;  // the id of "'", which a curly one (U+2019) stands for
  std::array<int, 128> ascii_marks_;  // the id of each one-byte ASCII word, or -1
  // A word's categories, ready for its tokens to point to: in lower case,
  // and capitalized (with the "cap" entries).
  struct WordCategories {
    std::vector<std::pair<DateCategory, std::string_view>> values;
    uint64_t mask = 0;
  };
  struct WordBrief {  // what tokenizing needs, by id, packed
    const WordCategories* lower = nullptr;
    const WordCategories* capitalized = nullptr;
    bool starts_lower = false, starts_capitalized = false;
  };
  std::vector<WordCategories> word_categories_;  // two per word id
  std::vector<WordBrief> word_briefs_;  // by id + 1; [0] for unknown words
  WordCategories no_categories_;
  std::vector<CompiledPattern> compiled_;
  // Patterns by the categories their first required element can be.
  std::vector<std::vector<int>> by_category_;
  // For number tokens: the patterns that can start at a token with a given
  // set of the number categories (NUMBER ... MINUTE, ORDINAL), by bit mask.
  std::vector<CandidateList> by_number_mask_;
};

}  // namespace newsmark

#endif  // NEWSMARK_STAGES_DATES_DATE_STAGE_H_
