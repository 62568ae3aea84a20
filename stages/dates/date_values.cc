#include "stages/dates/date_values.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_format.h"
#include "stages/core/strings.h"
#include "stages/dates/date_calendar.h"

namespace newsmark {
namespace date_internal {
namespace {

// Years whose values are written in four digits ("0987", "1998"): a day
// of them is a full date ("YYYY-MM-DD", what ParseIsoDate reads).
bool FourDigits(int64_t year) { return year >= 0 && year <= 9999; }

// Years written in four bytes, "-999" to "9999": the year StartOf read
// from the first four bytes of a value, and so the years whose values have
// a start (of a negative year's day, StartOf gave its month's first day).
bool FourBytes(int64_t year) { return year >= -999 && year <= 9999; }

}  // namespace

TimexValue TimexValue::Text(std::string text, std::string time) {
  TimexValue v;
  v.text = std::move(text);
  v.time = std::move(time);
  // Most text values have no time: read in place, without a copy.
  const std::string joined = v.time.empty() ? std::string() : v.text + v.time;
  const std::string_view whole = v.time.empty() ? std::string_view(v.text) : joined;
  v.text_start_ = StartOf(whole);
  v.text_full_day_ = IsFullDate(whole);
  return v;
}

TimexValue TimexValue::Day(absl::CivilDay d, std::string time) {
  TimexValue v;
  v.grain = Grain::kDay;
  v.day = d;
  v.time = std::move(time);
  return v;
}

TimexValue TimexValue::Week(absl::CivilDay d) {
  TimexValue v;
  v.grain = Grain::kWeek;
  v.day = d;
  return v;
}

TimexValue TimexValue::Weekend(absl::CivilDay d) {
  TimexValue v = Week(d);
  v.grain = Grain::kWeekend;
  return v;
}

TimexValue TimexValue::OfYear(Grain grain, int year, int part) {
  TimexValue v;
  v.grain = grain;
  v.year = year;
  v.part = part;
  return v;
}

TimexValue TimexValue::Month(int year, int month) { return OfYear(Grain::kMonth, year, month); }

TimexValue TimexValue::Quarter(int year, int n) { return OfYear(Grain::kQuarter, year, n); }

TimexValue TimexValue::Half(int year, int n) { return OfYear(Grain::kHalf, year, n); }

TimexValue TimexValue::Season(int year, std::string code) {
  TimexValue v = OfYear(Grain::kSeason, year, 0);
  v.text = std::move(code);
  return v;
}

TimexValue TimexValue::Year(int year) { return OfYear(Grain::kYear, year, 0); }

std::optional<TimexValue> TimexValue::AtGrain(absl::CivilDay d, std::string_view unit) {
  const int y = static_cast<int>(d.year());
  if (unit == "D") return Day(d);
  if (unit == "W") return Week(d);
  if (unit == "WE") return Weekend(d);
  if (unit == "M") return Month(y, d.month());
  if (unit == "Y") return Year(y);
  if (unit == "Q") return Quarter(y, (d.month() - 1) / 3 + 1);
  if (unit == "HALF") return Half(y, d.month() <= 6 ? 1 : 2);
  // Decades and centuries are text; past year 9999 a decade takes four
  // digits ("1000"), and reads as the year it looks like.
  if (unit == "DE") return Text(absl::StrFormat("%03d", y / 10));
  if (unit == "CE") return Text(absl::StrFormat("%02d", y / 100));
  return std::nullopt;
}

std::string TimexValue::Render() const {
  const int y = year;
  switch (grain) {
    case Grain::kText: return time.empty() ? text : absl::StrCat(text, time);
    case Grain::kDay: {
      std::string v = date_internal::Day(day);  // ten bytes in years 0-9999
      if (!time.empty()) v += time;
      return v;
    }
    case Grain::kWeek: return IsoWeek(day);
    case Grain::kWeekend: return absl::StrCat(IsoWeek(day), "-WE");
    case Grain::kMonth: return date_internal::Month(y, part);
    case Grain::kQuarter: return absl::StrFormat("%04d-Q%d", y, part);
    case Grain::kHalf: return absl::StrFormat("%04d-H%d", y, part);
    case Grain::kSeason: return absl::StrFormat("%04d-%s", y, text);
    case Grain::kYear: return date_internal::Year(y);
  }
  return "";
}

bool TimexValue::FullDay() const {
  if (grain == Grain::kText) return text_full_day_;
  return grain == Grain::kDay && FourDigits(day.year());
}

std::optional<absl::CivilDay> TimexValue::Start() const {
  switch (grain) {
    case Grain::kText: return text_start_;
    case Grain::kDay:
      if (FourDigits(day.year())) return day;
      if (!FourBytes(day.year())) return std::nullopt;
      return absl::CivilDay(day.year(), day.month(), 1);
    case Grain::kWeek:
    case Grain::kWeekend: {
      const absl::CivilDay monday = day - (Weekday(day) - 1);
      // Written with the ISO year, the Thursday's.
      if (!FourBytes((monday + 3).year())) return std::nullopt;
      return monday;
    }
    case Grain::kMonth:
      if (!FourBytes(year)) return std::nullopt;
      return absl::CivilDay(year, part, 1);
    case Grain::kYear:
      if (!FourBytes(year)) return std::nullopt;
      return absl::CivilDay(year, 1, 1);
    case Grain::kQuarter:
      if (!FourBytes(year)) return std::nullopt;
      return absl::CivilDay(year, 3 * (part - 1) + 1, 1);
    case Grain::kHalf:
    case Grain::kSeason: return std::nullopt;
  }
  return std::nullopt;
}

std::optional<absl::CivilDay> TimexValue::QuarterStart() const {
  if (grain != Grain::kQuarter || !FourDigits(year)) return std::nullopt;
  return absl::CivilDay(year, 3 * (part - 1) + 1, 1);
}

bool TimexValue::DayWithoutTime() const {
  if (!time.empty()) return false;
  if (grain == Grain::kDay) return FullDay();
  return grain == Grain::kText && text.size() == 10 &&
         (text_full_day_ || text.rfind("XXXX-", 0) == 0);
}

bool TimexValue::ClockTimeOnADay() const {
  // A day of a year in four bytes ("1998", "-005") is ten bytes.
  if (grain == Grain::kDay) {
    return FourBytes(day.year()) && time.size() >= 6 && time[0] == 'T' && time[3] == ':';
  }
  const std::string s = Render();  // text (a rule's literal time) or stranger
  return s.size() >= 16 && s[10] == 'T' && s[13] == ':';
}

std::string TimexValue::TimeAfterDay() const {
  if (grain == Grain::kDay) return time;
  const std::string s = Render();
  return s.substr(s.find('T'));
}

namespace {

// A count as written: "1,250" is 1250, "13.9" is 13.9; nullopt for other
// text.
std::optional<double> CountOf(std::string_view text) {
  // Most counts are plain digits ("30 days"): read in place.
  if (int n; ParseDigits(text, &n)) return n;
  double x;
  if (!absl::SimpleAtod(absl::StrReplaceAll(ToAbsl(text), {{",", ""}}), &x)) return std::nullopt;
  return x;
}

class ValueBuilder {
 public:
  ValueBuilder(const DatePattern& p, const Match& m, const std::vector<Token>& tokens,
               const Context& ctx)
      : p_(p), m_(m), tokens_(tokens), ctx_(ctx) {}

