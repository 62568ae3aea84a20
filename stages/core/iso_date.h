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

}  // namespace newsmark

#endif  // NEWSMARK_STAGES_CORE_ISO_DATE_H_
