#include "stages/dates/date_stage.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "pipeline/input.h"
#include "stages/core/strings.h"

namespace newsmark {
namespace {

constexpr int kCategoryCount = static_cast<int>(DateCategory::kCount);

// What a byte is to the word scanner: 0 not a word byte, 1 a letter or a
// byte of a multi-byte character, 2 the lead byte 0xE2 (curly quotes and
// dashes, E2 80 xx, end a word).
constexpr std::array<uint8_t, 256> kWordBytes = [] {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    t[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
  }
  t[0xE2] = 2;
  return t;
}();

bool IsWordByte(char c) { return kWordBytes[static_cast<unsigned char>(c)] != 0; }

using CategoryValue = std::pair<DateCategory, std::string_view>;

// A token of a sentence. Trivially copyable, and packed (48 bytes): a
// word's categories are the word's own (DateStage::WordCategories); a
// number's live in one array per sentence (Matcher::categories_), which
// `categories` points into once the sentence is cut.
struct Token {
  uint32_t begin = 0, end = 0;
  const char* lower_data = nullptr;  // lower-cased text, valid for the sentence
  const CategoryValue* categories = nullptr;
  uint64_t category_mask = 0;  // bit c set when the token has category c
  int word = -1;               // the rules' word id, -1 when unknown
  uint32_t first_category = 0;
  uint16_t category_count = 0;
  bool capitalized = false;
  bool starts_something = false;  // some pattern may start here

  std::string_view lower() const { return {lower_data, end - begin}; }

  bool Has(DateCategory c) const { return category_mask >> static_cast<int>(c) & 1; }

