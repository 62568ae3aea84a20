// The date stage's rules, from rules/dates/ (plain text, tab-separated, '#'
// comments; problems reported as "file:line: message").
//
//   lexicon.tsv   WORD  CATEGORY  VALUE  [cap]
//       What a word means to the patterns: "january MONTH 1", "last REL -1",
//       "weeks UNIT W", "about MOD APPROX". "cap": only when capitalized
//       ("May" the month, not "may" the verb); "low": only in lower case
//       ("daily", not "People's Daily"). A word may have several
//       categories (one line each).
//   patterns.tsv  PATTERN  TYPE  VALUE  [EXAMPLE]
//       PATTERN: elements separated by spaces: a CATEGORY (upper case), a
//       literal word or punctuation (lower case, as written), each may end
//       in '?' (optional). A leading "!X" must not precede the match, a
//       trailing "!X" must not follow it, a trailing "+X" must (X a
//       category or literal; none of these is part of the extent).
//       TYPE: DATE, TIME, DURATION or SET.
//       VALUE: one function of the elements' values, $1 being the first
//       element: see docs/dates.md for the list (date, month, year, shift,
//       weekday, duration, ...).
//       EXAMPLE: "TEXT | YYYY-MM-DD | extent=TYPE:VALUE[:MOD]; ..." run by
//       `newsmark rules check`.
//   examples.tsv  the same EXAMPLE notation, one a line, for whole texts
//
// The built-in categories NUMBER (digits or number words, via the
// lexicon's NUMBER entries), YEAR (four digits, 1000-2199), DAY (1-31),
// DAYORD (1st-31st), DECADE ("1990s", "'90s"), HOUR and MINUTE come from the
// token itself.
//
// Thread-safety: immutable once loaded.

#ifndef NEWSMARK_STAGES_DATES_DATE_RULES_H_
#define NEWSMARK_STAGES_DATES_DATE_RULES_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "stages/document.h"

namespace newsmark {

// Token categories. Values are small integers or short strings.
enum class DateCategory : uint8_t {
  kNumber, kYear, kDay, kDayOrd, kDecade, kHour, kMinute,  // from the token
  kMonth, kWeekday, kSeason, kUnit, kOrdinal, kRel, kMod, kPartOfDay,
  kDeictic, kRef, kAgo, kLater, kEarlier, kSetWord, kAmPm, kZone, kFiscal,
  kHalf, kQuantity, kVague, kTense, kMonthName, kPlural, kHoliday, kDirection, kDayMod, kDayKind,
  kLongPlural, kClauseEnd,
  kCount  // the number of categories
};
std::string_view DateCategoryName(DateCategory c);

struct LexiconEntry {
  DateCategory category;
  std::string value;  // "1", "-1", "W", "APPROX", ...
  bool capitalized_only = false;  // "cap": "May" the month, not "may"
  bool lower_only = false;        // "low": "daily", not "the Daily Telegraph"
};

// One element of a pattern.
// The most elements a pattern may have.
inline constexpr size_t kMaxPatternElements = 16;

struct PatternElement {
  bool is_category = false;
  DateCategory category = DateCategory::kNumber;
  std::string literal;  // lower case, when !is_category
  bool optional = false;
};

// The value functions patterns may call (docs/dates.md lists them).
enum class ValueFunction : uint8_t {
  kDate, kMonth, kYear, kDecade, kCentury, kWeekday, kShift, kAgo, kHence,
  kDuration, kLiteral, kQuarter, kHalf, kSeason, kSetWeekday, kTime,
  kPodShift, kPodWeekday, kSame, kAfter, kBefore, kWeekend, kRelMonth,
  kRelWeekday, kRelSeason, kHoliday, kSetMonth, kYearQuarter, kRelQuarter, kRelHalf, kAgoQuarter, kDurationAndHalf, kHolidayWeek, kWeekOf, kWeekdayBefore, kMonthIn, kMilitaryTime,
  kRangeDay, kDurationRange, kYearEnd
};

// A value function and its arguments: "$2", "_" (anchor), or a constant.
struct ValueCall {
  std::string function;
  std::vector<std::string> args;
  ValueFunction id = ValueFunction::kLiteral;
  // For each argument, the 0-based element it names ("$2" -> 1), or -1.
  std::vector<int> arg_elements;
};

struct DatePattern {
  std::string where;  // file:line
  std::vector<PatternElement> elements;
  std::vector<PatternElement> not_before;  // must not precede the match
  std::vector<PatternElement> not_after;   // must not follow it
  std::vector<PatternElement> must_follow; // one of these must follow it
  std::vector<PatternElement> must_precede; // one of these must precede it
  TimexType type = TimexType::kDate;
  std::string mod;  // from TYPE:MOD; overrides a MOD element ("no more than")
  bool none = false;  // TYPE NONE: the words are no expression ("a quarter point")
  ValueCall value;
};

struct ExpectedTimex {
  std::string text, type, value, mod;
};

struct DateExample {
  std::string where;
  std::string text;
  std::optional<absl::CivilDay> date;
  std::vector<ExpectedTimex> expected;
};

class DateRules {
 public:
  static absl::StatusOr<std::unique_ptr<DateRules>> Load(const std::string& dir);

  const std::vector<DatePattern>& patterns() const { return patterns_; }
  const absl::flat_hash_map<std::string, std::vector<LexiconEntry>>& lexicon() const {
    return lexicon_;
  }
  const std::vector<DateExample>& examples() const { return examples_; }
  size_t rule_count() const { return rule_count_; }

 private:
  DateRules() = default;
  absl::flat_hash_map<std::string, std::vector<LexiconEntry>> lexicon_;
  std::vector<DatePattern> patterns_;
  std::vector<DateExample> examples_;
  size_t rule_count_ = 0;
};

// The value function of that name and arity, if there is one.
std::optional<ValueFunction> FindValueFunction(std::string_view name, size_t arity);

}  // namespace newsmark

#endif  // NEWSMARK_STAGES_DATES_DATE_RULES_H_
