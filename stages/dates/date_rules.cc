#include "stages/dates/date_rules.h"

#include <algorithm>

#include <filesystem>
#include <fstream>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "pipeline/input.h"
#include "stages/core/rule_file.h"
#include "stages/core/strings.h"
#include "stages/core/utf8.h"

namespace newsmark {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kCategoryNames[] = {
    "NUMBER", "YEAR", "DAY", "DAYORD", "DECADE", "HOUR", "MINUTE",
    "MONTH", "WEEKDAY", "SEASON", "UNIT", "ORDINAL", "REL", "MOD", "PARTOFDAY",
    "DEICTIC", "REF", "AGO", "LATER", "EARLIER", "SETWORD", "AMPM", "ZONE",
    "FISCAL", "HALF", "QUANTITY", "VAGUE", "TENSE", "MONTHNAME", "PLURAL", "HOLIDAY",
    "DIRECTION", "DAYMOD", "DAYKIND", "LONGPLURAL", "CLAUSEEND"};
static_assert(std::size(kCategoryNames) == static_cast<size_t>(DateCategory::kCount));

std::optional<DateCategory> ParseCategory(std::string_view s) {
  for (size_t i = 0; i < std::size(kCategoryNames); ++i) {
    if (kCategoryNames[i] == s) return static_cast<DateCategory>(i);
  }
  return std::nullopt;
}

// TIMEX3 mods, as the schema lists them.
constexpr std::string_view kMods[] = {"START",     "MID",       "END",           "APPROX",
                                      "LESS_THAN", "MORE_THAN", "EQUAL_OR_LESS", "EQUAL_OR_MORE"};
bool IsTimexMod(std::string_view v) {
  return std::find(std::begin(kMods), std::end(kMods), v) != std::end(kMods);
}

// "Z", or "+HH:MM" / "-HH:MM" with hours up to 14 and minutes up to 59.
bool IsZoneOffset(std::string_view v) {
  if (v == "Z") return true;
  if (v.size() != 6 || (v[0] != '+' && v[0] != '-') || v[3] != ':') return false;
  for (size_t i : {1, 2, 4, 5}) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(v[i]))) return false;
  }
  const int hours = (v[1] - '0') * 10 + (v[2] - '0');
  const int minutes = (v[4] - '0') * 10 + (v[5] - '0');
  return hours <= 14 && minutes <= 59;
}

bool IsUpperName(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!absl::ascii_isupper(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return true;
}

// Parses one element ("MONTH", "the?", ",", "!QUANTITY").
std::optional<PatternElement> ParseElement(std::string token, std::string* error) {
  PatternElement e;
  if (token.size() > 1 && token.back() == '?') {
    e.optional = true;
    token.pop_back();
  }
  if (IsUpperName(token)) {
    auto c = ParseCategory(token);
    if (!c) {
      *error = absl::StrCat("unknown category ", token);
      return std::nullopt;
    }
    e.is_category = true;
    e.category = *c;
  } else {
    e.literal = absl::AsciiStrToLower(token);
  }
  return e;
}

// "TEXT | YYYY-MM-DD | extent=TYPE:VALUE[:MOD]; ..." (date may be empty,
// expectations may be empty: no timex).
std::optional<DateExample> ParseExample(const std::string& where,
                                        const std::string& notation,
                                        std::string* error) {
  std::vector<std::string> parts = absl::StrSplit(notation, '|');
  for (std::string& part : parts) part = std::string(absl::StripAsciiWhitespace(part));
  if (parts.size() != 3) {
    *error = "example wants \"TEXT | YYYY-MM-DD | extent=TYPE:VALUE; ...\"";
    return std::nullopt;
  }
  DateExample ex;
  ex.where = where;
  ex.text = parts[0];
  const std::string date(absl::StripAsciiWhitespace(parts[1]));
  if (!date.empty()) {
    ex.date = ParseIsoDate(date);
    if (!ex.date) {
      *error = absl::StrCat("bad example date \"", date, "\"");
      return std::nullopt;
    }
  }
  for (absl::string_view item : absl::StrSplit(parts[2], ';', absl::SkipWhitespace())) {
    item = absl::StripAsciiWhitespace(item);
    const size_t eq = item.rfind('=');
    if (eq == absl::string_view::npos) {
      *error = absl::StrCat("expected extent=TYPE:VALUE, got \"", std::string(item), "\"");
      return std::nullopt;
    }
    // TYPE up to the first ':'; MOD after the last, when it is a name in
    // capitals ("START"); the VALUE between may hold ':' ("T10:30-05:00").
    const absl::string_view tvm = item.substr(eq + 1);
    const size_t colon = tvm.find(':');
    if (colon == absl::string_view::npos || colon == 0 || colon + 1 == tvm.size()) {
      *error = absl::StrCat("expected TYPE:VALUE[:MOD], got \"", std::string(tvm), "\"");
      return std::nullopt;
    }
    absl::string_view value = tvm.substr(colon + 1), mod;
    if (const size_t last = value.rfind(':'); last != absl::string_view::npos &&
                                              IsUpperName(FromAbsl(value.substr(last + 1)))) {
      mod = value.substr(last + 1);
      value = value.substr(0, last);
    }
    ex.expected.push_back({std::string(item.substr(0, eq)), std::string(tvm.substr(0, colon)),
                           std::string(value), std::string(mod)});
  }
  return ex;
}

}  // namespace