  std::optional<Value> Build() {
    using F = ValueFunction;
    switch (p_.value.id) {
      case F::kLiteral: return Absolute(Arg(0));
      case F::kYear:
        if (!Number(0)) return std::nullopt;
        return Absolute(TimexValue::Year(*Number(0)));
      case F::kYearEnd: {
        // "by year end": the year whose last day is nearest, by tense.
        if (!ctx_.anchor) return Unresolved("XXXX");
        const std::optional<int> y = ResolveYear(12, 31);
        if (!y) return std::nullopt;
        return Anchored(TimexValue::Year(*y));
      }
      case F::kDecade: return Absolute(Arg(0));
      case F::kCentury: {
        auto n = Number(0);
        if (!n || *n < 1) return std::nullopt;
        return Absolute(absl::StrFormat("%02d", *n - 1));
      }
      case F::kDuration: return Duration(Arg(0), Arg(1));
      case F::kDurationAndHalf:  // "an hour and a half"; a whole count only
        if (!Number(0)) return std::nullopt;
        return Duration(absl::StrCat(Arg(0), ".5"), Arg(1));
      case F::kSetWeekday: return Absolute(absl::StrCat("XXXX-WXX-", Arg(0)));
      case F::kSetMonth: {
        auto m = Number(0);
        if (!m || *m < 1 || *m > 12) return std::nullopt;
        return Absolute(absl::StrFormat("XXXX-%02d", *m));
      }
      case F::kRelQuarter: return RelativePart("Q", 4);
      case F::kRelHalf: return RelativePart("H", 2);
      case F::kMonthIn: {  // "July this year", "January of last year"
        auto rel = Number(0), m = Number(1);
        if (!rel || !m || *m < 1 || *m > 12) return std::nullopt;
        if (!ctx_.anchor) return Unresolved(absl::StrFormat("XXXX-%02d", *m));
        return Anchored(TimexValue::Month(static_cast<int>(ctx_.anchor->year()) + *rel, *m));
      }
      case F::kAgoQuarter: {
        // "the year-ago quarter": the quarter just mentioned, else the
        // latest that has ended (the one a company reports on), N years
        // back.
        auto n = Number(0);
        if (!n) return std::nullopt;
        if (ctx_.previous_quarter) return Ago(n, "Y");
        if (!ctx_.anchor) return std::nullopt;
        const auto d = Shift(*ctx_.anchor, "Q", -1 - 4 * *n);
        return Anchored(*TimexValue::AtGrain(*d, "Q"));
      }
      case F::kYearQuarter: {
        // "the 1997 period": the quarter just mentioned, in that year.
        auto y = Number(0);
        if (!y) return std::nullopt;
        if (!ctx_.previous_quarter) return Absolute(TimexValue::Year(*y));
        return Value{TimexValue::Quarter(*y, PreviousQuarterNumber()),
                     TimexAnchor::kPreviousMention};
      }
      case F::kDate: return Date();
      case F::kMonth: return MonthValue();
      case F::kQuarter: return Part("Q", 4);
      case F::kHalf: return Part("H", 2);
      case F::kSeason: return Season();
      case F::kWeekday: return WeekdayValue("");
      case F::kPodWeekday: return WeekdayValue(Arg(1));
      case F::kShift: return Shifted(Arg(0), Number(1), 1, "");
      case F::kAgo: return Ago();
      case F::kHence: return Shifted(Arg(1), Number(0), 1, "");
      case F::kWeekend: return Weekend();
      case F::kRelMonth: return RelativeMonth();
      case F::kRelWeekday: return RelativeWeekday();
      case F::kRelSeason: return RelativeSeason();
      case F::kHoliday: return Holiday();
      case F::kHolidayWeek: return WeekOf(Holiday());  // "Easter week"
      case F::kWeekOf: return WeekOf(Date());          // "the week of March 6"
      case F::kWeekdayBefore: {
        // "the previous Friday": the one before the last day mentioned,
        // else before the anchor.
        auto w = Number(0);
        if (!w || *w < 1 || *w > 7) return std::nullopt;
        const std::optional<absl::CivilDay> base = ctx_.previous_day ? ctx_.previous_day : ctx_.anchor;
        if (!base) return Unresolved(absl::StrCat("XXXX-WXX-", *w));
        const int back = (Weekday(*base) - *w + 7) % 7;
        return Value{TimexValue::Day(*base - (back == 0 ? 7 : back)),
                     ctx_.previous_day ? TimexAnchor::kPreviousMention : ctx_.anchor_kind};
      }
      case F::kPodShift: return Shifted(Arg(0), Number(1), 1, Arg(2));
      case F::kTime: return Time();
      case F::kMilitaryTime: return MilitaryTime();
      case F::kRangeDay: return std::nullopt;  // the stage's: it needs the date before
      case F::kDurationRange: {
        // "two to three weeks": a vague count, if the counts rise and are
        // counts ("1985-86", "from 30 to 15 days", "0900 to 1700 hours"
        // are not).
        const std::optional<double> low = CountOf(ArgView(0)), high = CountOf(ArgView(1));
        if (!low || !high || *low < 0 || *low >= *high || *high >= 1000) return std::nullopt;
        return Duration("X", Arg(2));
      }
      case F::kSame:
        // "the quarter": the one just mentioned, else the latest that has
        // ended (the one a company reports on).
        if (ArgView(0) == "Q" && ctx_.previous_quarter) {
          return Value{*TimexValue::AtGrain(*ctx_.previous_quarter, "Q"), TimexAnchor::kPreviousMention};
        }
        if (ArgView(0) == "Q") return Shifted("Q", -1, 1, "");
        return FromPrevious(Arg(0), 0);
      case F::kAfter:
      case F::kBefore: {
        // A count that is no whole number ("1.5 days later") gives no date.
        const std::optional<int> n = ArgView(1).empty() ? std::optional<int>(1) : Number(1);
        if (!n) return std::nullopt;
        if (p_.value.id == F::kAfter) return FromPrevious(Arg(0), *n);
        if (ArgView(0) == "Y" && ctx_.previous_quarter) return Ago(*n, "Y");
        return FromPrevious(Arg(0), -*n);
      }
    }
    return std::nullopt;
  }