  const std::string_view* Value(DateCategory c) const {
    for (uint32_t k = 0; k < category_count; ++k) {
      if (categories[k].first == c) return &categories[k].second;
    }
    return nullptr;
  }
};

// Collects the categories of the token being cut.
using CategorySink = std::vector<CategoryValue>;

void AddCategory(CategorySink& sink, Token& t, DateCategory c, std::string_view value) {
  sink.emplace_back(c, value);
  ++t.category_count;
  t.category_mask |= uint64_t{1} << static_cast<int>(c);
}

// The categories a number token can have, as bits for by_number_mask_.
constexpr DateCategory kNumberCategories[] = {
    DateCategory::kNumber, DateCategory::kYear,   DateCategory::kDay,
    DateCategory::kDayOrd, DateCategory::kDecade, DateCategory::kHour,
    DateCategory::kMinute, DateCategory::kOrdinal};
constexpr int kNumberMasks = 1 << std::size(kNumberCategories);

int NumberMask(const Token& t) {
  int mask = 0;
  for (size_t b = 0; b < std::size(kNumberCategories); ++b) {
    if (t.Value(kNumberCategories[b]) != nullptr) mask |= 1 << b;
  }
  return mask;
}

// Categories a token gets from its own digits: "1998", "8", "3rd", "1990s".
void DigitCategories(CategorySink& sink, Token& t, std::string_view text) {
  size_t digits = 0;
  while (digits < text.size() && IsAsciiDigit(text[digits])) ++digits;
  const std::string_view number = text.substr(0, digits);
  const std::string_view suffix = text.substr(digits);
  if (digits == 0 || digits > 6) return;
  int n = 0;
  for (char d : number) n = n * 10 + (d - '0');
  if (suffix.empty()) {
    AddCategory(sink, t, DateCategory::kNumber, number);
    if (digits == 4 && n >= 1000 && n <= 2199) AddCategory(sink, t, DateCategory::kYear, number);
    if (digits <= 2 && n >= 1 && n <= 31) AddCategory(sink, t, DateCategory::kDay, number);
    if (digits <= 2 && n <= 24) AddCategory(sink, t, DateCategory::kHour, number);
    if (digits == 2 && n <= 59) AddCategory(sink, t, DateCategory::kMinute, number);
    return;
  }
  const std::string lower_suffix = absl::AsciiStrToLower(ToAbsl(suffix));
  if ((lower_suffix == "st" || lower_suffix == "nd" || lower_suffix == "rd" ||
       lower_suffix == "th") && n >= 1) {
    AddCategory(sink, t, DateCategory::kOrdinal, number);
    if (n <= 31) AddCategory(sink, t, DateCategory::kDayOrd, number);
  } else if (lower_suffix == "s" && digits == 4 && number[3] == '0') {
    AddCategory(sink, t, DateCategory::kDecade, number.substr(0, 3));  // "1990s" -> 199
  }
}

// "0" to "9999", and "0.5" to "99.5", as text that lives as long as the
// program: the values of numbers joined from several tokens.
constexpr int kNumberTexts = 10000, kHalfTexts = 100;
std::string_view NumberText(int n, bool half = false) {
  static const std::vector<std::string>* const kTexts = [] {
    auto* texts = new std::vector<std::string>();
    for (int i = 0; i < kNumberTexts; ++i) texts->push_back(std::to_string(i));
    for (int i = 0; i < kHalfTexts; ++i) texts->push_back(absl::StrCat(i, ".5"));
    return texts;
  }();
  return (*kTexts)[half ? kNumberTexts + n : n];
}

// The tense around an expression: said by a tense word nearby, or fixed
// by a DIRECTION word right before it ("since", "until"), or not known.
enum class Tense { kUnknown, kPast, kFuture, kOnlyPast, kOnlyFuture };

struct Match {
  int pattern = -1;
  int begin = 0, end = 0;  // tokens
  std::array<int, kMaxPatternElements> captures;  // token of each element, or -1
  Tense tense = Tense::kUnknown;
};

// The tense a token says by itself: a lexicon TENSE word ("will", "said"),
// or a regular past form ("announced", "closed"); a past form after "be"
// is a passive's participle ("to be completed", "will be paid") and says
// none. A verb in the base form ("meet", "resume") is left to TenseOf.
Tense OwnTense(const std::vector<Token>& tokens, int k) {
  const Token& t = tokens[k];
  const bool passive = k > 0 && (tokens[k - 1].lower() == "be" || tokens[k - 1].lower() == "being");
  if (t.Has(DateCategory::kTense)) {
    const std::string_view v = *t.Value(DateCategory::kTense);
    if (v == "future") return Tense::kFuture;
    if (v == "base") return Tense::kUnknown;
    return passive ? Tense::kUnknown : Tense::kPast;
  }
  const std::string_view w = t.lower();
  // "-ed", but not "-eed" (need, speed) nor a few adjectives and numbers.
  const size_t n = w.size();
  if (n >= 5 && w[n - 1] == 'd' && w[n - 2] == 'e' && w[n - 3] != 'e' &&
      IsAsciiLetter(w[0]) && w != "hundred" && w != "united" && w != "kindred" &&
      w != "sacred") {
    return passive ? Tense::kUnknown : Tense::kPast;
  }
  return Tense::kUnknown;
}

// The tense token k says. A verb in the base form takes the tense of a
// word up to three before it ("did not meet", "failed to resume", "will
// meet"); alone ("talks resume Monday", "to attend in June") it looks
// ahead.
Tense TenseOf(const std::vector<Token>& tokens, int k) {
  const Token& t = tokens[k];
  if (!t.Has(DateCategory::kTense) || *t.Value(DateCategory::kTense) != "base") {
    return OwnTense(tokens, k);
  }
  for (int j = k - 1; j >= 0 && j >= k - 3; --j) {
    if (const Tense before = OwnTense(tokens, j); before != Tense::kUnknown) return before;
  }
  return Tense::kFuture;
}

// The tense around tokens [begin, end): the nearest token that says one,
// within six tokens and the clause (a semicolon ends it), looking back
// first, then ahead. A DIRECTION word right before the expression (also
// inside "as ... as": "as early as Tuesday") decides alone when it is
// only-past or only-future ("since March"), and otherwise stands in when
// no word says a tense ("the offer runs until March" looks ahead, "he was
// chief until March" back). A MOD right before is not one ("early
// Tuesday").
Tense TenseAround(const std::vector<Token>& tokens, int begin, int end) {
  Tense direction = Tense::kUnknown;
  if (begin > 0) {
    const Token* word = &tokens[begin - 1];
    if (begin >= 3 && word->lower() == "as" && tokens[begin - 3].lower() == "as") {
      word = &tokens[begin - 2];
    } else if (word->Has(DateCategory::kMod)) {
      word = nullptr;
    }
    if (word != nullptr && word->Has(DateCategory::kDirection)) {
      const std::string_view v = *word->Value(DateCategory::kDirection);
      if (v == "only-future") return Tense::kOnlyFuture;
      if (v == "only-past") return Tense::kOnlyPast;
      direction = v == "future" ? Tense::kFuture : Tense::kPast;
    }
  }
  constexpr int kWindow = 6;
  for (int k = begin - 1; k >= 0 && k >= begin - kWindow && tokens[k].lower() != ";"; --k) {
    if (const Tense t = TenseOf(tokens, k); t != Tense::kUnknown) return t;
  }
  for (int k = end; k < static_cast<int>(tokens.size()) && k < end + kWindow &&
                    tokens[k].lower() != ";";
       ++k) {
    if (const Tense t = TenseOf(tokens, k); t != Tense::kUnknown) return t;
  }
  return direction;
}

// --- calendar ----------------------------------------------------------------

int Weekday(absl::CivilDay d) {  // Monday = 1 ... Sunday = 7
  switch (absl::GetWeekday(d)) {
    case absl::Weekday::monday: return 1;
    case absl::Weekday::tuesday: return 2;
    case absl::Weekday::wednesday: return 3;
    case absl::Weekday::thursday: return 4;
    case absl::Weekday::friday: return 5;
    case absl::Weekday::saturday: return 6;
    case absl::Weekday::sunday: return 7;
  }
  return 1;
}

// ISO 8601 week: the week with the year's first Thursday is week 1.
std::string IsoWeek(absl::CivilDay d) {
  const absl::CivilDay thursday = d + (4 - Weekday(d));
  const absl::CivilDay jan1(thursday.year(), 1, 1);
  const int week = static_cast<int>((thursday - jan1) / 7) + 1;
  return absl::StrFormat("%04d-W%02d", static_cast<int>(thursday.year()), week);
}

// "YYYY-MM-DD", written by hand: it is the most frequent value, and a
// format call costs more than the rest of building it.
std::string Day(absl::CivilDay d) {
  const int y = static_cast<int>(d.year());
  if (y < 0 || y > 9999) {
    return absl::StrFormat("%04d-%02d-%02d", y, d.month(), d.day());
  }
  char out[10] = {char('0' + y / 1000),      char('0' + y / 100 % 10),
                  char('0' + y / 10 % 10),   char('0' + y % 10),
                  '-',                       char('0' + d.month() / 10),
                  char('0' + d.month() % 10), '-',
                  char('0' + d.day() / 10),  char('0' + d.day() % 10)};
  return std::string(out, sizeof out);
}

// `d` at the granularity of `unit`: D, W, M, Y, Q, H(alf), DE, CE, WE.
std::string AtGranularity(absl::CivilDay d, std::string_view unit) {
  const int y = static_cast<int>(d.year());
  if (unit == "D") return Day(d);
  if (unit == "W") return IsoWeek(d);
  if (unit == "WE") return IsoWeek(d) + "-WE";
  if (unit == "M") return absl::StrFormat("%04d-%02d", y, d.month());
  if (unit == "Y") return absl::StrFormat("%04d", y);
  if (unit == "Q") return absl::StrFormat("%04d-Q%d", y, (d.month() - 1) / 3 + 1);
  if (unit == "HALF") return absl::StrFormat("%04d-H%d", y, d.month() <= 6 ? 1 : 2);
  if (unit == "DE") return absl::StrFormat("%03d", y / 10);
  if (unit == "CE") return absl::StrFormat("%02d", y / 100);
  return "";
}

// `d` moved by `n` units.
std::optional<absl::CivilDay> Shift(absl::CivilDay d, std::string_view unit, int n) {
  if (unit == "D") return d + n;
  if (unit == "W" || unit == "WE") return d + 7 * n;
  const absl::CivilMonth m(d);
  auto months = [&](int k) {
    const absl::CivilMonth t = m + k;
    return absl::CivilDay(t.year(), t.month(), 1);
  };
  if (unit == "M") return months(n);
  if (unit == "Q") return months(3 * n);
  if (unit == "HALF") return months(6 * n);
  if (unit == "Y") return absl::CivilDay(d.year() + n, d.month(), 1);
  if (unit == "DE") return absl::CivilDay(d.year() + 10 * n, 1, 1);
  if (unit == "CE") return absl::CivilDay(d.year() + 100 * n, 1, 1);
  return std::nullopt;
}

// --- values --------------------------------------------------------------------

struct Context {
  std::optional<absl::CivilDay> anchor;
  TimexAnchor anchor_kind = TimexAnchor::kUnresolved;
  Tense tense = Tense::kUnknown;  // around the expression
  bool future() const { return tense == Tense::kFuture || tense == Tense::kOnlyFuture; }
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

bool IsFullDate(std::string_view v);  // "YYYY-MM-DD..."

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
        return Absolute(absl::StrFormat("%04d", *Number(0)));
      case F::kDecade: return Absolute(Arg(0));
      case F::kCentury: {
        auto n = Number(0);
        if (!n || *n < 1) return std::nullopt;
        return Absolute(absl::StrFormat("%02d", *n - 1));
      }
      case F::kDuration: return Duration(Arg(0), Arg(1));
      case F::kDurationAndHalf: return Duration(absl::StrCat(Arg(0), ".5"), Arg(1));
      case F::kSetWeekday: return Absolute(absl::StrCat("XXXX-WXX-", Arg(0)));
      case F::kSetMonth: {
        auto m = Number(0);
        if (!m || *m < 1 || *m > 12) return std::nullopt;
        return Absolute(absl::StrFormat("XXXX-%02d", *m));
      }
      case F::kRelQuarter: return RelativePart("Q", 4);
      case F::kRelHalf: return RelativePart("H", 2);
      case F::kAgoQuarter: {
        // "the year-ago quarter": the quarter just mentioned, else the
        // latest that has ended (the one a company reports on), N years
        // back.
        auto n = Number(0);
        if (!n) return std::nullopt;
        if (ctx_.previous_quarter) return Ago(n, "Y");
        if (!ctx_.anchor) return std::nullopt;
        const auto d = Shift(*ctx_.anchor, "Q", -1 - 4 * *n);
        return Anchored(AtGranularity(*d, "Q"));
      }
      case F::kYearQuarter: {
        // "the 1997 period": the quarter just mentioned, in that year.
        auto y = Number(0);
        if (!y) return std::nullopt;
        if (!ctx_.previous_quarter) return Absolute(absl::StrFormat("%04d", *y));
        return Value{absl::StrFormat("%04d-Q%d", *y, (ctx_.previous_quarter->month() - 1) / 3 + 1),
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
      case F::kHolidayWeek: {  // "Easter week": the ISO week of the day
        std::optional<Value> day = Holiday();
        if (!day) return std::nullopt;
        if (!IsFullDate(day->value)) return Value{"XXXX-WXX", day->anchor};
        return Value{IsoWeek(*ParseIsoDate(day->value)), day->anchor};
      }
      case F::kWeekOf: {  // "the week of March 6"
        std::optional<Value> day = Date();
        if (!day) return std::nullopt;
        if (!IsFullDate(day->value)) return Value{"XXXX-WXX", day->anchor};
        return Value{IsoWeek(*ParseIsoDate(day->value)), day->anchor};
      }
      case F::kWeekdayBefore: {
        // "the previous Friday": the one before the last day mentioned,
        // else before the anchor.
        auto w = Number(0);
        if (!w || *w < 1 || *w > 7) return std::nullopt;
        const std::optional<absl::CivilDay> base = ctx_.previous_day ? ctx_.previous_day : ctx_.anchor;
        if (!base) return Value{absl::StrCat("XXXX-WXX-", *w), TimexAnchor::kUnresolved};
        const int back = (Weekday(*base) - *w + 7) % 7;
        return Value{Day(*base - (back == 0 ? 7 : back)),
                     ctx_.previous_day ? TimexAnchor::kPreviousMention : ctx_.anchor_kind};
      }
      case F::kPodShift: return Shifted(Arg(0), Number(1), 1, Arg(2));
      case F::kTime: return Time();
      case F::kSame:
        // "the quarter": the one just mentioned, else the latest that has
        // ended (the one a company reports on).
        if (Arg(0) == "Q" && ctx_.previous_quarter) {
          return Value{AtGranularity(*ctx_.previous_quarter, "Q"), TimexAnchor::kPreviousMention};
        }
        if (Arg(0) == "Q") return Shifted("Q", -1, 1, "");
        return FromPrevious(Arg(0), 0);
      case F::kAfter: return FromPrevious(Arg(0), Number(1).value_or(1));
      case F::kBefore:
        if (Arg(0) == "Y" && ctx_.previous_quarter) return Ago(Number(1).value_or(1), "Y");
        return FromPrevious(Arg(0), -Number(1).value_or(1));
    }
    return std::nullopt;
  }

