#include "stages/core/iso_date.h"

namespace newsmark {

std::optional<absl::CivilDay> ParseIsoDate(std::string_view s) {
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  if (s.size() > 10 && s[10] != 'T' && s[10] != ' ') return std::nullopt;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  }
  auto number = [&](size_t pos, size_t len) {
    int n = 0;
    for (size_t i = pos; i < pos + len; ++i) n = n * 10 + (s[i] - '0');
    return n;
  };
  const int year = number(0, 4), month = number(5, 2), day = number(8, 2);
  const absl::CivilDay civil(year, month, day);
  // CivilDay normalizes 2026-02-30 to March; an impossible date is an error.
  if (civil.month() != month || civil.day() != day) return std::nullopt;
  return civil;
}

}  // namespace newsmark