std::string_view DateCategoryName(DateCategory c) {
  return kCategoryNames[static_cast<size_t>(c)];
}

std::optional<ValueFunction> FindValueFunction(std::string_view name, size_t arity) {
  using F = ValueFunction;
  static const std::tuple<std::string_view, size_t, F> kFunctions[] = {
      {"date", 3, F::kDate},         {"month", 2, F::kMonth},
      {"year", 1, F::kYear},         {"decade", 1, F::kDecade},
      {"century", 1, F::kCentury},   {"weekday", 1, F::kWeekday},
      {"shift", 2, F::kShift},       {"ago", 2, F::kAgo},
      {"hence", 2, F::kHence},       {"duration", 2, F::kDuration},
      {"literal", 1, F::kLiteral},   {"quarter", 2, F::kQuarter},
      {"half", 2, F::kHalf},         {"season", 2, F::kSeason},
      {"setweekday", 1, F::kSetWeekday}, {"time", 3, F::kTime}, {"time", 4, F::kTime},
      {"podshift", 3, F::kPodShift}, {"podweekday", 2, F::kPodWeekday},
      {"same", 1, F::kSame},         {"after", 2, F::kAfter},
      {"before", 2, F::kBefore},     {"weekend", 1, F::kWeekend},
      {"relmonth", 2, F::kRelMonth}, {"relmonth", 3, F::kRelMonth}, {"relweekday", 2, F::kRelWeekday},
      {"relseason", 2, F::kRelSeason}, {"holiday", 1, F::kHoliday},
      {"setmonth", 1, F::kSetMonth}, {"yearquarter", 1, F::kYearQuarter},
      {"relquarter", 2, F::kRelQuarter}, {"relhalf", 2, F::kRelHalf},
      {"agoquarter", 1, F::kAgoQuarter}, {"durationandhalf", 2, F::kDurationAndHalf},
      {"holidayweek", 1, F::kHolidayWeek},   {"weekof", 3, F::kWeekOf},
      {"weekdaybefore", 1, F::kWeekdayBefore}, {"monthin", 2, F::kMonthIn},
      {"hhmm", 2, F::kMilitaryTime}, {"rangeday", 1, F::kRangeDay},
      {"durationrange", 3, F::kDurationRange}, {"yearend", 1, F::kYearEnd}};
  for (const auto& [n, a, f] : kFunctions) {
    if (n == name && a == arity) return f;
  }
  return std::nullopt;
}