 private:
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

  std::optional<int> Number(size_t k) const {
    int n;
    const std::string_view a = ArgView(k);
    if (a.empty()) return std::nullopt;
    if (!absl::SimpleAtoi(ToAbsl(a), &n)) return std::nullopt;
    return n;
  }

  static Value Absolute(std::string v) { return {std::move(v), TimexAnchor::kAbsolute}; }

  Value Anchored(std::string v) const { return {std::move(v), ctx_.anchor_kind}; }

  std::optional<Value> Duration(const std::string& n, const std::string& unit) const {
    std::string count = n.empty() ? "X" : n;
    // Decades and centuries in years ("two decades" is P20Y); a half in
    // the next smaller unit ("2 1/2 years" is P2Y6M, "5 1/2 hours" PT5H30M).
    const bool half = absl::EndsWith(count, ".5");
    if (half) count.resize(count.size() - 2);
    int whole = 0;
    const bool known = absl::SimpleAtoi(count, &whole);
    if (unit == "DE" || unit == "CE") {
      if (!known) return Absolute("PXY");  // "decades"
      const int years = (unit == "DE" ? 10 : 100) * whole + (half ? (unit == "DE" ? 5 : 50) : 0);
      return Absolute(absl::StrCat("P", years, "Y"));
    }
    if (half) {
      if (unit == "Y") return Absolute(absl::StrCat("P", count, "Y6M"));
      if (unit == "D") return Absolute(absl::StrCat("P", count, "DT12H"));
      if (unit == "H") return Absolute(absl::StrCat("PT", count, "H30M"));
      if (unit == "MIN") return Absolute(absl::StrCat("PT", count, "M30S"));
      count += ".5";  // ISO 8601 allows a fraction on the smallest unit
    }
    if (unit == "H" || unit == "MIN" || unit == "S") {
      return Absolute(absl::StrCat("PT", count, unit == "MIN" ? "M" : unit));
    }
    // Quarters and halves in months: ISO 8601 durations have no quarter.
    if (unit == "HALF") return Absolute(absl::StrCat("P", known ? absl::StrCat(6 * whole) : "X", "M"));
    if (unit == "Q") return Absolute(absl::StrCat("P", known ? absl::StrCat(3 * whole) : "X", "M"));
    return Absolute(absl::StrCat("P", count, unit));
  }

  // The year, among those around the anchor's, whose [first(y), last(y)]
  // lies nearest the anchor. A candidate on the side a tense word does
  // not point to counts its distance kAgainstTense times; with no tense
  // word, one ahead counts kNoTense times. So "collapsed in March" written
  // in January is last March, yet "was postponed to Feb. 2" written on 27
  // January is this February, and "payable Dec. 15" in November this
  // December. nullopt when no year has such a span.
  template <typename Span>
  std::optional<int> NearestYear(Span span) const {
    constexpr double kAgainstTense = 8, kNoTense = 4, kNever = 1e9;
    double ahead = kNoTense, behind = 1;
    switch (ctx_.tense) {
      case Tense::kUnknown: break;
      case Tense::kPast: ahead = kAgainstTense; break;
      case Tense::kFuture: ahead = 1, behind = kAgainstTense; break;
      case Tense::kOnlyPast: ahead = kNever; break;
      case Tense::kOnlyFuture: ahead = 1, behind = kNever; break;
    }
    const absl::CivilDay a = *ctx_.anchor;
    std::optional<int> best_year;
    double best = 1e18;
    auto consider = [&](int y) {
      const std::optional<std::pair<absl::CivilDay, absl::CivilDay>> s = span(y);
      if (!s) return;
      double distance = 0;
      if (a < s->first) {
        distance = static_cast<double>(s->first - a) * ahead;
      } else if (a > s->second) {
        distance = static_cast<double>(a - s->second) * behind;
      }
      if (distance < best) {
        best = distance;
        best_year = y;
      }
    };
    // The anchor's year and those next to it; else up to four away (29
    // February).
    const int year = static_cast<int>(a.year());
    for (int y = year - 1; y <= year + 1; ++y) consider(y);
    for (int y = year - 4; y <= year + 4 && !best_year; ++y) consider(y);
    return best_year;
  }

  // The year of a month and day given without one (29 February only in
  // leap years).
  std::optional<int> ResolveYear(int month, int day) const {
    return NearestYear([&](int y) -> std::optional<std::pair<absl::CivilDay, absl::CivilDay>> {
      const absl::CivilDay c(y, month, day);
      if (c.month() != month) return std::nullopt;
      return std::make_pair(c, c);
    });
  }

  static std::pair<absl::CivilDay, absl::CivilDay> MonthSpan(int y, int month) {
    const absl::CivilMonth m(y, month);
    return {absl::CivilDay(m), absl::CivilDay(m + 1) - 1};
  }

  std::optional<Value> Date() const {
    auto m = Number(1), d = Number(2);
    if (!m || !d || *m < 1 || *m > 12 || *d < 1 || *d > 31) return std::nullopt;
    if (Arg(0) != "_") {
      auto y = Number(0);
      if (!y) return std::nullopt;
      const absl::CivilDay day(*y, *m, *d);
      if (day.month() != *m) return std::nullopt;  // 31 April
      return Absolute(Day(day));
    }
    // A day no year has (31 April) is no date; 29 February is one.
    if (absl::CivilDay(2000, *m, *d).month() != *m) return std::nullopt;
    if (!ctx_.anchor) return Value{absl::StrFormat("XXXX-%02d-%02d", *m, *d), TimexAnchor::kUnresolved};
    const std::optional<int> year = ResolveYear(*m, *d);
    if (!year) return std::nullopt;
    const absl::CivilDay day(*year, *m, *d);
    if (day.month() != *m) return std::nullopt;
    return Anchored(Day(day));
  }