 private:
  // The ISO week of a day's value; "XXXX-WXX" for an unresolved day.
  static std::optional<Value> WeekOf(std::optional<Value> day) {
    if (!day) return std::nullopt;
    if (!day->value.FullDay()) return Value{TimexValue::Text("XXXX-WXX"), day->anchor};
    return Value{TimexValue::Week(*day->value.Start()), day->anchor};
  }

  // 1 to 4: the quarter just mentioned (ctx_.previous_quarter is set).
  int PreviousQuarterNumber() const { return (ctx_.previous_quarter->month() - 1) / 3 + 1; }

  // Argument k: an element's value ("$2"), else the constant as written
  // ("_" stays "_").
  std::string Arg(size_t k) const { return std::string(ArgView(k)); }

  // The same without a copy: a view into the rules, the document or the
  // sentence's tokens.
  std::string_view ArgView(size_t k) const {
    if (k >= p_.value.args.size()) return "";
    const int e = p_.value.arg_elements[k];
    if (e < 0) return p_.value.args[k];
    const int t = m_.captures[e];
    if (t < 0) return "";
    const PatternElement& el = p_.elements[e];
    if (!el.is_category) return tokens_[t].lower();
    const std::string_view* v = tokens_[t].Value(el.category);
    return v ? *v : std::string_view();
  }

