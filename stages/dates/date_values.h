// The value functions of the date patterns: from a match and what the
// document has said so far to a TIMEX3 value. Internal to stages/dates/.

#ifndef NEWSMARK_STAGES_DATES_DATE_VALUES_H_
#define NEWSMARK_STAGES_DATES_DATE_VALUES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
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

// A TIMEX3 value as the value functions build it: a calendar value, a day
// (with a time of day or a part of one after it), an ISO week or its
// weekend, a month, a quarter, a half, a season or a year; or the text of
// any other value (durations "P3D", sets, references "PAST_REF",
// placeholders "XXXX-WXX-3", decades "199" and centuries "19"). The stage
// reads days, starts and quarters from the structure and renders the
// string once, for the timex.
struct TimexValue {
  enum class Grain : uint8_t {
    kText, kDay, kWeek, kWeekend, kMonth, kQuarter, kHalf, kSeason, kYear
  };
  Grain grain = Grain::kText;
  absl::CivilDay day;  // kDay; kWeek and kWeekend: any day of the week
  int year = 0;        // kMonth, kQuarter, kHalf, kSeason, kYear
  int part = 0;        // kMonth 1 to 12, kQuarter 1 to 4, kHalf 1 to 2
  std::string text;    // kText: the value before `time`; kSeason: "SP", "SU", "FA", "WI"
  std::string time;    // after a day or a day placeholder: "T10:30", "T10:30-05", "TNI"

  // A value as text (a duration, a placeholder, a rule's literal "V as it
  // is"): read once, here, for what Start and FullDay say of it.
  static TimexValue Text(std::string text, std::string time = "");
  static TimexValue Day(absl::CivilDay d, std::string time = "");
  static TimexValue Week(absl::CivilDay d);
  static TimexValue Weekend(absl::CivilDay d);
  static TimexValue Month(int year, int month);
  static TimexValue Quarter(int year, int n);
  static TimexValue Half(int year, int n);
  static TimexValue Season(int year, std::string code);
  static TimexValue Year(int year);
  // `d` at the grain of `unit` (D, W, WE, M, Q, HALF, Y, DE, CE); nullopt
  // for another unit.
  static std::optional<TimexValue> AtGrain(absl::CivilDay d, std::string_view unit);

  // The TIMEX3 string: "1998-01-08T10:30", "1998-W02-WE", "1998-Q3", "P3D".
  std::string Render() const;
  // Written as a day, "YYYY-MM-DD" and what may follow it (a text value
  // may be shaped so and be no day, "2001-09-31": Start says).
  bool FullDay() const;
  // The first day a date value covers: a day's, a week's Monday, a month's,
  // a quarter's or a year's first; nullopt for halves and seasons; for text,
  // what StartOf reads in it ("PAST_REF": none; a decade past 9999,
  // "1000": the year it looks like).
  std::optional<absl::CivilDay> Start() const;
  // The quarter's first day, for a quarter of a year written in 4 digits.
  std::optional<absl::CivilDay> QuarterStart() const;
  // "YYYY-MM-DD" or a 10-byte placeholder ("XXXX-WXX-3") with no time after
  // it: a day a clock time before it may take ("10 p.m. Wednesday").
  bool DayWithoutTime() const;
  // A clock time after a 10-byte day: "1998-01-08T22:00",
  // "XXXX-XX-XXT10:30".
  bool ClockTimeOnADay() const;
  // What follows the day of a ClockTimeOnADay value: "T22:00".
  std::string TimeAfterDay() const;

 private:
  // A value of a grain named by its year and a part (month, quarter, half).
  static TimexValue OfYear(Grain grain, int year, int part);

  // For text: what StartOf and IsFullDate read in text + time.
  std::optional<absl::CivilDay> text_start_;
  bool text_full_day_ = false;
};

struct Value {
  TimexValue value;
  TimexAnchor anchor = TimexAnchor::kAbsolute;
};

// The value of pattern `p` matched as `m` in `tokens`; nullopt when the
// function finds none ("February 30", an unknown holiday).
std::optional<Value> BuildValue(const DatePattern& p, const Match& m,
                                const std::vector<Token>& tokens, const Context& ctx);

}  // namespace date_internal
}  // namespace newsmark

#endif  // NEWSMARK_STAGES_DATES_DATE_VALUES_H_
