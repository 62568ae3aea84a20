#include "stages/dates/date_calendar.h"

#include "absl/strings/str_format.h"
#include "stages/core/iso_date.h"
#include "stages/core/strings.h"

namespace newsmark {
namespace date_internal {

int Weekday(absl::CivilDay d) {
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

// H. Hinnant's days_from_civil: years in eras of 400, months from March.
int64_t DayNumber(int64_t year, int month, int day) {
  const int64_t y = year - (month <= 2);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t year_of_era = y - era * 400;
  const int64_t day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const int64_t day_of_era =
      year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

int DaysInMonth(int64_t year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
  return month == 2 && leap ? 29 : kDays[month - 1];
}

// ISO 8601 week: the week with the year's first Thursday is week 1.
std::string IsoWeek(absl::CivilDay d) {
  const absl::CivilDay thursday = d + (4 - Weekday(d));
  const absl::CivilDay jan1(thursday.year(), 1, 1);
  const int week = static_cast<int>((thursday - jan1) / 7) + 1;
  return absl::StrFormat("%04d-W%02d", static_cast<int>(thursday.year()), week);
}

namespace {

// `n` in `width` digits, zero-padded, at `out`; n is 0 to 10^width - 1.
void PutDigits(char* out, int n, int width) {
  for (int k = width - 1; k >= 0; --k, n /= 10) out[k] = static_cast<char>('0' + n % 10);
}

}  // namespace

// "YYYY-MM-DD", written by hand: it is the most frequent value, and a
// format call costs more than the rest of building it.
std::string Day(absl::CivilDay d) {
  const int y = static_cast<int>(d.year());
  if (y < 0 || y > 9999) {
    return absl::StrFormat("%04d-%02d-%02d", y, d.month(), d.day());
  }
  char out[10] = {0, 0, 0, 0, '-', 0, 0, '-', 0, 0};
  PutDigits(out, y, 4);
  PutDigits(out + 5, d.month(), 2);
  PutDigits(out + 8, d.day(), 2);
  return std::string(out, sizeof out);
}

// "YYYY-MM", by hand like Day.
std::string Month(int year, int month) {
  if (year < 0 || year > 9999 || month < 0 || month > 99) {
    return absl::StrFormat("%04d-%02d", year, month);
  }
  char out[7] = {0, 0, 0, 0, '-', 0, 0};
  PutDigits(out, year, 4);
  PutDigits(out + 5, month, 2);
  return std::string(out, sizeof out);
}

// "YYYY".
std::string Year(int year) {
  if (year < 0 || year > 9999) return absl::StrFormat("%04d", year);
  char out[4];
  PutDigits(out, year, 4);
  return std::string(out, sizeof out);
}

// `d` moved by `n` units.
std::optional<absl::CivilDay> Shift(absl::CivilDay d, std::string_view unit, int n) {
  // Beyond ten million units no unit stays within years 1 to 9999, and
  // 7 * n or 100 * n could overflow ("613,566,757 weeks ago").
  constexpr int kMostUnits = 10'000'000;
  if (n > kMostUnits || n < -kMostUnits) return std::nullopt;
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

bool IsFullDate(std::string_view v) {
  return v.size() >= 10 && IsAsciiDigit(v[0]) && v[4] == '-' && v[7] == '-' && IsAsciiDigit(v[8]);
}

std::optional<absl::CivilDay> StartOf(std::string_view v) {
  // The most common value, a full date, without the general parse below.
  if (IsFullDate(v)) {
    if (std::optional<absl::CivilDay> d = ParseIsoDate(v.substr(0, 10))) return d;
  }
  int y;
  if (v.size() < 4 || !ParseInt(v.substr(0, 4), &y)) return std::nullopt;
  if (v.size() == 4) return absl::CivilDay(y, 1, 1);
  if (v[4] != '-' || v.size() < 7) return std::nullopt;
  const std::string_view rest = v.substr(5);
  int n;
  if (rest[0] == 'Q' && ParseInt(rest.substr(1, 1), &n)) {
    return absl::CivilDay(y, 3 * (n - 1) + 1, 1);
  }
  if (rest[0] == 'W' && ParseInt(rest.substr(1, 2), &n)) {
    const absl::CivilDay jan4(y, 1, 4);  // always in week 1
    return jan4 - (Weekday(jan4) - 1) + 7 * (n - 1);
  }
  if (ParseInt(rest.substr(0, 2), &n) && n >= 1 && n <= 12) {
    if (IsFullDate(v)) return std::nullopt;  // a day no month has ("1998-02-30"), read above
    return absl::CivilDay(y, n, 1);
  }
  return std::nullopt;
}

}  // namespace date_internal
}  // namespace newsmark