  // The token argument k was matched at ("$2"), or -1.
  int ArgToken(size_t k) const {
    if (k >= p_.value.args.size()) return -1;
    const int e = p_.value.arg_elements[k];
    return e < 0 ? -1 : m_.captures[e];
  }

  std::optional<int> Number(size_t k) const {
    int n;
    const std::string_view a = ArgView(k);
    if (a.empty()) return std::nullopt;
    if (a.find(',') != std::string_view::npos) {  // "1,000 days ago"
      if (!absl::SimpleAtoi(absl::StrReplaceAll(ToAbsl(a), {{",", ""}}), &n)) return std::nullopt;
      return n;
    }
    if (!ParseInt(a, &n)) return std::nullopt;
    return n;
  }

  static Value Absolute(TimexValue v) { return {std::move(v), TimexAnchor::kAbsolute}; }
  static Value Absolute(std::string v) { return Absolute(TimexValue::Text(std::move(v))); }

  Value Anchored(TimexValue v) const { return {std::move(v), ctx_.anchor_kind}; }

  // A placeholder for a value without an anchor ("XXXX-03").
  static Value Unresolved(std::string v, std::string time = "") {
    return {TimexValue::Text(std::move(v), std::move(time)), TimexAnchor::kUnresolved};
  }

  // Part n of year y: a quarter ("Q") or a half ("H").
  static TimexValue PartOf(int y, const char* letter, int n) {
    return letter[0] == 'Q' ? TimexValue::Quarter(y, n) : TimexValue::Half(y, n);
  }

  // "P3D", "PT2H"; X for a vague count ("several weeks" is PXW). Decades
  // and centuries in years ("two decades" is P20Y), quarters and halves in
  // months (ISO 8601 has no quarter); a half in the next smaller unit ("2
  // 1/2 years" is P2Y6M, "5 1/2 hours" PT5H30M); another fraction as ISO
  // 8601 allows it on the last unit ("13.9 years" is P13.9Y).
  std::optional<Value> Duration(const std::string& n, const std::string& unit) const {
    if (unit == "WE") return std::nullopt;  // "a weekend meeting": no duration
    const bool time = unit == "H" || unit == "MIN" || unit == "S";
    const std::string designator = unit == "MIN" ? "M" : unit;
    const std::string p = time ? "PT" : "P";
    if (n.empty() || n == "X") {
      if (unit == "DE" || unit == "CE") return Absolute("PXY");
      if (unit == "Q" || unit == "HALF") return Absolute("PXM");
      return Absolute(absl::StrCat(p, "X", designator));
    }
    const std::optional<double> x = CountOf(n);
    if (!x || *x < 0 || *x > 1e6) return std::nullopt;
    double count = *x;
    std::string in = designator;
    if (unit == "DE" || unit == "CE") count *= unit == "DE" ? 10 : 100, in = "Y";
    if (unit == "Q" || unit == "HALF") count *= unit == "Q" ? 3 : 6, in = "M";
    const double whole = std::floor(count);
    if (count - whole == 0.5) {
      const std::string w = absl::StrCat(static_cast<long long>(whole));
      if (in == "Y") return Absolute(absl::StrCat("P", w, "Y6M"));
      if (in == "D") return Absolute(absl::StrCat("P", w, "DT12H"));
      if (in == "H") return Absolute(absl::StrCat("PT", w, "H30M"));
      if (unit == "MIN") return Absolute(absl::StrCat("PT", w, "M30S"));
    }
    std::string text = count == whole ? absl::StrCat(static_cast<long long>(whole))
                                      : absl::StrFormat("%.3f", count);
    if (count != whole) {  // "13.900" -> "13.9"
      while (text.back() == '0') text.pop_back();
    }
    return Absolute(absl::StrCat(p, text, in));
  }

  // How many times a candidate on the side the tense does not point to
  // counts its distance (NearestYear, seasons by tense).
  static constexpr double kAgainstTense = 8;
  // After "effective" with no verb or a verb of saying
  // (Tense::kNearestAhead) either side may be meant, and a date ahead
  // more often: one behind counts its distance twice.
  static constexpr double kNearestBehind = 2;

  // A span of days, first and last, as DayNumber.
  struct DaySpan {
    int64_t first, last;
  };