  std::optional<Value> MonthValue() const {
    auto m = Number(1);
    if (!m || *m < 1 || *m > 12) return std::nullopt;
    if (Arg(0) != "_" && !Arg(0).empty()) {
      auto y = Number(0);
      if (!y) return std::nullopt;
      return Absolute(absl::StrFormat("%04d-%02d", *y, *m));
    }
    if (!ctx_.anchor) return Value{absl::StrFormat("XXXX-%02d", *m), TimexAnchor::kUnresolved};
    const int y = *NearestYear([&](int y) { return std::optional(MonthSpan(y, *m)); });
    return Anchored(absl::StrFormat("%04d-%02d", y, *m));
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
      n = (ctx_.previous_quarter->month() - 1) / 3 + 1;
    }
    if (n < 0 || n > parts) return std::nullopt;
    if (n == 0) return Anchored(absl::StrFormat("%04d", y));
    return Anchored(absl::StrFormat("%04d-%s%d", y, letter, n));
  }

  // Quarters and halves: "the third quarter" is the latest one that has
  // begun (past tense) or the next that has not ended (future).
  std::optional<Value> Part(const char* letter, int parts) const {
    auto n = Number(1);
    if (!n || *n < 1 || *n > parts) return std::nullopt;
    if (Arg(0) != "_" && !Arg(0).empty()) {
      auto y = Number(0);
      if (!y) return std::nullopt;
      return Absolute(absl::StrFormat("%04d-%s%d", *y, letter, *n));
    }
    if (!ctx_.anchor) return Value{absl::StrFormat("XXXX-%s%d", letter, *n), TimexAnchor::kUnresolved};
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
    return Anchored(absl::StrFormat("%04d-%s%d", best_year, letter, *n));
  }

  std::optional<Value> Season() const {
    const std::string s = Arg(1);
    if (Arg(0) != "_" && !Arg(0).empty()) return Absolute(absl::StrCat(Arg(0), "-", s));
    if (!ctx_.anchor) return Value{absl::StrCat("XXXX-", s), TimexAnchor::kUnresolved};
    return Anchored(absl::StrFormat("%04d-%s", static_cast<int>(ctx_.anchor->year()), s));
  }

  // The nearest such weekday: on or before the anchor in the past tense, on
  // or after it in the future.
  std::optional<Value> WeekdayValue(const std::string& part_of_day) const {
    auto w = Number(0);
    if (!w || *w < 1 || *w > 7) return std::nullopt;
    const std::string pod = part_of_day.empty() ? "" : absl::StrCat("T", part_of_day);
    if (!ctx_.anchor) return Value{absl::StrCat("XXXX-WXX-", *w, pod), TimexAnchor::kUnresolved};
    const absl::CivilDay a = *ctx_.anchor;
    const int today = Weekday(a);
    const int back = (today - *w + 7) % 7;
    const absl::CivilDay d = ctx_.future() ? a + (*w - today + 7) % 7 : a - back;
    return Anchored(Day(d) + pod);
  }

  std::optional<Value> Shifted(const std::string& unit, std::optional<int> n, int sign,
                               const std::string& part_of_day) const {
    if (!n) return std::nullopt;
    if (!ctx_.anchor) return std::nullopt;
    auto d = Shift(*ctx_.anchor, unit, sign * *n);
    if (!d) return std::nullopt;
    std::string v = AtGranularity(*d, unit);
    if (v.empty()) return std::nullopt;
    if (!part_of_day.empty()) v = absl::StrCat(Day(*d), "T", part_of_day);
    return Anchored(v);
  }

  // "the weekend": the nearest one, by tense.
  std::optional<Value> Weekend() const {
    if (!ctx_.anchor) return Value{"XXXX-WXX-WE", TimexAnchor::kUnresolved};
    const absl::CivilDay a = *ctx_.anchor;
    const int w = Weekday(a);
    absl::CivilDay saturday = a + (6 - w);        // this week's
    if (!ctx_.future() && w < 6) saturday -= 7;     // past: the one before
    return Anchored(IsoWeek(saturday) + "-WE");
  }

  // "last November": the latest November before the anchor's month; "next
  // November" the first after; "this November" the anchor year's.
  std::optional<Value> RelativeMonth() const {
    auto rel = Number(0), m = Number(1);
    if (!rel || !m || *m < 1 || *m > 12) return std::nullopt;
    if (!ctx_.anchor) return Value{absl::StrFormat("XXXX-%02d", *m), TimexAnchor::kUnresolved};
    const absl::CivilDay a = *ctx_.anchor;
    int y = static_cast<int>(a.year());
    if (*rel < 0 && *m >= a.month()) --y;
    if (*rel > 0 && *m <= a.month()) ++y;
    return Anchored(absl::StrFormat("%04d-%02d", y, *m));
  }

  // "last Friday": the Friday before the anchor; "next Friday": the one
  // after; "this Friday": the one in the anchor's week.
  std::optional<Value> RelativeWeekday() const {
    auto rel = Number(0), w = Number(1);
    if (!rel || !w || *w < 1 || *w > 7) return std::nullopt;
    if (!ctx_.anchor) return Value{absl::StrCat("XXXX-WXX-", *w), TimexAnchor::kUnresolved};
    const absl::CivilDay a = *ctx_.anchor;
    const int today = Weekday(a);
    absl::CivilDay d = a + (*w - today);  // the anchor's week
    if (*rel < 0 && d >= a) d -= 7;
    if (*rel > 0 && d <= a) d += 7;
    return Anchored(Day(d));
  }

  std::optional<Value> RelativeSeason() const {
    auto rel = Number(0);
    const std::string s = Arg(1);
    if (!rel) return std::nullopt;
    if (!ctx_.anchor) return Value{absl::StrCat("XXXX-", s), TimexAnchor::kUnresolved};
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
    const bool inside = a < absl::CivilDay(absl::CivilMonth(begins) + 3);
    int y = current;
    if (*rel < 0 && inside) y = current - 1;
    const bool past = ctx_.tense == Tense::kPast || ctx_.tense == Tense::kOnlyPast;
    if (*rel == 0 && !inside && !(past && current == year)) y = current + 1;
    if (*rel > 0) y = current + 1;
    return Anchored(absl::StrFormat("%04d-%s", y, s));
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
        return Value{"XXXX-XX-XX", TimexAnchor::kUnresolved};
      }
      return Value{d1->day() == d2->day()
                       ? absl::StrFormat("XXXX-%02d-%02d", d1->month(), d1->day())
                       : absl::StrFormat("XXXX-%02d-XX", d1->month()),
                   TimexAnchor::kUnresolved};
    }
    auto d = HolidayIn(name, static_cast<int>(ctx_.anchor->year()));
    if (!d) return std::nullopt;
    const std::optional<int> year = ResolveYear(d->month(), d->day());
    if (!year) return std::nullopt;
    auto in_year = HolidayIn(name, *year);
    return Anchored(Day(*in_year));
  }

  // "two years ago" counts back from the anchor; in an article about a
  // quarter ("the third quarter ... a year ago") at the quarter's grain.
  std::optional<Value> Ago() const { return Ago(Number(0), Arg(1)); }

  std::optional<Value> Ago(std::optional<int> n, const std::string& unit) const {
    if (!n) return std::nullopt;
    if (unit == "Y" && *n == 1 && ctx_.previous_quarter) {
      auto d = Shift(*ctx_.previous_quarter, "Y", -*n);
      return Value{AtGranularity(*d, "Q"), TimexAnchor::kPreviousMention};
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
    const int minute = Number(1).value_or(0);
    if (minute > 59 || (hour == 24 && minute > 0)) return std::nullopt;
    const std::string_view zone = ArgView(3);  // "-05:00", "Z" or none
    if (!ctx_.anchor) {
      return Value{absl::StrFormat("XXXX-XX-XXT%02d:%02d%s", hour, minute, ToAbsl(zone)),
                   TimexAnchor::kUnresolved};
    }
    // A time of day without one is on the last day mentioned ("on Friday
    // ... at 10:35 a.m."), else on the anchor's.
    if (ctx_.previous_day) {
      return Value{absl::StrFormat("%sT%02d:%02d%s", Day(*ctx_.previous_day), hour, minute,
                                   ToAbsl(zone)),
                   TimexAnchor::kPreviousMention};
    }
    return Anchored(absl::StrFormat("%sT%02d:%02d%s", Day(*ctx_.anchor), hour, minute, ToAbsl(zone)));
  }

  std::optional<Value> FromPrevious(const std::string& unit, int n) const {
    const std::optional<absl::CivilDay> base = ctx_.previous ? ctx_.previous : ctx_.anchor;
    if (!base) return std::nullopt;
    auto d = Shift(*base, unit, n);
    if (!d) return std::nullopt;
    const std::string v = AtGranularity(*d, unit);
    if (v.empty()) return std::nullopt;
    return Value{v, ctx_.previous ? TimexAnchor::kPreviousMention : ctx_.anchor_kind};
  }

  const DatePattern& p_;
  const Match& m_;
  const std::vector<Token>& tokens_;
  const Context& ctx_;
};

