// The date stage: finds date and time expressions and normalizes them to
// TIMEX3 values (DATE, TIME, DURATION, SET), with mods.
//
// Each sentence (outside boilerplate blocks) is read as the tokens the
// tokens stage cut (stages/tokens/tokens_stage.h); the
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

#include <memory>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "stages/stage.h"
#include "stages/dates/date_rules.h"

namespace newsmark {
namespace date_internal {
class DateMatcher;
}  // namespace date_internal

// What one Process call did, counted for tests that hold its cost in
// proportion to the text (the test suite times nothing).
struct DateWork {
  // Date tokens made, counting those of a window's overlap made again.
  uint64_t tokens_made = 0;
  // Steps of the pattern search: candidate patterns tried and the
  // elements MatchFrom visited.
  uint64_t match_steps = 0;
  // The most date tokens held at once: what the stage's buffers grow to.
  uint64_t most_tokens_held = 0;
};

struct DateOptions {
  // Folder of the rule files (date_rules.h); required. The binary finds
  // the rules folder (pipeline/cli/rules_location.h); a stage is told.
  std::string rules_dir;
};

class DateStage : public Stage {
 public:
  static absl::StatusOr<std::unique_ptr<DateStage>> Create(const DateOptions& options);

  std::string_view name() const override { return "dates"; }
  LayerSet Requires() const override {
    return Layers({Layer::kTokens, Layer::kBlocks, Layer::kSentences});
  }
  LayerSet Provides() const override { return Layers({Layer::kTimexes}); }
  absl::Status Process(Document& doc) const override;
  // The same, adding what it did to `work`.
  absl::Status Process(Document& doc, DateWork* work) const;

  const DateRules& rules() const { return *rules_; }

  ~DateStage() override;

 private:
  DateStage(std::unique_ptr<DateRules> rules,
            std::unique_ptr<const date_internal::DateMatcher> matcher);

  std::optional<absl::CivilDay> InferAnchor(const Document& doc, DateWork* work) const;

  const std::unique_ptr<DateRules> rules_;
  // The rules compiled for matching (date_matcher.h).
  const std::unique_ptr<const date_internal::DateMatcher> matcher_;
};

}  // namespace newsmark

#endif  // NEWSMARK_STAGES_DATES_DATE_STAGE_H_