  // The year, among those around the anchor's, whose [first(y), last(y)]
  // lies nearest the anchor. A candidate on the side a tense word does
  // not point to counts its distance kAgainstTense times; with no tense
  // word, one ahead counts kNoTense times. So "collapsed in March" written
  // in January is last March, yet "was postponed to Feb. 2" written on 27
  // January is this February, and "payable Dec. 15" in November this
  // December. nullopt when no year has such a span.
  template <typename Span>
  std::optional<int> NearestYear(Span span) const {
    constexpr double kNoTense = 2, kNever = 1e9;
    double ahead = kNoTense, behind = 1;
    switch (ctx_.tense) {
      case Tense::kUnknown: break;
      case Tense::kPast: ahead = kAgainstTense; break;
      case Tense::kFuture: ahead = 1, behind = kAgainstTense; break;
      case Tense::kOnlyPast: ahead = kNever; break;
      case Tense::kOnlyFuture: ahead = 1, behind = kNever; break;
      case Tense::kNearest: ahead = 1; break;
      case Tense::kNearestAhead: ahead = 1, behind = kNearestBehind; break;
    }
    const int64_t a = DayNumber(ctx_.anchor->year(), ctx_.anchor->month(), ctx_.anchor->day());
    std::optional<int> best_year;
    double best = 1e18;
    auto consider = [&](int y) {
      const std::optional<DaySpan> s = span(y);
      if (!s) return;
      double distance = 0;
      if (a < s->first) {
        distance = static_cast<double>(s->first - a) * ahead;
      } else if (a > s->last) {
        distance = static_cast<double>(a - s->last) * behind;
      }
      if (distance < best) {
        best = distance;
        best_year = y;
      }
    };
    // The anchor's year and those next to it; else up to four away (29
    // February).
    const int year = static_cast<int>(ctx_.anchor->year());
    for (int y = year - 1; y <= year + 1; ++y) consider(y);
    if (!best_year) {
      for (int y = year - 4; y <= year + 4; ++y) consider(y);
    }
    return best_year;
  }

  // The year of a month and day given without one (29 February only in
  // leap years).
  std::optional<int> ResolveYear(int month, int day) const {
    return NearestYear([&](int y) -> std::optional<DaySpan> {
      if (day > DaysInMonth(y, month)) return std::nullopt;
      const int64_t d = DayNumber(y, month, day);
      return DaySpan{d, d};
    });
  }

  static DaySpan MonthSpan(int y, int month) {
    const int64_t first = DayNumber(y, month, 1);
    return {first, first + DaysInMonth(y, month) - 1};
  }

  std::optional<Value> Date() const {
    auto m = Number(1), d = Number(2);
    if (!m || !d || *m < 1 || *m > 12 || *d < 1 || *d > 31) return std::nullopt;
    // "a" counts one ("a year") but never names a day ("in March a judge
    // ruled").
    if (const int k = ArgToken(2);
        k >= 0 && (tokens_[k].lower() == "a" || tokens_[k].lower() == "an")) {
      return std::nullopt;
    }
    if (ArgView(0) != "_") {
      auto y = Number(0);
      if (!y) return std::nullopt;
      const absl::CivilDay day(*y, *m, *d);
      if (day.month() != *m) return std::nullopt;  // 31 April
      return Absolute(TimexValue::Day(day));
    }
    // A day no year has (31 April) is no date; 29 February is one.
    if (*d > DaysInMonth(2000, *m)) return std::nullopt;
    if (!ctx_.anchor) return Unresolved(absl::StrFormat("XXXX-%02d-%02d", *m, *d));
    const std::optional<int> year = ResolveYear(*m, *d);
    if (!year) return std::nullopt;
    const absl::CivilDay day(*year, *m, *d);
    if (day.month() != *m) return std::nullopt;
    return Anchored(TimexValue::Day(day));
  }

  std::optional<Value> MonthValue() const {
    auto m = Number(1);
    if (!m || *m < 1 || *m > 12) return std::nullopt;
    if (ArgView(0) != "_" && !ArgView(0).empty()) {
      auto y = Number(0);
      if (!y) return std::nullopt;
      return Absolute(TimexValue::Month(*y, *m));
    }
    if (!ctx_.anchor) return Unresolved(absl::StrFormat("XXXX-%02d", *m));
    const int y = *NearestYear([&](int y) { return std::optional(MonthSpan(y, *m)); });
    return Anchored(TimexValue::Month(y, *m));
  }

  // "next year's first quarter", "the second half of the year": part N
  // of the anchor's year moved by REL. "last year's quarter": without N,
  // the quarter just mentioned, else the year.
  std::optional<Value> RelativePart(const char* letter, int parts) const {
    auto rel = Number(0);
    if (!rel || !ctx_.anchor) return std::nullopt;
    const int y = static_cast<int>(ctx_.anchor->year()) + *rel;
    int n = Number(1).value_or(0);
    if (n == 0 && parts == 4 && ctx_.previous_quarter) {
      n = PreviousQuarterNumber();
    }
    if (n < 0 || n > parts) return std::nullopt;
    if (n == 0) return Anchored(TimexValue::Year(y));
    return Anchored(PartOf(y, letter, n));
  }