bool IsFullDate(std::string_view v) {
  return v.size() >= 10 && IsAsciiDigit(v[0]) && v[4] == '-' && v[7] == '-' && IsAsciiDigit(v[8]);
}

// The first day a DATE value covers: "1998-01-08", "1998-Q3", "1998-02",
// "1998-W02", "1998"; nullopt for references and X placeholders.
std::optional<absl::CivilDay> StartOf(std::string_view v) {
  int y;
  if (v.size() < 4 || !absl::SimpleAtoi(ToAbsl(v.substr(0, 4)), &y)) return std::nullopt;
  if (v.size() == 4) return absl::CivilDay(y, 1, 1);
  if (v[4] != '-' || v.size() < 7) return std::nullopt;
  const std::string_view rest = v.substr(5);
  int n;
  if (rest[0] == 'Q' && absl::SimpleAtoi(ToAbsl(rest.substr(1, 1)), &n)) {
    return absl::CivilDay(y, 3 * (n - 1) + 1, 1);
  }
  if (rest[0] == 'W' && absl::SimpleAtoi(ToAbsl(rest.substr(1, 2)), &n)) {
    const absl::CivilDay jan4(y, 1, 4);  // always in week 1
    return jan4 - (Weekday(jan4) - 1) + 7 * (n - 1);
  }
  if (absl::SimpleAtoi(ToAbsl(rest.substr(0, 2)), &n) && n >= 1 && n <= 12) {
    if (v.size() >= 10 && IsFullDate(v)) return ParseIsoDate(v.substr(0, 10));
    return absl::CivilDay(y, n, 1);
  }
  return std::nullopt;
}


// The first token of a clock time timex ("10 p.m.") that ends right
// before token `begin`, or before a comma or "on" there; -1 when none.
int ClockTimeBefore(const Document& doc, const std::vector<Token>& tokens, int begin) {
  if (doc.timexes().empty() || begin == 0) return -1;
  const Timex& last = doc.timexes().back();
  if (last.type != TimexType::kTime || last.value.size() < 16 || last.value[10] != 'T' ||
      last.value[13] != ':') {
    return -1;
  }
  int k = begin - 1;
  if (k > 0 && (tokens[k].lower() == "," || tokens[k].lower() == "on")) --k;
  if (tokens[k].end != last.span.end) return -1;
  while (k > 0 && tokens[k].begin > last.span.begin) --k;
  return tokens[k].begin == last.span.begin ? k : -1;
}

}  // namespace

// Finds the matches in one document, sentence by sentence; calls
// on_match(tokens, match) for each, in text order. on_match returns
// whether the match stands: when it does not, matching goes on from the
// match's second token.
class DateStage::Matcher {
 public:
  explicit Matcher(const DateStage& stage)
      : stage_(stage),
        tokens_(buffers_.tokens),
        categories_(buffers_.categories),
        lower_(buffers_.lower),
        captures_(buffers_.captures),
        best_captures_(buffers_.best_captures) {}

  template <typename Fn>
  void ForEachMatch(const Document& doc, Fn on_match) {
    std::vector<Span> skip;  // boilerplate is not article text
    for (const Block& b : doc.blocks()) {
      if (b.kind == BlockKind::kBoilerplate) skip.push_back(b.span);
    }
    for (const Sentence& s : doc.sentences()) {
      if (std::any_of(skip.begin(), skip.end(), [&](Span b) {
            return s.span.begin >= b.begin && s.span.end <= b.end;
          })) {
        continue;
      }
      Tokenize(doc.text(), s.span.begin, s.span.end);
      const int n = static_cast<int>(tokens_.size());
      int taken = 0;  // tokens before this belong to an earlier match
      for (int i = 0; i < n;) {
        if (!tokens_[i].starts_something) {
          ++i;
          continue;
        }
        const Match best = Longest(i, taken);
        if (best.pattern < 0) {
          ++i;
          continue;
        }
        // A match whose value fails ("February 30, 2020") leaves its
        // tokens to the matches that start after its first one.
        if (!on_match(tokens_, best)) {
          ++i;
          continue;
        }
        i = taken = best.end;
      }
    }
  }

 private:
  // Cuts [begin, end) of `text` into word, number and punctuation tokens.
  void Tokenize(std::string_view text, uint32_t begin, uint32_t end) {
    tokens_.clear();
    categories_.clear();
    lower_.assign(text.data() + begin, end - begin);
    lower_.append(WordTable::kPadding, '\0');  // WordTable::Find reads past a word's end
    // Branch-free, so the compiler can do many bytes at once.
    for (char& c : lower_) c = static_cast<char>(c + ((c >= 'A' && c <= 'Z') << 5));
    uint32_t i = begin;
    while (i < end) {
      const char c = text[i];
      if (IsAsciiSpace(c)) {
        ++i;
        continue;
      }
      // Built in place: a Token assembled on the stack and copied in costs
      // store-forwarding stalls on every token.
      Token& t = tokens_.emplace_back();
      t.begin = i;
      t.first_category = categories_.size();
      bool lookup = true;
      if (IsAsciiDigit(c)) {
        while (i < end && IsAsciiDigit(text[i])) ++i;
        // "1,000" and "3.5" are quantities, not dates: one token, no category.
        bool grouped = false;
        while (i + 1 < end && (text[i] == ',' || text[i] == '.') && IsAsciiDigit(text[i + 1])) {
          grouped = true;
          ++i;
          while (i < end && IsAsciiDigit(text[i])) ++i;
        }
        while (i < end && IsAsciiLetter(text[i])) ++i;
        // Values point into the document's text, which outlives the tokens.
        if (!grouped) DigitCategories(categories_, t, text.substr(t.begin, i - t.begin));
        lookup = false;
      } else if (IsWordByte(c)) {
        while (i < end) {
          const uint8_t kind = kWordBytes[static_cast<unsigned char>(text[i])];
          if (kind == 0) break;
          // Stop at curly quotes and dashes (E2 80 xx).
          if (kind == 2 && i + 2 < end && text[i + 1] == '\x80') break;
          ++i;
        }
        if (i == t.begin) i = std::min(end, i + 3);  // a lone multi-byte mark
        t.capitalized = c >= 'A' && c <= 'Z';
      } else {
        ++i;
      }
      t.end = i;
      t.lower_data = lower_.data() + (t.begin - begin);
      if (lookup) {
        t.word = stage_.word_table_.Find(t.lower());
        if (t.word >= 0) {
          // The word's own categories: nothing to copy.
          const WordBrief& brief = stage_.word_briefs_[t.word];
          t.starts_something = t.capitalized ? brief.starts_capitalized : brief.starts_lower;
          const WordCategories& c = t.capitalized ? *brief.capitalized : *brief.lower;
          t.categories = c.values.data();
          t.category_count = static_cast<uint16_t>(c.values.size());
          t.category_mask = c.mask;
        }
      } else {
        t.starts_something = t.category_count > 0;
      }
    }
    // "'90s": a two-digit decade after an apostrophe.
    for (size_t k = 1; k < tokens_.size(); ++k) {
      Token& t = tokens_[k];
      if (t.lower().size() == 3 && IsAsciiDigit(t.lower()[0]) && t.lower()[1] == '0' &&
          t.lower()[2] == 's' && tokens_[k - 1].lower() == "'") {
        // '00s and '10s are this century's; '20s to '90s the last one's.
        static const char* const kDecades[] = {"200", "201", "192", "193", "194",
                                               "195", "196", "197", "198", "199"};
        // Appended last: a category array of its own for this token.
        const size_t at = categories_.size();
        for (uint32_t c = 0; c < t.category_count; ++c) {
          categories_.push_back(categories_[t.first_category + c]);
        }
        categories_.emplace_back(DateCategory::kDecade, kDecades[t.lower()[0] - '0']);
        t.category_mask |= uint64_t{1} << static_cast<int>(DateCategory::kDecade);
        t.starts_something = true;
        t.first_category = at;
        ++t.category_count;
      }
    }
    JoinNumberWords();
    // Categories collected here (numbers) are in place now. Words point to
    // their own; tokens without categories are never asked.
    if (!categories_.empty()) {
      for (Token& t : tokens_) {
        if (t.categories == nullptr) t.categories = categories_.data() + t.first_category;
      }
    }
  }

