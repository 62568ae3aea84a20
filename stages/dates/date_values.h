// The value functions of the date patterns: from a match and what the
// document has said so far to a TIMEX3 value. Internal to stages/dates/.

#ifndef NEWSMARK_STAGES_DATES_DATE_VALUES_H_
#define NEWSMARK_STAGES_DATES_DATE_VALUES_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "stages/document.h"
#include "stages/dates/date_rules.h"
#include "stages/dates/date_token.h"

namespace newsmark {
namespace date_internal {

// What a value may depend on besides the match: the anchor, the tense
// around the match, and earlier mentions.
struct Context {
  std::optional<absl::CivilDay> anchor;
  TimexAnchor anchor_kind = TimexAnchor::kUnresolved;
  Tense tense = Tense::kUnknown;  // around the expression
  bool future() const { return tense == Tense::kFuture || tense == Tense::kOnlyFuture; }
  bool past() const { return tense == Tense::kPast || tense == Tense::kOnlyPast; }
  std::optional<absl::CivilDay> previous;  // the start of the last date mentioned
  std::optional<absl::CivilDay> previous_day;  // the last day mentioned, if a day
  // The start of the quarter mentioned last in this or the sentence
  // before, if any.
  std::optional<absl::CivilDay> previous_quarter;
};

struct Value {
  std::string value;
  TimexAnchor anchor = TimexAnchor::kAbsolute;
};

// The value of pattern `p` matched as `m` in `tokens`; nullopt when the
// function finds none ("February 30", an unknown holiday).
std::optional<Value> BuildValue(const DatePattern& p, const Match& m,
                                const std::vector<Token>& tokens, const Context& ctx);

}  // namespace date_internal
}  // namespace newsmark

#endif  // NEWSMARK_STAGES_DATES_DATE_VALUES_H_