  // Quarters and halves: "the third quarter" is the latest one that has
  // begun (past tense) or the next that has not ended (future).
  std::optional<Value> Part(const char* letter, int parts) const {
    auto n = Number(1);
    if (!n || *n < 1 || *n > parts) return std::nullopt;
    if (ArgView(0) != "_" && !ArgView(0).empty()) {
      auto y = Number(0);
      if (!y) return std::nullopt;
      return Absolute(PartOf(*y, letter, *n));
    }
    if (!ctx_.anchor) return Unresolved(absl::StrFormat("XXXX-%s%d", letter, *n));
    // The nearest such part to the anchor, a part ahead counting four times
    // its distance in the past tense (and one behind in the future).
    const absl::CivilDay a = *ctx_.anchor;
    const int months = 12 / parts;
    int best_year = static_cast<int>(a.year());
    double best = 1e18;
    for (int y = best_year - 1; y <= best_year + 1; ++y) {
      const absl::CivilDay start(y, (*n - 1) * months + 1, 1);
      const absl::CivilDay end = absl::CivilDay(absl::CivilMonth(start) + months) - 1;
      double distance = a < start ? start - a : a > end ? a - end : 0;
      if ((a < start && !ctx_.future()) || (a > end && ctx_.future())) distance *= 4;
      if (distance < best) {
        best = distance;
        best_year = y;
      }
    }
    return Anchored(PartOf(best_year, letter, *n));
  }

  std::optional<Value> Season() const {
    const std::string s = Arg(1);
    if (ArgView(0) != "_" && !ArgView(0).empty()) return Absolute(absl::StrCat(Arg(0), "-", s));
    if (!ctx_.anchor) return Unresolved(absl::StrCat("XXXX-", s));
    return Anchored(TimexValue::Season(static_cast<int>(ctx_.anchor->year()), s));
  }

  // The nearest such weekday: on or before the anchor in the past tense, on
  // or after it in the future.
  std::optional<Value> WeekdayValue(const std::string& part_of_day) const {
    auto w = Number(0);
    if (!w || *w < 1 || *w > 7) return std::nullopt;
    const std::string pod = part_of_day.empty() ? "" : absl::StrCat("T", part_of_day);
    if (!ctx_.anchor) return Unresolved(absl::StrCat("XXXX-WXX-", *w), pod);
    const absl::CivilDay a = *ctx_.anchor;
    const int today = Weekday(a);
    const int back = (today - *w + 7) % 7, ahead = (*w - today + 7) % 7;
    const bool forward = ctx_.future() ||
                         (ctx_.tense == Tense::kNearest && ahead < back) ||
                         (ctx_.tense == Tense::kNearestAhead && ahead < kNearestBehind * back);
    const absl::CivilDay d = forward ? a + ahead : a - back;
    return Anchored(TimexValue::Day(d, pod));
  }

  std::optional<Value> Shifted(const std::string& unit, std::optional<int> n, int sign,
                               const std::string& part_of_day) const {
    if (!n) return std::nullopt;
    if (!ctx_.anchor) return std::nullopt;
    auto d = Shift(*ctx_.anchor, unit, sign * *n);
    if (!d || d->year() < 1 || d->year() > 9999) return std::nullopt;  // "292,000 week ago"
    std::optional<TimexValue> v = TimexValue::AtGrain(*d, unit);
    if (!v) return std::nullopt;
    if (!part_of_day.empty()) v = TimexValue::Day(*d, absl::StrCat("T", part_of_day));
    return Anchored(*std::move(v));
  }

  // "the weekend": the nearest one, by tense.
  std::optional<Value> Weekend() const {
    if (!ctx_.anchor) return Unresolved("XXXX-WXX-WE");
    const absl::CivilDay a = *ctx_.anchor;
    const int w = Weekday(a);
    absl::CivilDay saturday = a + (6 - w);        // this week's
    if (!ctx_.future() && w < 6) saturday -= 7;     // past: the one before
    return Anchored(TimexValue::Weekend(saturday));
  }

  // "last November": the latest November before the anchor's month; "next
  // November" the first after; "this November" the anchor year's.
  // With a third argument, that day of the month: "last September 26".
  std::optional<Value> RelativeMonth() const {
    auto rel = Number(0), m = Number(1);
    if (!rel || !m || *m < 1 || *m > 12) return std::nullopt;
    const bool has_day = p_.value.args.size() > 2;
    const int day = has_day ? Number(2).value_or(0) : 0;
    if (has_day && (day < 1 || absl::CivilDay(2000, *m, day).month() != *m)) return std::nullopt;
    if (!ctx_.anchor) {
      return Unresolved(has_day ? absl::StrFormat("XXXX-%02d-%02d", *m, day)
                                : absl::StrFormat("XXXX-%02d", *m));
    }
    const absl::CivilDay a = *ctx_.anchor;
    int y = static_cast<int>(a.year());
    if (*rel < 0 && *m >= a.month()) --y;
    if (*rel > 0 && *m <= a.month()) ++y;
    if (!has_day) return Anchored(TimexValue::Month(y, *m));
    const absl::CivilDay d(y, *m, day);
    if (d.month() != *m) return std::nullopt;  // 29 February
    return Anchored(TimexValue::Day(d));
  }