  bool Matches(const Element& e, const Token& t) const {
    if (e.is_category) return t.Has(e.category);
    return t.word == e.word;
  }

  // Can token t be the element after the first required one? A cheap test
  // that spares most candidates the full match.
  static bool CanFollow(const NextFilter& f, const Token* t) {
    if (f.may_end || f.any_word) return true;
    if (t == nullptr) return false;
    if (t->category_mask & f.categories) return true;
    return t->word >= 0 && (t->word == f.words[0] || t->word == f.words[1] || t->word == f.words[2]);
  }

  // Depth-first over optional elements: the longest way `p` matches from
  // token `t`.
  void MatchFrom(const CompiledPattern& p, size_t k, int t, int* best_end) {
    if (k == p.elements.size()) {
      if (t > *best_end) {
        *best_end = t;
        best_captures_ = captures_;
      }
      return;
    }
    const Element& e = p.elements[k];
    if (t < static_cast<int>(tokens_.size()) && Matches(e, tokens_[t])) {
      captures_[k] = t;
      MatchFrom(p, k + 1, t + 1, best_end);
      captures_[k] = -1;
    }
    if (e.optional) MatchFrom(p, k + 1, t, best_end);
  }

  // The longest match whose first required element is token i, extended
  // backwards over its leading optional elements as far as token `taken`;
  // ties go to the longer extent, then to the earlier pattern.
  Match Longest(int i, int taken) {
    const Token& first = tokens_[i];
    const CandidateList* candidates = nullptr;
    if (first.word >= 0) {
      const WordInfo& info = *stage_.word_by_id_[first.word];
      candidates = first.capitalized ? &info.capitalized_candidates : &info.candidates;
    } else if (first.category_count > 0) {
      candidates = &stage_.by_number_mask_[NumberMask(first)];
    }
    Match best;
    if (candidates == nullptr || candidates->patterns.empty()) return best;
    const Token* next = i + 1 < static_cast<int>(tokens_.size()) ? &tokens_[i + 1] : nullptr;
    if (!candidates->any_next &&
        (next == nullptr ||
         ((next->category_mask & candidates->next_categories) == 0 &&
          (next->word < 0 || !(candidates->next_word_bits >> (next->word % 64) & 1))))) {
      return best;  // whatever follows fits no candidate
    }
    const int n = static_cast<int>(tokens_.size());
    // captures_ holds -1 everywhere between calls: MatchFrom restores
    // what it sets.
    if (captures_.size() < stage_.longest_pattern_) {
      captures_.assign(stage_.longest_pattern_, -1);
    }
    auto any = [&](const std::vector<Element>& es, const Token& t) {
      return std::any_of(es.begin(), es.end(), [&](const Element& e) { return Matches(e, t); });
    };
    for (int c : candidates->patterns) {
      if (!CanFollow(stage_.next_filters_[c], next)) continue;
      const CompiledPattern& p = stage_.compiled_[c];
      const size_t r = p.first_required;
      int end = i;
      MatchFrom(p, r, i, &end);
      if (end == i || end < best.end) continue;
      int begin = i;
      for (size_t k = r; k-- > 0;) {
        if (begin - 1 >= taken && Matches(p.elements[k], tokens_[begin - 1])) {
          best_captures_[k] = --begin;
        } else {
          best_captures_[k] = -1;
        }
      }
      if (end == best.end && begin >= best.begin) continue;
      if (begin > 0 && any(p.not_before, tokens_[begin - 1])) continue;
      if (end < n && any(p.not_after, tokens_[end])) continue;
      if (!p.must_follow.empty() && (end >= n || !any(p.must_follow, tokens_[end]))) continue;
      best.pattern = c;
      best.begin = begin;
      best.end = end;
      std::copy(best_captures_.begin(), best_captures_.begin() + p.elements.size(),
                best.captures.begin());
    }
    if (best.pattern >= 0) best.tense = TenseAround(tokens_, best.begin, best.end);
    return best;
  }

  // The value of a number word ("five", "twenty"; "a" only before
  // "hundred" or "thousand"), or -1.
  int WordNumber(size_t k) const {
    if (k >= tokens_.size()) return -1;
    const Token& t = tokens_[k];
    if (t.word < 0 || !t.Has(DateCategory::kNumber)) return -1;
    int n;
    if (!absl::SimpleAtoi(ToAbsl(*t.Value(DateCategory::kNumber)), &n)) return -1;
    return n;
  }

  bool IsWordAt(size_t k, std::string_view w) const {
    return k < tokens_.size() && tokens_[k].lower() == w;
  }

  // Up to 99 in words from token k: "seven", "seventeen", "seventy",
  // "seventy-seven", "seventy seven" (not "a"). Sets *end past it; -1 when
  // none.
  int SmallNumber(size_t k, size_t* end) const {
    const int first = WordNumber(k);
    if (first < 1 || first > 90 || IsWordAt(k, "a") || IsWordAt(k, "an")) return -1;
    *end = k + 1;
    if (first >= 20 && first % 10 == 0) {
      size_t u = k + 1;
      if (IsWordAt(u, "-") && tokens_[u].begin == tokens_[k].end) ++u;
      const int unit = WordNumber(u);
      if (unit >= 1 && unit <= 9 && !IsWordAt(u, "a") && !IsWordAt(u, "an") &&
          (u == k + 1 || tokens_[u].begin == tokens_[u - 1].end)) {
        *end = u + 1;
        return first + unit;
      }
    }
    return first;
  }

