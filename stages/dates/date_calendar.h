// Calendar arithmetic for TIMEX3 values: weekdays, day numbers, ISO weeks,
// the strings of days, months and years, shifts by a unit. Internal to
// stages/dates/.

#ifndef NEWSMARK_STAGES_DATES_DATE_CALENDAR_H_
#define NEWSMARK_STAGES_DATES_DATE_CALENDAR_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/time/civil_time.h"

namespace newsmark {
namespace date_internal {

// Monday = 1 ... Sunday = 7.
int Weekday(absl::CivilDay d);
// Days from 1970-01-01 to year-month-day (proleptic Gregorian; month 1 to
// 12, day 1 to 31): what CivilDay subtraction gives, without building one.
int64_t DayNumber(int64_t year, int month, int day);
// 28 to 31; month 1 to 12.
int DaysInMonth(int64_t year, int month);
// ISO 8601 week, "YYYY-Www": the week with the year's first Thursday is 1.
std::string IsoWeek(absl::CivilDay d);
// "YYYY-MM-DD".
std::string Day(absl::CivilDay d);
// "YYYY-MM".
std::string Month(int year, int month);
// "YYYY".
std::string Year(int year);
// `d` moved by `n` units; nullopt for a unit that has no length here.
std::optional<absl::CivilDay> Shift(absl::CivilDay d, std::string_view unit, int n);
// Whether a value starts with a full date, "YYYY-MM-DD".
bool IsFullDate(std::string_view v);
// The first day a DATE value covers: "1998-01-08", "1998-Q3", "1998-02",
// "1998-W02", "1998"; nullopt for references and X placeholders. The stage
// reads its own values' starts from their structure (TimexValue::Start,
// which a test holds to this); this reads a rule's literal.
std::optional<absl::CivilDay> StartOf(std::string_view v);

}  // namespace date_internal
}  // namespace newsmark

#endif  // NEWSMARK_STAGES_DATES_DATE_CALENDAR_H_