  // "last Friday": the Friday before the anchor; "next Friday": the one
  // after; "this Friday": the one in the anchor's week.
  std::optional<Value> RelativeWeekday() const {
    auto rel = Number(0), w = Number(1);
    if (!rel || !w || *w < 1 || *w > 7) return std::nullopt;
    if (!ctx_.anchor) return Unresolved(absl::StrCat("XXXX-WXX-", *w));
    const absl::CivilDay a = *ctx_.anchor;
    const int today = Weekday(a);
    absl::CivilDay d = a + (*w - today);  // the anchor's week
    if (*rel < 0 && d >= a) d -= 7;
    if (*rel > 0 && d <= a) d += 7;
    return Anchored(TimexValue::Day(d));
  }

  std::optional<Value> RelativeSeason() const {
    const std::string s = Arg(1);
    const std::string how = Arg(0);
    auto rel = Number(0);
    if (!rel && how != "T" && how != "P") return std::nullopt;
    if (!ctx_.anchor) return Unresolved(absl::StrCat("XXXX-", s));
    const absl::CivilDay a = *ctx_.anchor;
    // A season of year y starts in its start month (winter in December,
    // running into y + 1). `current` is the year of the latest one that has
    // begun by the anchor; "last" is the one before it when the anchor lies
    // inside it, "this" the current one or, once it is over, the coming one
    // (but in the past tense the one just over, if it began this year:
    // "opened this summer" written in November).
    const int start = s == "SP" ? 3 : s == "SU" ? 6 : s == "FA" ? 9 : 12;
    const int year = static_cast<int>(a.year());
    const int current = a.month() >= start ? year : year - 1;
    const absl::CivilDay begins(current, start, 1);
    const absl::CivilDay over(absl::CivilMonth(begins) + 3);  // the day after it
    const bool inside = a < over;
    int y = current;
    if (how == "P") {
      // The latest that has begun: "this past winter" in February is the
      // one ending.
    } else if (how == "T") {
      // By tense: in the past tense the latest that has begun ("over the
      // summer" in a past sentence written in January is last summer);
      // else the one under way, or the nearer of the one just over (its
      // distance counted kAgainstTense times) and the next ("after the
      // winter" on 20 March is the one just over).
      const absl::CivilDay next(current + 1, start, 1);
      if (!ctx_.past() && !inside && kAgainstTense * (a - (over - 1)) > next - a) y = current + 1;
    } else {
      if (*rel < 0 && inside) y = current - 1;
      if (*rel == 0 && !inside && !(ctx_.past() && current == year)) y = current + 1;
      if (*rel > 0) y = current + 1;
    }
    return Anchored(TimexValue::Season(y, s));
  }

  // A holiday's date in year y: fixed ("CHRISTMAS"), the nth weekday of a
  // month ("THANKSGIVING": the fourth Thursday of November), or Easter.
  static std::optional<absl::CivilDay> HolidayIn(const std::string& name, int y) {
    auto nth = [&](int month, int weekday, int n) {  // n < 0: from the end
      if (n > 0) {
        const absl::CivilDay first(y, month, 1);
        return first + ((weekday - Weekday(first) + 7) % 7) + 7 * (n - 1);
      }
      const absl::CivilDay last = absl::CivilDay(y, month + 1, 1) - 1;
      return last - ((Weekday(last) - weekday + 7) % 7);
    };
    if (name == "CHRISTMAS") return absl::CivilDay(y, 12, 25);
    if (name == "NEWYEAR") return absl::CivilDay(y, 1, 1);
    if (name == "CHRISTMASEVE") return absl::CivilDay(y, 12, 24);
    if (name == "NEWYEARSEVE") return absl::CivilDay(y, 12, 31);
    if (name == "INDEPENDENCE") return absl::CivilDay(y, 7, 4);
    if (name == "HALLOWEEN") return absl::CivilDay(y, 10, 31);
    if (name == "THANKSGIVING") return nth(11, 4, 4);
    if (name == "LABOR") return nth(9, 1, 1);
    if (name == "MEMORIAL") return nth(5, 1, -1);
    if (name == "MLK") return nth(1, 1, 3);
    if (name == "ELECTION") return nth(11, 1, 1) + 1;  // the Tuesday after
    if (name == "EASTER") {  // the anonymous Gregorian computus
      const int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
      const int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
      const int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
      const int m = (a + 11 * h + 22 * l) / 451;
      return absl::CivilDay(y, (h + l - 7 * m + 114) / 31, (h + l - 7 * m + 114) % 31 + 1);
    }
    return std::nullopt;
  }

  std::optional<Value> Holiday() const {
    const std::string name = Arg(0);
    if (!ctx_.anchor) {
      // Only a holiday on a fixed day has a day without a year.
      auto d1 = HolidayIn(name, 2000), d2 = HolidayIn(name, 2001);
      if (!d1 || !d2) return std::nullopt;
      if (d1->month() != d2->month()) {
        return Unresolved("XXXX-XX-XX");
      }
      return Unresolved(d1->day() == d2->day()
                            ? absl::StrFormat("XXXX-%02d-%02d", d1->month(), d1->day())
                            : absl::StrFormat("XXXX-%02d-XX", d1->month()));
    }
    auto d = HolidayIn(name, static_cast<int>(ctx_.anchor->year()));
    if (!d) return std::nullopt;
    const std::optional<int> year = ResolveYear(d->month(), d->day());
    if (!year) return std::nullopt;
    auto in_year = HolidayIn(name, *year);
    return Anchored(TimexValue::Day(*in_year));
  }