  // Number words that make one number, from token k: "twenty-five", "a
  // hundred", "nine thousand nine hundred ninety-nine"; a year:
  // "nineteen ninety-seven", "twenty ten", and "two thousand (and) one"
  // after "year" (elsewhere "two thousand" counts). Sets *end past them and
  // *year; -1 when they are fewer than two words.
  int NumberWords(size_t k, size_t* end, bool* year) const {
    *year = false;
    size_t e;
    int n = SmallNumber(k, &e);
    if (n < 0) {
      if (!(IsWordAt(k, "a") || IsWordAt(k, "an")) ||
          !(IsWordAt(k + 1, "hundred") || IsWordAt(k + 1, "thousand"))) {
        return -1;
      }
      n = 1;
      e = k + 1;
    }
    // Years 1510-2099, but not before a hyphen: "fifteen twenty-minute
    // sessions", "twenty twelve-year-olds".
    if (n >= 15 && n <= 20) {
      size_t e2;
      const int rest = SmallNumber(e, &e2);
      if (rest >= 10 && !IsWordAt(e2, "-")) {
        *end = e2;
        *year = true;
        return n * 100 + rest;
      }
    }
    // What follows "hundred" or "thousand": "(and) fifty".
    auto add_rest = [&] {
      size_t e2;
      const size_t from = IsWordAt(e, "and") ? e + 1 : e;
      if (const int rest = SmallNumber(from, &e2); rest > 0) {
        n += rest;
        e = e2;
      }
    };
    if (n <= 9 && IsWordAt(e, "thousand")) {
      n *= 1000;
      ++e;
      size_t e2;
      if (const int h = SmallNumber(e, &e2); h > 0 && h <= 9 && IsWordAt(e2, "hundred")) {
        n += 100 * h;
        e = e2 + 1;
      }
      add_rest();
      *year = n >= 2000 && n <= 2099 && k > 0 && tokens_[k - 1].lower() == "year";
    } else if (n <= 99 && IsWordAt(e, "hundred")) {
      n *= 100;
      ++e;
      add_rest();
    }
    if (e < k + 2) return -1;
    *end = e;
    return n;
  }

  // Whether a joined number may start at token k: a cheap test that spares
  // most tokens the full reading ("a" is a number word).
  bool MayJoin(size_t k) const {
    const Token& t = tokens_[k];
    if (!t.Has(DateCategory::kNumber) || k + 1 >= tokens_.size()) return false;
    const Token& next = tokens_[k + 1];
    const char c = next.lower()[0];  // tested first: most words fail on it
    if (c == 'a' && next.lower() == "and") return true;
    if (t.word < 0) return c == '1' && next.lower().size() == 1;  // digits: "2 1/2"
    return (next.word >= 0 && next.Has(DateCategory::kNumber)) || (c == '-' && next.lower().size() == 1) ||
           (c == 'h' && next.lower() == "hundred") || (c == 't' && next.lower() == "thousand");
  }

  // The number at token k, in digits or words, and a half after it ("2
  // 1/2", "two and a half"): sets *end past the half; -1 when no half.
  int WithHalf(size_t k, size_t* end) const {
    size_t e;
    bool year;
    int n = NumberWords(k, &e, &year);  // "twenty-five and a half"
    if (n < 0 || year) {
      n = WordNumber(k);
      e = k + 1;
    }
    if (n < 0 && tokens_[k].word < 0 && tokens_[k].lower().size() <= 2 &&
        absl::SimpleAtoi(ToAbsl(tokens_[k].lower()), &n)) {
      e = k + 1;
    }
    if (n < 0 || n >= kHalfTexts) return -1;
    if (IsWordAt(e, "1") && IsWordAt(e + 1, "/") && IsWordAt(e + 2, "2") &&
        tokens_[e + 1].begin == tokens_[e].end && tokens_[e + 2].begin == tokens_[e + 1].end) {
      *end = e + 3;
      return n;
    }
    if (IsWordAt(e, "and") && IsWordAt(e + 1, "a") && IsWordAt(e + 2, "half")) {
      *end = e + 3;
      return n;
    }
    return -1;
  }

  // Joins number words into one token, like digits: "twenty-five years",
  // "the year two thousand", "January nineteen ninety-seven"; and a
  // number with a half: "2 1/2 years", "two and a half hours".
  void JoinNumberWords() {
    // Tokens before the first join stay where they are.
    size_t first = 0;
    while (first + 1 < tokens_.size() && !MayJoin(first)) ++first;
    if (first + 1 >= tokens_.size()) return;
    size_t out = first;
    for (size_t k = first; k < tokens_.size();) {
      size_t end;
      bool year = false, half = false;
      int n = -1;
      if (MayJoin(k)) {
        n = WithHalf(k, &end);
        half = n >= 0;
        if (!half) n = NumberWords(k, &end, &year);
      }
      if (n < 0) {
        if (out != k) tokens_[out] = tokens_[k];
        ++out;
        ++k;
        continue;
      }
      Token t = tokens_[k];
      t.end = tokens_[end - 1].end;
      t.lower_data = tokens_[k].lower_data;
      t.word = -1;
      t.capitalized = false;
      t.categories = nullptr;
      t.category_count = 0;
      t.category_mask = 0;
      t.first_category = categories_.size();
      // A year read from words is a year only ("nineteen ninety-seven
      // years" is no duration).
      const std::string_view text = NumberText(n, half);
      AddCategory(categories_, t, year ? DateCategory::kYear : DateCategory::kNumber, text);
      t.starts_something = true;
      tokens_[out++] = t;
      k = end;
    }
    tokens_.resize(out);
  }

  // Buffers kept per thread from one document to the next: no allocation
  // per document once they have grown.
  struct Buffers {
    std::vector<Token> tokens;
    CategorySink categories;
    std::string lower;
    std::vector<int> captures, best_captures;
  };
  static thread_local Buffers buffers_;

  const DateStage& stage_;
  std::vector<Token>& tokens_;
  CategorySink& categories_;
  std::string& lower_;
  std::vector<int>& captures_;
  std::vector<int>& best_captures_;
};

thread_local DateStage::Matcher::Buffers DateStage::Matcher::buffers_;

