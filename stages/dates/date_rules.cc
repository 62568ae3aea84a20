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
#include "stages/core/iso_date.h"
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

namespace {

absl::Status Invalid(absl::string_view message) {
  return absl::InvalidArgumentError(message);
}

// Values the stage compares with: a typo would pass for another value.
absl::Status CheckLexiconValue(DateCategory c, const std::string& category,
                               const std::string& v) {
  if (c == DateCategory::kTense && v != "past" && v != "future" && v != "base" &&
      v != "moves" && v != "report" && v != "trailing") {
    return Invalid(absl::StrCat("TENSE wants past, future, base, moves, report or "
                                "trailing, got \"", v, "\""));
  }
  if (c == DateCategory::kZone && !IsZoneOffset(v)) {
    return Invalid(absl::StrCat("ZONE wants an offset, Z or +HH:MM, got \"", v, "\""));
  }
  if ((c == DateCategory::kMod || c == DateCategory::kDayMod) && !IsTimexMod(v)) {
    return Invalid(absl::StrCat(category, " wants a TIMEX3 mod (START, MID, END, "
                                "APPROX, LESS_THAN, MORE_THAN, EQUAL_OR_LESS, EQUAL_OR_MORE), "
                                "got \"", v, "\""));
  }
  if (c == DateCategory::kDirection && v != "past" && v != "future" && v != "only-past" &&
      v != "only-future" && v != "nearest") {
    return Invalid(absl::StrCat("DIRECTION wants past, future, only-past, "
                                "only-future or nearest, got \"", v, "\""));
  }
  return absl::OkStatus();
}

// WORD CATEGORY VALUE [cap|low] -> the word (lower-cased) and its entry.
absl::StatusOr<std::pair<std::string, LexiconEntry>> ParseLexiconLine(
    const std::vector<std::string>& f) {
  if (f.size() < 3 || f.size() > 4 || (f.size() == 4 && f[3] != "cap" && f[3] != "low")) {
    return Invalid("expected WORD<tab>CATEGORY<tab>VALUE[<tab>cap|low]");
  }
  const std::optional<DateCategory> c = ParseCategory(f[1]);
  if (!c) return Invalid(absl::StrCat("unknown category \"", f[1], "\""));
  if (absl::Status s = CheckLexiconValue(*c, f[1], f[2]); !s.ok()) return s;
  return std::make_pair(
      absl::AsciiStrToLower(f[0]),
      LexiconEntry{*c, f[2], f.size() == 4 && f[3] == "cap", f.size() == 4 && f[3] == "low"});
}

// The elements of PATTERN, with the "!X" and "+X" around them.
absl::Status ParsePatternElements(const std::string& spec, DatePattern* p) {
  std::vector<std::string> tokens = absl::StrSplit(spec, ' ', absl::SkipEmpty());
  bool after = false;  // a "!X" or "+X" after the elements was seen
  for (const std::string& token : tokens) {
    const bool negative = token.size() > 1 && token[0] == '!';
    const bool follows = token.size() > 1 && token[0] == '+';
    const std::string body = negative || follows ? token.substr(1) : token;
    if ((negative || follows) &&
        (body[0] == '!' || body[0] == '+' || (body.size() > 1 && body.back() == '?'))) {
      return Invalid(absl::StrCat("\"", token, "\": after ! or + comes one word or category"));
    }
    if (!negative && !follows && after) {
      return Invalid(absl::StrCat("\"", token, "\" after a !X or +X: those go before or after "
                                  "the pattern, not inside it"));
    }
    std::string error;
    std::optional<PatternElement> e = ParseElement(body, &error);
    if (!e) return Invalid(error);
    if ((negative || follows) && !p->elements.empty()) after = true;
    std::vector<PatternElement>* list =
        follows ? (p->elements.empty() ? &p->must_precede : &p->must_follow)
        : negative ? (p->elements.empty() ? &p->not_before : &p->not_after)
                   : &p->elements;
    list->push_back(*std::move(e));
  }
  if (p->elements.empty()) return Invalid("empty pattern");
  if (p->elements.size() > kMaxPatternElements) {
    return Invalid(absl::StrCat("more than ", kMaxPatternElements, " elements"));
  }
  return absl::OkStatus();
}

// TYPE or TYPE:MOD, or NONE with the VALUE "-": the words are no
// expression, and no other pattern may take them ("a quarter point").
absl::Status ParsePatternType(const std::string& spec, const std::string& value,
                              DatePattern* p) {
  if (absl::StartsWith(spec, "NONE:")) return Invalid("a NONE pattern has no MOD");
  if (spec == "NONE") {
    if (value != "-") return Invalid("a NONE pattern's VALUE is \"-\"");
    p->none = true;
    return absl::OkStatus();
  }
  const size_t colon = spec.find(':');
  const std::string type_name = spec.substr(0, colon);
  const std::optional<TimexType> type = ParseTimexType(type_name);
  if (!type) return Invalid(absl::StrCat("unknown type \"", type_name, "\""));
  p->type = *type;
  if (colon != std::string::npos) {
    p->mod = spec.substr(colon + 1);
    if (!IsTimexMod(p->mod)) {
      return Invalid(absl::StrCat("unknown MOD \"", p->mod, "\" after the type"));
    }
  }
  return absl::OkStatus();
}

// VALUE: name(arg, arg, ...), each "$K" naming an element.
absl::Status ParseValueCall(const std::string& v, DatePattern* p) {
  const size_t open = v.find('(');
  if (open == std::string::npos || v.back() != ')') {
    return Invalid(absl::StrCat("VALUE wants function(args), got \"", v, "\""));
  }
  ValueCall& call = p->value;
  call.function = v.substr(0, open);
  for (absl::string_view a : absl::StrSplit(v.substr(open + 1, v.size() - open - 2), ',')) {
    call.args.emplace_back(absl::StripAsciiWhitespace(a));
  }
  const std::optional<ValueFunction> fn = FindValueFunction(call.function, call.args.size());
  if (!fn) {
    return Invalid(absl::StrCat("unknown function ", call.function, " with ",
                                call.args.size(), " arguments"));
  }
  call.id = *fn;
  for (const std::string& a : call.args) {
    int element = -1;
    if (a.size() > 1 && a[0] == '$') {
      size_t k = 0;
      if (!absl::SimpleAtoi(a.substr(1), &k) || k < 1 || k > p->elements.size()) {
        return Invalid(absl::StrCat(a, " names no element"));
      }
      element = static_cast<int>(k) - 1;
    }
    call.arg_elements.push_back(element);
  }
  return absl::OkStatus();
}

bool IsCategoryElement(const DatePattern& p, int element, DateCategory c) {
  return element >= 0 && p.elements[element].is_category && p.elements[element].category == c;
}

// Functions whose arguments must be elements of one category.
absl::Status CheckValueArguments(const DatePattern& p) {
  const ValueCall& call = p.value;
  // rangeday() gives the DATE of a DAY element.
  if (call.id == ValueFunction::kRangeDay &&
      (p.type != TimexType::kDate ||
       !IsCategoryElement(p, call.arg_elements[0], DateCategory::kDay))) {
    return Invalid("rangeday() is a DATE of a DAY element");
  }
  // time()'s and hhmm()'s zone is the offset of a ZONE the pattern matched.
  const bool time_zone = call.id == ValueFunction::kTime && call.args.size() == 4;
  if ((time_zone || call.id == ValueFunction::kMilitaryTime) &&
      !IsCategoryElement(p, call.arg_elements[time_zone ? 3 : 1], DateCategory::kZone)) {
    return Invalid(absl::StrCat(call.function, "()'s zone argument must name a ZONE element"));
  }
  return absl::OkStatus();
}

// PATTERN TYPE VALUE [EXAMPLE], without the example.
absl::StatusOr<DatePattern> ParsePatternLine(const std::vector<std::string>& f,
                                             std::string where) {
  if (f.size() < 3 || f.size() > 4) {
    return Invalid("expected PATTERN<tab>TYPE<tab>VALUE[<tab>EXAMPLE]");
  }
  DatePattern p;
  p.where = std::move(where);
  if (absl::Status s = ParsePatternElements(f[0], &p); !s.ok()) return s;
  if (absl::Status s = ParsePatternType(f[1], f[2], &p); !s.ok()) return s;
  if (p.none) return p;
  if (absl::Status s = ParseValueCall(f[2], &p); !s.ok()) return s;
  if (absl::Status s = CheckValueArguments(p); !s.ok()) return s;
  return p;
}

}  // namespace

