// ISO 8601 calendar dates, as document dates and timex values write them.

#ifndef NEWSMARK_STAGES_CORE_ISO_DATE_H_
#define NEWSMARK_STAGES_CORE_ISO_DATE_H_

#include <optional>
#include <string_view>

#include "absl/time/civil_time.h"

namespace newsmark {

// Parses "YYYY-MM-DD", optionally followed by "T..." or " ..." (a time,
// ignored). Returns nullopt for anything else, including impossible dates.
std::optional<absl::CivilDay> ParseIsoDate(std::string_view s);

// Document dates are the years 1000 to 2999. Timex values are written with
// four-digit years (0000 to 9999), and the values anchored to a document date
// move away from it ("ten years ago", the ISO week of January 1): a thousand
// years either side keeps them four digits. Year 0 gave "-001-12-27".
inline constexpr int kFirstDocumentYear = 1000;
inline constexpr int kLastDocumentYear = 2999;
inline constexpr char kDocumentDateRange[] = "1000-01-01 to 2999-12-31";

// True when `d` may be a document date.
inline bool IsDocumentDate(absl::CivilDay d) {
  return d.year() >= kFirstDocumentYear && d.year() <= kLastDocumentYear;
}

}  // namespace newsmark

#endif  // NEWSMARK_STAGES_CORE_ISO_DATE_H_