DateStage::DateStage(std::unique_ptr<DateRules> rules) : rules_(std::move(rules)) {
  auto word = [&](const std::string& w) -> WordInfo& {
    auto [it, added] = words_.try_emplace(w);
    if (added) it->second.id = static_cast<int>(words_.size()) - 1;
    return it->second;
  };
  // Every word of the lexicon, and every literal of the patterns.
  for (const auto& [w, entries] : rules_->lexicon()) word(w).entries = &entries;
  const auto compile = [&](const PatternElement& e) {
    Element c;
    c.is_category = e.is_category;
    c.category = e.category;
    c.optional = e.optional;
    if (!e.is_category) c.word = word(e.literal).id;
    return c;
  };
  by_category_.resize(kCategoryCount);
  const auto& patterns = rules_->patterns();
  for (int i = 0; i < static_cast<int>(patterns.size()); ++i) {
    CompiledPattern cp;
    for (const auto& e : patterns[i].elements) cp.elements.push_back(compile(e));
    for (const auto& e : patterns[i].not_before) cp.not_before.push_back(compile(e));
    for (const auto& e : patterns[i].not_after) cp.not_after.push_back(compile(e));
    for (const auto& e : patterns[i].must_follow) cp.must_follow.push_back(compile(e));
    const auto& elements = patterns[i].elements;
    while (cp.first_required + 1 < elements.size() && elements[cp.first_required].optional) {
      ++cp.first_required;
    }
    const PatternElement& e = elements[cp.first_required];
    if (e.is_category) {
      by_category_[static_cast<int>(e.category)].push_back(i);
    } else {
      word(e.literal).first_patterns.push_back(i);
    }
    // What may stand right after the first required element: the elements
    // up to and including the next required one.
    NextFilter filter;
    filter.may_end = true;
    int words = 0;
    for (size_t k = cp.first_required + 1; k < cp.elements.size(); ++k) {
      const Element& next = cp.elements[k];
      if (next.is_category) {
        filter.categories |= uint64_t{1} << static_cast<int>(next.category);
      } else if (words < 3) {
        filter.words[words++] = next.word;
      } else {
        filter.any_word = true;
      }
      if (!next.optional) {
        filter.may_end = false;
        break;
      }
    }
    next_filters_.push_back(filter);
    longest_pattern_ = std::max(longest_pattern_, cp.elements.size());
    compiled_.push_back(std::move(cp));
  }
  // Candidates per word, in lower case and capitalized.
  auto merge = [&](std::vector<int> patterns, const auto& categories) {
    for (DateCategory c : categories) {
      const auto& list = by_category_[static_cast<int>(c)];
      patterns.insert(patterns.end(), list.begin(), list.end());
    }
    std::sort(patterns.begin(), patterns.end());
    patterns.erase(std::unique(patterns.begin(), patterns.end()), patterns.end());
    CandidateList out;
    for (int p : patterns) {
      const NextFilter& f = next_filters_[p];
      out.any_next |= f.may_end || f.any_word;
      out.next_categories |= f.categories;
      for (int w : f.words) {
        if (w >= 0) out.next_word_bits |= uint64_t{1} << (w % 64);
      }
    }
    out.patterns = std::move(patterns);
    return out;
  };
  for (auto& [w, info] : words_) {
    std::vector<DateCategory> lower, capitalized;
    if (info.entries != nullptr) {
      for (const LexiconEntry& e : *info.entries) {
        capitalized.push_back(e.category);
        if (!e.capitalized_only) lower.push_back(e.category);
      }
    }
    info.candidates = merge(info.first_patterns, lower);
    info.capitalized_candidates = merge(info.first_patterns, capitalized);
  }
  by_number_mask_.resize(kNumberMasks);
  for (int mask = 0; mask < kNumberMasks; ++mask) {
    std::vector<DateCategory> categories;
    for (size_t b = 0; b < std::size(kNumberCategories); ++b) {
      if (mask & (1 << b)) categories.push_back(kNumberCategories[b]);
    }
    by_number_mask_[mask] = merge({}, categories);
  }
  // The map is complete: pointers into it stay valid from here on.
  word_by_id_.resize(words_.size());
  word_briefs_.resize(words_.size());
  word_categories_.resize(2 * words_.size());
  std::vector<std::string_view> names(words_.size());
  for (const auto& [w, info] : words_) {
    word_by_id_[info.id] = &info;
    names[info.id] = w;
    WordCategories& lower = word_categories_[2 * info.id];
    WordCategories& capitalized = word_categories_[2 * info.id + 1];
    if (info.entries != nullptr) {
      for (const LexiconEntry& e : *info.entries) {
        const uint64_t bit = uint64_t{1} << static_cast<int>(e.category);
        capitalized.values.emplace_back(e.category, e.value);
        capitalized.mask |= bit;
        if (!e.capitalized_only) {
          lower.values.emplace_back(e.category, e.value);
          lower.mask |= bit;
        }
      }
    }
    word_briefs_[info.id] = {&lower, &capitalized, !info.candidates.patterns.empty(),
                             !info.capitalized_candidates.patterns.empty()};
  }
  word_table_ = WordTable(names);
}

absl::StatusOr<std::unique_ptr<DateStage>> DateStage::Create(const DateOptions& options) {
  absl::StatusOr<std::unique_ptr<DateRules>> rules = DateRules::Load(options.rules_dir);
  if (!rules.ok()) return rules.status();
  return std::unique_ptr<DateStage>(new DateStage(*std::move(rules)));
}

absl::Status DateStage::Process(Document& doc) const {
  const auto& patterns = rules_->patterns();
  Matcher matcher(*this);

  // The anchor: the document date, or else the latest explicit full date.
  Context ctx;
  if (doc.date()) {
    ctx.anchor = doc.date();
    ctx.anchor_kind = TimexAnchor::kDocumentDate;
  } else {
    const Context none;
    matcher.ForEachMatch(doc, [&](const std::vector<Token>& tokens, const Match& m) {
      const DatePattern& p = patterns[m.pattern];
      if (p.value.id != ValueFunction::kDate || p.value.args[0] == "_") return true;
      auto v = ValueBuilder(p, m, tokens, none).Build();
      if (!v) return false;
      if (!IsFullDate(v->value)) return true;
      const absl::CivilDay d = *ParseIsoDate(v->value);
      if (!ctx.anchor || d > *ctx.anchor) ctx.anchor = d;
      return true;
    });
    if (ctx.anchor) ctx.anchor_kind = TimexAnchor::kInferredDate;
  }

  // A quarter mentioned sets the grain of "a year ago" for a few matches.
  constexpr int kQuarterReach = 4;
  int since_quarter = kQuarterReach;
  matcher.ForEachMatch(doc, [&](const std::vector<Token>& tokens, const Match& m) {
    const DatePattern& p = patterns[m.pattern];
    ctx.tense = m.tense;
    if (++since_quarter > kQuarterReach) ctx.previous_quarter.reset();
    // A day right after a clock time gives the time its day: "10 p.m.
    // Wednesday", "5 p.m. EST, March 6". The tense is the whole phrase's.
    const int time_begin = p.type == TimexType::kDate ? ClockTimeBefore(doc, tokens, m.begin) : -1;
    if (time_begin >= 0) ctx.tense = TenseAround(tokens, time_begin, m.end);
    std::optional<Value> v = ValueBuilder(p, m, tokens, ctx).Build();
    if (!v) return false;
    // The day may be unresolved ("XXXX-WXX-3" without a document date).
    if (time_begin >= 0 && v->value.size() == 10 &&
        (IsFullDate(v->value) || absl::StartsWith(v->value, "XXXX-"))) {
      Timex& time = doc.timexes().back();
      time.value = absl::StrCat(v->value, time.value.substr(time.value.find('T')));
      time.anchor = v->anchor;
      time.span.end = tokens[m.end - 1].end;
      if (IsFullDate(v->value)) ctx.previous = ctx.previous_day = ParseIsoDate(v->value);
      return true;
    }
    Timex t;
    t.span = {tokens[m.begin].begin, tokens[m.end - 1].end};
    t.type = p.type;
    t.value = v->value;
    t.anchor = v->anchor;
    // The mod: the first token matched as a MOD ("about a month") or
    // DAYMOD ("late Monday"), not a word that is one elsewhere ("two more
    // weeks", "some weeks").
    for (size_t e = 0; e < p.elements.size(); ++e) {
      const int k = m.captures[e];
      if (k < 0 || !p.elements[e].is_category) continue;
      const DateCategory c = p.elements[e].category;
      if (c != DateCategory::kMod && c != DateCategory::kDayMod) continue;
      t.mod = std::string(*tokens[k].Value(c));
      break;
    }
    if (p.type == TimexType::kDate) {
      if (auto start = StartOf(t.value)) ctx.previous = start;
      ctx.previous_day.reset();
      if (IsFullDate(t.value)) ctx.previous_day = ctx.previous;
    }
    // Only a quarter named as such sets the grain; "a year ago" at a
    // quarter's grain is a comparison, not the quarter the text is about.
    const bool names_quarter = p.value.id == ValueFunction::kQuarter ||
                               p.value.id == ValueFunction::kRelQuarter ||
                               (p.value.id == ValueFunction::kShift && p.value.args[0] == "Q");
    if (names_quarter && t.value.size() == 7 && t.value[5] == 'Q' && IsAsciiDigit(t.value[0])) {
      ctx.previous_quarter = absl::CivilDay(std::stoi(t.value.substr(0, 4)),
                                            3 * (t.value[6] - '1') + 1, 1);
      since_quarter = 0;
    }
    doc.timexes().push_back(std::move(t));
    return true;
  });
  return absl::OkStatus();
}

}  // namespace newsmark