absl::StatusOr<std::unique_ptr<DateRules>> DateRules::Load(const std::string& dir) {
  std::unique_ptr<DateRules> rules(new DateRules());
  std::vector<std::string> errors;
  auto file = [&](const char* name) { return (fs::path(dir) / name).string(); };
  auto add_example = [&](const std::string& where, const std::string& notation) {
    std::string error;
    auto ex = ParseExample(where, notation, &error);
    if (!ex) return Invalid(error);
    rules->examples_.push_back(*std::move(ex));
    return absl::OkStatus();
  };

  ForEachRuleLine(file("lexicon.tsv"), &errors,
                  [&](const RuleLine& line) -> absl::Status {
                    auto entry = ParseLexiconLine(line.fields);
                    if (!entry.ok()) return entry.status();
                    rules->lexicon_[entry->first].push_back(std::move(entry->second));
                    ++rules->rule_count_;
                    return absl::OkStatus();
                  });
  ForEachRuleLine(file("patterns.tsv"), &errors,
                  [&](const RuleLine& line) -> absl::Status {
                    absl::StatusOr<DatePattern> p = ParsePatternLine(line.fields, line.where());
                    if (!p.ok()) return p.status();
                    rules->patterns_.push_back(*std::move(p));
                    ++rules->rule_count_;
                    if (line.fields.size() < 4) return absl::OkStatus();
                    return add_example(line.where(), line.fields[3]);
                  });
  ForEachRuleLine(file("examples.tsv"), &errors,
                  [&](const RuleLine& line) -> absl::Status {
                    return add_example(line.where(), absl::StrJoin(line.fields, "\t"));
                  });

  if (!errors.empty()) return absl::InvalidArgumentError(absl::StrJoin(errors, "\n"));
  return rules;
}

}  // namespace newsmark