absl::StatusOr<std::unique_ptr<DateRules>> DateRules::Load(const std::string& dir) {
  std::unique_ptr<DateRules> rules(new DateRules());
  std::vector<std::string> errors;
  auto file = [&](const char* name) { return (fs::path(dir) / name).string(); };
  auto add_example = [&](const std::string& where, const std::string& notation) {
    std::string error;
    auto ex = ParseExample(where, notation, &error);
    if (!ex) {
      errors.push_back(absl::StrCat(where, ": ", error));
      return;
    }
    rules->examples_.push_back(*std::move(ex));
  };

  const std::string lexicon = file("lexicon.tsv");
  ForEachRuleLine(lexicon, &errors, [&](int n, const std::vector<std::string>& f) {
    const std::string where = absl::StrCat(lexicon, ":", n);
    if (f.size() < 3 || f.size() > 4 || (f.size() == 4 && f[3] != "cap" && f[3] != "low")) {
      errors.push_back(absl::StrCat(where, ": expected WORD<tab>CATEGORY<tab>VALUE[<tab>cap|low]"));
      return;
    }
    auto c = ParseCategory(f[1]);
    if (!c) {
      errors.push_back(absl::StrCat(where, ": unknown category \"", f[1], "\""));
      return;
    }
    // Values the stage compares with: a typo would pass for another value.
    if (*c == DateCategory::kTense && f[2] != "past" && f[2] != "future" && f[2] != "base" &&
        f[2] != "moves" && f[2] != "report" && f[2] != "trailing") {
      errors.push_back(absl::StrCat(where, ": TENSE wants past, future, base, moves, report or "
                                           "trailing, got \"", f[2], "\""));
      return;
    }
    if (*c == DateCategory::kZone && !IsZoneOffset(f[2])) {
      errors.push_back(absl::StrCat(where, ": ZONE wants an offset, Z or +HH:MM, got \"", f[2], "\""));
      return;
    }
    if ((*c == DateCategory::kMod || *c == DateCategory::kDayMod) && !IsTimexMod(f[2])) {
      errors.push_back(absl::StrCat(where, ": ", f[1], " wants a TIMEX3 mod (START, MID, END, "
                                    "APPROX, LESS_THAN, MORE_THAN, EQUAL_OR_LESS, EQUAL_OR_MORE), "
                                    "got \"", f[2], "\""));
      return;
    }
    if (*c == DateCategory::kDirection && f[2] != "past" && f[2] != "future" &&
        f[2] != "only-past" && f[2] != "only-future" && f[2] != "nearest") {
      errors.push_back(absl::StrCat(where, ": DIRECTION wants past, future, only-past, "
                                           "only-future or nearest, got \"", f[2], "\""));
      return;
    }
    rules->lexicon_[absl::AsciiStrToLower(f[0])].push_back(
        {*c, f[2], f.size() == 4 && f[3] == "cap", f.size() == 4 && f[3] == "low"});
    ++rules->rule_count_;
  });

  const std::string patterns = file("patterns.tsv");
  ForEachRuleLine(patterns, &errors, [&](int n, const std::vector<std::string>& f) {
    const std::string where = absl::StrCat(patterns, ":", n);
    if (f.size() < 3 || f.size() > 4) {
      errors.push_back(absl::StrCat(where, ": expected PATTERN<tab>TYPE<tab>VALUE[<tab>EXAMPLE]"));
      return;
    }
    DatePattern p;
    p.where = where;
    std::string error;
    std::vector<std::string> tokens = absl::StrSplit(f[0], ' ', absl::SkipEmpty());
    bool after = false;  // a "!X" or "+X" after the elements was seen
    for (size_t i = 0; i < tokens.size() && error.empty(); ++i) {
      const bool negative = tokens[i].size() > 1 && tokens[i][0] == '!';
      const bool follows = tokens[i].size() > 1 && tokens[i][0] == '+';
      const std::string body = negative || follows ? tokens[i].substr(1) : tokens[i];
      if ((negative || follows) &&
          (body[0] == '!' || body[0] == '+' || (body.size() > 1 && body.back() == '?'))) {
        error = absl::StrCat("\"", tokens[i], "\": after ! or + comes one word or category");
        break;
      }
      if (!negative && !follows && after) {
        error = absl::StrCat("\"", tokens[i], "\" after a !X or +X: those go before or after the "
                             "pattern, not inside it");
        break;
      }
      auto e = ParseElement(body, &error);
      if (!e) break;
      if ((negative || follows) && !p.elements.empty()) after = true;
      if (follows && p.elements.empty()) {
        p.must_precede.push_back(*e);
      } else if (follows) {
        p.must_follow.push_back(*e);
      } else if (!negative) {
        p.elements.push_back(*e);
      } else if (p.elements.empty()) {
        p.not_before.push_back(*e);
      } else {
        p.not_after.push_back(*e);
      }
    }
    if (error.empty() && p.elements.empty()) error = "empty pattern";
    if (error.empty() && p.elements.size() > kMaxPatternElements) {
      error = absl::StrCat("more than ", kMaxPatternElements, " elements");
    }
    if (!error.empty()) {
      errors.push_back(absl::StrCat(where, ": ", error));
      return;
    }
    // NONE and VALUE "-": the words are no expression, and no other
    // pattern may take them ("a quarter point").
    if (absl::StartsWith(f[1], "NONE:")) {
      errors.push_back(absl::StrCat(where, ": a NONE pattern has no MOD"));
      return;
    }
    if (f[1] == "NONE") {
      if (f[2] != "-") {
        errors.push_back(absl::StrCat(where, ": a NONE pattern's VALUE is \"-\""));
        return;
      }
      p.none = true;
      rules->patterns_.push_back(std::move(p));
      ++rules->rule_count_;
      if (f.size() == 4) add_example(where, f[3]);
      return;
    }
    // TYPE or TYPE:MOD.
    const size_t colon = f[1].find(':');
    const std::string type_name = f[1].substr(0, colon);
    const std::optional<TimexType> type = ParseTimexType(type_name);
    if (!type) {
      errors.push_back(absl::StrCat(where, ": unknown type \"", type_name, "\""));
      return;
    }
    p.type = *type;
    if (colon != std::string::npos) {
      p.mod = f[1].substr(colon + 1);
      if (!IsTimexMod(p.mod)) {
        errors.push_back(absl::StrCat(where, ": unknown MOD \"", p.mod, "\" after the type"));
        return;
      }
    }
    // VALUE: name(arg, arg, ...)
    const std::string& v = f[2];
    const size_t open = v.find('(');
    if (open == std::string::npos || v.back() != ')') {
      errors.push_back(absl::StrCat(where, ": VALUE wants function(args), got \"", v, "\""));
      return;
    }
    p.value.function = v.substr(0, open);
    for (absl::string_view a : absl::StrSplit(v.substr(open + 1, v.size() - open - 2), ',')) {
      p.value.args.emplace_back(absl::StripAsciiWhitespace(a));
    }
    const std::optional<ValueFunction> fn =
        FindValueFunction(p.value.function, p.value.args.size());
    if (!fn) {
      errors.push_back(absl::StrCat(where, ": unknown function ", p.value.function, " with ",
                                    p.value.args.size(), " arguments"));
      return;
    }
    p.value.id = *fn;
    for (const std::string& a : p.value.args) {
      int element = -1;
      if (a.size() > 1 && a[0] == '$') {
        size_t k = 0;
        if (!absl::SimpleAtoi(a.substr(1), &k) || k < 1 || k > p.elements.size()) {
          errors.push_back(absl::StrCat(where, ": ", a, " names no element"));
          return;
        }
        element = static_cast<int>(k) - 1;
      }
      p.value.arg_elements.push_back(element);
    }
    // rangeday() gives the DATE of a DAY element.
    if (p.value.id == ValueFunction::kRangeDay) {
      const int day = p.value.arg_elements[0];
      if (p.type != TimexType::kDate || day < 0 || !p.elements[day].is_category ||
          p.elements[day].category != DateCategory::kDay) {
        errors.push_back(absl::StrCat(where, ": rangeday() is a DATE of a DAY element"));
        return;
      }
    }
    // time()'s and hhmm()'s zone is the offset of a ZONE the pattern matched.
    const bool time_zone = p.value.id == ValueFunction::kTime && p.value.args.size() == 4;
    if (time_zone || p.value.id == ValueFunction::kMilitaryTime) {
      const int zone = p.value.arg_elements[time_zone ? 3 : 1];
      if (zone < 0 || !p.elements[zone].is_category ||
          p.elements[zone].category != DateCategory::kZone) {
        errors.push_back(absl::StrCat(where, ": ", p.value.function,
                                      "()'s zone argument must name a ZONE element"));
        return;
      }
    }
    rules->patterns_.push_back(std::move(p));
    ++rules->rule_count_;
    if (f.size() == 4) add_example(where, f[3]);
  });

  const std::string examples = file("examples.tsv");
  ForEachRuleLine(examples, &errors, [&](int n, const std::vector<std::string>& f) {
    add_example(absl::StrCat(examples, ":", n), absl::StrJoin(f, "\t"));
  });

  if (!errors.empty()) return absl::InvalidArgumentError(absl::StrJoin(errors, "\n"));
  return rules;
}

}  // namespace newsmark