  // "two years ago" counts back from the anchor; in an article about a
  // quarter ("the third quarter ... a year ago") at the quarter's grain.
  std::optional<Value> Ago() const { return Ago(Number(0), Arg(1)); }

  std::optional<Value> Ago(std::optional<int> n, const std::string& unit) const {
    if (!n) return std::nullopt;
    if (unit == "Y" && *n == 1 && ctx_.previous_quarter) {
      auto d = Shift(*ctx_.previous_quarter, "Y", -*n);
      return Value{*TimexValue::AtGrain(*d, "Q"), TimexAnchor::kPreviousMention};
    }
    return Shifted(unit, n, -1, "");
  }

  std::optional<Value> Time() const {
    auto h = Number(0);
    if (!h || *h > 24) return std::nullopt;
    int hour = *h;
    const std::string ampm = Arg(2);  // "a", "am", "p", "pm"; else 24-hour
    const bool twelve_hour = !ampm.empty() && (ampm[0] == 'a' || ampm[0] == 'p');
    if (twelve_hour && (hour < 1 || hour > 12)) return std::nullopt;
    if (twelve_hour && ampm[0] == 'p' && hour < 12) hour += 12;
    if (twelve_hour && ampm[0] == 'a' && hour == 12) hour = 0;
    return TimeOfDay(hour, Number(1).value_or(0), ArgView(3));
  }

  // "1400 GMT": four digits, hours and minutes, with a zone.
  std::optional<Value> MilitaryTime() const {
    const std::string_view digits = ArgView(0);
    if (digits.size() != 4 || !std::all_of(digits.begin(), digits.end(), IsAsciiDigit)) {
      return std::nullopt;
    }
    // "2019 EST" in a table is a year and an estimate: with a zone behind
    // UTC, only a leading zero makes four digits a time ("0900 EST").
    const std::string_view zone = ArgView(1);
    if (digits[0] != '0' && !zone.empty() && zone[0] == '-') return std::nullopt;
    const int n = (digits[0] - '0') * 1000 + (digits[1] - '0') * 100 + (digits[2] - '0') * 10 +
                  (digits[3] - '0');
    return TimeOfDay(n / 100, n % 100, zone);
  }

  std::optional<Value> TimeOfDay(int hour, int minute, std::string_view zone) const {
    if (hour > 24 || minute > 59 || (hour == 24 && minute > 0)) return std::nullopt;
    const std::string time = absl::StrFormat("T%02d:%02d%s", hour, minute, ToAbsl(zone));
    if (!ctx_.anchor) return Unresolved("XXXX-XX-XX", time);
    // A time of day without one is on the last day mentioned ("on Friday
    // ... at 10:35 a.m."), else on the anchor's. Midnight is the end of
    // its day, 24:00 ("until midnight"; a day after it is the day it
    // ends, "midnight Friday"); in a past sentence it is the one that
    // began the day ("the strike began at midnight"), 24:00 of the day
    // before. A time before "tonight" ("midnight tonight", "8 p.m.
    // tonight") is on the anchor's day whatever the tense.
    const bool tonight =
        m_.end < static_cast<int>(tokens_.size()) && tokens_[m_.end].lower() == "tonight";
    const int back = hour == 24 && ctx_.past() && !tonight ? 1 : 0;
    if (ctx_.previous_day && !tonight) {
      return Value{TimexValue::Day(*ctx_.previous_day - back, time),
                   TimexAnchor::kPreviousMention};
    }
    return Anchored(TimexValue::Day(*ctx_.anchor - back, time));
  }

  std::optional<Value> FromPrevious(const std::string& unit, int n) const {
    const std::optional<absl::CivilDay> base = ctx_.previous ? ctx_.previous : ctx_.anchor;
    if (!base) return std::nullopt;
    auto d = Shift(*base, unit, n);
    if (!d) return std::nullopt;
    std::optional<TimexValue> v = TimexValue::AtGrain(*d, unit);
    if (!v) return std::nullopt;
    return Value{*std::move(v), ctx_.previous ? TimexAnchor::kPreviousMention : ctx_.anchor_kind};
  }

  const DatePattern& p_;
  const Match& m_;
  const std::vector<Token>& tokens_;
  const Context& ctx_;
};

}  // namespace

std::optional<Value> BuildValue(const DatePattern& p, const Match& m,
                                const std::vector<Token>& tokens, const Context& ctx) {
  return ValueBuilder(p, m, tokens, ctx).Build();
}

}  // namespace date_internal
}  // namespace newsmark
